// The report page's charts (Chart.js): sessions and hours by month, coverage by court.
// The numbers come from the page's JSON data block; the tables under the charts show them too.
(function () {
  "use strict";

  var source = document.getElementById("report-charts");
  if (!source || typeof window.Chart !== "function") return;
  var data = JSON.parse(source.textContent);
  var Chart = window.Chart;
  Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;
  Chart.defaults.color = "#1d2733";
  var BRAND = "#a61b1b";
  var ACCENT = "#2457a6";
  var OK = "#1d7a46";

  function drawn(canvas) { canvas.dataset.drawn = "1"; }

  var months = document.getElementById("chart-months");
  if (months) {
    new Chart(months, {
      data: {
        labels: data.months.labels,
        datasets: [
          { type: "bar", label: data.months.sessionsLabel, data: data.months.sessions, backgroundColor: ACCENT, yAxisID: "sessions", order: 2 },
          { type: "line", label: data.months.hoursLabel, data: data.months.hours, borderColor: BRAND, backgroundColor: BRAND, yAxisID: "hours", order: 1, tension: 0.2 },
        ],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        interaction: { mode: "index", intersect: false },
        scales: {
          sessions: { type: "linear", position: "left", beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: data.months.sessionsLabel } },
          hours: { type: "linear", position: "right", beginAtZero: true, grid: { drawOnChartArea: false }, title: { display: true, text: data.months.hoursLabel } },
        },
      },
    });
    drawn(months);
  }

  var courts = document.getElementById("chart-courts");
  if (courts) {
    new Chart(courts, {
      type: "bar",
      data: {
        labels: data.courts.labels,
        datasets: [
          { label: data.courts.tier2Label, data: data.courts.tier2, backgroundColor: ACCENT },
          { label: data.courts.tier3Label, data: data.courts.tier3, backgroundColor: OK },
        ],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: { y: { beginAtZero: true, max: 100, ticks: { callback: function (value) { return value + "%"; } } } },
      },
    });
    drawn(courts);
  }
})();
