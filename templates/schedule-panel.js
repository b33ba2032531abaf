// What both pages share: the detail panel, what a clicked task says, and the axis's labels. Text is only
// ever set with textContent: nothing from the schedule becomes markup.
function schedgenDetail(panel, data) {
  "use strict";
  function line(dl, label, value, cls) {
    if (!value) { return; }
    var dt = document.createElement("dt"), dd = document.createElement("dd");
    dt.textContent = label; dd.textContent = value;
    if (cls) { dd.className = cls; }
    dl.appendChild(dt); dl.appendChild(dd);
  }
  return function fill(i) {
    var t = data[i];
    panel.querySelector("h2").textContent = t.task;
    var dl = panel.querySelector("dl");
    dl.textContent = "";
    line(dl, "时间（原文）", t.when);
    line(dl, "日期", t.dates);
    line(dl, "阶段", t.stage);
    t.roles.forEach(function (r) { line(dl, r[1], r[0]); });
    line(dl, "状态", t.state);
    line(dl, "进度", t.status);
    line(dl, "备注", t.notes);
    line(dl, "提示", t.findings.join("\n"));
    // the id `schedgen done FILE ID` asks for
    line(dl, "任务编号", t.id, "id");
    panel.hidden = false;
  };
}

// Hides the axis labels that would run into one another where the axis is narrow (a phone): the labels
// that open a year first, then every other one that has room, so that no two labels ever overlap.
function schedgenAxis(axis) {
  "use strict";
  var ticks = Array.prototype.slice.call(axis.querySelectorAll(".tick"));
  function thin() {
    var boxes = ticks.map(function (tick) {
      tick.classList.remove("crowded");
      var parts = tick.children, left = Infinity, right = -Infinity;
      for (var k = 0; k < parts.length; k += 1) {
        var r = parts[k].getBoundingClientRect();
        left = Math.min(left, r.left); right = Math.max(right, r.right);
      }
      return { tick: tick, left: left, right: right, rank: parts.length };
    });
    var order = boxes.slice().sort(function (a, b) { return b.rank - a.rank || a.left - b.left; });
    var kept = [], edge = axis.getBoundingClientRect();
    order.forEach(function (box) {
      var room = box.left >= edge.left - 1 && box.right <= edge.right + 1 && kept.every(function (k) {
        return box.right + 4 <= k.left || k.right + 4 <= box.left;
      });
      if (room) { kept.push(box); } else { box.tick.classList.add("crowded"); }
    });
  }
  var pending = false;
  window.addEventListener("resize", function () {
    if (!pending) { pending = true; window.requestAnimationFrame(function () { pending = false; thin(); }); }
  });
  thin();
}
