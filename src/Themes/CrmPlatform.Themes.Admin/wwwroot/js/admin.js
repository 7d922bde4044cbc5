// Admin behaviours wired by data attributes, so pages need no inline script (the CSP forbids it).
(function () {
  'use strict';

  // htmx requests carry the antiforgery token of the page.
  document.addEventListener('htmx:configRequest', function (event) {
    var token = document.querySelector('meta[name="request-verification-token"]');
    if (token) { event.detail.headers['RequestVerificationToken'] = token.content; }
  });

  // <form data-confirm="Delete this contact?"> asks before submitting.
  document.addEventListener('submit', function (event) {
    var form = event.target;
    var message = form.getAttribute('data-confirm');
    if (message && !window.confirm(message)) { event.preventDefault(); }
  }, true);

  // <canvas data-chart='{"type":"bar",...}'> becomes a Chart.js chart.
  function renderCharts(root) {
    if (!window.Chart) { return; }
    root.querySelectorAll('canvas[data-chart]').forEach(function (canvas) {
      if (canvas.dataset.rendered) { return; }
      canvas.dataset.rendered = '1';
      new window.Chart(canvas, JSON.parse(canvas.getAttribute('data-chart')));
    });
  }

  // <a data-copy="#id"> copies the element's text (API tokens shown once).
  document.addEventListener('click', function (event) {
    var button = event.target.closest('[data-copy]');
    if (!button) { return; }
    var source = document.querySelector(button.getAttribute('data-copy'));
    if (source && navigator.clipboard) { navigator.clipboard.writeText(source.textContent.trim()); button.textContent = 'Copied'; }
  });

  document.addEventListener('DOMContentLoaded', function () { renderCharts(document); });
  document.addEventListener('htmx:afterSettle', function (event) { renderCharts(event.target); });
  window.crm = { renderCharts: renderCharts };
})();
