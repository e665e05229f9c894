/* Small DOM helpers and the console's shared state; every console module imports from here. */

export const root = document.getElementById("console");
export const T = root ? JSON.parse(document.getElementById("console-texts").textContent) : {};
export const $ = (id) => document.getElementById(id);

/** What the console knows of the call right now (written by main.js after each answer). */
export const state = {
  version: null, phase: "ringing", ended: false, finished: false,
  clockBase: 0, clockAt: Date.now(), lastActivity: Date.now(), lastRequest: Date.now(), busy: false,
  consent: false, session: false, ticket: null, openArticle: null,
};

export function fmt(text, values) {
  return String(text).replace(/\{(\w+)\}/g, (m, k) => (values && k in values ? values[k] : m));
}

export function el(tag, cls, text) {
  const node = document.createElement(tag);
  if (cls) { node.className = cls; }
  if (text !== undefined && text !== null) { node.textContent = text; }
  return node;
}

export function mmss(s) {
  s = Math.max(0, Math.floor(s));
  return Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0");
}

export function hms(s) {
  s = Math.max(0, Math.floor(s));
  return Math.floor(s / 3600) + ":" + String(Math.floor(s / 60) % 60).padStart(2, "0") + ":" + String(s % 60).padStart(2, "0");
}

/** Tell screen-reader users what just happened (the last five messages stay in the live region). */
export function announce(text) {
  const box = $("announcer");
  box.appendChild(el("p", null, text));
  while (box.childNodes.length > 5) { box.removeChild(box.firstChild); }
}

export function showError(text) {
  const box = $("console-error");
  box.textContent = text || "";
  box.hidden = !text;
}

export function on(id, type, handler) { $(id).addEventListener(type, handler); }

export function submit(id, handler) {
  on(id, "submit", (e) => { e.preventDefault(); handler(); });
}

export function value(id) { return $(id).value.trim(); }

/** Return the label a status id has in the interface language. */
export function statusName(status) { return T["status_" + status] || status; }
