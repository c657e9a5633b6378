// Saves the answer page a few seconds after the respondent stops typing, by posting the same form to its
// Autosave handler (answered with 204). Only an enhancement: moving between pages saves without scripts.
// A public link's first save creates its resume link; the form and the address bar move to it.
(function () {
  'use strict';

  var form = document.querySelector('form[data-autosave]');
  if (!form || !window.fetch || !window.FormData) return;
  var status = document.querySelector('[data-autosave-status]');
  var delay = 3000;
  var timer = null;
  var sending = false;
  var again = false;

  function save() {
    timer = null;
    if (sending) { again = true; return; }
    sending = true;
    var data = new FormData(form);
    // Files travel only with a real submit.
    Array.prototype.forEach.call(form.querySelectorAll('input[type=file]'), function (input) { data.delete(input.name); });
    fetch(form.getAttribute('data-autosave'), { method: 'POST', body: data, credentials: 'same-origin' })
      .then(function (response) {
        if (response.status !== 204) return;
        var moved = response.headers.get('X-Resume-Path');
        if (moved && moved !== form.getAttribute('action')) {
          form.setAttribute('action', moved);
          form.setAttribute('data-autosave', moved + '?handler=Autosave');
          if (window.history && window.history.replaceState) window.history.replaceState(null, '', moved);
          showResumeLink(moved);
        }
        if (status) status.textContent = status.getAttribute('data-saved-text');
      })
      .catch(function () { /* the next move between pages saves anyway */ })
      .then(function () {
        sending = false;
        if (again) { again = false; schedule(); }
      });
  }

  // The "Continue later" panel, hidden until a public link has its resume link: the link (the pages' address without the
  // section number) and the email form's address are filled in.
  function showResumeLink(moved) {
    var panel = document.querySelector('[data-resume-panel]');
    if (!panel) return;
    var link = window.location.origin + moved.replace(/\/[0-9]+$/, '');
    var anchor = panel.querySelector('[data-resume-link]');
    if (anchor) {
      anchor.setAttribute('href', link);
      anchor.textContent = link;
    }
    var email = panel.querySelector('form.resume-form');
    if (email) email.setAttribute('action', moved + '?handler=ResumeLink');
    panel.hidden = false;
  }

  function schedule() {
    if (timer) window.clearTimeout(timer);
    timer = window.setTimeout(save, delay);
  }

  form.addEventListener('input', schedule);
  form.addEventListener('change', schedule);
  form.addEventListener('submit', function () { if (timer) window.clearTimeout(timer); });
})();
