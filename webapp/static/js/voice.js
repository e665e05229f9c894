/* Voice in the call console: the caller's lines are played, the trainee speaks (push-to-talk or hands-free).
 * Microphone audio is downsampled to 16 kHz 16-bit mono in an AudioWorklet (ScriptProcessor where there is
 * none) and sent in 0.25 s chunks to /api/v1/sessions/<id>/speech/<utterance>; the recognised line lands in
 * the console's own "say" box, where the trainee can correct it before it counts. console.js knows nothing
 * of this file: the voice block watches the console's step answers (a thin wrapper around fetch) to play new
 * caller lines, and adds asr_text / corrected / duration / interrupt to the "say" that carries a spoken line. */
(function () {
  "use strict";

  var box = document.getElementById("voice");
  var configNode = document.getElementById("voice-config");
  var consoleRoot = document.getElementById("console");
  if (!box || !configNode || !consoleRoot) { return; }
  var C = JSON.parse(configNode.textContent);
  var T = C.texts;
  var CT = JSON.parse(document.getElementById("console-texts").textContent);
  var api = consoleRoot.dataset.api;
  var csrf = document.querySelector('meta[name="csrf-token"]').content;
  var $ = function (id) { return document.getElementById(id); };
  var nativeFetch = window.fetch.bind(window);

  var CHUNK_SAMPLES = 4000, VAD_LEVEL = 0.02, VAD_END_MS = 800, PREROLL_BLOCKS = 3;
  var speakerOn = localStorage.getItem("eerstelijn.voice.speaker") !== "off";
  var mode = localStorage.getItem("eerstelijn.voice.mode") === "handsfree" ? "handsfree" : "ptt";
  var micOn = false, capture = null, utterance = null, pending = null, latestVersion = null;
  var playing = null, queue = [], holdTimer = null, ownEvents = {}, quietSince = 0, phase = "ringing";

  function status(text) { $("voice-status").textContent = text || ""; }
  function show(id, visible) { $(id).hidden = !visible; }

  // --- the caller's voice ------------------------------------------------------------------------
  function lineUrl(i) { return C.urls.line.replace("/lines/0/", "/lines/" + i + "/"); }
  function enqueueLine(i) { if (speakerOn && C.tts) { queue.push(i); playNext(); } }
  function playNext() {
    if (playing || holdTimer || !queue.length) { return; }
    var audio = new Audio(lineUrl(queue.shift()));
    playing = audio;
    box.dataset.speaking = "1";
    var done = function () { if (playing === audio) { playing = null; delete box.dataset.speaking; playNext(); } };
    audio.addEventListener("ended", done);
    audio.addEventListener("error", done);
    audio.play().catch(done);
  }
  function stopCaller() {
    queue = [];
    if (playing) { playing.pause(); playing = null; delete box.dataset.speaking; }
  }
  function holdMusic(seconds) {
    stopHold();
    if (!speakerOn) { return; }
    var music = new Audio(C.urls.hold);
    music.loop = true;
    music.play().catch(function () {});
    box.dataset.hold = "1";
    holdTimer = { audio: music, id: setTimeout(function () { stopHold(); playNext(); }, Math.min(seconds, 120) * 1000) };
  }
  function stopHold() {
    if (!holdTimer) { return; }
    clearTimeout(holdTimer.id);
    holdTimer.audio.pause();
    holdTimer = null;
    delete box.dataset.hold;
  }

  // --- watching the console's steps (events in, the spoken say out) --------------------------------
  function handleEvents(events, live) {
    (events || []).forEach(function (e) {
      if (e.type === "customer_line" && live) { enqueueLine(e.i); }
      if (e.type === "hold" && live) { holdMusic((e.data && e.data.seconds) || 10); }
      if (e.type === "end") { stopCaller(); stopHold(); setMic(false); }
      if (e.type === "utterance" && pending && pending.sent && e.data && e.data.asr_text !== undefined) {
        attach(pending.id, e.i);
        pending = null;
        $("voice-final").hidden = true;
      }
    });
  }
  window.fetch = function (url, options) {
    var isStep = typeof url === "string" && url === api + "/steps" && options && options.method === "POST";
    if (isStep && options.body) {
      var body = JSON.parse(options.body);
      if (latestVersion !== null && typeof body.version === "number" && body.version < latestVersion) {
        body.version = latestVersion;  // our own wait steps moved the call on; this page saw them
      }
      if (body.step === "say" && pending && body.args && body.args.text) {
        body.args.asr_text = pending.text;
        body.args.corrected = body.args.text.replace(/\s+/g, " ").trim() !== pending.text;
        if (pending.duration) { body.args.duration = pending.duration; }
        if (pending.interrupt) { body.args.interrupt = true; }
        pending.sent = true;
      }
      options = Object.assign({}, options, { body: JSON.stringify(body) });
    }
    var isCall = typeof url === "string" && url === api && (!options || !options.method || options.method === "GET");
    return nativeFetch(url, options).then(function (response) {
      if ((isStep || isCall) && response.ok) {
        response.clone().json().then(function (data) {
          if (typeof data.version === "number") { latestVersion = Math.max(latestVersion || 0, data.version); }
          if (data.state) { phase = data.state.phase; }
          quietSince = Date.now();
          handleEvents(data.events, isStep);
        }).catch(function () {});
        if (isCall) { return filtered(response); }
      }
      return response;
    });
  };
  function filtered(response) {
    // a reload must not show again the lines this block already put in the transcript
    return response.clone().json().then(function (data) {
      data.events = (data.events || []).filter(function (e) { return !ownEvents[e.i]; });
      return new Response(JSON.stringify(data), { status: response.status, headers: response.headers });
    }, function () { return response; });
  }

  function post(url, body, type) {
    var headers = { "Accept": "application/json", "X-CSRFToken": csrf };
    if (type) { headers["Content-Type"] = type; }
    return nativeFetch(url, { method: "POST", credentials: "same-origin", headers: headers, body: body })
      .then(function (r) { return r.json().catch(function () { return {}; }).then(function (d) { return { status: r.status, data: d }; }); });
  }
  function attach(id, event) { post(C.urls.speech.replace("UTT", id) + "/attach", JSON.stringify({ event: event }), "application/json"); }

  // --- silence: after the persona's timeout the console lets time pass (a wait step) ----------------
  function mmss(s) { s = Math.max(0, Math.floor(s)); return Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0"); }
  function renderOwn(e) {
    if (e.type !== "customer_line" && !(e.type === "wait" && e.data.seconds >= 5)) { return; }
    ownEvents[e.i] = true;
    var li = document.createElement("li");
    li.className = e.type === "wait" ? "line system quiet" : "line customer";
    li.id = "event-" + e.i;
    [["t", mmss(e.t)], ["who", e.type === "wait" ? "" : consoleRoot.dataset.caller],
     ["text", e.type === "wait" ? CT.silence.replace("{s}", Math.round(e.data.seconds)) : e.data.text]]
      .forEach(function (p) { if (p[1]) { var s = document.createElement("span"); s.className = p[0]; s.textContent = p[1]; li.appendChild(s); } });
    var list = $("transcript");
    list.appendChild(li);
    list.scrollTop = list.scrollHeight;
  }
  setInterval(function () {
    if (!micOn || utterance || playing || holdTimer || phase !== "talking" || $("say-text").value.trim()) { return; }
    if (Date.now() - quietSince < 2000) { return; }
    post(C.urls.silence, "{}", "application/json").then(function (a) {
      if (a.status !== 200 || !a.data.due) { return; }
      var step = JSON.stringify({ step: "wait", args: { seconds: 0 }, live: true, version: latestVersion });
      post(api + "/steps", step, "application/json").then(function (w) {
        if (w.status !== 200) { return; }
        latestVersion = w.data.version;
        w.data.events.forEach(renderOwn);
        handleEvents(w.data.events, true);
      });
    });
  }, 1000);

  // --- the microphone --------------------------------------------------------------------------
  function startCapture() {
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) { return Promise.reject(new Error("no media")); }
    return navigator.mediaDevices.getUserMedia({ audio: { channelCount: 1, echoCancellation: true, noiseSuppression: true } })
      .then(function (stream) {
        var context = new (window.AudioContext || window.webkitAudioContext)();
        var source = context.createMediaStreamSource(stream);
        var sink = context.createGain();
        sink.gain.value = 0;
        sink.connect(context.destination);
        var made = { stream: stream, context: context, nodes: [source, sink] };
        if (context.audioWorklet) {
          return context.audioWorklet.addModule(C.urls.worklet).then(function () {
            var node = new AudioWorkletNode(context, "pcm-downsampler");
            node.port.onmessage = function (m) { onBlock(new Int16Array(m.data.pcm), m.data.level); };
            source.connect(node); node.connect(sink);
            made.nodes.push(node);
            return made;
          });
        }
        var proc = context.createScriptProcessor(4096, 1, 1);  // fallback: downsample on the main thread
        var ratio = context.sampleRate / 16000, pos = 0;
        proc.onaudioprocess = function (ev) {
          var input = ev.inputBuffer.getChannelData(0), out = [], sum = 0;
          for (; pos < input.length; pos += ratio) {
            var s = Math.max(-1, Math.min(1, input[Math.floor(pos)]));
            out.push(s < 0 ? s * 0x8000 : s * 0x7fff); sum += s * s;
          }
          pos -= input.length;
          onBlock(Int16Array.from(out), Math.sqrt(sum / Math.max(1, out.length)));
        };
        source.connect(proc); proc.connect(sink);
        made.nodes.push(proc);
        return made;
      });
  }
  function stopCapture() {
    if (!capture) { return; }
    capture.stream.getTracks().forEach(function (t) { t.stop(); });
    capture.context.close();
    capture = null;
  }
  function setMic(on) {
    if (on === micOn) { return; }
    micOn = on;
    $("voice-mic").checked = on;
    box.classList.toggle("mic-on", on);
    show("voice-controls", on);
    if (!on) { if (utterance) { endUtterance(true); } stopCapture(); status(""); return; }
    status(T.mic_starting);
    startCapture().then(function (made) {
      capture = made;
      status(mode === "ptt" ? T.ptt_ready : T.handsfree_ready);
    }, function () { micOn = false; $("voice-mic").checked = false; show("voice-controls", false); status(T.mic_refused); });
  }

  // --- one utterance ----------------------------------------------------------------------------
  var recent = [], quietFor = 0;
  function onBlock(samples, level) {
    $("voice-level").value = Math.min(1, level * 8);
    if (mode === "handsfree" && !($("say-text") === document.activeElement && $("say-text").value)) {
      if (!utterance && level > VAD_LEVEL) { beginUtterance(recent); recent = []; }
      else if (utterance && level < VAD_LEVEL / 2) {
        quietFor += samples.length / 16;
        if (quietFor >= VAD_END_MS) { quietFor = 0; endUtterance(false); return; }
      } else { quietFor = 0; }
    }
    if (!utterance) { recent.push(samples); if (recent.length > PREROLL_BLOCKS) { recent.shift(); } return; }
    utterance.buffer.push(samples);
    utterance.size += samples.length;
    if (utterance.size >= CHUNK_SAMPLES) { flush(false); }
  }
  function beginUtterance(preroll) {
    if (!capture || utterance || phase !== "talking") { return; }
    utterance = { id: "u" + Date.now().toString(36) + Math.random().toString(36).slice(2, 8), buffer: (preroll || []).slice(),
      size: 0, chain: Promise.resolve(), interrupt: false, failed: false };
    utterance.size = utterance.buffer.reduce(function (n, b) { return n + b.length; }, 0);
    box.classList.add("listening");
    $("voice-talk").setAttribute("aria-pressed", "true");
    $("voice-partial").textContent = "";
    status(T.listening);
  }
  function joined(parts) {
    var total = parts.reduce(function (n, b) { return n + b.length; }, 0), out = new Int16Array(total), at = 0;
    parts.forEach(function (b) { out.set(b, at); at += b.length; });
    return out;
  }
  function flush(final) {
    var u = utterance, pcm = joined(u.buffer);
    u.buffer = []; u.size = 0;
    var url = C.urls.speech.replace("UTT", u.id) + (final ? "?final=1" : "");
    u.chain = u.chain.then(function () {
      if (u.failed) { return null; }
      return post(url, pcm.buffer, "audio/L16; rate=16000; channels=1").then(function (a) {
        if (a.status !== 200) { u.failed = true; status(a.data.error || T.network); return null; }
        if (a.data.partial) { $("voice-partial").textContent = a.data.partial; }
        if (a.data.stop_customer_audio) { stopCaller(); }
        if (a.data.interrupt) { u.interrupt = true; }
        if (a.data.final) { finished(u, a.data); }
        return a;
      }, function () { u.failed = true; status(T.network); });
    });
  }
  function endUtterance(cancel) {
    var u = utterance;
    if (!u) { return; }
    utterance = null;
    box.classList.remove("listening");
    $("voice-talk").setAttribute("aria-pressed", "false");
    if (cancel) {
      u.chain.then(function () { post(C.urls.speech.replace("UTT", u.id) + "/discard", "{}", "application/json"); });
      return;
    }
    utterance = u; flush(true); utterance = null;
    status(T.recognising);
  }
  function finished(u, data) {
    quietSince = Date.now();
    if (!data.text) { status(T.nothing_heard); $("voice-partial").textContent = ""; return; }
    pending = { id: u.id, text: data.text, duration: data.duration, interrupt: u.interrupt, sent: false };
    var say = $("say-text");
    say.value = data.text;
    if (u.interrupt) { $("interrupt").checked = true; }
    $("voice-final").hidden = false;
    $("voice-heard").textContent = data.text;
    status(T.check_and_send);
    say.focus();
  }

  // --- controls -------------------------------------------------------------------------------------
  var talk = $("voice-talk");
  talk.addEventListener("pointerdown", function (e) { e.preventDefault(); if (mode === "ptt") { beginUtterance(); } });
  ["pointerup", "pointerleave", "pointercancel"].forEach(function (t) {
    talk.addEventListener(t, function () { if (mode === "ptt" && utterance) { endUtterance(false); } });
  });
  function typing(target) { return target && (target.tagName === "TEXTAREA" || target.tagName === "INPUT" || target.tagName === "SELECT"); }
  document.addEventListener("keydown", function (e) {
    if (e.code === "Space" && micOn && mode === "ptt" && !typing(e.target) && !e.repeat) { e.preventDefault(); beginUtterance(); }
  });
  document.addEventListener("keyup", function (e) {
    if (e.code === "Space" && micOn && mode === "ptt" && utterance && !typing(e.target)) { e.preventDefault(); endUtterance(false); }
  });
  $("voice-mic").addEventListener("change", function () { setMic($("voice-mic").checked); });
  $("voice-speaker").checked = speakerOn;
  $("voice-speaker").addEventListener("change", function () {
    speakerOn = $("voice-speaker").checked;
    localStorage.setItem("eerstelijn.voice.speaker", speakerOn ? "on" : "off");
    if (!speakerOn) { stopCaller(); stopHold(); }
  });
  document.querySelectorAll('input[name="voice-mode"]').forEach(function (radio) {
    radio.checked = radio.value === mode;
    radio.addEventListener("change", function () {
      if (!radio.checked) { return; }
      mode = radio.value;
      localStorage.setItem("eerstelijn.voice.mode", mode);
      if (utterance) { endUtterance(true); }
      talk.hidden = mode !== "ptt";
      if (micOn) { status(mode === "ptt" ? T.ptt_ready : T.handsfree_ready); }
    });
  });
  talk.hidden = mode !== "ptt";
  $("voice-discard").addEventListener("click", function () {
    if (pending) { post(C.urls.speech.replace("UTT", pending.id) + "/discard", "{}", "application/json"); }
    pending = null;
    $("say-text").value = "";
    $("voice-final").hidden = true;
    status("");
  });
  var del = $("voice-delete-recording");
  if (del) {
    del.addEventListener("click", function () {
      post(C.urls.recording_delete, "{}", "application/json").then(function (a) {
        status(a.status === 200 ? T.recording_deleted.replace("{n}", a.data.deleted) : (a.data.error || T.network));
      });
    });
  }
  if (C.speech) { show("voice-speech", true); }
})();
