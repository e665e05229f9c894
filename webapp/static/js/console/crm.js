/* The customer pane: look a caller up in the CRM and see their earlier tickets and contacts, or look an
 * earlier ticket up by its number (shown here; it does not become the call's ticket). */
import { $, T, el, submit, value, statusName } from "./dom.js";
import { step } from "./api.js";

const FACTS = ["organisation", "department", "role", "phone", "email", "hostname", "asset_tag"];

function ticketLine(t) {
  const parts = [t.number, t.summary, statusName(t.status)];
  if (t.opened_at) { parts.push(String(t.opened_at).slice(0, 10)); }
  const line = el("li", null, parts.join(" · "));
  if (t.resolution) { line.appendChild(el("span", "muted block", T.resolution + ": " + t.resolution)); }
  return line;
}

function earlier(card, p) {
  card.appendChild(el("h4", null, T.earlier_tickets));
  const tickets = el("ul", "plain earlier-tickets");
  (p.tickets || []).forEach((t) => tickets.appendChild(ticketLine(t)));
  if (!(p.tickets || []).length) { tickets.appendChild(el("li", "muted", T.no_earlier_tickets)); }
  card.appendChild(tickets);
  if ((p.contacts || []).length) {
    card.appendChild(el("h4", null, T.earlier_contacts));
    const contacts = el("ul", "plain earlier-contacts");
    p.contacts.forEach((c) => contacts.appendChild(
      el("li", null, [String(c.at || "").slice(0, 10), T["channel_" + c.channel] || c.channel, c.summary].join(" · "))));
    card.appendChild(contacts);
  }
}

export function showPeople(d) {
  const box = $("crm-results");
  box.textContent = "";
  if (d.ticket) {
    const card = el("div", "person ticket-card");
    card.appendChild(el("h3", null, T.ticket_found));
    const list = el("ul", "plain");
    list.appendChild(ticketLine(d.ticket));
    card.appendChild(list);
    box.appendChild(card);
    return;
  }
  const people = d.matches || [];
  if (!people.length) { box.appendChild(el("p", "muted", T.no_results)); }
  people.forEach((p) => {
    const card = el("div", "person");
    card.appendChild(el("h3", null, p.full_name || p.name || ""));
    const facts = el("dl", "facts");
    FACTS.forEach((k) => {
      if (p[k]) { facts.appendChild(el("dt", null, T["card_" + k] || k)); facts.appendChild(el("dd", null, p[k])); }
    });
    card.appendChild(facts);
    earlier(card, p);
    box.appendChild(card);
  });
}

export function wireCrm() {
  submit("crm-form", () => {
    const query = value("crm-query");
    if (query) { step("crm.lookup", { query }); }
  });
}
