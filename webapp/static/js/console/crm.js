/* The customer pane: look a caller up in the CRM and see their earlier tickets. */
import { $, T, el, submit, value, statusName } from "./dom.js";
import { step } from "./api.js";

const FACTS = ["organisation", "department", "role", "phone", "email", "hostname", "asset_tag"];

export function showPeople(d) {
  const box = $("crm-results");
  box.textContent = "";
  let people = d.matches || [];
  if (d.ticket) { people = []; box.appendChild(el("p", null, d.ticket.number + " — " + d.ticket.summary)); }
  if (!people.length && !d.ticket) { box.appendChild(el("p", "muted", T.no_results)); }
  people.forEach((p) => {
    const card = el("div", "person");
    card.appendChild(el("h3", null, p.full_name || p.name || ""));
    const facts = el("dl", "facts");
    FACTS.forEach((k) => {
      if (p[k]) { facts.appendChild(el("dt", null, k)); facts.appendChild(el("dd", null, p[k])); }
    });
    card.appendChild(facts);
    card.appendChild(el("h4", null, T.earlier_tickets));
    const list = el("ul", "plain");
    (p.tickets || []).forEach((t) => list.appendChild(el("li", null, t.number + " · " + t.summary + " · " + statusName(t.status))));
    if (!(p.tickets || []).length) { list.appendChild(el("li", "muted", T.no_earlier_tickets)); }
    card.appendChild(list);
    box.appendChild(card);
  });
}

export function wireCrm() {
  submit("crm-form", () => {
    const query = value("crm-query");
    if (query) { step("crm.lookup", { query }); }
  });
}
