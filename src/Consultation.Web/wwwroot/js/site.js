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
