// The page of a large plan: rows come as JSON and only those in view are drawn, so the page opens
// and filters at once; before printing every row that passes the filter is drawn. Text is only ever
// set with textContent: nothing from the schedule becomes markup.
(function () {
  "use strict";
  var ROW = 30, MORE = 15;
  var data = JSON.parse(document.getElementById("tasks").textContent);
  var packed = JSON.parse(document.getElementById("rows").textContent);
  var lines = packed.rows, asOf = packed.asof;
  var main = document.querySelector(".gantt"), axis = main.querySelector(".axis");
  var unit = document.getElementById("unit"), stage = document.getElementById("stage");
  var search = document.getElementById("search"), shown = document.getElementById("shown");
  var panel = document.getElementById("detail");
  var haystack = data.map(function (t) {
    return [t.task, t.when, t.stage || "", t.notes || "", t.roles.map(function (r) { return r[0]; }).join(" ")].join(" ").toLowerCase();
  });
  var top = spacer(), bottom = spacer(), drawn = [], visible = [], printing = false, selected = null, pending = false;
  // where the first row starts in the document and how far the page is scrolled, read when they change:
  // read in a filter, they would force a layout of the whole page (with a long <select>, ~0.4 s)
  var rowsTop = 0, scrolled = 0;
  main.appendChild(top);
  main.appendChild(bottom);

  function spacer() { var d = document.createElement("div"); d.className = "spacer"; return d; }
  function el(tag, cls, text) {
    var d = document.createElement(tag);
    d.className = cls;
    if (text !== undefined) { d.textContent = text; }
    return d;
  }
  function lane(cls, marks) {
    var d = el("div", cls);
    marks.forEach(function (m) { d.appendChild(m); });
    if (asOf !== null) { var a = el("span", "asof"); a.style.left = asOf + "%"; d.appendChild(a); }
    return d;
  }
  function mark(m) {
    // [shape, state, left, width or null, title, date]
    var s = el("span", "mark " + m[0] + " s-" + m[1]);
    s.style.left = m[2] + "%";
    if (m[3] !== null) { s.style.width = m[3] + "%"; }
    s.title = m[4];
    s.dataset.date = m[5];
    return s;
  }
  function cells(line) {
    if (line[0] === "s") {
      // ["s", name, label, bar left or null, bar width]
      var head = el("div", "stage", line[2]);
      var marks = [];
      if (line[3] !== null) { var b = el("span", "mark bar"); b.style.left = line[3] + "%"; b.style.width = line[4] + "%"; marks.push(b); }
      var bar = lane("lane stagebar", marks);
      head.dataset.stageHead = bar.dataset.stageHead = line[1];
      return [head, bar];
    }
    // [i, number, id, state, units, marks]
    var i = line[0], t = data[i];
    var row = [
      el("div", "row no " + line[3], String(line[1])),
      el("div", "row task", t.task),
      el("div", "row units col-units", line[4]),
      el("div", "row when col-when", t.when),
      lane("row lane", line[5].map(mark))
    ];
    row[4].id = "lane-" + line[2];
    row.forEach(function (c) {
      c.dataset.i = i;
      if (String(i) === selected) { c.classList.add("selected"); }
      c.addEventListener("click", function () { show(String(i)); });
    });
    return row;
  }
  function draw() {
    pending = false;
    var first = 0, last = visible.length;
    if (!printing) {
      first = Math.max(0, Math.floor((scrolled - rowsTop) / ROW) - MORE);
      last = Math.min(visible.length, first + Math.ceil(window.innerHeight / ROW) + 2 * MORE);
    }
    drawn.forEach(function (c) { main.removeChild(c); });
    drawn = [];
    var fragment = document.createDocumentFragment();
    for (var n = first; n < last; n += 1) {
      cells(lines[visible[n]]).forEach(function (c) { drawn.push(c); fragment.appendChild(c); });
    }
    main.insertBefore(fragment, bottom);
    top.style.height = first * ROW + "px";
    bottom.style.height = (visible.length - last) * ROW + "px";
  }
  function later() { if (!pending) { pending = true; window.requestAnimationFrame(draw); } }

  function filter() {
    var started = performance.now();
    var u = unit.value, s = stage.value, q = search.value.trim().toLowerCase();
    var heading = -1, count = 0;
    visible = [];
    lines.forEach(function (line, n) {
      if (line[0] === "s") { heading = n; return; }
      var i = line[0], t = data[i];
      if ((!u || t.roles.some(function (r) { return r[0] === u; })) && (!s || t.stage === s) && (!q || haystack[i].indexOf(q) >= 0)) {
        if (heading >= 0 && lines[heading][1] === (t.stage || "")) { visible.push(heading); heading = -1; }
        visible.push(n);
        count += 1;
      }
    });
    shown.textContent = "显示 " + count + " / " + data.length + " 项";
    draw();
    document.body.dataset.filterMs = (performance.now() - started).toFixed(1);
  }
  [unit, stage].forEach(function (e) { e.addEventListener("change", filter); });
  search.addEventListener("input", filter);
  window.addEventListener("scroll", function () { scrolled = window.scrollY; later(); }, { passive: true });
  function measure() {
    scrolled = window.scrollY;
    rowsTop = main.getBoundingClientRect().top + scrolled + axis.offsetHeight;
    later();
  }
  window.addEventListener("resize", measure);
  window.addEventListener("beforeprint", function () { printing = true; draw(); });
  window.addEventListener("afterprint", function () { printing = false; draw(); });

  var fill = schedgenDetail(panel, data);
  function show(i) {
    selected = i;
    drawn.forEach(function (c) { c.classList.toggle("selected", c.dataset.i === i); });
    fill(i);
  }
  panel.querySelector("button").addEventListener("click", function () { panel.hidden = true; });
  document.addEventListener("keydown", function (e) { if (e.key === "Escape") { panel.hidden = true; } });
  measure();
  filter();
})();
