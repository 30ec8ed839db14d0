// The console's one script of its own. Pages carry no inline script (the CSP forbids it): behaviour is declared in
// data-* and hx-* attributes and set up here.
(function () {
  'use strict';

  function csrf() {
    var meta = document.querySelector('meta[name="csrf"]');
    return meta ? meta.content : '';
  }

  // Every request htmx makes carries the session's CSRF token (a POST without it is refused).
  document.addEventListener('htmx:configRequest', function (e) {
    e.detail.headers['X-CSRF-Token'] = csrf();
  });

  // A chart: <div data-chart='{"labels":[epoch seconds...],"series":[{"label":"Count","values":[...]}]}'>.
  function drawCharts(root) {
    if (typeof uPlot === 'undefined') return;
    root.querySelectorAll('[data-chart]').forEach(function (el) {
      if (el.dataset.drawn) return;
      el.dataset.drawn = '1';
      var spec = JSON.parse(el.dataset.chart);
      var data = [spec.labels].concat(spec.series.map(function (s) { return s.values; }));
      var series = [{}].concat(spec.series.map(function (s) {
        return { label: s.label, stroke: '#3b6ea8', fill: 'rgba(59,110,168,0.15)', width: 2 };
      }));
      new uPlot({
        // The content box: clientWidth includes the padding, which would push the legend past the element.
        width: Math.max(320, (el.clientWidth || 640) - parseFloat(getComputedStyle(el).paddingLeft || 0)
            - parseFloat(getComputedStyle(el).paddingRight || 0)),
        height: 220,
        series: series,
        scales: { x: { time: true } },
        axes: [{}, { label: spec.yLabel || '' }]
      }, data, el);
    });
  }

  // A "show all" toggle: <button data-toggle="#id"> shows or hides the element it names.
  document.addEventListener('click', function (e) {
    var t = e.target.closest('[data-toggle]');
    if (!t) return;
    var target = document.querySelector(t.dataset.toggle);
    if (target) target.hidden = !target.hidden;
  });

  // A form whose submit asks first: <form data-confirm="Reset this account?">.
  document.addEventListener('submit', function (e) {
    var f = e.target;
    if (f.dataset && f.dataset.confirm && !window.confirm(f.dataset.confirm)) e.preventDefault();
  });

  document.addEventListener('DOMContentLoaded', function () { drawCharts(document); });
  document.addEventListener('htmx:afterSettle', function (e) { drawCharts(e.target); });
})();
