// Contact page: open the tab named in the URL fragment (#notes after adding a note), and keep the fragment in step.
(function () {
  'use strict';
  function show(hash) {
    if (!hash || !window.bootstrap) { return; }
    var button = document.querySelector('#contact-tabs [data-bs-target="' + hash + '"]');
    if (button) { window.bootstrap.Tab.getOrCreateInstance(button).show(); }
  }
  document.addEventListener('DOMContentLoaded', function () { show(window.location.hash); });
  document.addEventListener('shown.bs.tab', function (event) {
    var target = event.target.getAttribute('data-bs-target');
    if (target && window.history.replaceState) { window.history.replaceState(null, '', target); }
  });
})();
