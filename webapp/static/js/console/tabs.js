/* The tools' tabs (WAI-ARIA tabs: arrows move, Home/End jump). */
import { $ } from "./dom.js";

const tabs = Array.from(document.querySelectorAll('#console [role="tab"]'));

export function selectTab(name) {
  tabs.forEach((tab) => {
    const chosen = tab.id === "tab-" + name;
    tab.setAttribute("aria-selected", chosen ? "true" : "false");
    tab.tabIndex = chosen ? 0 : -1;
    $(tab.getAttribute("aria-controls")).hidden = !chosen;
    if (chosen) { tab.focus({ preventScroll: true }); }
  });
}

export function wireTabs() {
  tabs.forEach((tab, index) => {
    tab.addEventListener("click", () => selectTab(tab.id.slice(4)));
    tab.addEventListener("keydown", (e) => {
      const next = { ArrowRight: index + 1, ArrowLeft: index - 1, Home: 0, End: tabs.length - 1 }[e.key];
      if (next === undefined) { return; }
      e.preventDefault();
      selectTab(tabs[(next + tabs.length) % tabs.length].id.slice(4));
    });
  });
}
