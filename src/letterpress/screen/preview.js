/* letterpress preview: lays the print CSS's pages out as sheets (with preview.css) and
   reloads the page when the server says the letter has changed. */
"use strict";
(() => {
  const script = document.currentScript;
  const root = document.documentElement;
  // CSS named page sizes, in millimetres (portrait)
  const SIZES = {
    a5: [148, 210], a4: [210, 297], a3: [297, 420], b5: [176, 250], b4: [250, 353],
    "jis-b5": [182, 257], "jis-b4": [257, 364], letter: [215.9, 279.4],
    legal: [215.9, 355.6], ledger: [279.4, 431.8],
  };
  const PAGE_BREAKS = new Set(["page", "left", "right", "recto", "verso"]);

  function* rules(list) {
    for (const rule of list) {
      yield rule;
      if (rule.cssRules && !(rule instanceof CSSPageRule)) yield* rules(rule.cssRules);
    }
  }

  function size(text, box) {
    const words = text.trim().toLowerCase().split(/\s+/);
    const named = words.find((w) => w in SIZES);
    const lengths = words.filter((w) => /^[\d.]/.test(w));
    if (named) [box.width, box.height] = SIZES[named].map((mm) => `${mm}mm`);
    if (lengths.length) [box.width, box.height] = [lengths[0], lengths[1] || lengths[0]];
    if (words.includes("landscape")) [box.width, box.height] = [box.height, box.width];
  }

  // The sheets follow the layout's own @page rules (WeasyPrint's defaults: A4, 75px margins);
  // forced page breaks become column breaks, as the sheets are the columns of the body.
  const box = { width: "210mm", height: "297mm" };
  for (const side of ["top", "right", "bottom", "left"]) box[`margin-${side}`] = "75px";
  for (const sheet of document.styleSheets) {
    let list;
    try { list = sheet.cssRules; } catch { continue; }
    for (const rule of rules(list)) {
      if (rule instanceof CSSPageRule && !rule.selectorText) {
        const declared = rule.style.getPropertyValue("size");
        if (declared) size(declared, box);
        for (const side of ["top", "right", "bottom", "left"]) {
          const margin = rule.style.getPropertyValue(`margin-${side}`);
          if (margin) box[`margin-${side}`] = margin;
        }
      } else if (rule instanceof CSSStyleRule) {
        for (const edge of ["breakBefore", "breakAfter"]) {
          if (PAGE_BREAKS.has(rule.style[edge])) rule.style[edge] = "column";
        }
      }
    }
  }
  root.style.setProperty("--lp-page-width", box.width);
  root.style.setProperty("--lp-page-height", box.height);
  for (const side of ["top", "right", "bottom", "left"]) {
    root.style.setProperty(`--lp-margin-${side}`, box[`margin-${side}`]);
  }

  // Languages built as separate files: a link to each.
  const documents = (script.dataset.documents || "").split(" ").filter(Boolean);
  if (documents.length > 1) {
    document.addEventListener("DOMContentLoaded", () => {
      const nav = document.createElement("nav");
      nav.className = "lp-documents";
      for (const path of documents) {
        const link = document.createElement("a");
        link.href = path;
        link.textContent = decodeURIComponent(path.slice(1));
        const here = location.pathname === path || (location.pathname === "/" && path === documents[0]);
        if (here) link.setAttribute("aria-current", "page");
        nav.append(link);
      }
      document.body.append(nav);
    });
  }

  // The server sends its version at once and after every change; another one means reload.
  const events = new EventSource("/_preview/events");
  events.onmessage = (event) => {
    if (event.data !== script.dataset.version) {
      events.close();
      location.reload();
    }
  };
})();
