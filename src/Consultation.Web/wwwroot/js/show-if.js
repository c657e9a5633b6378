// Shows and hides questions as the respondent answers, by their show-if conditions (conditions.js,
// loaded first). Only an enhancement: the server evaluates the same conditions when the form is posted.
//
// Markup: <form data-decimal-separator="," [data-group-separator="."]> holding
// <div class="question" data-question="{code}" data-type="{QuestionType}" [data-show-if="{condition}"]>,
// with fields named a.{code}, a.{code}.{row} (matrix), a.{code}.rank.{option} (ranking) and
// a.{code}.day/.month/.year (a date in three parts).
(function () {
  'use strict';

  var conditions = window.ConsultationConditions;
  if (!conditions) return;

  function fieldsOf(question) {
    return Array.prototype.slice.call(question.querySelectorAll('input[name], select[name], textarea[name]'));
  }

  // Every value posted under the name: checked boxes and radios, chosen options, filled-in texts.
  function valuesOf(fields, name) {
    var values = [];
    fields.forEach(function (field) {
      if (field.name !== name) return;
      if (field.type === 'checkbox' || field.type === 'radio') {
        if (field.checked) values.push(field.value);
      } else if (field.tagName === 'SELECT') {
        Array.prototype.forEach.call(field.selectedOptions, function (option) { values.push(option.value); });
      } else if (field.type !== 'file') {
        values.push(field.value);
      }
    });
    return values.map(function (v) { return v.trim(); }).filter(function (v) { return v.length > 0; });
  }

  // As AnswerReader.TryParseNumber: the culture's decimal separator, or a point where the culture
  // does not group digits with one; a sign, no grouping.
  function parseNumber(text, form) {
    var decimal = form.getAttribute('data-decimal-separator') || '.';
    var group = form.getAttribute('data-group-separator');
    text = text.replace(/\u2212/g, '-');
    var separators = [decimal];
    if (decimal !== '.' && group !== '.') separators.push('.');
    for (var i = 0; i < separators.length; i++) {
      var parts = text.split(separators[i]);
      if (parts.length > 2) continue;
      var candidate = parts.join('.');
      if (/^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)$/.test(candidate)) return Number(candidate);
    }
    return null;
  }

  function pad(text, length) {
    while (text.length < length) text = '0' + text;
    return text;
  }

  // The answer in the shape the server stores (AnswerSet), or null when unanswered.
  function answerOf(question, code, type, form) {
    var fields = fieldsOf(question);
    var name = 'a.' + code;
    var values = valuesOf(fields, name);
    switch (type) {
      case 'Note':
        return null;
      case 'MultipleChoice':
        return values.length > 0 ? values : null;
      case 'Ranking':
        var ranked = [];
        fields.forEach(function (field) {
          var prefix = name + '.rank.';
          if (field.name.indexOf(prefix) !== 0) return;
          var rank = parseInt(valuesOf([field], field.name)[0], 10);
          if (!isNaN(rank)) ranked.push({ option: field.name.slice(prefix.length), rank: rank });
        });
        ranked.sort(function (a, b) { return a.rank - b.rank; });
        return ranked.length > 0 ? ranked.map(function (r) { return r.option; }) : null;
      case 'Matrix':
        var rows = {};
        var any = false;
        fields.forEach(function (field) {
          var row = field.name.slice(name.length + 1);
          if (field.name.indexOf(name + '.') !== 0 || row.indexOf('.') >= 0 || has(rows, row)) return;
          var chosen = valuesOf(fields, field.name);
          if (chosen.length > 0) { rows[row] = chosen[0]; any = true; }
        });
        return any ? rows : null;
      case 'Number':
      case 'Rating':
        return values.length === 1 ? parseNumber(values[0], form) : null;
      case 'Consent':
        return values.indexOf('true') >= 0 ? true : null;
      case 'FileUpload':
        var file = null;
        fields.forEach(function (field) {
          if (field.name === name && field.type === 'file' && field.files && field.files.length > 0) {
            file = { id: '', name: field.files[0].name, size: field.files[0].size, type: field.files[0].type };
          }
        });
        return file || (values.length > 0 ? { id: values[0], name: '', size: 0, type: '' } : null);
      case 'Date':
        if (values.length > 0) return values[0];
        var day = valuesOf(fields, name + '.day')[0], month = valuesOf(fields, name + '.month')[0], year = valuesOf(fields, name + '.year')[0];
        if (!/^[0-9]{1,2}$/.test(day || '') || !/^[0-9]{1,2}$/.test(month || '') || !/^[0-9]{4}$/.test(year || '')) return null;
        return year + '-' + pad(month, 2) + '-' + pad(day, 2);
      case 'ShortText':
      case 'LongText':
      case 'Email':
        return values.length > 0 ? values.join('\n').replace(/\r\n/g, '\n') : null;
      default:
        return values.length > 0 ? values[0] : null;
    }
  }

  function has(object, key) { return Object.prototype.hasOwnProperty.call(object, key); }

  // The server refuses conditions that do not parse; should one slip through, show the question.
  function shows(condition, answers) {
    try {
      return conditions.evaluate(condition, answers);
    } catch (e) {
      return true;
    }
  }

  // Hidden fields are disabled so they are neither posted nor validated; only the fields this script
  // disabled are enabled again.
  function show(question, shown) {
    question.hidden = !shown;
    fieldsOf(question).concat(Array.prototype.slice.call(question.querySelectorAll('button'))).forEach(function (field) {
      if (!shown && !field.disabled) {
        field.disabled = true;
        field.setAttribute('data-show-if-disabled', '');
      } else if (shown && field.hasAttribute('data-show-if-disabled')) {
        field.disabled = false;
        field.removeAttribute('data-show-if-disabled');
      }
    });
  }

  // In document order, so a hidden question is unanswered for the conditions after it (a cascade).
  // Answers given on earlier pages, which this page's conditions may look at (data-earlier-answers, as JSON).
  function earlierAnswers(form) {
    try {
      return JSON.parse(form.getAttribute('data-earlier-answers') || '{}') || {};
    } catch (e) {
      return {};
    }
  }

  function refresh(form) {
    var answers = earlierAnswers(form);
    Array.prototype.forEach.call(form.querySelectorAll('.question[data-question]'), function (question) {
      var code = question.getAttribute('data-question');
      var condition = question.getAttribute('data-show-if');
      var shown = !condition || shows(condition, answers);
      show(question, shown);
      if (!shown) return;
      var answer = answerOf(question, code, question.getAttribute('data-type'), form);
      if (answer !== null) answers[code] = answer;
    });
    return answers;
  }

  // The conditions in words are for pages without scripts: here the questions themselves come and go.
  Array.prototype.forEach.call(document.querySelectorAll('[data-condition-hint]'), function (hint) { hint.hidden = true; });

  Array.prototype.forEach.call(document.querySelectorAll('form'), function (form) {
    if (!form.querySelector('.question[data-show-if]')) return;
    var update = function () { refresh(form); };
    form.addEventListener('input', update);
    form.addEventListener('change', update);
    update();
  });

  window.ConsultationShowIf = { refresh: refresh };
})();
