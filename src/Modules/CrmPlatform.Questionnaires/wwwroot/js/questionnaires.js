// Questionnaire builder: drag questions to reorder (SortableJS); the up/down buttons are the keyboard fallback.
(function () {
  'use strict';
  document.addEventListener('DOMContentLoaded', function () {
    var list = document.getElementById('question-list');
    if (!list || !window.Sortable) { return; }
    window.Sortable.create(list, {
      handle: '.drag-handle',
      animation: 150,
      onEnd: function () {
        var body = new URLSearchParams();
        list.querySelectorAll(':scope > li[data-id]').forEach(function (item) { body.append('order', item.getAttribute('data-id')); });
        var token = document.querySelector('meta[name="request-verification-token"]');
        fetch(list.getAttribute('data-reorder-url'), {
          method: 'POST',
          headers: { 'RequestVerificationToken': token ? token.content : '' },
          body: body
        }).then(function (response) { if (response.ok) { window.location.reload(); } });
      }
    });
  });
})();
