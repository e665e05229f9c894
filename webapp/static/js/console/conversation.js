/* The conversation pane: the transcript, what the trainee says, answer, hold, hang up, the call clock. */
import { $, T, root, state, fmt, el, mmss, announce, on, submit, value } from "./dom.js";
import { step, finish, sayTyped } from "./api.js";
import { EventType } from "../event-types.js";

const caller = root ? root.dataset.caller : "";
const seen = {};

/** Add one line to the transcript; it scrolls the log, never the page. */
export function line(event, cls, text, who) {
  const li = el("li", "line " + cls);
  li.id = "event-" + event.i;
  li.appendChild(el("span", "t", mmss(event.t)));
  if (who) { li.appendChild(el("span", "who", who)); }
  li.appendChild(el("span", "text", text));
  const list = $("transcript");
  list.appendChild(li);
  list.scrollTop = list.scrollHeight;
  return li;
}

const SPOKEN = {
  [EventType.RING]: () => [["system", T.ring]],
  [EventType.WAIT]: (d) => (d.seconds >= 5 ? [["system quiet", fmt(T.silence, { s: Math.round(d.seconds) })]] : []),
  [EventType.ANSWER]: (d) => [["system", fmt(T.answered, { s: Math.round(d.wait_s) })]],
  [EventType.INTERRUPTION]: () => [["system", T.interrupted]],
  [EventType.HOLD]: (d) => [["system", fmt(T.hold, { s: Math.round(d.seconds) })]],
  [EventType.RESUME]: () => [["system", T.resume]],
};

/** Show a conversation event; returns false when it is not one (a helpdesk action, say). */
export function renderSpoken(event) {
  if (seen[event.i]) { return true; }
  const d = event.data || {};
  if (d.refused) {
    seen[event.i] = true;
    line(event, "system refused", fmt(T.refused, { reason: d.reason_text || d.reason || "" }));
    announce(fmt(T.refused, { reason: d.reason_text || d.reason || "" }));
    return true;
  }
  if (SPOKEN[event.type]) {
    seen[event.i] = true;
    SPOKEN[event.type](d).forEach(([cls, text]) => line(event, cls, text));
    return true;
  }
  if (event.type === EventType.UTTERANCE) {
    seen[event.i] = true;
    const mine = line(event, "trainee", d.text, T.you);
    if (d.interrupt) { mine.appendChild(el("span", "badge badge-warn", T.interrupt_mark)); }
    return true;
  }
  if (event.type === EventType.CUSTOMER_LINE) {
    seen[event.i] = true;
    line(event, "customer", d.text, caller);
    announce(caller + ": " + d.text);
    return true;
  }
  if (event.type === EventType.CONSENT || event.type === EventType.END) {
    seen[event.i] = true;
    const text = event.type === EventType.CONSENT ? (d.given ? T.consent_given : T.consent_refused)
      : d.ended_by === "customer" ? T.end_customer : d.ended_by === "timeout" ? T.end_timeout : T.end_trainee;
    line(event, event.type === EventType.END ? "system end" : "system good", text);
    announce(text);
    return true;
  }
  return false;
}

/** Mark an event as shown (helpdesk actions are drawn by main.js). */
export function markSeen(event) {
  if (seen[event.i]) { return false; }
  seen[event.i] = true;
  return true;
}

export function tickClock() {
  const running = !state.ended && state.phase !== "ended";
  const now = state.clockBase + (running ? (Date.now() - state.clockAt) / 1000 : 0);
  $("clock").textContent = mmss(now);
  if (state.phase === "ringing") { $("ring-seconds").textContent = fmt(T.ringing_for, { s: Math.floor(now) }); }
}

/** Let the silence count: a wait step after 5 s of ringing or 15 s of nothing said. */
export function idleTick() {
  if (state.busy || state.ended || state.finished) { return; }
  const idle = Date.now() - Math.max(state.lastActivity, state.lastRequest);
  const typing = $("say-text").value.trim() !== "";
  if ((state.phase === "ringing" && idle > 5000) || (state.phase === "talking" && !typing && idle > 15000)) {
    state.lastRequest = Date.now();
    step("wait", { seconds: 0 });
  }
}

export function wireConversation() {
  on("answer", "click", () => step("answer").then(() => $("say-text").focus()));
  submit("say-form", () => {
    const text = value("say-text");
    if (!text) { return; }
    const interrupt = $("interrupt").checked;
    $("say-text").value = "";
    $("interrupt").checked = false;
    sayTyped(text, interrupt);
  });
  on("say-text", "keydown", (e) => {
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      $("say-form").requestSubmit();
    } else if (e.key === "Escape") {
      $("say-text").value = "";
    }
  });
  submit("hold-form", () => {
    const seconds = parseInt($("hold-seconds").value, 10);
    if (seconds > 0) { step("hold", { seconds }); }
  });
  on("hangup", "click", () => step("end_call"));
  on("finish", "click", () => finish());
  ["keydown", "pointerdown"].forEach((type) => {
    document.addEventListener(type, () => { state.lastActivity = Date.now(); }, true);
  });
}
