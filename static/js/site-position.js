// A small map with the site's position, on the site's public page.
// The page only carries the position when the visitor may see it.
(function () {
  "use strict";
  var box = document.getElementById("site-position");
  if (!box || typeof L === "undefined") {
    return;
  }
  var position = [parseFloat(box.dataset.lat), parseFloat(box.dataset.lng)];
  if (isNaN(position[0]) || isNaN(position[1])) {
    return;
  }
  var map = L.map(box, { scrollWheelZoom: false }).setView(position, 16);
  // Tiles come from outside; if they fail the marker still shows.
  L.tileLayer(box.dataset.tiles, {
    maxZoom: 19,
    attribution: "&copy; OpenStreetMap",
  }).addTo(map);
  L.marker(position, { title: box.dataset.label }).addTo(map);
})();
