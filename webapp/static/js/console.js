/* The call console: plain JavaScript over the JSON API (/api/v1/sessions/<id>).
 * Every button is one session-script step; the server maps the real time between actions onto the
 * call's clock ("live": true), so the ringing and any silence count. Requests run one at a time. */
(function () {
  "use strict";

  var root = document.getElementById("console");
  if (!root) { return; }
  var T = JSON.parse(document.getElementById("console-texts").textContent);
  var api = root.dataset.api;
  var practice = root.dataset.mode === "practice";
  var caller = root.dataset.caller;
  var csrf = document.querySelector('meta[name="csrf-token"]').content;
  var $ = function (id) { return document.getElementById(id); };

  var version = null, phase = "ringing", ended = false, finished = false;
  var clockBase = 0, clockAt = Date.now(), queueRows = [], queueAt = Date.now();
  var lastActivity = Date.now(), lastRequest = Date.now(), busy = false, chain = Promise.resolve();
  var seen = {}, openArticle = null, consent = false, session = false, ticket = null;

  function fmt(text, values) {
    return String(text).replace(/\{(\w+)\}/g, function (m, k) { return values && k in values ? values[k] : m; });
  }
  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }
  function mmss(s) {
    s = Math.max(0, Math.floor(s));
    return Math.floor(s / 60) + ":" + String(s % 60).padStart(2, "0");
  }
  function hms(s) {
    s = Math.max(0, Math.floor(s));
    return Math.floor(s / 3600) + ":" + String(Math.floor(s / 60) % 60).padStart(2, "0") + ":" + String(s % 60).padStart(2, "0");
  }
  function announce(text) {
    var p = el("p", null, text);
    $("announcer").appendChild(p);
    while ($("announcer").childNodes.length > 5) { $("announcer").removeChild($("announcer").firstChild); }
  }
  function showError(text) {
    var box = $("console-error");
    box.textContent = text || "";
    box.hidden = !text;
  }

  // --- talking to the API -----------------------------------------------------------------------
  function request(method, url, body) {
    var options = { method: method, credentials: "same-origin",
      headers: { "Accept": "application/json", "X-CSRFToken": csrf } };
    if (body !== undefined) {
      options.headers["Content-Type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    return fetch(url, options).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        return { status: response.status, data: data };
      });
    });
  }

  function step(name, args) {
    lastActivity = Date.now();
    chain = chain.then(function () {
      if (finished) { return null; }
      busy = true;
      lastRequest = Date.now();
      return request("POST", api + "/steps", { step: name, args: args || {}, live: true, version: version })
        .then(function (answer) {
          busy = false;
          if (answer.status === 200) {
            showError("");
            version = answer.data.version;
            answer.data.events.forEach(render);
            if (answer.data.article) { showArticle(answer.data.article); }
            update(answer.data.state);
          } else if (answer.status === 409) {
            showError(answer.data.error || T.conflict);
            return reload();
          } else {
            showError(answer.data.error || T.network);
          }
          return answer;
        }, function () { busy = false; showError(T.network); });
    });
    return chain;
  }

  function reload() {
    return request("GET", api).then(function (answer) {
      if (answer.status !== 200) { showError(answer.data.error || T.network); return; }
      version = answer.data.version;
      if (answer.data.status === "ended" && answer.data.report_url) {
        finished = true;
        window.location.assign(answer.data.report_url);
        return;
      }
      answer.data.events.forEach(render);
      update(answer.data.state);
    }, function () { showError(T.network); });
  }

  // --- the transcript -------------------------------------------------------------------------------
  function line(event, cls, text, who) {
    var li = el("li", "line " + cls);
    li.id = "event-" + event.i;
    var time = el("span", "t", mmss(event.t));
    li.appendChild(time);
    if (who) { li.appendChild(el("span", "who", who)); }
    li.appendChild(el("span", "text", text));
    var list = $("transcript");
    list.appendChild(li);
    list.scrollTop = list.scrollHeight;  // scroll the log, never the page
    return li;
  }

  var TOOL = {
    "ticket.create": "ticket_created", "ticket.update": "ticket_updated", "ticket.note": "ticket_note",
    "ticket.assign": "ticket_assigned", "ticket.link_problem": "ticket_linked", "ticket.resolve": "ticket_resolved",
    "ticket.close": "ticket_closed", "kb.search": "kb_search", "kb.open": "kb_open", "kb.share": "kb_share",
    "kb.propose": "kb_propose", "crm.lookup": "crm_lookup", "remote.connect": "remote_connect",
    "remote.run": "remote_run", "remote.disconnect": "remote_disconnect",
    "sla.warning": "sla_warning", "sla.breach": "sla_breach"
  };

  function render(event) {
    if (seen[event.i]) { return; }
    seen[event.i] = true;
    var d = event.data || {};
    if (d.refused) {
      line(event, "system refused", fmt(T.refused, { reason: d.reason || "" }));
      announce(fmt(T.refused, { reason: d.reason || "" }));
      return;
    }
    switch (event.type) {
      case "ring": line(event, "system", T.ring); break;
      case "wait": if (d.seconds >= 5) { line(event, "system quiet", fmt(T.silence, { s: Math.round(d.seconds) })); } break;
      case "answer": line(event, "system", fmt(T.answered, { s: Math.round(d.wait_s) })); break;
      case "utterance":
        var mine = line(event, "trainee", d.text, T.you);
        if (d.interrupt) { mine.appendChild(el("span", "badge badge-warn", T.interrupt_mark)); }
        break;
      case "customer_line":
        line(event, "customer", d.text, caller);
        announce(caller + ": " + d.text);
        break;
      case "interruption": line(event, "system", T.interrupted); break;
      case "consent":
        line(event, "system good", d.given ? T.consent_given : T.consent_refused);
        announce(d.given ? T.consent_given : T.consent_refused);
        break;
      case "hold": line(event, "system", fmt(T.hold, { s: Math.round(d.seconds) })); break;
      case "resume": line(event, "system", T.resume); break;
      case "end":
        var text = d.ended_by === "customer" ? T.end_customer : (d.ended_by === "timeout" ? T.end_timeout : T.end_trainee);
        line(event, "system end", text);
        announce(text);
        break;
      default:
        if (TOOL[event.type]) {
          var cls = event.type.indexOf("sla.") === 0 ? "system warn" : "system tool";
          line(event, cls, fmt(T[TOOL[event.type]], d));
          tool(event.type, d);
        }
    }
  }

  function tool(type, d) {
    if (type === "crm.lookup") { showPeople(d); }
    if (type === "kb.search") { showArticles(d.results || []); }
    if (type === "remote.run") {
      var term = $("terminal");
      term.textContent += "PS C:\\> " + d.command + "\n" + (d.output || "") + "\n";
      term.scrollTop = term.scrollHeight;
    }
  }

  // --- the panels -------------------------------------------------------------------------------
  function update(state) {
    if (!state) { return; }
    phase = state.phase;
    clockBase = state.clock; clockAt = Date.now();
    ended = state.ended;
    consent = state.consent_given; session = state.remote_session;
    $("ringing").hidden = phase !== "ringing";
    if (phase !== "ringing") { $("ringing").classList.remove("is-ringing"); }
    document.querySelectorAll("[data-needs=talking]").forEach(function (node) {
      node.disabled = phase !== "talking";
    });
    $("wrapup").hidden = !ended;
    if (ended && !$("wrapup").dataset.shown) {
      $("wrapup").dataset.shown = "1";
      $("finish").focus();
    }
    if (practice && typeof state.mood === "number") {
      $("mood").value = state.mood;
      $("mood-text").textContent = state.mood + " · " + (state.mood < 35 ? T.mood_low : state.mood < 65 ? T.mood_mid : T.mood_high);
    }
    if ($("hint")) {
      var hint = state.hint;
      $("hint").hidden = !hint;
      if (hint) {
        $("hint-text").textContent = hint.do;
        $("hint-example").textContent = hint.example ? "“" + hint.example + "”" : "";
      }
    }
    showTicket(state.ticket);
    showRemote();
    if ($("queue-rows")) { queueRows = state.queue || []; queueAt = Date.now(); showQueue(); }
    tickClock();
  }

  function showTicket(t) {
    ticket = t;
    var head = $("ticket-head");
    head.textContent = "";
    var save = $("ticket-save");
    if (!t) {
      head.appendChild(el("span", "badge", T.new_ticket));
      save.textContent = save.dataset.create;
      $("ticket-work").hidden = true;
      return;
    }
    head.appendChild(el("strong", "ticket-number", t.number));
    head.appendChild(el("span", "badge prio prio-" + t.priority, t.priority));
    head.appendChild(el("span", "badge status-" + t.status, T["status_" + t.status] || t.status));
    save.textContent = save.dataset.update;
    $("ticket-work").hidden = false;
    ["summary", "description", "category", "impact", "urgency"].forEach(function (name) {
      var field = $("t-" + name);
      if (document.activeElement !== field && !field.dataset.dirty) { field.value = t[name] || ""; }
    });
  }

  function showRemote() {
    var status = $("remote-status");
    status.classList.toggle("locked", !consent);
    status.classList.toggle("open", consent);
    $("remote-status-text").textContent = session ? T.connected : (consent ? T.unlocked : T.locked);
    $("remote-lock-help").hidden = consent;
    var live = phase === "talking";
    $("remote-connect").disabled = !consent || session || !live;
    $("remote-disconnect").disabled = !session;
    $("remote-command").disabled = !session;
    $("remote-run").disabled = !session;
  }

  function showPeople(d) {
    var box = $("crm-results");
    box.textContent = "";
    var people = d.matches || [];
    if (d.ticket) { people = []; box.appendChild(el("p", null, d.ticket.number + " — " + d.ticket.summary)); }
    if (!people.length && !d.ticket) { box.appendChild(el("p", "muted", T.no_results)); }
    people.forEach(function (p) {
      var card = el("div", "person");
      card.appendChild(el("h3", null, p.full_name || p.name || ""));
      var facts = el("dl", "facts");
      ["organisation", "department", "role", "phone", "email", "hostname", "asset_tag"].forEach(function (k) {
        if (p[k]) { facts.appendChild(el("dt", null, k)); facts.appendChild(el("dd", null, p[k])); }
      });
      card.appendChild(facts);
      card.appendChild(el("h4", null, T.earlier_tickets));
      var list = el("ul", "plain");
      (p.tickets || []).forEach(function (t) {
        list.appendChild(el("li", null, t.number + " · " + t.summary + " · " + (T["status_" + t.status] || t.status)));
      });
      if (!(p.tickets || []).length) { list.appendChild(el("li", "muted", T.no_earlier_tickets)); }
      card.appendChild(list);
      box.appendChild(card);
    });
  }

  function showArticles(results) {
    var list = $("kb-results");
    list.textContent = "";
    if (!results.length) { list.appendChild(el("li", "muted", T.no_results)); }
    results.forEach(function (r) {
      var li = el("li", "kb-hit");
      li.appendChild(el("span", "kb-id", r.id));
      li.appendChild(el("span", "kb-title", r.title));
      var open = el("button", "button secondary small", T.open);
      open.type = "button";
      open.addEventListener("click", function () { step("kb.open", { article: r.id }); });
      li.appendChild(open);
      list.appendChild(li);
    });
  }

  function showArticle(card) {
    openArticle = card.id;
    $("kb-article-title").textContent = card.id + " · " + card.title;
    $("kb-article-meta").textContent = [card.category, card.audience, card.status].filter(Boolean).join(" · ");
    $("kb-article-symptoms").textContent = card.symptoms || "";
    $("kb-article-cause").textContent = card.cause || "";
    $("kb-article-solution").innerHTML = card.solution_html || "";  // rendered and sanitised by the server
    $("kb-article").hidden = false;
    $("kb-article").focus();
  }

  function showQueue() {
    var body = $("queue-rows");
    body.textContent = "";
    var passed = (Date.now() - queueAt) / 1000;
    queueRows.forEach(function (r) {
      var tr = el("tr", r.open ? "" : "done");
      tr.appendChild(el("td", "mono", r.number));
      var prio = el("td"); prio.appendChild(el("span", "badge prio prio-" + r.priority, r.priority)); tr.appendChild(prio);
      tr.appendChild(el("td", null, r.summary + (r.caller ? " — " + r.caller : "")));
      tr.appendChild(el("td", null, T["status_" + r.status] || r.status));
      var left = r.open ? r.sla.left_s - passed : r.sla.left_s;
      var minutes = Math.round(Math.abs(left) / 60);
      var cell = el("td", left < 0 ? "sla breach" : left < r.sla.target_min * 15 ? "sla warn" : "sla",
        left < 0 ? fmt(T.overdue, { m: minutes }) : hms(left));
      tr.appendChild(cell);
      var act = el("td");
      var open = el("button", "button secondary small", T.open);
      open.type = "button";
      open.addEventListener("click", function () { step("crm.lookup", { query: r.number }); selectTab("ticket"); });
      act.appendChild(open);
      tr.appendChild(act);
      body.appendChild(tr);
    });
  }

  // --- the clock and idle time ------------------------------------------------------------------------
  function tickClock() {
    var running = !ended && phase !== "ended";
    var now = clockBase + (running ? (Date.now() - clockAt) / 1000 : 0);
    $("clock").textContent = mmss(now);
    if (phase === "ringing") {
      $("ring-seconds").textContent = fmt(T.ringing_for, { s: Math.floor(now) });
    }
  }

  setInterval(function () {
    tickClock();
    if ($("queue-rows") && !ended) { showQueue(); }
    if (busy || ended || finished) { return; }
    var idle = Date.now() - Math.max(lastActivity, lastRequest);
    var typing = $("say-text").value.trim() !== "";
    if ((phase === "ringing" && idle > 5000) || (phase === "talking" && !typing && idle > 15000)) {
      lastRequest = Date.now();
      step("wait", { seconds: 0 });
    }
  }, 1000);

  ["keydown", "pointerdown"].forEach(function (type) {
    document.addEventListener(type, function () { lastActivity = Date.now(); }, true);
  });

  // --- the controls -------------------------------------------------------------------------------------
  function on(id, type, handler) { $(id).addEventListener(type, handler); }
  function submit(id, handler) {
    on(id, "submit", function (e) { e.preventDefault(); handler(); });
  }
  function value(id) { return $(id).value.trim(); }

  on("answer", "click", function () {
    step("answer").then(function () { $("say-text").focus(); });
  });
  submit("say-form", function () {
    var text = value("say-text");
    if (!text) { return; }
    var args = { text: text };
    if ($("interrupt").checked) { args.interrupt = true; }
    $("say-text").value = "";
    $("interrupt").checked = false;
    step("say", args);
  });
  on("say-text", "keydown", function (e) {
    if (e.key === "Enter" && !e.shiftKey && !e.isComposing) {
      e.preventDefault();
      $("say-form").requestSubmit();
    } else if (e.key === "Escape") {
      $("say-text").value = "";
    }
  });
  submit("hold-form", function () {
    var seconds = parseInt($("hold-seconds").value, 10);
    if (seconds > 0) { step("hold", { seconds: seconds }); }
  });
  on("hangup", "click", function () { step("end_call"); });
  on("finish", "click", function () {
    chain = chain.then(function () {
      return request("POST", api + "/end", { version: version }).then(function (answer) {
        if (answer.status === 200) { finished = true; window.location.assign(answer.data.report_url); }
        else { showError(answer.data.error || T.network); if (answer.status === 409) { return reload(); } }
      });
    });
  });

  ["summary", "description", "category", "impact", "urgency"].forEach(function (name) {
    on("t-" + name, "input", function () { $("t-" + name).dataset.dirty = "1"; });
  });
  submit("ticket-form", function () {
    var fields = {};
    ["summary", "description", "category", "impact", "urgency"].forEach(function (name) {
      fields[name] = value("t-" + name);
    });
    if (!ticket) {
      if (!fields.subcategory) { delete fields.subcategory; }
      step("ticket.create", fields).then(clearDirty);
      return;
    }
    var changed = {};
    Object.keys(fields).forEach(function (k) { if (fields[k] && fields[k] !== (ticket[k] || "")) { changed[k] = fields[k]; } });
    if (Object.keys(changed).length) { step("ticket.update", changed).then(clearDirty); }
  });
  function clearDirty() {
    ["summary", "description", "category", "impact", "urgency"].forEach(function (n) { delete $("t-" + n).dataset.dirty; });
  }
  submit("note-form", function () {
    var text = value("t-note");
    if (text) { $("t-note").value = ""; step("ticket.note", { text: text }); }
  });
  submit("assign-form", function () { step("ticket.assign", { group: $("t-group").value }); });
  submit("problem-form", function () {
    var problem = value("t-problem").toUpperCase();
    if (problem) { step("ticket.link_problem", { problem: problem }); }
  });
  submit("resolve-form", function () {
    var text = value("t-resolution");
    if (text) { step("ticket.resolve", { resolution: text }); }
  });
  on("ticket-close", "click", function () { step("ticket.close"); });

  submit("crm-form", function () {
    var query = value("crm-query");
    if (query) { step("crm.lookup", { query: query }); }
  });
  submit("kb-form", function () {
    var query = value("kb-query");
    if (query) { step("kb.search", { query: query }); }
  });
  on("kb-share", "click", function () { if (openArticle) { step("kb.share", { article: openArticle }); } });
  on("kb-close", "click", function () { $("kb-article").hidden = true; $("kb-query").focus(); });
  $("kb-article").addEventListener("keydown", function (e) {
    if (e.key === "Escape") { $("kb-article").hidden = true; $("kb-query").focus(); }
  });

  on("remote-connect", "click", function () {
    step("remote.connect").then(function () { if (session) { $("remote-command").focus(); } });
  });
  on("remote-disconnect", "click", function () { step("remote.disconnect"); });
  submit("remote-form", function () {
    var command = value("remote-command");
    if (command) { $("remote-command").value = ""; step("remote.run", { command: command }); }
  });

  // --- tabs (WAI-ARIA: arrows move, Home/End jump) ---------------------------------------------------
  var tabs = Array.prototype.slice.call(document.querySelectorAll('[role="tab"]'));
  function selectTab(name) {
    tabs.forEach(function (tab) {
      var chosen = tab.id === "tab-" + name;
      tab.setAttribute("aria-selected", chosen ? "true" : "false");
      tab.tabIndex = chosen ? 0 : -1;
      $(tab.getAttribute("aria-controls")).hidden = !chosen;
      if (chosen) { tab.focus({ preventScroll: true }); }
    });
  }
  tabs.forEach(function (tab, index) {
    tab.addEventListener("click", function () { selectTab(tab.id.slice(4)); });
    tab.addEventListener("keydown", function (e) {
      var next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: tabs.length - 1 }[e.key];
      if (next === undefined) { return; }
      e.preventDefault();
      selectTab(tabs[(next + tabs.length) % tabs.length].id.slice(4));
    });
  });

  $("ringing").classList.add("is-ringing");
  reload().then(function () { if (phase === "ringing") { $("answer").focus(); } });
})();
