// Times of a consultation's schedule (time[data-local-time]) are written by the server in the consultation's
// time zone; here they are rewritten in the reader's own time zone, with its name, when that zone differs.
(function () {
  'use strict';
  var readerZone;
  try {
    readerZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch (e) {
    return;
  }
  if (!readerZone) return;
  Array.prototype.forEach.call(document.querySelectorAll('time[data-local-time]'), function (element) {
    if (element.getAttribute('data-time-zone') === readerZone) return;
    var moment = new Date(element.getAttribute('datetime'));
    if (isNaN(moment.getTime())) return;
    var language = (element.closest('[lang]') || document.documentElement).getAttribute('lang') || undefined;
    // dateStyle and timeStyle refuse timeZoneName, so the parts of a full date are named one by one.
    var format = new Intl.DateTimeFormat(language, {
      weekday: 'long', year: 'numeric', month: 'long', day: 'numeric',
      hour: 'numeric', minute: '2-digit', timeZoneName: 'long'
    });
    element.textContent = format.format(moment);
    element.setAttribute('data-reader-time-zone', readerZone);
  });
})();
