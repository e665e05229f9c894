/* The knowledge-base pane: search, open, send to the caller, and propose a new article. */
import { $, T, state, el, on, submit, value, announce } from "./dom.js";
import { step } from "./api.js";

export function showArticles(results) {
  const list = $("kb-results");
  list.textContent = "";
  if (!results.length) { list.appendChild(el("li", "muted", T.no_results)); }
  results.forEach((r) => {
    const li = el("li", "kb-hit");
    li.appendChild(el("span", "kb-id", r.id));
    li.appendChild(el("span", "kb-title", r.title));
    const open = el("button", "button secondary small", T.open);
    open.type = "button";
    open.addEventListener("click", () => step("kb.open", { article: r.id }));
    li.appendChild(open);
    list.appendChild(li);
  });
}

export function showArticle(card) {
  state.openArticle = card.id;
  $("kb-article-title").textContent = card.id + " · " + card.title;
  $("kb-article-meta").textContent = [card.category, card.audience, card.status].filter(Boolean).join(" · ");
  $("kb-article-symptoms").textContent = card.symptoms || "";
  $("kb-article-cause").textContent = card.cause || "";
  $("kb-article-solution").innerHTML = card.solution_html || "";  // rendered and sanitised by the server
  $("kb-article").hidden = false;
  $("kb-article").focus();
}

function closeArticle() {
  $("kb-article").hidden = true;
  $("kb-query").focus();
}

const PROPOSAL = ["title", "symptoms", "cause", "solution"];

function propose() {
  const missing = ["title", "symptoms", "solution"].filter((name) => !value("p-" + name));
  PROPOSAL.forEach((name) => $("p-" + name).setAttribute("aria-invalid", missing.includes(name) ? "true" : "false"));
  if (missing.length) {
    $("p-" + missing[0]).focus();
    announce(T.required);
    return;
  }
  const args = { audience: $("p-audience").value };
  PROPOSAL.forEach((name) => { args[name] = value("p-" + name); });
  step("kb.propose", args).then((answer) => {
    if (answer && answer.status === 200) {
      PROPOSAL.forEach((name) => { $("p-" + name).value = ""; });
      announce(T.proposal_sent);
    }
  });
}

export function wireKb() {
  submit("kb-form", () => {
    const query = value("kb-query");
    if (query) { step("kb.search", { query }); }
  });
  on("kb-share", "click", () => { if (state.openArticle) { step("kb.share", { article: state.openArticle }); } });
  on("kb-close", "click", closeArticle);
  on("kb-article", "keydown", (e) => { if (e.key === "Escape") { closeArticle(); } });
  submit("propose-form", propose);
}
