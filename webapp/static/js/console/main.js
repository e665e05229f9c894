/* The call console: wires the panes together and draws every view the server sends back.
 * Modules: dom (helpers, shared state), api (steps), conversation, ticket, kb, crm, remote, queue, tabs. */
import { $, T, root, state, fmt, announce } from "./dom.js";
import { onView, reload } from "./api.js";
import { line, renderSpoken, markSeen, tickClock, idleTick, wireConversation } from "./conversation.js";
import { showTicket, wireTicket } from "./ticket.js";
import { showArticles, showArticle, wireKb } from "./kb.js";
import { showPeople, wireCrm } from "./crm.js";
import { showRemote, showOutput, wireRemote } from "./remote.js";
import { setQueue, showQueue } from "./queue.js";
import { wireTabs } from "./tabs.js";
import { EventType } from "../event-types.js";

const practice = root && root.dataset.mode === "practice";

const TOOL = {
  [EventType.TICKET_CREATE]: "ticket_created",
  [EventType.TICKET_UPDATE]: "ticket_updated",
  [EventType.TICKET_NOTE]: "ticket_note",
  [EventType.TICKET_ASSIGN]: "ticket_assigned",
  [EventType.TICKET_LINK_PROBLEM]: "ticket_linked",
  [EventType.TICKET_RESOLVE]: "ticket_resolved",
  [EventType.TICKET_CLOSE]: "ticket_closed",
  [EventType.TICKET_OPEN]: "ticket_opened",
  [EventType.TICKET_PRIORITISE]: "ticket_prioritised",
  [EventType.KB_SEARCH]: "kb_search",
  [EventType.KB_OPEN]: "kb_open",
  [EventType.KB_SHARE]: "kb_share",
  [EventType.KB_PROPOSE]: "kb_propose",
  [EventType.CRM_LOOKUP]: "crm_lookup",
  [EventType.REMOTE_CONNECT]: "remote_connect",
  [EventType.REMOTE_RUN]: "remote_run",
  [EventType.REMOTE_DISCONNECT]: "remote_disconnect",
  [EventType.SLA_WARNING]: "sla_warning",
  [EventType.SLA_BREACH]: "sla_breach",
};
const PANES = { [EventType.CRM_LOOKUP]: showPeople, [EventType.KB_SEARCH]: (d) => showArticles(d.results || []), [EventType.REMOTE_RUN]: showOutput };

/** The sentence a helpdesk action gets in the transcript (a status change or a reply says so). */
function toolText(type, d) {
  const values = Object.assign({}, d, { group: T["group_" + d.group] || d.group, status: T["status_" + d.status] || d.status });
  const changed = d.changed || [];
  if (type === EventType.TICKET_UPDATE && changed.includes("reply")) { return fmt(T.reply_sent, values); }
  if (type === EventType.TICKET_UPDATE && changed.length === 1 && changed[0] === "status") { return fmt(T.status_changed, values); }
  return fmt(T[TOOL[type]], values);
}

function render(event) {
  if (renderSpoken(event) || !TOOL[event.type] || !markSeen(event)) { return; }
  const d = event.data || {};
  const text = toolText(event.type, d);
  line(event, event.type.startsWith("sla.") ? "system warn" : "system tool", text);
  if (event.type === EventType.KB_PROPOSE) { announce(text); }
  if (PANES[event.type]) { PANES[event.type](d); }
}

function update(view) {
  (view.events || []).forEach(render);
  if (view.article) { showArticle(view.article); }
  const s = view.state;
  if (!s) { return; }
  state.phase = s.phase;
  state.clockBase = s.clock; state.clockAt = Date.now();
  state.ended = s.ended;
  state.consent = s.consent_given; state.session = s.remote_session;
  $("ringing").hidden = state.phase !== "ringing";
  if (state.phase !== "ringing") { $("ringing").classList.remove("is-ringing"); }
  document.querySelectorAll("[data-needs=talking]").forEach((node) => { node.disabled = state.phase !== "talking"; });
  $("wrapup").hidden = !state.ended;
  if (state.ended && !$("wrapup").dataset.shown) { $("wrapup").dataset.shown = "1"; $("finish").focus(); }
  if (practice && typeof s.mood === "number") {
    $("mood").value = s.mood;
    $("mood-text").textContent = s.mood + " · " + (s.mood < 35 ? T.mood_low : s.mood < 65 ? T.mood_mid : T.mood_high);
  }
  if ($("hint")) {
    $("hint").hidden = !s.hint;
    if (s.hint) {
      $("hint-text").textContent = s.hint.do;
      $("hint-example").textContent = s.hint.example ? "“" + s.hint.example + "”" : "";
    }
  }
  showTicket(s.ticket);
  showRemote();
  if ($("queue-rows")) { setQueue(s.queue); showQueue(); }
  tickClock();
}

if (root) {
  onView(update);
  wireConversation();
  wireTicket();
  wireKb();
  wireCrm();
  wireRemote();
  wireTabs();
  setInterval(() => {
    tickClock();
    if ($("queue-rows") && !state.ended) { showQueue(); }
    idleTick();
  }, 1000);
  $("ringing").classList.add("is-ringing");
  reload().then(() => { if (state.phase === "ringing") { $("answer").focus(); } });
}
