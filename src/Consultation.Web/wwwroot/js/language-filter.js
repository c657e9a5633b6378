// Settings: a filter box over the long language list. Without scripts the list works as it is.
(function () {
  'use strict';
  Array.prototype.forEach.call(document.querySelectorAll('input[data-language-filter]'), function (box) {
    var list = document.getElementById(box.getAttribute('data-language-filter'));
    if (!list) return;
    box.hidden = false;
    box.addEventListener('input', function () {
      var words = box.value.trim().toLowerCase();
      Array.prototype.forEach.call(list.options, function (option) {
        // Chosen languages stay visible, so a filter never hides what will be saved.
        option.hidden = words.length > 0 && !option.selected &&
          option.text.toLowerCase().indexOf(words) < 0 && option.value.toLowerCase().indexOf(words) < 0;
      });
    });
  });
})();
