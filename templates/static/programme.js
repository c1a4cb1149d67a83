// A patient's programme, made and kept in the browser: the composer (pick stretches from the guide,
// set each one's dose, reorder, add notes), the programme page (like a routine page, with the same
// player) and its sheet (printed on one page by sheet.js, with a QR code of its link). The
// programme lives in the page's address after `#` (never sent to a server) and in localStorage;
// the guide's stretches come from the data file the build writes (window.limberProgrammeData),
// and every word shown comes from the page (#programme-words), so a theme can translate them;
// doses are written in the site's language's words, which the data file carries (dose_words).
// Times follow the build's rules exactly (Dose.schedule and Guide.time in Limber's source).
(function () {
  "use strict";
  var DATA = window.limberProgrammeData;
  var VERSION = 1;
  var RECENT = "limber-programmes", DRAFT = "limber-programme-draft";
  var FREQUENCIES = ["d1", "d2", "eod", "w3", "w1"];
  var SIDES = ["leg", "arm", "side"];
  var LIMIT = { steps: 30, sets: 99, count: 999, seconds: 24 * 3600, text: 600 };
  var wordsNode = document.getElementById("programme-words");
  // The page's words (templates/i18n/), as `programme_…` keys: grouped here as the code reads them.
  var WORDS = { frequencies: {} };
  Object.entries(wordsNode ? JSON.parse(wordsNode.textContent) : {}).forEach(function (entry) {
    var key = entry[0].replace(/^programme_/, "");
    if (key.indexOf("frequency_") === 0) WORDS.frequencies[key.slice(10)] = entry[1];
    else WORDS[key] = entry[1];
  });

  // MARK: - Words

  function say(key, values) {
    var text = WORDS[key] || key;
    Object.keys(values || {}).forEach(function (name) { text = text.split("{" + name + "}").join(String(values[name])); });
    return text;
  }

  // MARK: - Doses: written and timed as the build does (Dose.display, Dose.schedule, Guide.time)

  function numberText(r) { return r[0] === r[1] ? String(r[0]) : r[0] + "\u2013" + r[1]; }
  function formatSeconds(s) {
    if (s < 60) return s + " s";
    var minutes = Math.floor(s / 60), rest = s % 60;
    return rest === 0 ? minutes + " min" : minutes + " min " + rest + " s";
  }
  function formatRange(r) { return r[0] === r[1] ? formatSeconds(r[0]) : formatSeconds(r[0]) + " \u2013 " + formatSeconds(r[1]); }
  // The words doses are shown in, the site's language's, from the build (DoseWords): each key
  // `[one, other]`, chosen by the count as the build chooses.
  var DOSE = (DATA && DATA.dose_words) || {};
  function doseWord(key, r) {
    var forms = DOSE[key];
    return forms ? forms[r && r[1] === 1 ? 0 : 1] : key;
  }
  function doseSeconds(s) {
    if (s < 60) return s + " " + doseWord("seconds");
    var minutes = Math.floor(s / 60), rest = s % 60;
    return minutes + " " + doseWord("minutes") + (rest === 0 ? "" : " " + rest + " " + doseWord("seconds"));
  }
  function durationText(r) {
    if (r[0] === r[1]) return doseSeconds(r[0]);
    if (r[0] % 60 === 0 && r[1] % 60 === 0) return r[0] / 60 + "\u2013" + r[1] / 60 + " " + doseWord("minutes");
    return r[0] + "\u2013" + r[1] + " " + doseWord("seconds");
  }

  function display(d) {
    if (d.w === "text") return d.x;
    var sets = d.s || [1, 1], text;
    function counted(n, key) {
      var noun = doseWord(key, n);
      if (!d.m) return numberText(n) + " " + noun;
      var how = doseWord(d.m, n);
      return numberText(n) + " " + (DOSE.manner_after ? noun + " " + how : how + " " + noun);
    }
    if (d.w === "hold") text = durationText(d.n);
    else if (d.w === "reps" && !d.h) text = counted(d.n, "reps");
    else if (d.w === "reps" && d.m) text = counted(d.n, "reps") + ", " + durationText(d.h) + " " + doseWord("hold");
    else if (d.w === "reps") text = numberText(d.n) + " \u00d7 " + durationText(d.h) + " " + doseWord("hold");
    else text = counted(d.n, "breaths");
    if (sets[0] !== 1 || sets[1] !== 1) {
      text = numberText(sets) + (d.w === "reps" && d.h ? " " + doseWord("sets", sets) + " " + doseWord("of") + " " : " \u00d7 ") + text;
    }
    var side = d.e ? DOSE.side_joiner + doseWord("each") + " " + doseWord(d.e) : "";
    var rest = d.r ? ", " + doseWord("rest") + " " + durationText(d.r) : "";
    return text + (DOSE.side_last ? rest + side : side + rest);
  }

  // The pieces of a dose in the order they are done: every set on the first side, with the rests
  // between sets, then every set on the other. A set only the high end of a range of sets does
  // (and the rest before it) takes nothing at the low end.
  function schedule(d) {
    if (d.w === "text") return [{ kind: "untimed", side: null, set: 1, seconds: [0, 0] }];
    var sets = d.s || [1, 1], count = null, hold = null, setTime;
    if (d.w === "hold") {
      setTime = d.n;
    } else if (d.w === "reps") {
      count = d.n;
      hold = d.h || null;
      var each = d.h || [0, 0];
      setTime = [d.n[0] * (each[0] + DATA.rep_seconds), d.n[1] * (each[1] + DATA.rep_seconds)];
    } else {
      count = d.n;
      setTime = [d.n[0] * DATA.breath_seconds, d.n[1] * DATA.breath_seconds];
    }
    function optional(r, isOptional) { return isOptional ? [0, r[1]] : r; }
    var out = [];
    (d.e ? [1, 2] : [null]).forEach(function (side) {
      for (var set = 1; set <= sets[1]; set++) {
        var isOptional = set > sets[0];
        if (set > 1 && d.r) out.push({ kind: "rest", side: side, set: set - 1, seconds: optional(d.r, isOptional) });
        out.push({ kind: d.w, side: side, set: set, count: count, hold: hold, seconds: optional(setTime, isOptional) });
      }
    });
    return out;
  }

  // Doses done one after the other in the player: the get-ready countdown, then each piece, with
  // a change-over before a piece on a new side or of a new step.
  function time(doses) {
    var low = DATA.get_ready, high = DATA.get_ready, lastLow = null, lastHigh = null;
    doses.forEach(function (d, number) {
      schedule(d).forEach(function (piece) {
        if (piece.seconds[0] > 0) {
          if (lastLow && (lastLow.step !== number || lastLow.side !== piece.side)) low += DATA.change_over;
          low += piece.seconds[0];
          lastLow = { step: number, side: piece.side };
        }
        if (piece.seconds[1] > 0) {
          if (lastHigh && (lastHigh.step !== number || lastHigh.side !== piece.side)) high += DATA.change_over;
          high += piece.seconds[1];
          lastHigh = { step: number, side: piece.side };
        }
      });
    });
    return [low, high];
  }

  // A programme's whole time as pages write a routine's (Guide.totalTime).
  function totalText(doses) {
    var seconds = time(doses);
    var untimed = doses.filter(function (d) { return d.w === "text"; }).length;
    if (!untimed) return formatRange(seconds);
    if (untimed === doses.length) return say("untimed");
    return say("untimed_total", { minutes: numberText([Math.floor((seconds[0] + 59) / 60), Math.floor((seconds[1] + 59) / 60)]) });
  }

  // MARK: - Checking a dose, from the address or the editor

  function isRange(r, most) {
    return Array.isArray(r) && r.length === 2 && r.every(function (n) { return Number.isInteger(n) && n > 0 && n <= most; }) && r[0] <= r[1];
  }

  function validDose(d) {
    if (!d || typeof d !== "object") return false;
    if (d.w === "text") return typeof d.x === "string" && d.x.trim().length > 0 && d.x.length <= LIMIT.text;
    if (["hold", "reps", "breaths"].indexOf(d.w) < 0) return false;
    if (!isRange(d.n, d.w === "hold" ? LIMIT.seconds : LIMIT.count)) return false;
    if (d.s !== undefined && !isRange(d.s, LIMIT.sets)) return false;
    if (d.h !== undefined && (d.w !== "reps" || !isRange(d.h, LIMIT.seconds))) return false;
    if (d.r !== undefined && (!isRange(d.r, LIMIT.seconds) || !d.s || d.s[1] < 2)) return false;
    if (d.e !== undefined && SIDES.indexOf(d.e) < 0) return false;
    if (d.m !== undefined && typeof d.m !== "string") return false;
    return true;
  }

  // MARK: - The programme in the address: `#p=1z.<base64url of its JSON, deflated>`

  function toBase64URL(bytes) {
    var binary = "";
    for (var i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]);
    return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }
  function fromBase64URL(code) {
    var binary = atob(code.replace(/-/g, "+").replace(/_/g, "/"));
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  }
  // Deflated (CompressionStream, in every current browser), a link is about half as long, which
  // keeps the QR code on paper one that a phone reads; a browser without it writes it as it is.
  function squeeze(bytes, stream) {
    return new Response(new Blob([bytes]).stream().pipeThrough(stream)).arrayBuffer().then(function (buffer) {
      return new Uint8Array(buffer);
    });
  }

  // As an array, in a fixed order: the shortest JSON. A promise of the code.
  function encode(p) {
    var steps = p.steps.map(function (step) {
      var item = [step.slug, step.title, step.dose];
      if (step.note) item.push(step.note);
      return item;
    });
    var bytes = new TextEncoder().encode(JSON.stringify([p.title, p.patient, p.frequency, p.start, p.notes, p.cautions, steps]));
    if (typeof CompressionStream !== "function") return Promise.resolve(VERSION + "." + toBase64URL(bytes));
    return squeeze(bytes, new CompressionStream("deflate-raw")).then(function (packed) {
      return VERSION + "z." + toBase64URL(packed);
    });
  }

  function isText(value, most) { return typeof value === "string" && value.length <= most; }

  // A promise of the programme in `code`, or of null when it is not one this page can read.
  function decode(code) {
    var match = /^(\d+)(z?)\.([A-Za-z0-9_-]+)$/.exec(code || "");
    if (!match || +match[1] !== VERSION) return Promise.resolve(null);
    var bytes;
    try { bytes = fromBase64URL(match[3]); } catch (e) { return Promise.resolve(null); }
    var unpacked = !match[2] ? Promise.resolve(bytes)
      : typeof DecompressionStream === "function" ? squeeze(bytes, new DecompressionStream("deflate-raw"))
      : Promise.reject(new Error("no DecompressionStream"));
    return unpacked.then(function (plain) {
      return check(JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(plain)));
    }).catch(function () { return null; });
  }

  // The programme in a decoded list, every part checked; null when a part is not as written.
  function check(list) {
    if (!Array.isArray(list) || list.length !== 7) return null;
    var p = {
      title: list[0], patient: list[1], frequency: list[2], start: list[3], notes: list[4], cautions: list[5], steps: []
    };
    if (!isText(p.title, 80) || !isText(p.patient, 60) || !isText(p.notes, LIMIT.text) || !isText(p.cautions, LIMIT.text)) return null;
    if (FREQUENCIES.indexOf(p.frequency) < 0) return null;
    if (!isText(p.start, 10) || (p.start && !/^\d{4}-\d{2}-\d{2}$/.test(p.start))) return null;
    if (!Array.isArray(list[6]) || list[6].length > LIMIT.steps) return null;
    for (var i = 0; i < list[6].length; i++) {
      var item = list[6][i];
      if (!Array.isArray(item) || item.length < 3 || item.length > 4) return null;
      if (!isText(item[0], 200) || !/^[^\s\/]+$/.test(item[0]) || !isText(item[1], 200) || !validDose(item[2])) return null;
      if (item.length === 4 && !isText(item[3], LIMIT.text)) return null;
      p.steps.push({ slug: item[0], title: item[1], dose: item[2], note: item[3] || "" });
    }
    return p;
  }

  function blank() {
    return { title: "", patient: "", frequency: "d1", start: today(), notes: "", cautions: "", steps: [] };
  }

  // MARK: - The guide's stretches

  var bySlug = {};
  if (DATA) DATA.stretches.forEach(function (stretch) { bySlug[stretch.s] = stretch; });

  // A step's stretch as the guide has it now; null when the guide no longer has it.
  function stretchOf(step) { return bySlug[step.slug] || null; }
  function pictureURL(stretch, root) { return stretch && stretch.i ? root + stretch.i : null; }
  function stretchURL(slug, root) { return root + "stretches/" + slug + "/index.html"; }
  function cautionsOf(p) { return p.cautions.split("\n").map(function (l) { return l.trim(); }).filter(Boolean); }

  // MARK: - Small helpers

  function $(id) { return document.getElementById(id); }
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }
  function load(key) { try { return JSON.parse(localStorage.getItem(key)); } catch (e) { return null; } }
  function store(key, value) { try { localStorage.setItem(key, JSON.stringify(value)); } catch (e) { /* storage off */ } }
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function isoDay(date) { return date.getFullYear() + "-" + pad(date.getMonth() + 1) + "-" + pad(date.getDate()); }
  function today() { return isoDay(new Date()); }
  function parseDay(text) { var p = (text || today()).split("-"); return new Date(+p[0], p[1] - 1, +p[2]); }
  function dayLabel(date) {
    try { return date.toLocaleDateString(document.documentElement.lang || undefined, { day: "numeric", month: "short", year: "numeric" }); }
    catch (e) { return isoDay(date); }
  }
  function shortDay(date) {
    try { return date.toLocaleDateString(document.documentElement.lang || undefined, { weekday: "short", day: "numeric" }); }
    catch (e) { return String(date.getDate()); }
  }
  // FNV-1a over the code: a short key for the programme's history and its reminders' UID.
  function hash(text) {
    var h = 0x811c9dc5;
    for (var i = 0; i < text.length; i++) { h ^= text.charCodeAt(i); h = Math.imul(h, 0x01000193) >>> 0; }
    return ("0000000" + h.toString(16)).slice(-8);
  }

  // The programme's address: this page's own when served, the published guide's from disk.
  function linkTo(code) {
    var page = /^https?:$/.test(location.protocol)
      ? new URL(app.getAttribute("data-composer"), location.href).href
      : DATA.base_url + "programme/index.html";
    return page.split("#")[0] + "#p=" + code;
  }

  var app = $("programme-app");
  var root = app ? app.getAttribute("data-root") : "";

  function fragment() {
    var found = {};
    location.hash.replace(/^#/, "").split("&").forEach(function (part) {
      var at = part.indexOf("=");
      if (at > 0) found[part.slice(0, at)] = decodeURIComponent(part.slice(at + 1));
    });
    return found;
  }

  function showError(text) {
    var box = $("programme-error");
    box.textContent = text;
    box.hidden = false;
  }

  // MARK: - Steps as pages show them (programme page and sheet)

  function stepNotices(step, into) {
    var stretch = stretchOf(step);
    if (!stretch) into.appendChild(el("p", "programme-notice", say("removed", { title: step.title })));
    else if (stretch.t !== step.title) into.appendChild(el("p", "programme-notice", say("renamed", { title: step.title })));
  }

  function remember(code, p) {
    var list = (load(RECENT) || []).filter(function (item) { return item.code !== code; });
    list.unshift({ code: code, title: p.title || say("untitled"), patient: p.patient, at: today() });
    store(RECENT, list.slice(0, 20));
  }

  // MARK: - The programme page

  function playerData(p, code) {
    return {
      kind: "routine", title: p.title || say("untitled"), history_key: "programme:" + hash(code),
      sheet_url: app.getAttribute("data-sheet") + "#p=" + code,
      get_ready: DATA.get_ready, change_over: DATA.change_over, date_format: DATA.date_format,
      rep_seconds: DATA.rep_seconds, breath_seconds: DATA.breath_seconds,
      steps: p.steps.map(function (step) {
        var stretch = stretchOf(step), out = {
          title: stretch ? stretch.t : step.title, url: stretch ? stretchURL(step.slug, root) : "#",
          dose: display(step.dose), cues: stretch && stretch.c ? stretch.c : []
        };
        if (step.dose.w === "text") out.untimed = true;
        if (step.dose.e) out.side = step.dose.e;
        if (step.note) out.note = step.note;
        if (stretch && stretch.i) out.image = { url: pictureURL(stretch, root), alt: stretch.a || "" };
        out.pieces = schedule(step.dose).map(function (piece) {
          var item = { kind: piece.kind, set: piece.set };
          if (piece.side) item.side = piece.side;
          if (piece.count) {
            item.count = piece.count;
            item.each = piece.kind === "breaths" ? DATA.breath_seconds : (piece.hold ? piece.hold[0] : 0) + DATA.rep_seconds;
          }
          if (piece.hold) item.hold = piece.hold;
          item.seconds = piece.seconds;
          return item;
        });
        return out;
      })
    };
  }

  function frequencyText(p) { return (WORDS.frequencies || {})[p.frequency] || p.frequency; }

  function showProgramme(p, code) {
    $("programme-view").hidden = false;
    var title = p.title || say("untitled");
    document.title = title + " \u00b7 " + document.title.split(" \u00b7 ").slice(1).join(" \u00b7 ");
    $("view-title").textContent = title;
    var lead = [];
    if (p.patient) lead.push(say("for_patient", { name: p.patient }));
    if (p.start) lead.push(say("from_date", { date: dayLabel(parseDay(p.start)) }));
    $("view-lead").textContent = lead.join(", ");
    var doses = p.steps.map(function (s) { return s.dose; });
    $("view-time").textContent = totalText(doses);
    $("view-count").textContent = String(p.steps.length);
    $("view-frequency").textContent = frequencyText(p);
    $("view-frequency-box").hidden = false;
    $("view-sheet").href = app.getAttribute("data-sheet") + "#p=" + code;
    $("programme-edit").href = app.getAttribute("data-composer") + "#e=" + code;
    if (p.notes) { $("view-notes").textContent = p.notes; $("view-notes-box").hidden = false; }
    var cautions = cautionsOf(p);
    cautions.forEach(function (line) { $("view-cautions").appendChild(el("li", "", line)); });
    $("view-cautions-box").hidden = !cautions.length;
    var list = $("view-steps");
    p.steps.forEach(function (step, index) {
      var stretch = stretchOf(step), li = el("li", "step");
      var number = el("span", "step-number", String(index + 1));
      number.setAttribute("aria-hidden", "true");
      li.appendChild(number);
      var body = el("div", "step-body"), h = el("h3", "step-title");
      if (stretch) {
        var a = el("a", "", stretch.t);
        a.href = stretchURL(step.slug, root);
        h.appendChild(a);
      } else {
        h.textContent = step.title;
      }
      body.appendChild(h);
      var dose = el("p", "step-dose"), strong = el("strong", "", display(step.dose));
      dose.appendChild(strong);
      body.appendChild(dose);
      stepNotices(step, body);
      if (stretch && stretch.i) {
        var img = el("img", "step-image");
        img.src = pictureURL(stretch, root);
        img.alt = stretch.a || "";
        img.loading = "lazy";
        body.appendChild(img);
      }
      if (step.note) {
        var note = el("p", "step-note"), label = el("strong", "", say("step_note"));
        note.appendChild(label);
        note.appendChild(document.createTextNode(" " + step.note));
        body.appendChild(note);
      }
      if (stretch && stretch.c && stretch.c.length) {
        var cues = el("ul", "step-cues");
        stretch.c.forEach(function (cue) { cues.appendChild(el("li", "", cue)); });
        body.appendChild(cues);
      }
      li.appendChild(body);
      list.appendChild(li);
    });
    var link = linkTo(code);
    $("programme-link").value = link;
    $("programme-copy").addEventListener("click", function () { copy(link); });
    if (navigator.share) {
      $("programme-share").hidden = false;
      $("programme-share").addEventListener("click", function () {
        navigator.share({ title: title, url: link }).catch(function () {});
      });
    }
    $("programme-ics").addEventListener("click", function () {
      var blob = new Blob([calendar(p, code, link, new Date())], { type: "text/calendar;charset=utf-8" });
      var a = el("a");
      a.href = URL.createObjectURL(blob);
      a.download = say("reminder_file");
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(function () { URL.revokeObjectURL(a.href); }, 60000);
    });
    $("player-data").textContent = JSON.stringify(playerData(p, code)).replace(/</g, "\\u003c");
    remember(code, p);
  }

  function copy(link) {
    var field = $("programme-link"), status = $("programme-status");
    function done() { status.textContent = say("copied"); }
    function fallback() {
      field.focus();
      field.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      status.textContent = ok ? say("copied") : say("copy_failed");
    }
    if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(link).then(done, fallback);
    else fallback();
  }

  // MARK: - Reminders: an iCalendar file (RFC 5545) with a recurring event

  function icsText(text) {
    return String(text).replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");
  }

  // Lines longer than 75 octets go on in lines that start with a space, never inside a character.
  function fold(line) {
    var out = [], current = "", size = 0, limit = 75;
    for (var i = 0; i < line.length; i++) {
      var code = line.codePointAt(i), ch = String.fromCodePoint(code);
      if (code > 0xffff) i++;
      var bytes = code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
      if (size + bytes > limit) {
        out.push(current);
        current = " ";
        size = 1;
      }
      current += ch;
      size += bytes;
    }
    out.push(current);
    return out.join("\r\n");
  }

  function icsDate(date) { return date.getFullYear() + pad(date.getMonth() + 1) + pad(date.getDate()); }
  function icsStamp(date) {
    return date.getUTCFullYear() + pad(date.getUTCMonth() + 1) + pad(date.getUTCDate()) + "T" +
      pad(date.getUTCHours()) + pad(date.getUTCMinutes()) + pad(date.getUTCSeconds()) + "Z";
  }

  // The recurrence that follows the frequency, for six weeks from the start day.
  var RULES = {
    d1: "FREQ=DAILY", d2: "FREQ=DAILY;BYHOUR=8,18", eod: "FREQ=DAILY;INTERVAL=2",
    w3: "FREQ=WEEKLY;BYDAY=MO,WE,FR", w1: "FREQ=WEEKLY"
  };
  var WEEKS = 6;

  function calendar(p, code, link, now) {
    var start = parseDay(p.start), end = new Date(start.getTime());
    end.setDate(end.getDate() + WEEKS * 7 - 1);
    var seconds = time(p.steps.map(function (s) { return s.dose; }))[1];
    var minutes = Math.max(5, Math.ceil(seconds / 60));
    var title = p.title || say("untitled");
    var lines = p.steps.map(function (step, i) {
      var stretch = stretchOf(step);
      return (i + 1) + ". " + (stretch ? stretch.t : step.title) + ": " + display(step.dose) + (step.note ? " (" + step.note + ")" : "");
    });
    var description = lines.join("\n") + "\n\n" + link;
    var event = [
      "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Limber//Programme//EN", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
      "BEGIN:VEVENT",
      "UID:" + hash(code) + "-" + icsDate(start) + "@limber.programme",
      "DTSTAMP:" + icsStamp(now),
      "DTSTART:" + icsDate(start) + "T080000",
      "DURATION:PT" + minutes + "M",
      "RRULE:" + RULES[p.frequency] + ";UNTIL=" + icsDate(end) + "T235959",
      "SUMMARY:" + icsText(say("reminder_title", { title: title })),
      "DESCRIPTION:" + icsText(description),
      "URL:" + link,
      "BEGIN:VALARM", "ACTION:DISPLAY", "TRIGGER:PT0M", "DESCRIPTION:" + icsText(title), "END:VALARM",
      "END:VEVENT", "END:VCALENDAR"
    ];
    return event.map(fold).join("\r\n") + "\r\n";
  }

  // MARK: - The sheet

  function showSheet(p, code) {
    var link = linkTo(code), title = p.title || say("untitled");
    document.title = title + " \u00b7 " + document.title.split(" \u00b7 ").slice(1).join(" \u00b7 ");
    $("sheet-back").href = app.getAttribute("data-composer") + "#p=" + code;
    $("sheet-title").textContent = title;
    var who = [];
    if (p.patient) who.push(say("for_patient", { name: p.patient }));
    if (p.start) who.push(say("from_date", { date: dayLabel(parseDay(p.start)) }));
    $("sheet-patient").textContent = who.join(", ");
    $("sheet-patient").hidden = !who.length;
    var doses = p.steps.map(function (s) { return s.dose; });
    $("sheet-time").textContent = say("total_time", { time: totalText(doses) }) + " \u00b7 " +
      (p.steps.length === 1 ? say("one_step") : say("steps", { count: p.steps.length }));
    $("sheet-frequency").textContent = frequencyText(p);
    $("sheet-tracking-frequency").textContent = "(" + frequencyText(p) + ")";
    $("sheet-notes").textContent = p.notes;
    $("sheet-notes").hidden = !p.notes;
    $("sheet-url").textContent = link;
    // Printed today, whenever the guide was built.
    var printed = document.querySelector(".sheet-printed time");
    if (printed) {
      printed.setAttribute("datetime", today());
      printed.textContent = dayLabel(new Date());
    }
    if (window.qrcode) {
      var qr = window.qrcode(0, "L");
      qr.addData(link, "Byte");
      qr.make();
      var holder = el("div");
      // With its quiet zone of 4 modules, and modules drawn edge to edge: as cameras read it best.
      holder.innerHTML = qr.createSvgTag({ cellSize: 2, margin: 8, scalable: true });
      var svg = holder.querySelector("svg");
      svg.setAttribute("class", "qr");
      svg.setAttribute("role", "img");
      svg.setAttribute("aria-label", say("sheet_link"));
      svg.querySelector("path").setAttribute("shape-rendering", "crispEdges");
      $("sheet-code").insertBefore(svg, $("sheet-code").firstChild);
    }
    var list = $("sheet-steps");
    p.steps.forEach(function (step, index) {
      var stretch = stretchOf(step), li = el("li", "step");
      if (stretch && stretch.i) {
        var img = el("img", "step-image");
        img.src = pictureURL(stretch, root);
        img.alt = stretch.a || "";
        li.appendChild(img);
      }
      var h = el("h2", "step-title"), n = el("span", "step-number", String(index + 1));
      h.appendChild(n);
      h.appendChild(document.createTextNode(" " + (stretch ? stretch.t : step.title)));
      li.appendChild(h);
      var dose = el("p", "step-dose");
      dose.appendChild(el("strong", "", display(step.dose)));
      li.appendChild(dose);
      stepNotices(step, li);
      var cues = el("ul", "step-cues");
      (stretch && stretch.c ? stretch.c : []).forEach(function (cue) { cues.appendChild(el("li", "", cue)); });
      li.appendChild(cues);
      if (step.note) {
        var note = el("p", "step-note");
        note.appendChild(el("strong", "", say("step_note")));
        note.appendChild(document.createTextNode(" " + step.note));
        li.appendChild(note);
      }
      list.appendChild(li);
    });
    var cautions = cautionsOf(p);
    cautions.forEach(function (line) { $("sheet-cautions").appendChild(el("li", "", line)); });
    $("sheet-cautions-box").hidden = !cautions.length;
    // The tick grid, as a routine sheet's (DayView.grid) with the days dated from the start.
    var days = [], start = parseDay(p.start), count = DATA.tracking_days || 7, ticks = p.frequency === "d2" ? 2 : 1;
    function dated(offset) { var d = new Date(start.getTime()); d.setDate(d.getDate() + offset); return d; }
    if (p.frequency === "w1") {
      for (var w = 0; w < 6; w++) days.push(say("week", { date: shortDay(dated(7 * w)) }));
    } else if (p.frequency === "w3") {
      for (var s = 0; s < count; s++) days.push(say("day", { n: s + 1 }));
    } else {
      var step = p.frequency === "eod" ? 2 : 1;
      for (var d = 0; d < count; d++) days.push(shortDay(dated(d * step)));
    }
    days.forEach(function (label) {
      var th = el("th", "", label);
      th.scope = "col";
      $("sheet-days").appendChild(th);
    });
    p.steps.forEach(function (step, index) {
      var stretch = stretchOf(step), tr = el("tr"), th = el("th");
      th.scope = "row";
      th.appendChild(el("span", "row-number", (index + 1) + "."));
      th.appendChild(document.createTextNode(" " + (stretch ? stretch.t : step.title)));
      tr.appendChild(th);
      days.forEach(function () {
        var td = el("td");
        for (var t = 0; t < ticks; t++) td.appendChild(el("span", "tick-box"));
        tr.appendChild(td);
      });
      $("sheet-grid").appendChild(tr);
    });
  }

  // MARK: - The composer

  var draft;

  // The draft into the address (`#e=`, so a reload keeps it) and into localStorage, the latest
  // edit last whatever order the encodings end in.
  var saving = 0;
  function saveDraft() {
    var ticket = ++saving;
    return encode(draft).then(function (code) {
      if (ticket !== saving) return code;
      store(DRAFT, code);
      $("composer-view").href = "#p=" + code;
      // The address without `?add=`, so that a reload does not add the stretch again.
      history.replaceState(null, "", location.pathname + "#e=" + code);
      return code;
    });
  }

  function announce(text) { $("composer-live").textContent = text; }

  function parseRange(text) {
    var match = /^\s*(\d{1,5})\s*(?:[-\u2013]\s*(\d{1,5}))?\s*$/.exec(text || "");
    if (!match) return null;
    var low = +match[1], high = match[2] ? +match[2] : low;
    return low > 0 && high >= low ? [low, high] : null;
  }
  function rangeText(r) { return r ? (r[0] === r[1] ? String(r[0]) : r[0] + "-" + r[1]) : ""; }

  var fieldCount = 0;
  function field(label, input, hint) {
    var id = "f" + (++fieldCount), p = el("p", "field");
    var l = el("label", "", label);
    l.htmlFor = id;
    input.id = id;
    p.appendChild(l);
    p.appendChild(document.createTextNode(" "));
    p.appendChild(input);
    if (hint) input.setAttribute("aria-describedby", hint);
    return p;
  }
  function textInput(value, kind) {
    var input = el("input");
    input.type = kind || "text";
    input.value = value;
    input.autocomplete = "off";
    return input;
  }
  function select(options, value) {
    var s = el("select");
    options.forEach(function (o) {
      var option = el("option", "", o[1]);
      option.value = o[0];
      if (o[0] === value) option.selected = true;
      s.appendChild(option);
    });
    return s;
  }

  // One step's editor: fields for each part of its dose, the dose as pages write it, and its time.
  function stepEditor(step, index) {
    var stretch = stretchOf(step), li = el("li", "programme-step");
    li.draggable = true;
    li.dataset.index = String(index);
    var head = el("div", "programme-step-head");
    var title = el("h3", "programme-step-title", (index + 1) + ". " + (stretch ? stretch.t : step.title));
    head.appendChild(title);
    var buttons = el("div", "programme-step-buttons");
    [["move_up", -1], ["move_down", 1]].forEach(function (b) {
      var button = el("button", "button button-small", say(b[0]));
      button.type = "button";
      button.setAttribute("aria-label", say(b[0]) + ": " + (stretch ? stretch.t : step.title));
      button.disabled = b[1] < 0 ? index === 0 : index === draft.steps.length - 1;
      button.addEventListener("click", function () { move(index, index + b[1], true); });
      buttons.appendChild(button);
    });
    var remove = el("button", "button button-small button-secondary", say("remove"));
    remove.type = "button";
    remove.setAttribute("aria-label", say("remove") + ": " + (stretch ? stretch.t : step.title));
    remove.addEventListener("click", function () {
      draft.steps.splice(index, 1);
      saveDraft();
      renderSteps();
      announce(say("removed_step", { title: stretch ? stretch.t : step.title }));
      var next = document.querySelectorAll("#composer-steps .programme-step-title")[Math.min(index, draft.steps.length - 1)];
      if (next) { next.tabIndex = -1; next.focus(); } else $("picker-search").focus();
    });
    buttons.appendChild(remove);
    head.appendChild(buttons);
    li.appendChild(head);
    stepNotices(step, li);

    var d = step.dose, box = el("fieldset", "programme-dose");
    box.appendChild(el("legend", "visually-hidden", say("step_label", { place: index + 1, title: stretch ? stretch.t : step.title })));
    var work = select([["hold", say("work_hold")], ["reps", say("work_reps")], ["breaths", say("work_breaths")], ["text", say("work_text")]], d.w);
    var sets = textInput(rangeText(d.s || [1, 1]));
    var amount = textInput(d.w === "text" ? "" : rangeText(d.n));
    var hold = textInput(rangeText(d.h));
    var rest = textInput(rangeText(d.r));
    var side = select([["", say("side_none")]].concat(SIDES.map(function (s) { return [s, say("side_" + s)]; })), d.e || "");
    var words = textInput(d.w === "text" ? d.x : "");
    var note = textInput(step.note || "");
    [sets, amount, hold, rest].forEach(function (input) { input.inputMode = "numeric"; input.size = 6; });
    var hintId = "dose-hint-" + index, hint = el("p", "visually-hidden", say("number_hint"));
    hint.id = hintId;
    var amountField = field("", amount, hintId);
    var parts = {
      work: field(say("work"), work), sets: field(say("sets"), sets, hintId), amount: amountField,
      hold: field(say("hold_per_rep"), hold, hintId), rest: field(say("rest"), rest, hintId),
      side: field(say("sides"), side), words: field(say("words"), words)
    };
    Object.keys(parts).forEach(function (k) { box.appendChild(parts[k]); });
    box.appendChild(hint);
    li.appendChild(box);
    var shown = el("p", "programme-step-dose");
    var doseText = el("strong", "");
    var timeText = el("span", "programme-step-time");
    shown.appendChild(doseText);
    shown.appendChild(document.createTextNode(" \u00b7 "));
    shown.appendChild(timeText);
    shown.setAttribute("aria-live", "polite");
    li.appendChild(shown);
    li.appendChild(field(say("note"), note));

    function layout() {
      var kind = work.value, timed = kind !== "text";
      parts.sets.hidden = parts.amount.hidden = parts.side.hidden = !timed;
      // A rest goes between sets: with one set there is none to give.
      parts.rest.hidden = !timed || (parseRange(sets.value) || [1, 1])[1] < 2;
      parts.hold.hidden = kind !== "reps";
      parts.words.hidden = timed;
      amountField.querySelector("label").textContent = say(kind === "hold" ? "hold_seconds" : kind === "reps" ? "reps" : "breaths");
    }
    function show() {
      doseText.textContent = display(step.dose);
      timeText.textContent = step.dose.w === "text" ? say("untimed") : say("step_time", { time: formatRange(stepSeconds(step.dose)) });
      $("composer-total").textContent = "\u00b7 " + totalText(draft.steps.map(function (s) { return s.dose; }));
    }
    // Reads the fields into a dose; a field that does not read is marked and the dose kept as it was.
    function read() {
      var kind = work.value, next = { w: kind }, ok = true;
      function take(input, key, required) {
        var value = parseRange(input.value), empty = !input.value.trim();
        var bad = (required || !empty) && !value;
        input.setAttribute("aria-invalid", bad ? "true" : "false");
        if (bad) ok = false;
        if (value && !(key === "s" && value[0] === 1 && value[1] === 1)) next[key] = value;
      }
      if (kind === "text") {
        next.x = words.value.trim();
        words.setAttribute("aria-invalid", next.x ? "false" : "true");
        ok = !!next.x;
      } else {
        take(sets, "s", true);
        take(amount, "n", true);
        if (kind === "reps") take(hold, "h", false);
        if (!parts.rest.hidden) take(rest, "r", false);
        if (next.r && !next.s) { rest.setAttribute("aria-invalid", "true"); ok = false; }
        if (side.value) next.e = side.value;
        if (step.dose.m && kind === step.dose.w && kind !== "hold") next.m = step.dose.m;
      }
      if (ok && validDose(next)) step.dose = next;
      step.note = note.value.trim().slice(0, LIMIT.text);
      saveDraft();
      show();
    }
    [work, sets, amount, hold, rest, side, words, note].forEach(function (input) {
      input.addEventListener("input", function () { layout(); read(); });
      input.addEventListener("change", function () { layout(); read(); });
    });
    layout();
    show();

    // Dragging a step onto another puts it there; Alt+Up and Alt+Down move it from the keyboard.
    li.addEventListener("dragstart", function (event) {
      event.dataTransfer.setData("text/plain", String(index));
      event.dataTransfer.effectAllowed = "move";
    });
    li.addEventListener("dragover", function (event) { event.preventDefault(); li.classList.add("drop-target"); });
    li.addEventListener("dragleave", function () { li.classList.remove("drop-target"); });
    li.addEventListener("drop", function (event) {
      event.preventDefault();
      var from = +event.dataTransfer.getData("text/plain");
      if (from !== index) move(from, index, false);
    });
    li.addEventListener("keydown", function (event) {
      if (!event.altKey || (event.key !== "ArrowUp" && event.key !== "ArrowDown")) return;
      event.preventDefault();
      move(index, index + (event.key === "ArrowUp" ? -1 : 1), true);
    });
    return li;
  }

  // A dose done on its own, with its change of side: the time its step adds besides the get-ready.
  function stepSeconds(dose) {
    var t = time([dose]);
    return [t[0] - DATA.get_ready, t[1] - DATA.get_ready];
  }

  function move(from, to, keepFocus) {
    if (to < 0 || to >= draft.steps.length) return;
    var step = draft.steps.splice(from, 1)[0];
    draft.steps.splice(to, 0, step);
    saveDraft();
    renderSteps();
    var stretch = stretchOf(step);
    announce(say("moved", { title: stretch ? stretch.t : step.title, place: to + 1, count: draft.steps.length }));
    if (keepFocus) {
      var buttons = document.querySelectorAll("#composer-steps > li")[to].querySelectorAll("button");
      var target = buttons[to < from ? 0 : 1];
      (target && !target.disabled ? target : buttons[to < from ? 1 : 0]).focus();
    }
  }

  function renderSteps() {
    var list = $("composer-steps");
    list.textContent = "";
    draft.steps.forEach(function (step, index) { list.appendChild(stepEditor(step, index)); });
    $("composer-empty").textContent = draft.steps.length ? "" : say("no_steps");
    $("composer-total").textContent = draft.steps.length ? "\u00b7 " + totalText(draft.steps.map(function (s) { return s.dose; })) : "";
    var view = $("composer-view");
    view.setAttribute("aria-disabled", draft.steps.length ? "false" : "true");
    view.classList.toggle("is-disabled", !draft.steps.length);
  }

  function add(slug) {
    var stretch = bySlug[slug];
    if (!stretch || draft.steps.length >= LIMIT.steps) return;
    draft.steps.push({ slug: slug, title: stretch.t, dose: JSON.parse(JSON.stringify(stretch.d)), note: "" });
    saveDraft();
    renderSteps();
    announce(say("added", { title: stretch.t, place: draft.steps.length }));
  }

  // The picker: search and filter chips as on the home page, over every stretch of the guide.
  function picker() {
    var chosen = { g: [], k: [], l: [], e: [] };
    var groups = [["g", "targets"], ["k", "kinds"], ["l", "levels"], ["e", "equipment"]];
    var box = $("picker-filters");
    groups.forEach(function (g) {
      var names = DATA[g[1]] || {};
      if (!Object.keys(names).length) return;
      var row = el("div", "filter-group");
      Object.keys(names).forEach(function (key) {
        var chip = el("button", "chip", names[key]);
        chip.type = "button";
        chip.setAttribute("aria-pressed", "false");
        chip.addEventListener("click", function () {
          var list = chosen[g[0]], at = list.indexOf(key);
          if (at >= 0) list.splice(at, 1); else list.push(key);
          chip.setAttribute("aria-pressed", at >= 0 ? "false" : "true");
          update();
        });
        row.appendChild(chip);
      });
      box.appendChild(row);
    });
    var search = $("picker-search");
    search.addEventListener("input", update);
    function matches(stretch, words) {
      function any(key, values) { return !chosen[key].length || chosen[key].some(function (v) { return values.indexOf(v) >= 0; }); }
      if (!any("g", stretch.g) || !any("k", [stretch.k]) || !any("l", [stretch.l]) || !any("e", stretch.e || [])) return false;
      var title = stretch.t.toLowerCase();
      return words.every(function (w) { return title.indexOf(w) >= 0; });
    }
    function update() {
      var words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
      var found = DATA.stretches.filter(function (s) { return matches(s, words); });
      var shown = found.slice(0, 40), list = $("picker-results");
      list.textContent = "";
      shown.forEach(function (stretch) {
        var li = el("li", "programme-result");
        var name = el("span", "programme-result-title", stretch.t);
        li.appendChild(name);
        li.appendChild(el("span", "programme-result-dose", display(stretch.d)));
        var button = el("button", "button button-small", say("add"));
        button.type = "button";
        button.dataset.slug = stretch.s;
        button.setAttribute("aria-label", say("add_named", { title: stretch.t }));
        button.addEventListener("click", function () { add(stretch.s); });
        li.appendChild(button);
        list.appendChild(li);
      });
      $("picker-count").textContent = say("results", { shown: shown.length, count: found.length });
    }
    update();
  }

  function recent() {
    var list = load(RECENT) || [];
    if (!list.length) return;
    $("recent-box").hidden = false;
    list.forEach(function (item) {
      var li = el("li"), open = el("a", "", item.title + (item.patient ? " \u00b7 " + item.patient : ""));
      open.href = "#p=" + item.code;
      li.appendChild(open);
      li.appendChild(document.createTextNode(" (" + say("recent_saved", { date: item.at }) + ") "));
      var edit = el("a", "", say("recent_edit"));
      edit.href = "#e=" + item.code;
      edit.setAttribute("aria-label", say("recent_edit") + ": " + item.title);
      li.appendChild(edit);
      $("recent-list").appendChild(li);
    });
  }

  function compose(start) {
    draft = start;
    $("programme-composer").hidden = false;
    var frequency = $("p-frequency");
    FREQUENCIES.forEach(function (key) {
      var option = el("option", "", (WORDS.frequencies || {})[key] || key);
      option.value = key;
      frequency.appendChild(option);
    });
    [["p-title", "title"], ["p-patient", "patient"], ["p-frequency", "frequency"], ["p-start", "start"],
      ["p-notes", "notes"], ["p-cautions", "cautions"]].forEach(function (f) {
      var input = $(f[0]);
      input.value = draft[f[1]];
      ["input", "change"].forEach(function (type) {
        input.addEventListener(type, function () {
          draft[f[1]] = input.value;
          saveDraft();
        });
      });
    });
    $("p-title").placeholder = say("untitled");
    $("composer-clear").addEventListener("click", function () {
      draft = blank();
      ["p-title", "p-patient", "p-notes", "p-cautions"].forEach(function (id) { $(id).value = ""; });
      $("p-frequency").value = draft.frequency;
      $("p-start").value = draft.start;
      saveDraft();
      renderSteps();
    });
    $("composer-view").addEventListener("click", function (event) {
      event.preventDefault();
      if (!draft.steps.length) return;
      saveDraft().then(function (code) { location.hash = "p=" + code; });
    });
    picker();
    renderSteps();
    saveDraft();
    recent();
  }

  // MARK: - Start

  // The player and the sheet's fitting start once the programme is on the page.
  function run(attribute) {
    var src = app.getAttribute(attribute);
    if (!src) return;
    var script = document.createElement("script");
    script.src = src;
    document.head.appendChild(script);
  }

  function whenPicturesLoaded(then) {
    var waiting = Array.prototype.filter.call(document.images, function (img) { return !img.complete; });
    var left = waiting.length;
    if (!left) return then();
    waiting.forEach(function (img) {
      function one() { if (--left === 0) then(); }
      img.addEventListener("load", one, { once: true });
      img.addEventListener("error", one, { once: true });
    });
  }

  function start() {
    if (!app) return;
    var page = app.getAttribute("data-page"), found = fragment();
    // Another programme in the address, from a link on this page: show it from the start.
    window.addEventListener("hashchange", function () { location.reload(); });
    if (!DATA) return;
    if (page === "sheet" || found.p) {
      decode(found.p).then(function (p) {
        if (!p) {
          showError(say("bad_link"));
          if (page === "sheet") return app.setAttribute("data-ready", "true");
          decode(load(DRAFT)).then(function (d) {
            compose(d || blank());
            app.setAttribute("data-ready", "true");
          });
          return;
        }
        if (page === "sheet") {
          showSheet(p, found.p);
          whenPicturesLoaded(function () { run("data-sheet-js"); });
        } else {
          showProgramme(p, found.p);
          run("data-player-js");
        }
        app.setAttribute("data-ready", "true");
      });
      return;
    }
    decode(found.e !== undefined ? found.e : load(DRAFT)).then(function (base) {
      if (found.e !== undefined && !base) showError(say("bad_link"));
      compose(base || blank());
      // "Add to a programme" on a stretch's page: `?add=<slug>`.
      var adding = /[?&]add=([^&]+)/.exec(location.search);
      if (adding) add(decodeURIComponent(adding[1]));
      app.setAttribute("data-ready", "true");
    });
  }

  // For tests and for themes: the build's rules, in the browser.
  window.limberProgramme = {
    display: display, schedule: schedule, time: time, totalText: totalText, encode: encode, decode: decode,
    calendar: calendar, fold: fold
  };
  start();
})();
