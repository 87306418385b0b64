/* Harmattan events map: offline base layer (bundled boundaries), optional tiles,
   markers sized by fatalities, coloured by event type, clustered when dense.
   Reads its settings from data-* attributes of #map; no inline script. */
(function () {
  "use strict";
  var el = document.getElementById("map");
  if (!el || typeof L === "undefined") { return; }
  var status = document.getElementById("map-status");
  var TYPES = {
    "Battles": "battles", "Explosions/Remote violence": "explosions", "Violence against civilians": "vac",
    "Protests": "protests", "Riots": "riots", "Strategic developments": "strategic", "Disaster": "disaster"
  };
  var map = L.map(el, { minZoom: 3, maxZoom: 14, attributionControl: true }).setView([13, 2], 5);
  map.attributionControl.setPrefix(false);
  window.harmattanMap = map;
  if (el.dataset.tiles) {
    L.tileLayer(el.dataset.tiles, { maxZoom: 18, attribution: el.dataset.attribution || "" }).addTo(map);
  }

  function get(url) {
    return fetch(url, { headers: { "Accept": "application/json" }, credentials: "same-origin" }).then(function (r) {
      if (!r.ok) { throw new Error(url + ": HTTP " + r.status); }
      return r.json();
    });
  }

  var base = get(el.dataset.basemap).then(function (geo) {
    L.geoJSON(geo, {
      interactive: false,
      style: function (f) {
        var adm0 = f.properties.level === 0;
        return { color: adm0 ? "#6b5a45" : "#a89880", weight: adm0 ? 1.4 : 0.6, fill: adm0,
                 fillColor: "#f4efe6", fillOpacity: adm0 ? 1 : 0 };
      }
    }).addTo(map);
    el.dataset.basemapLoaded = "true";
  }).catch(function (err) { el.dataset.basemapError = String(err); });

  // Place names from the gazetteer: capitals from zoom 4, regional capitals from 6, towns from 8.
  var LABEL_ZOOM = { 1: 4, 2: 6, 3: 8 };
  var labelLayers = { 1: L.layerGroup(), 2: L.layerGroup(), 3: L.layerGroup() };
  function showLabels() {
    var shown = 0;
    Object.keys(labelLayers).forEach(function (rank) {
      var on = map.getZoom() >= LABEL_ZOOM[rank];
      if (on && !map.hasLayer(labelLayers[rank])) { map.addLayer(labelLayers[rank]); }
      if (!on && map.hasLayer(labelLayers[rank])) { map.removeLayer(labelLayers[rank]); }
      if (on) { shown += labelLayers[rank].getLayers().length; }
    });
    el.dataset.labelsShown = String(shown);
  }
  var labels = el.dataset.labels ? get(el.dataset.labels).then(function (data) {
    data.labels.forEach(function (l) {
      var span = document.createElement("span");
      span.textContent = l.name;  // text, never HTML
      var icon = L.divIcon({ className: "place-label rank-" + l.rank, html: span, iconSize: null });
      L.marker([l.lat, l.lon], { icon: icon, interactive: false, keyboard: false, zIndexOffset: -1000 })
        .addTo(labelLayers[l.rank]);
    });
    map.on("zoomend", showLabels);
    showLabels();
  }).catch(function (err) { el.dataset.labelsError = String(err); }) : Promise.resolve();

  function radius(f) { return Math.max(6, Math.min(28, 6 + 3.2 * Math.sqrt(f || 0))); }

  function toll(n) {  // a missing toll is unknown, not zero
    return n === null || n === undefined ? "toll unknown" : n + " killed";
  }

  function popup(p) {
    var box = document.createElement("div");
    var a = document.createElement("a");
    a.href = "/events/" + encodeURIComponent(p.id);
    a.textContent = p.type + (p.date ? ", " + p.date : "");
    box.appendChild(a);
    var line = document.createElement("div");
    line.textContent = (p.place || "") + " · " + toll(p.fatalities);
    box.appendChild(line);
    return box;
  }

  var clusters = L.markerClusterGroup({ maxClusterRadius: 36, disableClusteringAtZoom: 9, showCoverageOnHover: false });
  get(el.dataset.points).then(function (data) {
    var bounds = [];
    var areas = {}, nAreas = 0;
    data.points.forEach(function (p) {
      if (p.level && p.level !== "point") {  // a region or a country, not a place: one badge per area
        var key = p.level + "|" + p.place;
        (areas[key] = areas[key] || { p: p, events: [] }).events.push(p);
        nAreas += 1;
        return;
      }
      var size = Math.round(radius(p.fatalities || 0) * 2);
      var icon = L.divIcon({ className: "ev-marker " + (TYPES[p.type] || "other"), iconSize: [size, size] });
      var m = L.marker([p.lat, p.lon], { icon: icon, title: p.type + " " + (p.place || "") + " (" + toll(p.fatalities) + ")" });
      m.bindPopup(function () { return popup(p); });
      m.eventId = p.id;
      clusters.addLayer(m);
      bounds.push([p.lat, p.lon]);
    });
    map.addLayer(clusters);
    Object.keys(areas).forEach(function (key) {
      var a = areas[key];
      var icon = L.divIcon({ className: "area-badge " + a.p.level, html: String(a.events.length), iconSize: null });
      var m = L.marker([a.p.lat, a.p.lon], { icon: icon, title: a.p.place + ": " + a.events.length, zIndexOffset: -500 });
      m.bindPopup(function () {
        var box = document.createElement("div");
        var head = document.createElement("strong");
        head.textContent = a.p.place + " (" + (a.p.level === "country" ? "country" : "region") + ")";
        box.appendChild(head);
        a.events.slice(0, 20).forEach(function (p) { box.appendChild(popup(p)); });
        return box;
      });
      m.addTo(map);
    });
    el.dataset.areas = String(nAreas);
    if (bounds.length) { map.fitBounds(bounds, { padding: [30, 30], maxZoom: 8 }); }
    el.dataset.markers = String(data.count);
    if (status) {
      status.textContent = data.count + " events on the map" +
        (nAreas ? " (" + nAreas + " located only to a region or country: numbered badges, not points)." : ".");
    }
  }).catch(function (err) {
    el.dataset.markers = "error";
    if (status) { status.textContent = "Could not load events: " + (err && err.message ? err.message : String(err)); }
  }).then(function () { return base; }).then(function () { return labels; })
    .then(function () { el.dataset.ready = "true"; });
})();
