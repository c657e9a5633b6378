// The print view's button: shown only with scripts, since printing without them is the browser's own command.
(function () {
  'use strict';
  Array.prototype.forEach.call(document.querySelectorAll('button[data-print]'), function (button) {
    button.hidden = false;
    button.addEventListener('click', function () { window.print(); });
  });
})();
