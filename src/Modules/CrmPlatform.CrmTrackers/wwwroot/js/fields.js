// Tracker fields: drag rows to reorder (SortableJS); the up/down buttons are the keyboard fallback.
(function () {
  'use strict';
  var body = document.querySelector('[data-reorder-url]');
  if (!body || !window.Sortable) { return; }
  var token = document.querySelector('meta[name="request-verification-token"]');
  new window.Sortable(body, {
    handle: '.drag-handle',
    animation: 150,
    onEnd: function () {
      var params = new URLSearchParams();
      body.querySelectorAll('[data-field-id]').forEach(function (row) { params.append('fieldIds', row.getAttribute('data-field-id')); });
      fetch(body.getAttribute('data-reorder-url'), {
        method: 'POST',
        headers: { 'RequestVerificationToken': token ? token.content : '', 'Content-Type': 'application/x-www-form-urlencoded' },
        body: params,
        credentials: 'same-origin'
      }).then(function (response) {
        if (!response.ok) { throw new Error('HTTP ' + response.status); }
        window.location.reload();
      }).catch(function () {
        window.alert('The new order could not be saved; the page will reload.');
        window.location.reload();
      });
    }
  });
})();
