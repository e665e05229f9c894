/* Voice in the call console (an ES module; its parts are in js/voice/): the caller's lines are played,
 * the trainee speaks (push-to-talk or hands-free) and the recognised line lands in the console's own say
 * box, where the trainee can correct it before it counts.
 * It uses only the console's documented interface (js/console/api.js): the "eerstelijn:events" and
 * "eerstelijn:ended" events on document, the cancelable "eerstelijn:say", and say() / step(). */
import { C, voice, ready, show } from "./voice/common.js";
import { enqueueLine, holdMusic, stopCaller, stopHold } from "./voice/caller.js";
import { setMic } from "./voice/microphone.js";
import { wireRecognised } from "./voice/recognised.js";
import { watchSilence } from "./voice/silence.js";
import { wireControls } from "./voice/controls.js";
import { EVENTS, ENDED } from "./console/api.js";
import { EventType } from "./event-types.js";

/** Follow the call: its phase, and (for a step's answer, not a reload) the caller's new lines and holds. */
function follow(event) {
  const { events, state, live } = event.detail;
  if (state) { voice.phase = state.phase; }
  voice.quietSince = Date.now();
  if (!live) { return; }
  events.forEach((e) => {
    if (e.type === EventType.CUSTOMER_LINE) { enqueueLine(e.i); }
    if (e.type === EventType.HOLD) { holdMusic((e.data && e.data.seconds) || 10); }
  });
}

function hangUp() {
  stopCaller();
  stopHold();
  setMic(false);
}

if (ready) {
  document.addEventListener(EVENTS, follow);
  document.addEventListener(ENDED, hangUp);
  wireRecognised();
  wireControls();
  watchSilence();
  if (C.speech) { show("voice-speech", true); }
}
