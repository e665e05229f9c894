/* The recognised line: it waits in the console's say box, where the trainee can correct it. When the
 * trainee sends it, this module takes the console's "eerstelijn:say" over and sends the line with what was
 * recognised, whether it was corrected, how long it was spoken and whether it cut the caller off; the
 * utterance's recording is then attached to the transcript line. */
import { T, $, status, postJson, speechUrl } from "./common.js";
import { say, SAY } from "../console/api.js";
import { EventType } from "../event-types.js";

let pending = null;

/** Put a final recognition result in the say box (or say nothing was heard). */
export function recognised(u, data) {
  if (!data.text) { status(T.nothing_heard); $("voice-partial").textContent = ""; return; }
  pending = { id: u.id, text: data.text, duration: data.duration, interrupt: u.interrupt };
  const box = $("say-text");
  box.value = data.text;
  if (u.interrupt) { $("interrupt").checked = true; }
  $("voice-final").hidden = false;
  $("voice-heard").textContent = data.text;
  status(T.check_and_send);
  box.focus();
}

function sendSpoken(event) {
  if (!pending) { return; }
  event.preventDefault();
  const spoken = pending;
  pending = null;
  const text = event.detail.text;
  const corrected = text.replace(/\s+/g, " ").trim() !== spoken.text;
  say({ text, asr_text: spoken.text, corrected, duration: spoken.duration, interrupt: event.detail.interrupt || spoken.interrupt })
    .then((answer) => {
      const events = answer && answer.status === 200 ? answer.data.events || [] : null;
      if (!events) { if (!pending) { pending = spoken; } return; }  // not said: the next send carries it
      const line = events.find((e) => e.type === EventType.UTTERANCE && e.data && e.data.asr_text !== undefined);
      if (line) { postJson(speechUrl(spoken.id, "/attach"), { event: line.i }); }
      if (!pending) { $("voice-final").hidden = true; }
    });
}

function discard() {
  if (pending) { postJson(speechUrl(pending.id, "/discard")); }
  pending = null;
  $("say-text").value = "";
  $("voice-final").hidden = true;
  status("");
}

export function wireRecognised() {
  document.addEventListener(SAY, sendSpoken);
  $("voice-discard").addEventListener("click", discard);
}
