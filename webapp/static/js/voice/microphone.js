/* The microphone: captured with the Web Audio API and downsampled to 16 kHz 16-bit mono in an AudioWorklet
 * (js/voice-worklet.js), or on the main thread with a ScriptProcessor where there is no AudioWorklet. */
import { box, C, T, $, voice, status, show } from "./common.js";
import { onBlock, endUtterance, speaking } from "./utterance.js";

function downsampleOnMainThread(context, source, sink) {
  const proc = context.createScriptProcessor(4096, 1, 1);
  const ratio = context.sampleRate / 16000;
  let pos = 0;
  proc.onaudioprocess = (ev) => {
    const input = ev.inputBuffer.getChannelData(0), out = [];
    let sum = 0;
    for (; pos < input.length; pos += ratio) {
      const s = Math.max(-1, Math.min(1, input[Math.floor(pos)]));
      out.push(s < 0 ? s * 0x8000 : s * 0x7fff);
      sum += s * s;
    }
    pos -= input.length;
    onBlock(Int16Array.from(out), Math.sqrt(sum / Math.max(1, out.length)));
  };
  source.connect(proc);
  proc.connect(sink);
  return proc;
}

function startCapture() {
  if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) { return Promise.reject(new Error("no media")); }
  const constraints = { audio: { channelCount: 1, echoCancellation: true, noiseSuppression: true } };
  return navigator.mediaDevices.getUserMedia(constraints).then((stream) => {
    const context = new (window.AudioContext || window.webkitAudioContext)();
    const source = context.createMediaStreamSource(stream);
    const sink = context.createGain();
    sink.gain.value = 0;
    sink.connect(context.destination);
    const made = { stream, context, nodes: [source, sink] };
    if (!context.audioWorklet) {
      made.nodes.push(downsampleOnMainThread(context, source, sink));
      return made;
    }
    return context.audioWorklet.addModule(C.urls.worklet).then(() => {
      const node = new AudioWorkletNode(context, "pcm-downsampler");
      node.port.onmessage = (m) => onBlock(new Int16Array(m.data.pcm), m.data.level);
      source.connect(node);
      node.connect(sink);
      made.nodes.push(node);
      return made;
    });
  });
}

function stopCapture() {
  if (!voice.capture) { return; }
  voice.capture.stream.getTracks().forEach((t) => t.stop());
  voice.capture.context.close();
  voice.capture = null;
}

/** Tell the trainee how to speak in the chosen mode. */
export function readyText() { return voice.mode === "ptt" ? T.ptt_ready : T.handsfree_ready; }

/** Switch the microphone on or off (off also throws away a line being spoken). */
export function setMic(on) {
  if (on === voice.micOn) { return; }
  voice.micOn = on;
  if ($("voice-mic")) { $("voice-mic").checked = on; }
  box.classList.toggle("mic-on", on);
  show("voice-controls", on);
  if (!on) {
    if (speaking()) { endUtterance(true); }
    stopCapture();
    status("");
    return;
  }
  status(T.mic_starting);
  startCapture().then((made) => {
    voice.capture = made;
    status(readyText());
  }, () => {
    voice.micOn = false;
    $("voice-mic").checked = false;
    show("voice-controls", false);
    status(T.mic_refused);
  });
}
