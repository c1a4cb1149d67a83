// Filter chips on the home page and list pages: body area, kind, level, equipment and "under
// 5 min" narrow the stretches, over every stretch of the list and not only the page shown, from the
// small index of all cards that the build writes beside the pages (cards.js). The chips' state is
// in the address, so a filtered view can be shared. Without JavaScript the lists work as they are.
(function () {
  "use strict";
  var base = document.currentScript.src;
  // The page's words (templates/i18n/, `filter_…`), from the page.
  var wordsNode = document.getElementById("filter-words");
  var WORDS = wordsNode ? JSON.parse(wordsNode.textContent) : {};
  function word(key) { var text = WORDS["filter_" + key]; return typeof text === "string" ? text : ""; }
  function counted(key, n) {
    var forms = WORDS["filter_" + key] || {}, text = forms;
    if (typeof forms === "object") {
      var category = "other";
      try { category = new Intl.PluralRules(document.documentElement.lang || "en").select(n); } catch (e) {}
      text = forms[category] || forms.other || "";
    }
    return String(text).split("{count}").join(String(n));
  }
  var groups = [
    ["target", word("body_area")], ["kind", word("kind")], ["level", word("level")], ["equipment", word("equipment")],
    ["time", word("time")]
  ];

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function card(stretch, index) {
    var article = el("article", "card level-" + stretch.level);
    var title = el("h3", "card-title");
    var link = el("a", "", stretch.title);
    link.href = new URL(stretch.url, base).href;
    title.appendChild(link);
    article.appendChild(title);
    article.appendChild(el("p", "card-summary", stretch.summary));
    var meta = el("p", "card-meta");
    var kind = el("a", "tag tag-kind", index.kinds[stretch.kind]);
    kind.href = new URL("kinds/" + stretch.kind + "/index.html", base).href;
    meta.appendChild(kind);
    meta.appendChild(document.createTextNode(" "));
    meta.appendChild(el("span", "tag tag-level", index.levels[stretch.level]));
    meta.appendChild(document.createTextNode(" "));
    var dose = el("span", "card-dose");
    dose.appendChild(el("span", "visually-hidden", word("dose")));
    dose.appendChild(document.createTextNode(stretch.dose));
    meta.appendChild(dose);
    article.appendChild(meta);
    var targets = el("ul", "card-targets");
    stretch.targets.forEach(function (slug) {
      var li = el("li"), a = el("a", "", index.targets[slug]);
      a.href = new URL("targets/" + slug + "/index.html", base).href;
      li.appendChild(a);
      targets.appendChild(li);
    });
    article.appendChild(targets);
    return article;
  }

  function matches(stretch, chosen) {
    function any(name, values) { return !chosen[name].length || chosen[name].some(function (v) { return values.indexOf(v) >= 0; }); }
    return any("target", stretch.targets) && any("kind", [stretch.kind]) && any("level", [stretch.level]) &&
      any("equipment", stretch.equipment) && (!chosen.time.length || stretch.seconds < 300);
  }

  function start() {
    var box = document.querySelector("[data-filters]"), index = window.limberCards;
    if (!box || !index) return;
    var fixed = (box.dataset.filters || "").split(":");
    var pool = index.stretches.filter(function (s) {
      if (fixed[0] === "targets") return s.targets.indexOf(fixed[1]) >= 0;
      if (fixed[0] === "kinds") return s.kind === fixed[1];
      if (fixed[0] === "equipment") return s.equipment.indexOf(fixed[1]) >= 0;
      return true;
    });
    var names = { target: index.targets, kind: index.kinds, level: index.levels, equipment: index.equipment,
      time: { short: word("under_5_min") } };
    var fixedName = { targets: "target", kinds: "kind", equipment: "equipment" }[fixed[0]];
    var chosen = {}, params = new URLSearchParams(location.search);
    groups.forEach(function (g) { chosen[g[0]] = params.getAll(g[0]); });

    var results = el("ul", "cards filter-results");
    results.id = "filter-results";
    results.hidden = true;
    var status = el("p", "filter-status");
    status.setAttribute("role", "status");
    var hide = document.querySelectorAll("[data-filter-hide]");

    function update(push) {
      var any = groups.some(function (g) { return chosen[g[0]].length; });
      var shown = any ? pool.filter(function (s) { return matches(s, chosen); }) : [];
      results.textContent = "";
      shown.forEach(function (s) { var li = el("li"); li.appendChild(card(s, index)); results.appendChild(li); });
      // While the home page's search box shows what it found (search.js), the lists step aside.
      var searching = box.dataset.searching === "1";
      results.hidden = !any || searching;
      for (var i = 0; i < hide.length; i++) hide[i].hidden = any || searching;
      status.textContent = any ? counted("count", shown.length) : "";
      box.querySelectorAll("button[data-group]").forEach(function (b) {
        b.setAttribute("aria-pressed", String(chosen[b.dataset.group].indexOf(b.dataset.value) >= 0));
      });
      if (push) {
        var query = new URLSearchParams();
        groups.forEach(function (g) { chosen[g[0]].forEach(function (v) { query.append(g[0], v); }); });
        var text = query.toString();
        try { history.replaceState(null, "", location.pathname + (text ? "?" + text : "") + location.hash); } catch (e) {}
      }
    }

    groups.forEach(function (g) {
      var name = g[0], values = Object.keys(names[name]);
      // Only chips that can narrow this list: the list's own group and values no stretch has are left out.
      values = values.filter(function (v) {
        return pool.some(function (s) {
          return name === "target" ? s.targets.indexOf(v) >= 0 : name === "equipment" ? s.equipment.indexOf(v) >= 0
            : name === "kind" ? s.kind === v : name === "level" ? s.level === v : s.seconds < 300;
        });
      });
      if (name === fixedName || values.length < (name === "time" ? 1 : 2)) return;
      var set = el("fieldset", "filter-group");
      set.appendChild(el("legend", "", g[1]));
      values.forEach(function (v) {
        var chip = el("button", "chip", names[name][v]);
        chip.type = "button";
        chip.dataset.group = name;
        chip.dataset.value = v;
        chip.addEventListener("click", function () {
          var list = chosen[name], at = list.indexOf(v);
          if (at >= 0) list.splice(at, 1); else list.push(v);
          update(true);
        });
        set.appendChild(chip);
      });
      box.appendChild(set);
    });
    var clear = el("button", "chip chip-clear", word("clear"));
    clear.type = "button";
    clear.addEventListener("click", function () { groups.forEach(function (g) { chosen[g[0]] = []; }); update(true); });
    box.appendChild(clear);
    box.appendChild(status);
    box.after(results);
    box.hidden = false;
    window.limberFilterUpdate = function () { update(false); };
    update(false);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
