// Progressive enhancements only: every page works without scripts.
(function () {
  'use strict';

  // On the answer page, the language links in the header submit the answers form with the
  // matching in-form button, so that what was typed is kept when the language changes.
  document.addEventListener('click', function (event) {
    var link = event.target.closest('a[data-switch-language][data-switch-form]');
    if (!link || !link.dataset.switchForm) return;
    var form = document.getElementById(link.dataset.switchForm);
    if (!form) return;
    var button = Array.prototype.find.call(form.querySelectorAll('button[name="switchLanguage"]'), function (b) {
      return b.value === link.dataset.switchLanguage;
    });
    if (!button) return;
    event.preventDefault();
    form.requestSubmit(button);
  });

  // The error summary takes focus, so screen readers announce it and keyboards start from it.
  var summary = document.querySelector('[data-error-summary]');
  if (summary) summary.focus();
})();

// Excel summaries: follow a requested summary from queued to done without reloading the page.
(function () {
  'use strict';
  var cells = document.querySelectorAll('[data-export-status][data-status-url]');
  Array.prototype.forEach.call(cells, function (cell) {
    var url = cell.getAttribute('data-status-url');
    if (!url) return;
    var timer = window.setInterval(function () {
      fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (state) {
          if (!state) return;
          cell.textContent = state.label;
          cell.setAttribute('data-export-status', state.status);
          if (state.status === 'Done' || state.status === 'Failed') {
            window.clearInterval(timer);
            var link = cell.parentElement.querySelector('[data-export-download]');
            if (link && state.download) { link.href = state.download; link.hidden = false; }
          }
        })
        .catch(function () { /* try again at the next tick */ });
    }, 1500);
  });
})();

// Questionnaire builder: drag a question onto another (it goes before it) or onto a section (it goes
// last). The drop fills and sends a plain form; the arrow buttons do the same without scripts.
(function () {
  'use strict';
  var form = document.getElementById('place-question-form');
  if (!form) return;
  var dragged = null;

  document.addEventListener('dragstart', function (event) {
    var row = event.target.closest && event.target.closest('[data-drag-question]');
    if (!row) return;
    dragged = row.getAttribute('data-drag-question');
    event.dataTransfer.effectAllowed = 'move';
    event.dataTransfer.setData('text/plain', dragged);
    row.classList.add('builder-dragging');
  });

  document.addEventListener('dragend', function (event) {
    var row = event.target.closest && event.target.closest('[data-drag-question]');
    if (row) row.classList.remove('builder-dragging');
    dragged = null;
  });

  document.addEventListener('dragover', function (event) {
    if (dragged && event.target.closest('[data-drop-section]')) event.preventDefault();
  });

  document.addEventListener('drop', function (event) {
    var section = event.target.closest('[data-drop-section]');
    if (!dragged || !section) return;
    event.preventDefault();
    var target = event.target.closest('[data-drag-question]');
    var before = target ? target.getAttribute('data-drag-question') : '';
    if (before === dragged) return;
    form.elements.code.value = dragged;
    form.elements.section.value = section.getAttribute('data-drop-section');
    form.elements.before.value = before;
    form.submit();
  });
})();
