// The city plan on a map: a line from each team's wards to the site it is
// asked to visit, coloured by how neglected the site is. Tiles come from
// outside; without them the lines and markers still show.
(function () {
  "use strict";
  var box = document.getElementById("plan-map");
  if (!box || typeof L === "undefined") {
    return;
  }
  var map = L.map(box).setView([10.7769, 106.7009], 11);
  L.tileLayer(box.dataset.tiles, {
    maxZoom: 19,
    attribution: "&copy; OpenStreetMap",
  }).addTo(map);

  function colour(neglect) {
    if (neglect >= 0.8) return "#b02a37";
    if (neglect >= 0.5) return "#fd7e14";
    return "#198754";
  }

  // Text goes in through textContent only: names come from people.
  function popup(props) {
    var wrap = document.createElement("div");
    var site = document.createElement("div");
    site.className = "fw-semibold";
    site.textContent = props.site;
    wrap.appendChild(site);
    var team = document.createElement("div");
    team.className = "small";
    team.textContent = [props.team, props.ward].filter(Boolean).join(" · ");
    wrap.appendChild(team);
    return wrap;
  }

  fetch(box.dataset.features, { credentials: "same-origin" })
    .then(function (answer) {
      return answer.json();
    })
    .then(function (data) {
      var layer = L.geoJSON(data, {
        style: function (feature) {
          return { color: colour(feature.properties.neglect), weight: 2, opacity: 0.7 };
        },
        pointToLayer: function (feature, latlng) {
          return L.circleMarker(latlng, { radius: 5, color: colour(feature.properties.neglect) });
        },
        onEachFeature: function (feature, item) {
          item.bindPopup(popup(feature.properties));
        },
      }).addTo(map);
      box.dataset.count = String(data.features.length);
      if (data.features.length) {
        map.fitBounds(layer.getBounds(), { maxZoom: 14 });
      }
    });
})();
