/* Talking to the JSON API (/api/v1/sessions/<id>): one request at a time, in order.
 * Every console button is one session-script step; the server maps the real time between actions onto
 * the call's clock ("live": true).
 *
 * Other scripts on the page (the voice block) use the console through this interface, never through fetch:
 *   document  "eerstelijn:events"  after every view the server sends back; detail {events, state, live}:
 *             the events the answer brought, the call's state, and live = true for a step's answer
 *             (new events: play them), false for a reload (the whole call again: do not replay).
 *   document  "eerstelijn:ended"   once, when the call has ended; detail {ended_by}.
 *   document  "eerstelijn:say"     cancelable, just before the trainee's typed line is sent; detail {text,
 *             interrupt}. A listener that calls preventDefault() sends the line itself with say().
 *   say({text, asr_text, corrected, duration, interrupt})  send a "say" step with the speech fields.
 *   step(name, args)  send any session-script step through the same queue.
 * Modules import these; plain scripts find say and step on window.eerstelijn. */
import { root, state, T, showError } from "./dom.js";
import { EventType } from "../event-types.js";

export const EVENTS = "eerstelijn:events";
export const ENDED = "eerstelijn:ended";
export const SAY = "eerstelijn:say";

const api = root ? root.dataset.api : "";
const csrf = document.querySelector('meta[name="csrf-token"]')?.content || "";
let chain = Promise.resolve();
let endedSent = false;
const listeners = [];

/** Register ``fn(data)``, called with every call view the server sends back (after a step or a reload). */
export function onView(fn) { listeners.push(fn); }

function request(method, url, body) {
  const options = { method, credentials: "same-origin", headers: { Accept: "application/json", "X-CSRFToken": csrf } };
  if (body !== undefined) {
    options.headers["Content-Type"] = "application/json";
    options.body = JSON.stringify(body);
  }
  return fetch(url, options).then((response) =>
    response.json().catch(() => ({})).then((data) => ({ status: response.status, data })));
}

/** Draw the view, then tell the rest of the page what it brought (and, once, that the call ended). */
function deliver(data, live) {
  listeners.forEach((fn) => fn(data));
  const events = data.events || [];
  document.dispatchEvent(new CustomEvent(EVENTS, { detail: { events, state: data.state || null, live } }));
  const end = events.find((e) => e.type === EventType.END);
  if (!endedSent && (end || (data.state && data.state.ended))) {
    endedSent = true;
    document.dispatchEvent(new CustomEvent(ENDED, { detail: { ended_by: end && end.data ? end.data.ended_by : null } }));
  }
}

/** Perform one step of the session script; resolves with the server's answer (or nothing on a network error). */
export function step(name, args) {
  state.lastActivity = Date.now();
  chain = chain.then(() => {
    if (state.finished) { return null; }
    state.busy = true;
    state.lastRequest = Date.now();
    return request("POST", api + "/steps", { step: name, args: args || {}, live: true, version: state.version })
      .then((answer) => {
        state.busy = false;
        if (answer.status === 200) {
          showError("");
          state.version = answer.data.version;
          deliver(answer.data, true);
        } else if (answer.status === 409) {
          showError(answer.data.error || T.conflict);
          return reload().then(() => answer);
        } else {
          showError(answer.data.message || answer.data.error || T.network);  // "message": said for the trainee
        }
        return answer;
      }, () => { state.busy = false; showError(T.network); });
  });
  return chain;
}

/** Send what the trainee says; a spoken line also carries what was recognised, whether it was corrected
 * and how long it took to say. Resolves like step(). */
export function say({ text, asr_text, corrected, duration, interrupt } = {}) {
  const args = { text: String(text || "").trim() };
  if (!args.text) { return Promise.resolve(null); }
  if (asr_text !== undefined) { args.asr_text = asr_text; args.corrected = Boolean(corrected); }
  if (duration) { args.duration = duration; }
  if (interrupt) { args.interrupt = true; }
  return step("say", args);
}

/** Send a line typed in the say box, unless a listener of "eerstelijn:say" takes it over. */
export function sayTyped(text, interrupt) {
  const detail = { text, interrupt: Boolean(interrupt) };
  const free = document.dispatchEvent(new CustomEvent(SAY, { detail, cancelable: true }));
  return free ? say(detail) : Promise.resolve(null);
}

/** Fetch the whole call again (after a conflict, and at start); an ended call goes to its report. */
export function reload() {
  return request("GET", api).then((answer) => {
    if (answer.status !== 200) { showError(answer.data.error || T.network); return; }
    state.version = answer.data.version;
    if (answer.data.status === "ended" && answer.data.report_url) {
      state.finished = true;
      window.location.assign(answer.data.report_url);
      return;
    }
    deliver(answer.data, false);
  }, () => showError(T.network));
}

/** Close the call on the server (report stored) and open the report. */
export function finish() {
  chain = chain.then(() => request("POST", api + "/end", { version: state.version }).then((answer) => {
    if (answer.status === 200) { state.finished = true; window.location.assign(answer.data.report_url); return; }
    showError(answer.data.error || T.network);
    if (answer.status === 409) { return reload(); }
  }));
  return chain;
}

if (root) { window.eerstelijn = Object.freeze({ say, step, EVENTS, ENDED, SAY }); }
