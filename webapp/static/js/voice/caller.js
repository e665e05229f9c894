/* The caller's voice: each new line is played in order, hold music loops while the call is on hold, and the
 * trainee can cut the caller off (barge-in stops what is playing and drops what is queued). */
import { box, C, voice } from "./common.js";

let playing = null;
let queue = [];
let hold = null;

/** True while the caller is speaking or the call is on hold (no silence is counted then). */
export function callerBusy() { return Boolean(playing || hold); }

function lineUrl(i) { return C.urls.line.replace("/lines/0/", "/lines/" + i + "/"); }

function playNext() {
  if (playing || hold || !queue.length) { return; }
  const audio = new Audio(lineUrl(queue.shift()));
  playing = audio;
  box.dataset.speaking = "1";
  const done = () => {
    if (playing !== audio) { return; }
    playing = null;
    delete box.dataset.speaking;
    playNext();
  };
  audio.addEventListener("ended", done);
  audio.addEventListener("error", done);
  audio.play().catch(done);
}

/** Queue the caller's line (event ``i``) to be spoken after the ones already waiting. */
export function enqueueLine(i) {
  if (voice.speakerOn && C.tts) { queue.push(i); playNext(); }
}

/** Stop the caller mid-sentence and forget the lines still waiting. */
export function stopCaller() {
  queue = [];
  if (playing) { playing.pause(); playing = null; delete box.dataset.speaking; }
}

/** Play hold music for ``seconds`` (at most two minutes), then carry on with the caller's lines. */
export function holdMusic(seconds) {
  stopHold();
  if (!voice.speakerOn) { return; }
  const music = new Audio(C.urls.hold);
  music.loop = true;
  music.play().catch(() => {});
  box.dataset.hold = "1";
  hold = { audio: music, id: setTimeout(() => { stopHold(); playNext(); }, Math.min(seconds, 120) * 1000) };
}

export function stopHold() {
  if (!hold) { return; }
  clearTimeout(hold.id);
  hold.audio.pause();
  hold = null;
  delete box.dataset.hold;
}
