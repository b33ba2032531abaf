// The page of a large plan: rows come as columns of JSON and only those in view are drawn, so the page
// opens and filters at once; before printing every row that passes the filter is drawn. Text is only
// ever set with textContent: nothing from the schedule becomes markup.
(function () {
  "use strict";
  // ROW: a row's height in pixels, as the style sheet sets it (--row; a phone stacks three lines)
  var ROW = 30, MORE = 15;
  // one list per field, a string many tasks share named by its index in `words` (see page_rows.py)
  var plan = JSON.parse(document.getElementById("plan").textContent);
  var words = plan.words, asOf = plan.asof, total = plan.task.length;
  var main = document.querySelector(".gantt"), axis = main.querySelector(".axis");
  var unit = document.getElementById("unit"), stage = document.getElementById("stage");
  var search = document.getElementById("search"), shown = document.getElementById("shown");
  var panel = document.getElementById("detail");
  // every row in order: a task by its index, a stage's heading by -1 - its index in plan.stages
  var lines = [];
  var next = 0;
  for (var i = 0; i < total; i += 1) {
    while (next < plan.stages.length && plan.stages[next][0] === i) { lines.push(-1 - next); next += 1; }
    lines.push(i);
  }
  for (; next < plan.stages.length; next += 1) { lines.push(-1 - next); }
  var haystack = null;
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
  function marks(m) {
    // six entries a mark: shape, state, left, width or null, title, date
    var found = [];
    for (var k = 0; k < m.length; k += 6) {
      var s = el("span", "mark " + words[m[k]] + " s-" + words[m[k + 1]]);
      s.style.left = m[k + 2] + "%";
      if (m[k + 3] !== null) { s.style.width = m[k + 3] + "%"; }
      s.title = words[m[k + 4]];
      s.dataset.date = words[m[k + 5]];
      found.push(s);
    }
    return found;
  }
  function cells(line) {
    if (line < 0) {
      // [first task, name, label, bar left or null, bar width]
      var s = plan.stages[-1 - line], head = el("div", "stage", words[s[2]]), bars = [];
      if (s[3] !== null) { var b = el("span", "mark bar"); b.style.left = s[3] + "%"; b.style.width = s[4] + "%"; bars.push(b); }
      var bar = lane("lane stagebar", bars), wrap = el("div", "tr stagerow");
      head.dataset.stageHead = bar.dataset.stageHead = wrap.dataset.stageHead = words[s[1]];
      [head, el("div", "gap"), el("div", "gap"), el("div", "gap"), bar].forEach(function (c) { wrap.appendChild(c); });
      return wrap;
    }
    var i = line;
    var row = [
      el("div", "row no " + words[plan.state[i]], String(plan.no[i])),
      el("div", "row task", plan.task[i]),
      el("div", "row units col-units", plan.units[i].map(function (w) { return words[w]; }).join("、")),
      el("div", "row when col-when", words[plan.when[i]]),
      lane("row lane", marks(plan.marks[i]))
    ];
    row[4].id = "lane-" + plan.id[i];
    var tr = el("div", "tr");
    tr.title = "任务编号 " + plan.id[i];
    row.forEach(function (c) {
      c.dataset.i = i;
      if (String(i) === selected) { c.classList.add("selected"); }
      c.addEventListener("click", function () { show(String(i)); });
      tr.appendChild(c);
    });
    return tr;
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
      var c = cells(visible[n]);
      drawn.push(c);
      fragment.appendChild(c);
    }
    main.insertBefore(fragment, bottom);
    top.style.height = first * ROW + "px";
    bottom.style.height = (visible.length - last) * ROW + "px";
  }
  function later() { if (!pending) { pending = true; window.requestAnimationFrame(draw); } }

  function searchable() {
    // what a search looks through, made once the first rows are painted (or at the first search)
    if (haystack === null) {
      haystack = new Array(total);
      for (var i = 0; i < total; i += 1) {
        var text = plan.task[i] + " " + words[plan.when[i]] + " " + words[plan.stage[i]] + " " + (plan.notes[i] || "") + " ";
        for (var k = 0, roles = plan.roles[i]; k < roles.length; k += 2) { text += (k ? " " : "") + words[roles[k]]; }
        haystack[i] = text.toLowerCase();
      }
    }
    return haystack;
  }
  function filter() {
    var started = performance.now();
    // a unit or stage as the index of its name in `words` (-1: no task names it), null for all
    var u = unit.value ? words.indexOf(unit.value) : null, s = stage.value ? words.indexOf(stage.value) : null;
    var q = search.value.trim().toLowerCase(), found = q ? searchable() : null, heading = null, count = 0;
    visible = [];
    lines.forEach(function (line) {
      if (line < 0) { heading = line; return; }
      var roles = plan.roles[line], mine = u === null;
      for (var k = 0; k < roles.length && !mine; k += 2) { mine = roles[k] === u; }
      if (mine && (s === null || plan.stage[line] === s) && (!q || found[line].indexOf(q) >= 0)) {
        if (heading !== null && plan.stages[-1 - heading][1] === plan.stage[line]) { visible.push(heading); heading = null; }
        visible.push(line);
        count += 1;
      }
    });
    shown.textContent = "显示 " + count + " / " + total + " 项";
    draw();
    document.body.dataset.filterMs = (performance.now() - started).toFixed(1);
  }
  [unit, stage].forEach(function (e) { e.addEventListener("change", filter); });
  search.addEventListener("input", filter);
  window.addEventListener("scroll", function () { scrolled = window.scrollY; later(); }, { passive: true });
  function measure() {
    ROW = parseFloat(getComputedStyle(main).getPropertyValue("--row")) || ROW;
    scrolled = window.scrollY;
    rowsTop = main.getBoundingClientRect().top + scrolled + axis.offsetHeight;
  }
  window.addEventListener("resize", function () { measure(); later(); });
  window.addEventListener("beforeprint", function () { printing = true; draw(); });
  window.addEventListener("afterprint", function () { printing = false; draw(); });

  // the panel reads a task's details by index: each is put together when its task is clicked
  var details = [], fill = schedgenDetail(panel, details);
  function show(i) {
    selected = i;
    drawn.forEach(function (tr) {
      for (var k = 0; k < tr.children.length; k += 1) { tr.children[k].classList.toggle("selected", tr.children[k].dataset.i === i); }
    });
    var roles = plan.roles[i], named = [];
    for (var k = 0; k < roles.length; k += 2) { named.push([words[roles[k]], words[roles[k + 1]]]); }
    details[i] = {
      id: plan.id[i], task: plan.task[i], when: words[plan.when[i]], dates: words[plan.dates[i]], stage: words[plan.stage[i]],
      roles: named, state: plan.states[words[plan.state[i]]], status: words[plan.status[i]],
      notes: plan.notes[i], findings: plan.findings[i].map(function (w) { return words[w]; })
    };
    fill(i);
  }
  panel.querySelector("button").addEventListener("click", function () { panel.hidden = true; });
  document.addEventListener("keydown", function (e) { if (e.key === "Escape") { panel.hidden = true; } });
  measure();
  filter();
  // after the first rows are laid out, before they are painted: no layout of its own
  window.requestAnimationFrame(function () { schedgenAxis(axis); });
  window.requestAnimationFrame(function () { window.setTimeout(searchable, 0); });
})();
