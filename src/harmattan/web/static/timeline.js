/* The timeline's brush: drag across the chart to set the page's date range (since/until in the URL),
   so the map, the list and the charts all narrow to it. Reads the chart's geometry from data-* attributes. */
(function () {
  "use strict";
  var svg = document.getElementById("timeline");
  if (!svg) { return; }
  var first = Date.parse(svg.dataset.first + "T00:00:00Z");
  var step = parseFloat(svg.dataset.step), pad = parseFloat(svg.dataset.pad);
  var days = parseInt(svg.dataset.bucketDays, 10), buckets = parseInt(svg.dataset.buckets, 10);
  var height = parseFloat(svg.dataset.height);
  var NS = "http://www.w3.org/2000/svg";
  var brush = null, x0 = null;

  function toSvgX(evt) {
    var pt = svg.createSVGPoint();
    pt.x = evt.clientX; pt.y = evt.clientY;
    return pt.matrixTransform(svg.getScreenCTM().inverse()).x;
  }
  function bucket(x) { return Math.max(0, Math.min(buckets - 1, Math.floor((x - pad) / step))); }
  function day(ms) { return new Date(ms).toISOString().slice(0, 10); }

  svg.addEventListener("pointerdown", function (evt) {
    x0 = toSvgX(evt);
    brush = document.createElementNS(NS, "rect");
    brush.setAttribute("class", "brush");
    brush.setAttribute("y", "0"); brush.setAttribute("height", String(height));
    brush.setAttribute("x", String(x0)); brush.setAttribute("width", "0");
    svg.appendChild(brush);
    svg.setPointerCapture(evt.pointerId);
    evt.preventDefault();
  });
  svg.addEventListener("pointermove", function (evt) {
    if (x0 === null) { return; }
    var x = toSvgX(evt);
    brush.setAttribute("x", String(Math.min(x0, x)));
    brush.setAttribute("width", String(Math.abs(x - x0)));
  });
  svg.addEventListener("pointerup", function (evt) {
    if (x0 === null) { return; }
    var x1 = toSvgX(evt);
    var a = bucket(Math.min(x0, x1)), b = bucket(Math.max(x0, x1));
    x0 = null;
    var since = day(first + a * days * 86400000), until = day(first + ((b + 1) * days - 1) * 86400000);
    var url = new URL(window.location.href);
    url.searchParams.set("since", since);
    url.searchParams.set("until", until);
    url.searchParams.delete("page");
    url.searchParams.delete("done");
    svg.dataset.brushed = since + "/" + until;
    window.location.assign(url.toString());
  });
})();
