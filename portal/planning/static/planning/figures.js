// Charts of the figures page; the numbers come from the page itself.
(function () {
  "use strict";
  var source = document.getElementById("chart-data");
  if (!source || typeof Chart === "undefined") {
    return;
  }
  var data = JSON.parse(source.textContent);

  function chart(id, config) {
    var canvas = document.getElementById(id);
    if (canvas) new Chart(canvas, config);
  }

  chart("chart-months", {
    type: "bar",
    data: {
      labels: data.months.labels,
      datasets: [
        { label: data.months.title_activities, data: data.months.activities, yAxisID: "y" },
        { label: data.months.title_hours, data: data.months.hours, type: "line", yAxisID: "y1" },
      ],
    },
    options: {
      scales: {
        y: { beginAtZero: true, position: "left" },
        y1: { beginAtZero: true, position: "right", grid: { drawOnChartArea: false } },
      },
    },
  });
  chart("chart-fields", {
    type: "bar",
    data: {
      labels: data.fields.labels,
      datasets: [{ label: data.fields.title, data: data.fields.teams }],
    },
    options: { indexAxis: "y" },
  });
  chart("chart-wards", {
    type: "bar",
    data: {
      labels: data.wards.labels,
      datasets: [
        { label: data.wards.title_sites, data: data.wards.sites },
        { label: data.wards.title_teams, data: data.wards.teams },
      ],
    },
  });
})();
