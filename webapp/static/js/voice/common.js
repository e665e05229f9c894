/* What the voice modules share: the voice block's elements, settings and texts, its state, and a POST helper. */

export const box = document.getElementById("voice");
const configNode = document.getElementById("voice-config");

/** True when the page has a call console with a voice block (otherwise the voice modules do nothing). */
export const ready = Boolean(box && configNode && document.getElementById("console"));
export const C = ready ? JSON.parse(configNode.textContent) : { texts: {}, urls: {} };
export const T = C.texts;
export const $ = (id) => document.getElementById(id);

/** The voice block's state: the call's phase (from the console's events), the trainee's choices, the mic. */
export const voice = {
  phase: "ringing",
  quietSince: 0,
  speakerOn: localStorage.getItem("eerstelijn.voice.speaker") !== "off",
  mode: localStorage.getItem("eerstelijn.voice.mode") === "handsfree" ? "handsfree" : "ptt",
  micOn: false,
  capture: null,
};

const csrf = document.querySelector('meta[name="csrf-token"]')?.content || "";

export function status(text) { $("voice-status").textContent = text || ""; }

export function show(id, visible) { $(id).hidden = !visible; }

/** POST to the voice API; resolves with {status, data} (data is {} when the answer is not JSON). */
export function post(url, body, type) {
  const headers = { Accept: "application/json", "X-CSRFToken": csrf };
  if (type) { headers["Content-Type"] = type; }
  return fetch(url, { method: "POST", credentials: "same-origin", headers, body })
    .then((r) => r.json().catch(() => ({})).then((data) => ({ status: r.status, data })));
}

/** POST a JSON body to the voice API. */
export function postJson(url, body) { return post(url, JSON.stringify(body || {}), "application/json"); }

/** Return the URL of one utterance's speech endpoint (``suffix`` like "/attach" or "?final=1"). */
export function speechUrl(id, suffix) { return C.urls.speech.replace("UTT", id) + (suffix || ""); }
