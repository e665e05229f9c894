/* The remote-tools pane: locked until the caller consents, then connect, run commands, disconnect. */
import { $, T, state, on, submit, value } from "./dom.js";
import { step } from "./api.js";

export function showRemote() {
  const status = $("remote-status");
  status.classList.toggle("locked", !state.consent);
  status.classList.toggle("open", state.consent);
  $("remote-status-text").textContent = state.session ? T.connected : (state.consent ? T.unlocked : T.locked);
  $("remote-lock-help").hidden = state.consent;
  const live = state.phase === "talking";
  $("remote-connect").disabled = !state.consent || state.session || !live;
  $("remote-disconnect").disabled = !state.session;
  $("remote-command").disabled = !state.session;
  $("remote-run").disabled = !state.session;
}

export function showOutput(d) {
  const term = $("terminal");
  term.textContent += "PS C:\\> " + d.command + "\n" + (d.output || "") + "\n";
  term.scrollTop = term.scrollHeight;
}

export function wireRemote() {
  on("remote-connect", "click", () => step("remote.connect").then(() => { if (state.session) { $("remote-command").focus(); } }));
  on("remote-disconnect", "click", () => step("remote.disconnect"));
  submit("remote-form", () => {
    const command = value("remote-command");
    if (command) { $("remote-command").value = ""; step("remote.run", { command }); }
  });
}
