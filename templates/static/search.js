// The search boxes in the header and on the home page. Over HTTP(S), when the build made Pagefind's
// index (pagefind/ beside the pages), they ask it: every stretch, routine and article page, by any
// word on it. From disk (file://), in `limber serve`, or without the index, they search the small
// index of cards the filter chips read (cards.js): stretches' titles, summaries, targets and
// equipment, with their cues from cues.js. On the home page the filter chips narrow what the
// search finds. The words the script shows come from the form's data attributes, so a theme can
// say them in its language.
// Without JavaScript the forms stay hidden, as the chips do.
(function () {
  "use strict";

  var pageSize = 10;
  var pagefindLoad = null;
  var cardsLoad = null;
  var loads = {};

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // Lower case without accents, so that "hufte" finds "Hüfte" and "Pigeon" finds "pigeon".
  function fold(text) {
    return String(text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function words(query) {
    return fold(query).split(/[^\p{L}\p{N}]+/u).filter(function (w) { return w; });
  }

  // Pagefind's own script, loaded once; null from disk or when the site has no index.
  function pagefind(root) {
    if (!/^https?:$/.test(location.protocol)) return Promise.resolve(null);
    if (!pagefindLoad) {
      pagefindLoad = import(new URL(root + "pagefind/pagefind.js", location.href).href)
        .then(function (found) {
          return Promise.resolve(found.options({ baseUrl: "/", excerptLength: 24 })).then(function () { return found; });
        })
        .catch(function () { return null; });
    }
    return pagefindLoad;
  }

  // A script of the site's, loaded once: resolves with whatever it sets on window, or null.
  function load(src, name) {
    if (window[name]) return Promise.resolve(window[name]);
    if (loads[name]) return loads[name];
    return loads[name] = new Promise(function (resolve) {
      var script = document.createElement("script");
      script.src = src;
      script.onload = function () { resolve(window[name] || null); };
      script.onerror = function () { resolve(null); };
      document.head.appendChild(script);
    });
  }

  // cards.js, which the home page and the lists load already (other pages load it when asked);
  // with `cues`, each stretch's cues from cues.js too, which only this search needs.
  function cards(root, cues) {
    var index = load(root + "cards.js", "limberCards");
    if (!cues) return index;
    if (!cardsLoad) {
      cardsLoad = Promise.all([index, load(root + "cues.js", "limberCues")]).then(function (both) {
        var cards = both[0], lines = both[1];
        if (cards && lines && lines.length === cards.stretches.length) {
          cards.stretches.forEach(function (s, i) { s.cues = lines[i]; });
        }
        return cards;
      });
    }
    return cardsLoad;
  }

  // What the filter chips beside the form choose, and the list a page is fixed to.
  function chosenFilters(box) {
    var chosen = { target: [], kind: [], level: [], equipment: [], time: [] };
    if (!box) return chosen;
    box.querySelectorAll('button[data-group][aria-pressed="true"]').forEach(function (b) {
      chosen[b.dataset.group].push(b.dataset.value);
    });
    var fixed = (box.dataset.filters || "").split(":");
    var group = { targets: "target", kinds: "kind", equipment: "equipment" }[fixed[0]];
    if (group && chosen[group].indexOf(fixed[1]) < 0) chosen[group].push(fixed[1]);
    return chosen;
  }

  function fitsChips(stretch, chosen) {
    function any(name, values) {
      return !chosen[name].length || chosen[name].some(function (v) { return values.indexOf(v) >= 0; });
    }
    return any("target", stretch.targets) && any("kind", [stretch.kind]) && any("level", [stretch.level]) &&
      any("equipment", stretch.equipment) && (!chosen.time.length || stretch.seconds < 300);
  }

  // The search over cards.js: every word of the query in the stretch's text, titles first.
  function searchCards(index, query, chosen, root) {
    var wanted = words(query);
    var found = [];
    index.stretches.forEach(function (s) {
      if (!fitsChips(s, chosen)) return;
      var title = fold(s.title);
      var names = s.targets.map(function (t) { return index.targets[t] || t; })
        .concat(s.equipment.map(function (e) { return index.equipment[e] || e; }));
      var text = title + "\n" + fold(s.summary) + "\n" + fold(names.join("\n")) + "\n" + fold(s.cues);
      if (!wanted.every(function (w) { return text.indexOf(w) >= 0; })) return;
      var score = wanted.filter(function (w) { return title.indexOf(w) >= 0; }).length;
      found.push({ score: score, stretch: s });
    });
    found.sort(function (a, b) { return b.score - a.score || a.stretch.title.localeCompare(b.stretch.title); });
    return found.map(function (f) {
      return { url: root + f.stretch.url, title: f.stretch.title, text: f.stretch.summary };
    });
  }

  function pagefindFilters(chosen, onStretches) {
    var filters = {};
    ["target", "kind", "level", "equipment"].forEach(function (name) {
      if (chosen[name].length) filters[name] = { any: chosen[name] };
    });
    // The home page's box searches the stretches, as the chips beside it filter them.
    if (onStretches && !filters.kind) filters.kind = { any: ["foam-rolling", "dynamic", "static", "isometric"] };
    return filters;
  }

  function start(form) {
    var root = form.dataset.root || "";
    // Pagefind's index and its addresses are the whole site's; a translation's pages are under
    // its folder (`de/`), one folder below the site's root.
    var siteRoot = form.dataset.siteRoot || root;
    var folder = form.dataset.languageFolder || "";
    var input = form.querySelector("input[type=search]");
    var status = form.querySelector("[role=status]");
    var panel = document.getElementById(input.getAttribute("aria-controls"));
    var list = panel.querySelector("ol");
    var more = panel.querySelector("button");
    var box = form.hasAttribute("data-with-filters") ? document.querySelector("[data-filters]") : null;
    var asked = 0;
    var timer = null;
    var pending = null;

    function say(count) {
      var text = count === 0 ? form.dataset.none : count === 1 ? form.dataset.foundOne : form.dataset.foundOther;
      status.textContent = (text || "").replace("{n}", String(count));
    }

    function item(result) {
      var li = el("li", "search-result");
      var link = el("a", "search-result-title", result.title);
      link.href = result.url;
      li.appendChild(link);
      var text = el("p", "search-result-text");
      if (result.excerpt) text.innerHTML = result.excerpt; else text.textContent = result.text || "";
      li.appendChild(text);
      return li;
    }

    // The page's own lists stay hidden while the home page's search shows its results.
    function showPage(searching) {
      if (!box) return;
      if (searching) box.dataset.searching = "1"; else delete box.dataset.searching;
      if (window.limberFilterUpdate) window.limberFilterUpdate();
    }

    function clear() {
      asked++;
      list.textContent = "";
      panel.hidden = true;
      more.hidden = true;
      status.textContent = "";
      showPage(false);
    }

    function show(results, count, append) {
      if (!append) list.textContent = "";
      results.forEach(function (r) { list.appendChild(item(r)); });
      panel.hidden = false;
      showPage(true);
      if (count !== undefined) say(count);
    }

    // Pagefind's results come as handles: each one's page is fetched only when shown.
    function pagefindPage(results, from, chosen, index) {
      var slice = results.slice(from, from + pageSize);
      return Promise.all(slice.map(function (r) { return r.data(); })).then(function (data) {
        return data.map(function (d) {
          return {
            url: siteRoot + d.url.replace(/^\//, ""), title: (d.meta && d.meta.title) || d.url, excerpt: d.excerpt
          };
        }).filter(function (r) {
          if (!chosen.time.length || !index) return true;
          var url = r.url.slice(siteRoot.length + folder.length);
          return index.stretches.some(function (s) { return s.url === url && s.seconds < 300; });
        });
      });
    }

    function run() {
      var query = input.value.trim();
      var ask = ++asked;
      if (!query) { clear(); return; }
      var chosen = chosenFilters(box);
      pagefind(siteRoot).then(function (engine) {
        if (ask !== asked) return;
        if (!engine) {
          return cards(root, true).then(function (index) {
            if (ask !== asked) return;
            var found = index ? searchCards(index, query, chosen, root) : [];
            var shown = pageSize;
            show(found.slice(0, shown), found.length);
            more.hidden = found.length <= shown;
            pending = function () {
              show(found.slice(shown, shown + pageSize), undefined, true);
              shown += pageSize;
              more.hidden = found.length <= shown;
            };
          });
        }
        return Promise.all([
          engine.search(query, { filters: pagefindFilters(chosen, !!box) }),
          chosen.time.length ? cards(root) : null
        ]).then(function (answers) {
          var search = answers[0], index = answers[1];
          if (ask !== asked || !search) return;
          var results = search.results;
          // "Under 5 min" is not in the index: its results are checked one by one against cards.js.
          var wholeList = chosen.time.length ? results.slice(0, 100) : results;
          var shown = chosen.time.length ? wholeList.length : pageSize;
          return pagefindPage(wholeList, 0, chosen, index).then(function (page) {
            if (ask !== asked) return;
            if (chosen.time.length) {
              show(page, page.length);
              more.hidden = true;
              return;
            }
            show(page, results.length);
            more.hidden = results.length <= shown;
            pending = function () {
              var from = shown;
              shown += pageSize;
              pagefindPage(results, from, chosen, index).then(function (next) {
                if (ask !== asked) return;
                show(next, undefined, true);
                more.hidden = results.length <= shown;
              });
            };
          });
        });
      });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(run, 150);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      clearTimeout(timer);
      run();
    });
    more.addEventListener("click", function () { if (pending) pending(); });
    if (box) box.addEventListener("click", function (event) {
      if (event.target.closest("button") && input.value.trim()) run();
    });

    // Arrow keys move between the input and the results; Escape clears the search.
    form.addEventListener("keydown", function (event) {
      var links = Array.prototype.slice.call(list.querySelectorAll("a"));
      var at = links.indexOf(document.activeElement);
      if (event.key === "Escape") {
        if (!input.value && panel.hidden) return;
        event.preventDefault();
        input.value = "";
        clear();
        input.focus();
      } else if (event.key === "ArrowDown" && links.length && (at >= 0 || document.activeElement === input)) {
        event.preventDefault();
        links[Math.min(at + 1, links.length - 1)].focus();
      } else if (event.key === "ArrowUp" && at >= 0) {
        event.preventDefault();
        if (at === 0) input.focus(); else links[at - 1].focus();
      }
    });

    form.hidden = false;
    // A search in the address (`?q=`) is run at once on the home page, as the chips' are.
    var given = new URLSearchParams(location.search).get("q");
    if (given && box) { input.value = given; run(); }
  }

  function startAll() {
    document.querySelectorAll("form[data-search]").forEach(start);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", startAll);
  else startAll();
})();
