// Campaign editor: the preview frame follows the subject, content and chosen contact while typing (debounced).
(function () {
  'use strict';
  document.addEventListener('DOMContentLoaded', function () {
    var button = document.getElementById('preview-button');
    if (!button) { return; }
    var timer = null;
    function refresh() {
      clearTimeout(timer);
      timer = setTimeout(function () { button.click(); }, 700);
    }
    document.querySelectorAll('[data-live-preview]').forEach(function (field) {
      field.addEventListener('input', refresh);
      field.addEventListener('change', refresh);
    });
    button.click();
  });
})();
