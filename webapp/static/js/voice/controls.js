/* The voice block's controls: the caller's voice on/off, the microphone, push-to-talk (button or space bar)
 * or hands-free, and deleting this call's recording. The choices are remembered in localStorage. */
import { T, $, voice, status, postJson, C } from "./common.js";
import { stopCaller, stopHold } from "./caller.js";
import { beginUtterance, endUtterance, speaking } from "./utterance.js";
import { setMic, readyText } from "./microphone.js";

function typing(target) { return target && ["TEXTAREA", "INPUT", "SELECT"].includes(target.tagName); }

function wireTalk() {
  const talk = $("voice-talk");
  talk.hidden = voice.mode !== "ptt";
  talk.addEventListener("pointerdown", (e) => { e.preventDefault(); if (voice.mode === "ptt") { beginUtterance(); } });
  ["pointerup", "pointerleave", "pointercancel"].forEach((type) => {
    talk.addEventListener(type, () => { if (voice.mode === "ptt" && speaking()) { endUtterance(false); } });
  });
  const space = (e) => e.code === "Space" && voice.micOn && voice.mode === "ptt" && !typing(e.target);
  document.addEventListener("keydown", (e) => {
    if (space(e) && !e.repeat) { e.preventDefault(); beginUtterance(); }
  });
  document.addEventListener("keyup", (e) => {
    if (space(e) && speaking()) { e.preventDefault(); endUtterance(false); }
  });
}

function wireModes() {
  document.querySelectorAll('input[name="voice-mode"]').forEach((radio) => {
    radio.checked = radio.value === voice.mode;
    radio.addEventListener("change", () => {
      if (!radio.checked) { return; }
      voice.mode = radio.value;
      localStorage.setItem("eerstelijn.voice.mode", voice.mode);
      if (speaking()) { endUtterance(true); }
      $("voice-talk").hidden = voice.mode !== "ptt";
      if (voice.micOn) { status(readyText()); }
    });
  });
}

function wireSpeaker() {
  const speaker = $("voice-speaker");
  speaker.checked = voice.speakerOn;
  speaker.addEventListener("change", () => {
    voice.speakerOn = speaker.checked;
    localStorage.setItem("eerstelijn.voice.speaker", voice.speakerOn ? "on" : "off");
    if (!voice.speakerOn) { stopCaller(); stopHold(); }
  });
}

function wireRecordingDelete() {
  const button = $("voice-delete-recording");
  if (!button) { return; }
  button.addEventListener("click", () => {
    postJson(C.urls.recording_delete).then((a) => {
      status(a.status === 200 ? T.recording_deleted.replace("{n}", a.data.deleted) : (a.data.error || T.network));
    });
  });
}

export function wireControls() {
  wireSpeaker();
  wireRecordingDelete();
  if (!$("voice-mic")) { return; }  // no speech model here: the block shows its notice, typing only
  $("voice-mic").addEventListener("change", () => setMic($("voice-mic").checked));
  wireTalk();
  wireModes();
}
