// The public map of sites: markers from the GeoJSON feed, clustered, with
// filters that fetch the feed again with the same query parameters the
// API understands (category, ward, has_open_needs).
(function () {
  "use strict";
  var box = document.getElementById("site-map");
  var form = document.getElementById("map-filters");
  var list = document.getElementById("map-list");
  var status = document.getElementById("map-status");
  if (!box || !form || typeof L === "undefined") {
    return;
  }

  var CITY_CENTRE = [10.7769, 106.7009];
  var map = L.map(box).setView(CITY_CENTRE, 11);
  // Tiles come from outside; without them the markers still work.
  L.tileLayer(box.dataset.tiles, {
    maxZoom: 19,
    attribution: "&copy; OpenStreetMap",
  }).addTo(map);
  var cluster = L.markerClusterGroup({ showCoverageOnHover: false });
  map.addLayer(cluster);
  var request = 0;

  // The feed gives category codes; the filter already holds their names.
  var categoryNames = {};
  Array.prototype.forEach.call(form.elements.category.options, function (o) {
    if (o.value) categoryNames[o.value] = o.textContent;
  });

  function say(text) {
    status.textContent = text;
  }

  function query() {
    var params = new URLSearchParams();
    var category = form.elements.category.value;
    var ward = form.elements.ward.value;
    if (category) params.set("category", category);
    if (ward) params.set("ward", ward);
    if (form.elements.has_open_needs.checked) params.set("has_open_needs", "true");
    return params.toString();
  }

  // Text goes in through textContent only: names come from people.
  function popup(props) {
    var wrap = document.createElement("div");
    var link = document.createElement("a");
    link.href = props.url;
    link.textContent = props.name;
    link.className = "fw-semibold";
    wrap.appendChild(link);
    var details = document.createElement("div");
    details.className = "small";
    var category = categoryNames[props.category] || props.category;
    details.textContent = [category, props.ward].filter(Boolean).join(" · ");
    wrap.appendChild(details);
    if (props.has_open_needs) {
      var needs = document.createElement("span");
      needs.className = "badge text-bg-warning";
      needs.textContent = box.dataset.needsLabel;
      wrap.appendChild(needs);
    }
    return wrap;
  }

  function listItem(props) {
    var item = document.createElement("li");
    item.className = "list-group-item d-flex justify-content-between gap-2";
    item.dataset.site = props.id;
    var link = document.createElement("a");
    link.href = props.url;
    link.textContent = props.name;
    item.appendChild(link);
    var ward = document.createElement("span");
    ward.className = "small text-muted text-end";
    ward.textContent = props.ward || "";
    item.appendChild(ward);
    return item;
  }

  function show(features) {
    cluster.clearLayers();
    list.replaceChildren();
    var markers = [];
    features.forEach(function (feature) {
      var geometry = feature.geometry;
      if (!geometry || geometry.type !== "Point") return;
      var props = feature.properties || {};
      var lng = geometry.coordinates[0];
      var lat = geometry.coordinates[1];
      var marker = L.marker([lat, lng], { title: props.name });
      marker.bindPopup(popup(props));
      markers.push(marker);
      list.appendChild(listItem(props));
    });
    cluster.addLayers(markers);
    box.dataset.markers = String(markers.length);
    if (markers.length) {
      map.fitBounds(cluster.getBounds(), {
        padding: [24, 24],
        maxZoom: 15,
        animate: false,
      });
    }
    if (markers.length === 0) say(status.dataset.none);
    else say(status.dataset.count.replace("%(count)s", markers.length));
  }

  function load() {
    var mine = ++request;
    var params = query();
    var url = box.dataset.geojson + (params ? "?" + params : "");
    say(status.dataset.loading);
    box.setAttribute("aria-busy", "true");
    fetch(url, { headers: { Accept: "application/geo+json, application/json" } })
      .then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      })
      .then(function (data) {
        // A slower, older answer must not replace a newer one.
        if (mine === request) show(data.features || []);
      })
      .catch(function () {
        if (mine === request) say(status.dataset.failed);
      })
      .finally(function () {
        if (mine === request) box.removeAttribute("aria-busy");
      });
  }

  form.addEventListener("change", load);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    load();
  });
  load();
})();
