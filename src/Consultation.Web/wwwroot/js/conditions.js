// Show-if conditions in the browser: the same language, rules and results as
// Domain/Conditions/*.cs on the server (which stays authoritative). Both are held to
// tests/Consultation.Tests/Domain/Conditions/condition-cases.json.
(function () {
  'use strict';

  var MAX_LENGTH = 2000;
  var MAX_DEPTH = 20;
  var MOST_DIGITS = 15;
  var RESERVED = ['and', 'or', 'not', 'in', 'selected', 'answered'];
  var COMPARISONS = ['=', '!=', '<', '<=', '>', '>='];

  // The English messages are the server's localization keys (ConditionError.Messages).
  var MESSAGES = {
    UnexpectedCharacter: 'Unexpected character “{0}”',
    UnterminatedString: 'A quoted text is not closed: add the closing quote (\')',
    InvalidNumber: 'A number in a condition has at most 15 digits',
    ExpectedTest: 'Expected a question code, “not”, “(”, “selected(” or “answered(”',
    ExpectedQuestion: 'Expected a question code',
    ExpectedRow: 'Expected a row code after the dot',
    ExpectedOperator: 'Expected =, !=, <, <=, >, >= or “in”',
    ExpectedValue: 'Expected a value: a quoted text or a number',
    ExpectedText: 'Expected a quoted text',
    ExpectedSymbol: 'Expected “{0}”',
    ExpectedAndOr: 'Expected “and”, “or” or the end of the condition',
    UnexpectedEnd: 'The condition ends too early',
    TooLong: 'A condition has at most {0} characters',
    TooDeep: 'A condition nests brackets and “not” at most {0} deep',
    UnknownQuestion: 'There is no question “{0}”',
    SelfReference: 'A question cannot depend on its own answer',
    LaterQuestion: '“{0}” comes later: a condition can only use earlier answers',
    NoteQuestion: '“{0}” is a note and has no answer',
    UnknownOption: '“{1}” is not an answer of “{0}”',
    UnknownRow: '“{1}” is not a row of “{0}”',
    RowNeeded: '“{0}” is a matrix: name one of its rows, like {1}',
    RowNotAllowed: '“{0}” is not a matrix and has no rows',
    OperatorNotAllowed: '“{1}” cannot be used on “{0}”',
    NumberNeeded: '“{0}” is compared with numbers, like 3 or 2.5',
    TextNeeded: '“{0}” is compared with quoted texts, like \'yes\'',
    InvalidDate: '“{0}” is not a date: write it as \'yyyy-mm-dd\', like \'2026-03-31\''
  };

  function ConditionError(kind, position, message, args) {
    this.kind = kind;
    this.position = position;
    this.message = MESSAGES[message];
    this.args = args || [];
  }

  function fail(kind, position, message, args) {
    throw new ConditionError(kind, position, message, args);
  }

  function isDigit(c) { return c >= '0' && c <= '9'; }
  function isLower(c) { return c >= 'a' && c <= 'z'; }
  function has(object, key) { return Object.prototype.hasOwnProperty.call(object, key); }
  function isObject(value) { return value !== null && typeof value === 'object' && !Array.isArray(value); }

  // ---- Syntax: tokens, then a tree (mirrors ConditionParser.cs) ----

  function tokenize(text) {
    var tokens = [];
    var i = 0;
    function digitAt(j) { return j < text.length && isDigit(text[j]); }
    function skipDigits(j) { while (digitAt(j)) j++; return j; }
    while (i < text.length) {
      var c = text[i];
      var start = i;
      if (c === ' ' || c === '\t' || c === '\r' || c === '\n') {
        i++;
      } else if (isLower(c)) {
        while (i < text.length && (isLower(text[i]) || isDigit(text[i]) || text[i] === '_')) i++;
        tokens.push({ kind: 'word', value: text.slice(start, i), source: text.slice(start, i), position: start });
      } else if (digitAt(i) || (c === '-' && digitAt(i + 1))) {
        i = skipDigits(i + 1);
        if (i < text.length && text[i] === '.' && digitAt(i + 1)) i = skipDigits(i + 1);
        var source = text.slice(start, i);
        if (source.replace(/[^0-9]/g, '').length > MOST_DIGITS) fail('InvalidNumber', start, 'InvalidNumber');
        tokens.push({ kind: 'number', value: source, source: source, position: start });
      } else if (c === '\'') {
        var value = '';
        i++;
        for (;;) {
          if (i >= text.length) fail('UnterminatedString', start, 'UnterminatedString');
          if (text[i] === '\'') {
            if (i + 1 < text.length && text[i + 1] === '\'') { value += '\''; i += 2; continue; }
            i++;
            break;
          }
          value += text[i];
          i++;
        }
        tokens.push({ kind: 'text', value: value, source: text.slice(start, i), position: start });
      } else if ((c === '<' || c === '>' || c === '!') && i + 1 < text.length && text[i + 1] === '=') {
        i += 2;
        tokens.push({ kind: 'symbol', value: text.slice(start, i), source: text.slice(start, i), position: start });
      } else if ('(),.=<>'.indexOf(c) >= 0) {
        i++;
        tokens.push({ kind: 'symbol', value: c, source: c, position: start });
      } else {
        fail('UnexpectedCharacter', start, 'UnexpectedCharacter', [c]);
      }
    }
    tokens.push({ kind: 'end', value: '', source: '', position: text.length });
    return tokens;
  }

  function parse(text) {
    if (text.length > MAX_LENGTH) fail('TooLong', MAX_LENGTH, 'TooLong', [MAX_LENGTH]);
    var tokens = tokenize(text);
    var next = 0;
    var depth = 0;

    function peek() { return tokens[next]; }
    function take() { return tokens[next++]; }
    function is(token, value) { return (token.kind === 'symbol' || token.kind === 'word') && token.value === value; }
    function accept(value) { if (!is(peek(), value)) return false; next++; return true; }
    function expected(message, args) {
      var token = peek();
      if (token.kind === 'end') fail('UnexpectedEnd', token.position, 'UnexpectedEnd');
      fail('Expected', token.position, message, args);
    }
    function expect(symbol) { if (!accept(symbol)) expected('ExpectedSymbol', [symbol]); }
    function isQuestionCode(token) { return token.kind === 'word' && RESERVED.indexOf(token.value) < 0; }

    function flatten(items, type) {
      var flat = [];
      items.forEach(function (item) { flat = flat.concat(item.type === type ? item.items : [item]); });
      return flat;
    }

    function parseOr() {
      var items = [parseAnd()];
      while (accept('or')) items.push(parseAnd());
      return items.length === 1 ? items[0] : { type: 'or', items: flatten(items, 'or') };
    }

    function parseAnd() {
      var items = [parseUnary()];
      while (accept('and')) items.push(parseUnary());
      return items.length === 1 ? items[0] : { type: 'and', items: flatten(items, 'and') };
    }

    function parseUnary() {
      var node;
      if (is(peek(), 'not') || is(peek(), '(')) {
        var opening = take();
        if (++depth > MAX_DEPTH) fail('TooDeep', opening.position, 'TooDeep', [MAX_DEPTH]);
        if (opening.value === 'not') {
          node = { type: 'not', inner: parseUnary() };
        } else {
          node = parseOr();
          expect(')');
        }
        depth--;
        return node;
      }
      if (is(peek(), 'selected')) {
        var keyword = take();
        expect('(');
        var subject = parseReference();
        expect(',');
        if (peek().kind !== 'text') expected('ExpectedText');
        var option = parseLiteral();
        expect(')');
        return { type: 'selected', subject: subject, position: keyword.position, option: option };
      }
      if (is(peek(), 'answered')) {
        take();
        expect('(');
        node = { type: 'answered', subject: parseReference() };
        expect(')');
        return node;
      }
      if (!isQuestionCode(peek())) expected('ExpectedTest');
      return parseTest();
    }

    function parseTest() {
      var subject = parseReference();
      if (is(peek(), 'in')) {
        var keyword = take();
        expect('(');
        var values = [parseLiteral()];
        while (accept(',')) values.push(parseLiteral());
        expect(')');
        return { type: 'in', subject: subject, position: keyword.position, values: values };
      }
      if (peek().kind !== 'symbol' || COMPARISONS.indexOf(peek().value) < 0) expected('ExpectedOperator');
      var symbol = take();
      return { type: 'compare', subject: subject, operator: symbol.value, position: symbol.position, value: parseLiteral() };
    }

    function parseReference() {
      if (!isQuestionCode(peek())) expected('ExpectedQuestion');
      var code = take();
      if (!accept('.')) return { code: code.value, position: code.position, row: null, rowPosition: -1 };
      if (peek().kind !== 'word') expected('ExpectedRow');
      var row = take();
      return { code: code.value, position: code.position, row: row.value, rowPosition: row.position };
    }

    function parseLiteral() {
      var token = peek();
      if (token.kind === 'text') { take(); return { text: token.value, number: null, position: token.position }; }
      if (token.kind === 'number') { take(); return { text: null, number: Number(token.value), position: token.position }; }
      return expected('ExpectedValue');
    }

    var root = parseOr();
    if (peek().kind !== 'end') expected('ExpectedAndOr');
    return root;
  }

  // ---- Type rules against the questionnaire (mirrors ConditionChecker.cs) ----

  function refName(reference) { return reference.row === null ? reference.code : reference.code + '.' + reference.row; }

  function isOneChoice(type) { return type === 'SingleChoice' || type === 'Scale' || type === 'YesNo' || type === 'Matrix'; }

  function isDate(text) {
    var match = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/.exec(text);
    if (!match) return false;
    var year = Number(match[1]), month = Number(match[2]), day = Number(match[3]);
    var leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    var days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
    return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= days;
  }

  function checker(subjects, selfCode, laterCodes) {
    var earlier = {};
    subjects.forEach(function (s) { if (!has(earlier, s.code)) earlier[s.code] = s; });
    var later = laterCodes || [];

    function resolve(reference, wholeMatrixAllowed) {
      var code = reference.code;
      if (code === selfCode) fail('SelfReference', reference.position, 'SelfReference', [code]);
      if (!has(earlier, code)) {
        if (later.indexOf(code) >= 0) fail('LaterQuestion', reference.position, 'LaterQuestion', [code]);
        fail('UnknownQuestion', reference.position, 'UnknownQuestion', [code]);
      }
      var subject = earlier[code];
      if (subject.type === 'Note') fail('NoteQuestion', reference.position, 'NoteQuestion', [code]);
      if (reference.row !== null) {
        if (subject.type !== 'Matrix') fail('RowNotAllowed', reference.rowPosition, 'RowNotAllowed', [code]);
        if ((subject.rowCodes || []).indexOf(reference.row) < 0) fail('UnknownRow', reference.rowPosition, 'UnknownRow', [code, reference.row]);
      } else if (subject.type === 'Matrix' && !wholeMatrixAllowed) {
        var rows = subject.rowCodes || [];
        fail('RowNeeded', reference.position, 'RowNeeded', [code, code + '.' + (rows.length > 0 ? rows[0] : 'row')]);
      }
      return subject;
    }

    function literalError(reference, value) {
      if (value.number === null) fail('WrongLiteral', value.position, 'NumberNeeded', [refName(reference)]);
      fail('WrongLiteral', value.position, 'TextNeeded', [refName(reference)]);
    }

    function notAllowed(reference, what, position) {
      fail('OperatorNotAllowed', position, 'OperatorNotAllowed', [refName(reference), what]);
    }

    function checkOption(reference, subject, value) {
      if (value.text === null) literalError(reference, value);
      var options = subject.type === 'YesNo' ? ['yes', 'no'] : (subject.optionCodes || []);
      if (options.indexOf(value.text) < 0) fail('UnknownOption', value.position, 'UnknownOption', [refName(reference), value.text]);
    }

    function checkNumber(reference, value) {
      if (value.number === null) literalError(reference, value);
    }

    function check(node) {
      var subject;
      switch (node.type) {
        case 'or':
        case 'and':
          node.items.forEach(check);
          return;
        case 'not':
          check(node.inner);
          return;
        case 'answered':
          resolve(node.subject, true);
          return;
        case 'selected':
          subject = resolve(node.subject, false);
          if (node.subject.row !== null || ['SingleChoice', 'MultipleChoice', 'Ranking'].indexOf(subject.type) < 0) notAllowed(node.subject, 'selected', node.position);
          checkOption(node.subject, subject, node.option);
          return;
        case 'compare':
          subject = resolve(node.subject, false);
          var equality = node.operator === '=' || node.operator === '!=';
          if (isOneChoice(subject.type) && equality) checkOption(node.subject, subject, node.value);
          else if ((subject.type === 'ShortText' || subject.type === 'LongText' || subject.type === 'Email') && equality) {
            if (node.value.text === null) literalError(node.subject, node.value);
          } else if (subject.type === 'Number' || subject.type === 'Rating') checkNumber(node.subject, node.value);
          else if (subject.type === 'Date') {
            if (node.value.text === null) literalError(node.subject, node.value);
            if (!isDate(node.value.text)) fail('InvalidDate', node.value.position, 'InvalidDate', [node.value.text]);
          } else notAllowed(node.subject, node.operator, node.position);
          return;
        case 'in':
          subject = resolve(node.subject, false);
          if (isOneChoice(subject.type)) node.values.forEach(function (v) { checkOption(node.subject, subject, v); });
          else if (subject.type === 'Number' || subject.type === 'Rating') node.values.forEach(function (v) { checkNumber(node.subject, v); });
          else notAllowed(node.subject, 'in', node.position);
          return;
      }
    }

    return check;
  }

  // ---- Evaluation (mirrors ConditionNodes.cs): unanswered and odd shapes never match ----

  function answerOf(reference, answers) {
    if (!isObject(answers) || !has(answers, reference.code)) return null;
    var value = answers[reference.code];
    if (value === null || value === undefined) return null;
    if (reference.row === null) return value;
    if (!isObject(value) || !has(value, reference.row)) return null;
    var cell = value[reference.row];
    return cell === undefined ? null : cell;
  }

  // -1, 0 or 1; null when the answer and the value are not of the same kind.
  function compare(answer, value) {
    if (value.text !== null && typeof answer === 'string') return answer < value.text ? -1 : answer > value.text ? 1 : 0;
    if (value.number !== null && typeof answer === 'number' && isFinite(answer)) return answer < value.number ? -1 : answer > value.number ? 1 : 0;
    return null;
  }

  function evaluateNode(node, answers) {
    var answer;
    switch (node.type) {
      case 'or': return node.items.some(function (i) { return evaluateNode(i, answers); });
      case 'and': return node.items.every(function (i) { return evaluateNode(i, answers); });
      case 'not': return !evaluateNode(node.inner, answers);
      case 'answered': return answerOf(node.subject, answers) !== null;
      case 'selected':
        answer = answerOf(node.subject, answers);
        if (Array.isArray(answer)) return answer.some(function (c) { return typeof c === 'string' && c === node.option.text; });
        return typeof answer === 'string' && answer === node.option.text;
      case 'in':
        answer = answerOf(node.subject, answers);
        return answer !== null && node.values.some(function (v) { return compare(answer, v) === 0; });
      case 'compare':
        answer = answerOf(node.subject, answers);
        var order = answer === null ? null : compare(answer, node.value);
        if (order === null) return false;
        switch (node.operator) {
          case '=': return order === 0;
          case '!=': return order !== 0;
          case '<': return order < 0;
          case '<=': return order <= 0;
          case '>': return order > 0;
          default: return order >= 0;
        }
    }
    return false;
  }

  // Subjects are { code, type (QuestionType name), optionCodes, rowCodes }, the earlier questions in order.
  function check(text, subjects, selfCode, laterCodes) {
    try {
      checker(subjects || [], selfCode === undefined ? null : selfCode, laterCodes)(parse(String(text)));
      return { ok: true };
    } catch (e) {
      if (!(e instanceof ConditionError)) throw e;
      return { ok: false, kind: e.kind, position: e.position, message: e.message, args: e.args };
    }
  }

  // Throws a ConditionError when the text is not a condition at all, as Condition.Parse does.
  function evaluate(text, answers) {
    return evaluateNode(parse(String(text)), answers);
  }

  window.ConsultationConditions = { check: check, evaluate: evaluate, reservedWords: RESERVED.slice() };
})();
