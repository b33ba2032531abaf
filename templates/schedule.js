// Filters, search and the detail panel. Text is only ever set with textContent: nothing from the
// schedule becomes markup.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("tasks").textContent);
  var rows = Array.prototype.slice.call(document.querySelectorAll(".gantt [data-i]"));
  var stages = Array.prototype.slice.call(document.querySelectorAll(".gantt [data-stage-head]"));
  var unit = document.getElementById("unit"), stage = document.getElementById("stage");
  var search = document.getElementById("search"), shown = document.getElementById("shown");
  var cells = {};
  rows.forEach(function (cell) { (cells[cell.dataset.i] = cells[cell.dataset.i] || []).push(cell); });
  // a row's own box (a table row in print, a grid on a phone) is hidden with its cells
  Object.keys(cells).forEach(function (i) { cells[i].push(cells[i][0].parentNode); });
  var keys = Object.keys(cells);
  var haystack = {};
  keys.forEach(function (i) {
    var t = data[i];
    haystack[i] = [t.task, t.when, t.stage || "", t.notes || "", t.roles.map(function (r) { return r[0]; }).join(" ")].join(" ").toLowerCase();
  });
  function filter() {
    var started = performance.now();
    var u = unit.value, s = stage.value, q = search.value.trim().toLowerCase();
    var visibleStages = {}, count = 0;
    keys.forEach(function (i) {
      var t = data[i];
      var ok = (!u || t.roles.some(function (r) { return r[0] === u; })) && (!s || t.stage === s) && (!q || haystack[i].indexOf(q) >= 0);
      cells[i].forEach(function (c) { c.hidden = !ok; });
      if (ok) { count += 1; visibleStages[t.stage || ""] = true; }
    });
    stages.forEach(function (c) { c.hidden = !visibleStages[c.dataset.stageHead]; });
    shown.textContent = "显示 " + count + " / " + keys.length + " 项";
    document.body.dataset.filterMs = (performance.now() - started).toFixed(1);
  }
  [unit, stage].forEach(function (el) { el.addEventListener("change", filter); });
  search.addEventListener("input", filter);

  var panel = document.getElementById("detail");
  var fill = schedgenDetail(panel, data);
  function show(i) {
    rows.forEach(function (c) { c.classList.toggle("selected", c.dataset.i === i); });
    fill(i);
  }
  rows.forEach(function (cell) {
    cell.addEventListener("click", function () { show(cell.dataset.i); });
  });
  panel.querySelector("button").addEventListener("click", function () { panel.hidden = true; });
  document.addEventListener("keydown", function (e) { if (e.key === "Escape") { panel.hidden = true; } });
  filter();
  // after the first rows are laid out, before they are painted: no layout of its own
  window.requestAnimationFrame(function () { schedgenAxis(document.querySelector(".gantt .axis")); });
})();
