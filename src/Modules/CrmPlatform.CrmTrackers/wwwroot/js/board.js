// Pipeline board: drag a card to another column to change its status (SortableJS). Without script, or from the
// keyboard, each card's status menu and Move button do the same through a normal form post.
(function () {
  'use strict';
  var board = document.querySelector('[data-move-url]');
  if (!board || !window.Sortable) { return; }
  var url = board.getAttribute('data-move-url');
  var token = document.querySelector('meta[name="request-verification-token"]');

  function recount() {
    board.querySelectorAll('[data-board-column]').forEach(function (column) {
      var counter = board.querySelector('[data-count="' + column.getAttribute('data-status') + '"]');
      if (counter) { counter.textContent = String(column.children.length); }
    });
  }

  board.querySelectorAll('[data-board-column]').forEach(function (column) {
    new window.Sortable(column, {
      group: 'board',
      animation: 150,
      filter: 'select, button, a',
      preventOnFilter: false,
      onEnd: function (event) {
        if (event.from === event.to) { return; }
        var card = event.item;
        var status = event.to.getAttribute('data-status');
        var body = new URLSearchParams({ leadId: card.getAttribute('data-lead-id'), status: status });
        fetch(url, {
          method: 'POST',
          headers: { 'RequestVerificationToken': token ? token.content : '', 'X-Requested-With': 'fetch', 'Content-Type': 'application/x-www-form-urlencoded' },
          body: body,
          credentials: 'same-origin'
        }).then(function (response) {
          if (!response.ok) { throw new Error('HTTP ' + response.status); }
          var select = card.querySelector('[data-card-status]');
          if (select) { select.value = status; }
          recount();
        }).catch(function () {
          window.alert('The lead could not be moved; the board will reload.');
          window.location.reload();
        });
      }
    });
  });
})();
