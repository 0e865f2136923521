// The coverage board: sites on a map coloured by neglect, and the Gini
// coefficient of visits per person cared for, by month and around Tết.
// Both load after the page, so the tables show even when they fail.
(function () {
  "use strict";

  function colour(score) {
    if (score >= 80) return "#dc3545";
    if (score >= 60) return "#fd7e14";
    if (score >= 30) return "#ffc107";
    return "#198754";
  }

  // Text goes in through textContent only: names come from people.
  function popup(box, props) {
    var wrap = document.createElement("div");
    var link = document.createElement("a");
    link.href = props.url;
    link.textContent = props.name;
    link.className = "fw-semibold";
    wrap.appendChild(link);
    var details = document.createElement("div");
    details.className = "small";
    var last = props.days_since_last_visit === null
      ? box.dataset.neverLabel
      : props.days_since_last_visit + " " + box.dataset.daysLabel;
    details.textContent = box.dataset.scoreLabel + " " + props.neglect + " · " +
      props.visits_90 + " " + box.dataset.visitsLabel + " · " + last;
    wrap.appendChild(details);
    return wrap;
  }

  function drawMap() {
    var box = document.getElementById("coverage-map");
    if (!box || typeof L === "undefined") return;
    var map = L.map(box, { preferCanvas: true }).setView([10.7769, 106.7009], 10);
    // Tiles come from outside; without them the points still show.
    L.tileLayer(box.dataset.tiles, {
      maxZoom: 19,
      attribution: "&copy; OpenStreetMap",
    }).addTo(map);
    fetch(box.dataset.geojson, { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        var layer = L.geoJSON(data, {
          pointToLayer: function (feature, latlng) {
            return L.circleMarker(latlng, {
              radius: 6,
              weight: 1,
              color: "#333",
              fillColor: colour(feature.properties.neglect),
              fillOpacity: 0.85,
            });
          },
          onEachFeature: function (feature, marker) {
            marker.bindPopup(popup(box, feature.properties));
          },
        }).addTo(map);
        box.dataset.points = String(data.features.length);
        if (data.features.length) map.fitBounds(layer.getBounds(), { maxZoom: 14 });
      })
      .catch(function () { box.dataset.points = "failed"; });
  }

  function drawGini() {
    var canvas = document.getElementById("gini-chart");
    var table = document.getElementById("gini-tet");
    if (!canvas) return;
    fetch(canvas.dataset.url, { credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        var body = table.querySelector("tbody");
        data.tet.forEach(function (t) {
          var row = document.createElement("tr");
          [t.year, t.start + " – " + t.end, t.visits, t.gini].forEach(function (v) {
            var cell = document.createElement("td");
            cell.textContent = String(v);
            row.appendChild(cell);
          });
          body.appendChild(row);
        });
        canvas.dataset.loaded = "true";
        if (typeof Chart === "undefined") return;
        var tetByMonth = data.months.map(function () { return null; });
        data.tet.forEach(function (t) {
          // Place each Tết window on the month of the new year itself.
          var parts = t.end.split("-");
          var label = parts[1] + "/" + parts[0];
          var i = data.months.indexOf(label);
          if (i >= 0) tetByMonth[i] = t.gini;
        });
        new Chart(canvas, {
          type: "line",
          data: {
            labels: data.months,
            datasets: [
              { label: canvas.dataset.monthLabel, data: data.gini, borderColor: "#0d6efd", tension: 0.2 },
              { label: canvas.dataset.tetLabel, data: tetByMonth, borderColor: "#dc3545",
                backgroundColor: "#dc3545", showLine: false, pointRadius: 6 },
              { label: canvas.dataset.meanLabel, data: data.months.map(function () { return data.mean; }),
                borderColor: "#6c757d", borderDash: [4, 4], pointRadius: 0 },
            ],
          },
          options: { scales: { y: { min: 0, max: 1 } }, animation: false },
        });
      })
      .catch(function () { canvas.dataset.loaded = "failed"; });
  }

  drawMap();
  drawGini();
})();
