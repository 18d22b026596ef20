// Draws the charts of theodoi's pages with Chart.js (served by the platform, no CDN).
// Each <canvas data-chart="..."> names a <script type="application/json"> holding its data;
// labels and numbers follow the page's language (vi: 1.234,5 and 25/02/2025). Every chart
// sits beside a table with the same figures, for screen readers and for printing.
(function () {
  "use strict";
  if (typeof Chart === "undefined") { return; }
  var lang = document.documentElement.lang || "vi";
  var locale = lang === "vi" ? "vi-VN" : lang;
  var number = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  // Dates as the page writes them (vi: 25/02/2025); Luxon formats them for the time axis.
  var dayFormat = lang === "vi" ? "dd/MM/yyyy" : "yyyy-MM-dd";
  var monthFormat = lang === "vi" ? "MM/yyyy" : "yyyy-MM";
  function points(pairs) {
    return pairs.map(function (p) { return { x: p[0], y: p[1] }; });
  }
  // A time axis: each value sits at its date, so the path to the target (a steady growth from
  // the baseline) is the smooth curve it is, however unevenly the values were reported.
  function lineChart(canvas, data, small) {
    new Chart(canvas, {
      type: "line",
      data: {
        datasets: [
          { label: data.labels.values, data: points(data.values), borderColor: "#0b4f8a",
            backgroundColor: "#0b4f8a", tension: 0, spanGaps: true },
          { label: data.labels.path, data: points(data.path), borderColor: "#8a949f",
            borderDash: [6, 4], pointRadius: 0, spanGaps: true }
        ]
      },
      options: {
        responsive: true, maintainAspectRatio: false, animation: false, locale: locale,
        parsing: { xAxisKey: "x", yAxisKey: "y" },
        plugins: {
          legend: { display: !small },
          tooltip: { callbacks: {
            label: function (item) { return item.dataset.label + ": " + number.format(item.parsed.y); }
          } }
        },
        scales: {
          x: { type: "time", ticks: { display: !small, maxRotation: 0, autoSkip: true, maxTicksLimit: 8 },
               time: { tooltipFormat: dayFormat, minUnit: "day",
                       displayFormats: { day: dayFormat, week: dayFormat, month: monthFormat,
                                         quarter: monthFormat, year: "yyyy" } } },
          y: { ticks: { callback: function (v) { return number.format(v); } } }
        }
      }
    });
  }
  function barChart(canvas, data) {
    new Chart(canvas, {
      type: "bar",
      data: { labels: data.labels, datasets: [{ label: data.title, data: data.counts, backgroundColor: data.colours }] },
      options: {
        responsive: true, maintainAspectRatio: false, animation: false, locale: locale, indexAxis: "y",
        plugins: { legend: { display: false },
          tooltip: { callbacks: { label: function (item) { return number.format(item.parsed.x); } } } },
        scales: { x: { ticks: { precision: 0, callback: function (v) { return number.format(v); } } } }
      }
    });
  }
  document.querySelectorAll("canvas[data-chart]").forEach(function (canvas) {
    var source = document.getElementById(canvas.dataset.chart);
    if (!source) { return; }
    var data = JSON.parse(source.textContent);
    if (data.kind === "bar") { barChart(canvas, data); }
    else { lineChart(canvas, data, canvas.dataset.small === "true"); }
  });
})();
