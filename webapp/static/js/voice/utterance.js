/* One utterance: the microphone's 16 kHz blocks are streamed in 0.25 s chunks to the speech endpoint, which
 * answers with the partial text, a barge-in signal (stop the caller) and, at the end, the final line.
 * Push-to-talk starts and stops it by hand; hands-free by level (a simple voice-activity detector). */
import { box, T, $, voice, status, post, postJson, speechUrl } from "./common.js";
import { stopCaller } from "./caller.js";
import { recognised } from "./recognised.js";

const CHUNK_SAMPLES = 4000, VAD_LEVEL = 0.02, VAD_END_MS = 800, PREROLL_BLOCKS = 3;
let utterance = null;
let recent = [];
let quietFor = 0;

/** True while the trainee is speaking a line. */
export function speaking() { return utterance !== null; }

function newId() { return "u" + Date.now().toString(36) + Math.random().toString(36).slice(2, 8); }

/** Start listening; ``preroll`` keeps the blocks just before the voice was detected. */
export function beginUtterance(preroll) {
  if (!voice.capture || utterance || voice.phase !== "talking") { return; }
  const buffer = (preroll || []).slice();
  utterance = { id: newId(), buffer, size: buffer.reduce((n, b) => n + b.length, 0),
    chain: Promise.resolve(), interrupt: false, failed: false };
  box.classList.add("listening");
  $("voice-talk").setAttribute("aria-pressed", "true");
  $("voice-partial").textContent = "";
  status(T.listening);
}

function joined(parts) {
  const out = new Int16Array(parts.reduce((n, b) => n + b.length, 0));
  let at = 0;
  parts.forEach((b) => { out.set(b, at); at += b.length; });
  return out;
}

function flush(u, final) {
  const pcm = joined(u.buffer);
  u.buffer = [];
  u.size = 0;
  const url = speechUrl(u.id, final ? "?final=1" : "");
  u.chain = u.chain.then(() => {
    if (u.failed) { return null; }
    return post(url, pcm.buffer, "audio/L16; rate=16000; channels=1").then((a) => {
      if (a.status !== 200) { u.failed = true; status(a.data.error || T.network); return null; }
      if (a.data.partial) { $("voice-partial").textContent = a.data.partial; }
      if (a.data.stop_customer_audio) { stopCaller(); }
      if (a.data.interrupt) { u.interrupt = true; }
      if (a.data.final) { voice.quietSince = Date.now(); recognised(u, a.data); }
      return a;
    }, () => { u.failed = true; status(T.network); });
  });
}

/** Stop listening: send the rest and ask for the final line, or (``cancel``) throw the utterance away. */
export function endUtterance(cancel) {
  const u = utterance;
  if (!u) { return; }
  utterance = null;
  box.classList.remove("listening");
  $("voice-talk").setAttribute("aria-pressed", "false");
  if (cancel) {
    u.chain.then(() => postJson(speechUrl(u.id, "/discard")));
    return;
  }
  flush(u, true);
  status(T.recognising);
}

/** Take one 0.1 s block from the microphone: show the level, detect speech hands-free, stream it. */
export function onBlock(samples, level) {
  $("voice-level").value = Math.min(1, level * 8);
  const say = $("say-text");
  if (voice.mode === "handsfree" && !(say === document.activeElement && say.value)) {
    if (!utterance && level > VAD_LEVEL) {
      beginUtterance(recent);
      recent = [];
    } else if (utterance && level < VAD_LEVEL / 2) {
      quietFor += samples.length / 16;
      if (quietFor >= VAD_END_MS) { quietFor = 0; endUtterance(false); return; }
    } else {
      quietFor = 0;
    }
  }
  if (!utterance) {
    recent.push(samples);
    if (recent.length > PREROLL_BLOCKS) { recent.shift(); }
    return;
  }
  utterance.buffer.push(samples);
  utterance.size += samples.length;
  if (utterance.size >= CHUNK_SAMPLES) { flush(utterance, false); }
}
