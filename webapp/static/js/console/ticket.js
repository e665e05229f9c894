/* The ticket pane: create and update the call's ticket, status, internal note or customer reply,
 * assignment, known-problem link, resolution and closing. */
import { $, T, state, el, on, submit, value, statusName } from "./dom.js";
import { step } from "./api.js";

const FIELDS = ["summary", "description", "category", "subcategory", "impact", "urgency"];
const SUBCATEGORIES = JSON.parse(($("ticket-subcategories") || { textContent: "{}" }).textContent);

/** Fill the subcategory choice with the chosen category's subcategories (keeping a still valid choice). */
function fillSubcategories(category, chosen) {
  const select = $("t-subcategory");
  const keep = chosen !== undefined ? chosen : select.value;
  select.textContent = "";
  const none = el("option", null, select.dataset.none);
  none.value = "";
  select.appendChild(none);
  const subs = SUBCATEGORIES[category] || [];  // [id, name in the interface language]
  subs.forEach(([id, name]) => {
    const option = el("option", null, name);
    option.value = id;
    select.appendChild(option);
  });
  select.value = subs.some(([id]) => id === keep) ? keep : "";
  select.disabled = !(SUBCATEGORIES[category] || []).length;
}

export function showTicket(t) {
  state.ticket = t;
  const head = $("ticket-head");
  head.textContent = "";
  const save = $("ticket-save");
  if (!t) {
    head.appendChild(el("span", "badge", T.new_ticket));
    save.textContent = save.dataset.create;
    $("ticket-work").hidden = true;
    return;
  }
  head.appendChild(el("strong", "ticket-number", t.number));
  head.appendChild(el("span", "badge prio prio-" + t.priority, t.priority));
  head.appendChild(el("span", "badge status-" + t.status, statusName(t.status)));
  if (t.group) { head.appendChild(el("span", "badge", T["group_" + t.group] || t.group)); }
  save.textContent = save.dataset.update;
  $("ticket-work").hidden = false;
  FIELDS.forEach((name) => {
    const field = $("t-" + name);
    if (document.activeElement !== field && !field.dataset.dirty) {
      if (name === "subcategory") { fillSubcategories(t.category || "", t.subcategory || ""); return; }
      field.value = t[name] || "";
    }
  });
  if (["in_progress", "waiting_on_customer"].includes(t.status) && !$("t-status").dataset.dirty) {
    $("t-status").value = t.status;
  }
}

function clearDirty() { FIELDS.concat(["status"]).forEach((n) => { delete $("t-" + n).dataset.dirty; }); }

function noteKind() { return $("t-note-reply").checked ? "reply" : "internal"; }

export function wireTicket() {
  FIELDS.concat(["status"]).forEach((name) => on("t-" + name, "input", () => { $("t-" + name).dataset.dirty = "1"; }));
  on("t-category", "change", () => fillSubcategories(value("t-category"), ""));
  fillSubcategories("", "");
  submit("ticket-form", () => {
    const fields = {};
    FIELDS.forEach((name) => { fields[name] = value("t-" + name); });
    if (!state.ticket) {
      if (!fields.subcategory) { delete fields.subcategory; }
      step("ticket.create", fields).then(clearDirty);
      return;
    }
    const changed = {};
    Object.keys(fields).forEach((k) => { if (fields[k] && fields[k] !== (state.ticket[k] || "")) { changed[k] = fields[k]; } });
    const keys = Object.keys(changed);
    if (keys.length && keys.every((k) => k === "impact" || k === "urgency")) {  // a new judgement of the priority
      step("ticket.prioritise", { impact: fields.impact || state.ticket.impact, urgency: fields.urgency || state.ticket.urgency })
        .then(clearDirty);
    } else if (keys.length) { step("ticket.update", changed).then(clearDirty); }
  });
  submit("status-form", () => {
    const status = $("t-status").value;
    if (state.ticket && status !== state.ticket.status) { step("ticket.update", { status }).then(clearDirty); }
  });
  ["t-note-internal", "t-note-reply"].forEach((id) => on(id, "change", () => {
    $("note-save").textContent = $("note-save").dataset[noteKind()];
  }));
  submit("note-form", () => {
    const text = value("t-note");
    if (!text) { return; }
    $("t-note").value = "";
    if (noteKind() === "reply") { step("ticket.update", { reply: text }); } else { step("ticket.note", { text }); }
  });
  submit("assign-form", () => step("ticket.assign", { group: $("t-group").value }));
  submit("problem-form", () => {
    const problem = value("t-problem").toUpperCase();
    if (problem) { step("ticket.link_problem", { problem }); }
  });
  submit("resolve-form", () => {
    const text = value("t-resolution");
    if (text) { step("ticket.resolve", { resolution: text }); }
  });
  on("ticket-close", "click", () => step("ticket.close"));
}
