// The routine sheet: shows its Print button (hidden without JavaScript), and makes the sheet fit
// its paper. Before the page is printed (Print, the browser's print preview, a headless browser's
// print to PDF) and once it has loaded, it lays the sheet out as print.css prints it, at the width
// of the paper named on it (data-paper: A4 or Letter, as in the page's @page), and when the sheet
// would run onto a second page it tightens it a step at a time: less space, cues run on, smaller
// pictures, smaller large text (none under 9 pt: print.css). When even that is too long, it says at
// the foot of the first page that the sheet goes on overleaf. The classes it sets act on paper only.
(function () {
  "use strict";
  var sheet = document.querySelector(".sheet");
  var button = document.querySelector(".print-button");
  if (button && typeof window.print === "function") {
    button.hidden = false;
    button.addEventListener("click", function () {
      window.print();
    });
  }
  if (!sheet) return;

  // Paper in millimetres, and the @page margin of print.css.
  var PAPER = { A4: [210, 297], Letter: [215.9, 279.4] };
  var MARGIN = 12;
  var PX_PER_MM = 96 / 25.4;
  var STEPS = ["fit-space", "fit-cues", "fit-pictures", "fit-text"];
  var print = window.matchMedia ? window.matchMedia("print") : { matches: false };

  function paper() {
    return PAPER[sheet.getAttribute("data-paper")] || PAPER.A4;
  }

  // Where an element ends, from the top of the page, in CSS pixels.
  function end(element) {
    return element.getBoundingClientRect().bottom - document.documentElement.getBoundingClientRect().top;
  }

  function reset() {
    STEPS.forEach(function (step) { sheet.classList.remove(step); });
    var note = sheet.querySelector(".sheet-overleaf");
    if (note) note.parentNode.removeChild(note);
    sheet.removeAttribute("data-fit");
    sheet.removeAttribute("data-pages");
  }

  // The blocks a sheet breaks between, in order: its steps, then the parts after them.
  function blocks() {
    var found = Array.prototype.slice.call(sheet.querySelectorAll(".sheet-steps > .step"));
    [".sheet-cautions", ".sheet-tracking", ".sheet-foot"].forEach(function (selector) {
      var block = sheet.querySelector(selector);
      if (block) found.push(block);
    });
    return found;
  }

  // Puts "Continued overleaf" before the first block that does not fit on the first page, moved up
  // a block at a time until the note itself fits there; print.css breaks the page after it.
  function sayOverleaf(limit) {
    var all = blocks(), text = sheet.getAttribute("data-overleaf") || "Continued overleaf";
    var first = 0;
    while (first < all.length && end(all[first]) <= limit) first++;
    for (var at = Math.min(first, all.length - 1); at > 0; at--) {
      var before = all[at], inSteps = before.parentNode.classList.contains("sheet-steps");
      var note = document.createElement(inSteps ? "li" : "p");
      note.className = "sheet-overleaf";
      note.textContent = text + " \u2192";
      before.parentNode.insertBefore(note, before);
      if (end(note) <= limit) return;
      note.parentNode.removeChild(note);
    }
  }

  // Tightens the sheet as it is laid out now, which must be the print layout.
  function tighten() {
    reset();
    var limit = (paper()[1] - 2 * MARGIN) * PX_PER_MM;
    var level = 0;
    while (end(sheet) > limit && level < STEPS.length) sheet.classList.add(STEPS[level++]);
    var fits = end(sheet) <= limit;
    if (!fits) sayOverleaf(limit);
    sheet.setAttribute("data-fit", String(level));
    sheet.setAttribute("data-pages", fits ? "1" : "2+");
  }

  // Lays the page out as printed for as long as `work` runs: the print stylesheets on, the page as
  // wide as the paper between its margins. No frame is painted in between.
  function asPrinted(work) {
    if (print.matches) return work();
    var styles = Array.prototype.filter.call(
      document.querySelectorAll('link[rel~="stylesheet"], style'), function (element) {
        return element.media === "print";
      });
    var root = document.documentElement, width = root.style.width, minWidth = root.style.minWidth;
    styles.forEach(function (element) { element.media = "all"; });
    root.style.width = root.style.minWidth = (paper()[0] - 2 * MARGIN) * PX_PER_MM + "px";
    root.classList.add("measuring-print");
    try {
      work();
    } finally {
      styles.forEach(function (element) { element.media = "print"; });
      root.style.width = width;
      root.style.minWidth = minWidth;
      root.classList.remove("measuring-print");
    }
  }

  function fit() {
    asPrinted(tighten);
  }

  // Before printing, while the page is still laid out for the screen: a change made once the
  // print layout has begun would not change its number of pages.
  window.addEventListener("beforeprint", fit);
  if (document.readyState === "complete") fit();
  else window.addEventListener("load", fit);
})();
