// Reads .ics files with ical.js and prints, per file, the events as JSON:
// {"file": {"name": X-WR-CALNAME, "events": [{uid, summary, start, end, sequence, alarms}]}}
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const out = {};
for (const file of process.argv.slice(2)) {
  const root = new ICAL.Component(ICAL.parse(readFileSync(file, "utf8")));
  out[file] = {
    name: root.getFirstPropertyValue("x-wr-calname"),
    events: root.getAllSubcomponents("vevent").map((vevent) => {
      const event = new ICAL.Event(vevent);
      return {
        uid: event.uid,
        summary: event.summary,
        start: event.startDate.toString(),
        end: event.endDate.toString(),
        allDay: event.startDate.isDate,
        sequence: event.sequence,
        alarms: vevent.getAllSubcomponents("valarm").length,
      };
    }),
  };
}
process.stdout.write(JSON.stringify(out));
