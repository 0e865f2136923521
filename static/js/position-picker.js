// Pick a site's position on a map: a tap sets the latitude and longitude
// fields, and typed numbers move the marker. Without the map (no script,
// no tiles) the two fields still work on their own.
(function () {
  "use strict";
  var box = document.getElementById("position-picker");
  var lat = document.getElementById("id_latitude");
  var lng = document.getElementById("id_longitude");
  if (!box || !lat || !lng || typeof L === "undefined") {
    return;
  }
  // The centre of Ho Chi Minh City, when the site has no position yet.
  var start = [10.7769, 106.7009];
  var typed = [parseFloat(lat.value), parseFloat(lng.value)];
  var known = !isNaN(typed[0]) && !isNaN(typed[1]);
  var map = L.map(box, { zoomAnimation: false }).setView(
    known ? typed : start,
    known ? 16 : 12
  );
  L.tileLayer(box.dataset.tiles, {
    maxZoom: 19,
    attribution: "&copy; OpenStreetMap",
  }).addTo(map);
  var marker = known ? L.marker(typed).addTo(map) : null;

  function place(point) {
    if (marker) {
      marker.setLatLng(point);
    } else {
      marker = L.marker(point).addTo(map);
    }
  }

  map.on("click", function (event) {
    lat.value = event.latlng.lat.toFixed(6);
    lng.value = event.latlng.lng.toFixed(6);
    place(event.latlng);
  });

  function moveFromFields() {
    var point = [parseFloat(lat.value), parseFloat(lng.value)];
    if (!isNaN(point[0]) && !isNaN(point[1])) {
      place(point);
      map.panTo(point);
    }
  }
  lat.addEventListener("change", moveFromFields);
  lng.addEventListener("change", moveFromFields);
})();
