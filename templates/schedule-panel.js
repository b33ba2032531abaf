// The detail panel both pages share: what a clicked task says. Text is only ever set with textContent:
// nothing from the schedule becomes markup.
function schedgenDetail(panel, data) {
  "use strict";
  function line(dl, label, value) {
    if (!value) { return; }
    var dt = document.createElement("dt"), dd = document.createElement("dd");
    dt.textContent = label; dd.textContent = value;
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
    panel.hidden = false;
  };
}
