/* Silence: while the microphone is on and nobody speaks, ask the server whether the line has been quiet past
 * the persona's timeout; when it has, let the call's time pass with a console "wait" step (the caller may
 * then ask whether anyone is still there). */
import { C, $, voice, postJson } from "./common.js";
import { callerBusy } from "./caller.js";
import { speaking } from "./utterance.js";
import { step } from "../console/api.js";

const SETTLE_MS = 2000;
let asking = false;

function check() {
  if (asking || !voice.micOn || speaking() || callerBusy() || voice.phase !== "talking" || $("say-text").value.trim()) { return; }
  if (Date.now() - voice.quietSince < SETTLE_MS) { return; }
  asking = true;
  postJson(C.urls.silence)
    .then((a) => (a.status === 200 && a.data.due && voice.phase === "talking" ? step("wait", { seconds: 0 }) : null))
    .finally(() => { asking = false; });
}

export function watchSilence() { setInterval(check, 1000); }
