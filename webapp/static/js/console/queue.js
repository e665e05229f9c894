/* The shift's queue: open tickets, most urgent first, with SLA clocks that count down on the client. */
import { $, T, el, fmt, hms, statusName } from "./dom.js";
import { step } from "./api.js";
import { selectTab } from "./tabs.js";

let rows = [];
let at = Date.now();

export function setQueue(queue) { rows = queue || []; at = Date.now(); }

export function showQueue() {
  const body = $("queue-rows");
  if (!body) { return; }
  body.textContent = "";
  const passed = (Date.now() - at) / 1000;
  rows.forEach((r) => {
    const tr = el("tr", r.open ? "" : "done");
    tr.appendChild(el("td", "mono", r.number));
    const prio = el("td");
    prio.appendChild(el("span", "badge prio prio-" + r.priority, r.priority));
    tr.appendChild(prio);
    tr.appendChild(el("td", null, r.summary + (r.caller ? " — " + r.caller : "")));
    tr.appendChild(el("td", null, statusName(r.status)));
    const left = r.open ? r.sla.left_s - passed : r.sla.left_s;
    const minutes = Math.round(Math.abs(left) / 60);
    tr.appendChild(el("td", left < 0 ? "sla breach" : left < r.sla.target_min * 15 ? "sla warn" : "sla",
      left < 0 ? fmt(T.overdue, { m: minutes }) : hms(left)));
    const act = el("td");
    const open = el("button", "button secondary small", T.open);
    open.type = "button";
    open.addEventListener("click", () => { step("ticket.open", { ticket: r.number }); selectTab("ticket"); });
    act.appendChild(open);
    tr.appendChild(act);
    body.appendChild(tr);
  });
}
