/* Talking to the JSON API (/api/v1/sessions/<id>): one request at a time, in order.
 * Every console button is one session-script step; the server maps the real time between actions onto
 * the call's clock ("live": true). fetch is looked up at call time, so the voice block can watch it. */
import { root, state, T, showError } from "./dom.js";

const api = root ? root.dataset.api : "";
const csrf = document.querySelector('meta[name="csrf-token"]')?.content || "";
let chain = Promise.resolve();
const listeners = [];

/** Register ``fn(data)``, called with every call view the server sends back (after a step or a reload). */
export function onView(fn) { listeners.push(fn); }

function request(method, url, body) {
  const options = { method, credentials: "same-origin", headers: { Accept: "application/json", "X-CSRFToken": csrf } };
  if (body !== undefined) {
    options.headers["Content-Type"] = "application/json";
    options.body = JSON.stringify(body);
  }
  return window.fetch(url, options).then((response) =>
    response.json().catch(() => ({})).then((data) => ({ status: response.status, data })));
}

function deliver(data) { listeners.forEach((fn) => fn(data)); }

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
          deliver(answer.data);
        } else if (answer.status === 409) {
          showError(answer.data.error || T.conflict);
          return reload().then(() => answer);
        } else {
          showError(answer.data.error || T.network);
        }
        return answer;
      }, () => { state.busy = false; showError(T.network); });
  });
  return chain;
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
    deliver(answer.data);
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
