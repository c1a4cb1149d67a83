// The routine player: leads the reader through a routine (or one stretch) hands-free, following the
// schedule the build embedded in the page (#player-data). Plain JavaScript, no files to fetch, so it
// works from disk too. Nothing leaves the device: history and settings stay in localStorage.
(function () {
  "use strict";
  var data, dialog, phases = [], total = 0, pos = 0, running = false, last = 0, timer = 0;
  var current = -1, shownSecond = -1, shownBeat = "", audio = null, lock = null, savedSecond = -1;
  var extra = [], played = [], pressTimer = 0, pressed = false;
  var STATE = "limber-player", HISTORY = "limber-history";
  // A routine counts as done when this share of its timed work was played, not skipped.
  var DONE_SHARE = 0.8;

  function $(id) { return document.getElementById(id); }
  function load(key) { try { return JSON.parse(localStorage.getItem(key)); } catch (e) { return null; } }
  function store(key, value) {
    try {
      if (value === null) localStorage.removeItem(key); else localStorage.setItem(key, JSON.stringify(value));
    } catch (e) { /* private mode or storage off: the player still runs */ }
  }
  function setting(name, fallback) { var v = load("limber-" + name); return v === null ? fallback : v; }

  // MARK: - Words: the page's (templates/i18n/, `player_…`), from #player-words

  var WORDS = (function () {
    try { return JSON.parse($("player-words").textContent); } catch (e) { return {}; }
  })();
  function w(key, values) {
    var text = WORDS["player_" + key];
    text = typeof text === "string" ? text : "";
    Object.keys(values || {}).forEach(function (name) { text = text.split("{" + name + "}").join(String(values[name])); });
    return text;
  }
  function capital(text) { return text ? text.charAt(0).toUpperCase() + text.slice(1) : text; }
  function setOf(phase) { return w("set_of", { set: phase.set, sets: phase.sets }); }

  // MARK: - The schedule, as phases on one timeline (milliseconds)

  // `left leg` as a sentence goes on; `sideLabel` starts one: `Left leg`.
  function sideWords(step, side) {
    if (!side || !step.side) return "";
    return w((side === 1 ? "left_" : "right_") + step.side);
  }
  function sideLabel(step, side) { return capital(sideWords(step, side)); }

  function isWork(phase) { return phase.type === "hold" || phase.type === "reps" || phase.type === "breaths"; }

  function build() {
    phases = [];
    var prev = null;
    function add(phase) { if (phase.ms > 0) phases.push(phase); }
    add({ type: "ready", step: 0, side: data.steps[0].pieces[0].side, ms: data.get_ready * 1000 });
    data.steps.forEach(function (step, s) {
      var sets = 0;
      step.pieces.forEach(function (p) {
        if (p.side === step.pieces[0].side && p.kind !== "rest" && p.seconds[0] > 0) sets++;
      });
      step.pieces.forEach(function (p, i) {
        var newStep = !prev || prev.step !== s;
        if (prev && (newStep || prev.side !== p.side)) {
          add({ type: "change", step: s, side: p.side, ms: data.change_over * 1000 });
        }
        add({
          type: p.kind, step: s, side: p.side, set: p.set, sets: sets, first: i === 0,
          newSide: !newStep && prev.side !== p.side, count: p.count && p.count[0], each: p.each,
          // An untimed step (a dose in words) stands on the timeline for a second, and waits there.
          hold: p.hold ? p.hold[0] : 0, ms: p.kind === "untimed" ? 1000 : p.seconds[0] * 1000,
          longer: p.seconds[1] > p.seconds[0]
        });
        prev = { step: s, side: p.side };
      });
    });
    phases.forEach(function (phase, i) { phase.ms += extra[i] || 0; });
    retime();
  }

  function retime() {
    total = 0;
    phases.forEach(function (phase) { phase.start = total; total += phase.ms; phase.end = total; });
  }

  function phaseAt(at) {
    for (var i = 0; i < phases.length; i++) if (at < phases[i].end) return i;
    return phases.length;
  }

  // The clock moved from `from` to `to`, held at the start of an untimed step until Done.
  function held(from, to) {
    for (var i = phaseAt(from); i < phases.length && phases[i].start < to; i++) {
      if (phases[i].type === "untimed") return Math.min(to, Math.max(from, phases[i].start));
    }
    return to;
  }

  function stepStart(s) {
    for (var i = 0; i < phases.length; i++) if (phases[i].step === s) return phases[i].start;
    return total;
  }

  // Where Skip goes from phase `i`: the next set, side or step, with the change-over before it.
  function skipTarget(i) {
    for (var j = i + 1; j < phases.length; j++) {
      if (!isWork(phases[j])) continue;
      return j - 1 > i && phases[j - 1].type === "change" ? phases[j - 1].start : phases[j].start;
    }
    return total;
  }

  // MARK: - Reps and breaths, one at a time

  // The rep or breath of `phase` at `at`: its number, and for a rep with a hold whether it is held
  // and the seconds of the hold left. Null outside reps and breaths, and after the last.
  function beatAt(phase, at) {
    if (phase.type !== "reps" && phase.type !== "breaths") return null;
    var each = phase.each * 1000, offset = at - phase.start, number = Math.floor(offset / each);
    if (!(each > 0) || number >= phase.count) return null;
    var within = offset - number * each, hold = phase.hold * 1000;
    var holding = hold > 0 && within < hold;
    return {
      number: number + 1, holding: holding, released: hold > 0 && !holding,
      left: holding ? Math.ceil((hold - within) / 1000) : 0
    };
  }

  function beatText(beat) {
    if (!beat) return "";
    return beat.holding ? "hold " + beat.left : beat.released ? "release" : "";
  }

  // MARK: - Sound, speech, screen

  function beep(times, ms, hz, loud) {
    if (!setting("sound", true)) return;
    try {
      audio = audio || new (window.AudioContext || window.webkitAudioContext)();
      for (var i = 0; i < times; i++) {
        var t = audio.currentTime + i * 0.25, osc = audio.createOscillator(), gain = audio.createGain();
        osc.frequency.value = hz;
        gain.gain.setValueAtTime(0.0001, t);
        gain.gain.exponentialRampToValueAtTime(loud || 0.4, t + 0.01);
        gain.gain.exponentialRampToValueAtTime(0.0001, t + ms / 1000);
        osc.connect(gain).connect(audio.destination);
        osc.start(t);
        osc.stop(t + ms / 1000 + 0.02);
      }
    } catch (e) { /* no Web Audio: the screen still counts */ }
  }

  // A soft tone at each change of a rep: higher to hold, lower to let go.
  function tone(hz) { beep(1, 160, hz, 0.15); }

  function speak(text) {
    if (setting("sound", true) && setting("speech", false) && window.speechSynthesis) {
      var say = new SpeechSynthesisUtterance(text);
      say.lang = document.documentElement.lang || "en";
      // A voice of the page's language, when the device has one: the exact tag first, then any
      // voice of its language (`de-DE` for `de`).
      var voices = speechSynthesis.getVoices ? speechSynthesis.getVoices() : [];
      var wanted = say.lang.toLowerCase(), primary = wanted.split(/[-_]/)[0];
      var voice = voices.filter(function (v) { return (v.lang || "").toLowerCase().replace("_", "-") === wanted; })[0] ||
        voices.filter(function (v) { return (v.lang || "").toLowerCase().split(/[-_]/)[0] === primary; })[0];
      if (voice) say.voice = voice;
      speechSynthesis.cancel();
      speechSynthesis.speak(say);
    }
  }

  // Says `text` to screen readers, and `spoken` (or `text`) aloud when spoken cues are on.
  function announce(text, spoken) {
    var live = $("player-live");
    // Emptied first, so the same words twice in a row are read twice.
    live.textContent = "";
    live.textContent = text;
    speak(spoken || text);
  }

  function wake(on) {
    if (on && !lock && navigator.wakeLock && document.visibilityState === "visible") {
      navigator.wakeLock.request("screen").then(function (l) {
        lock = l;
        l.addEventListener("release", function () { lock = null; });
      }).catch(function () {});
    } else if (!on && lock) {
      lock.release();
      lock = null;
    }
  }

  // MARK: - Clock

  function clock(ms) {
    var s = Math.max(0, Math.ceil(ms / 1000));
    return Math.floor(s / 60) + ":" + ("0" + (s % 60)).slice(-2);
  }

  // Counts the time from `from` to `to` as played in each piece of work it crosses.
  function credit(from, to) {
    phases.forEach(function (phase, i) {
      if (!isWork(phase)) return;
      var overlap = Math.min(to, phase.end) - Math.max(from, phase.start);
      if (overlap > 0) played[i] = (played[i] || 0) + overlap;
    });
  }

  function tick() {
    var now = performance.now();
    if (running) {
      var from = pos;
      pos = held(pos, pos + now - last);
      credit(from, Math.min(pos, total));
    }
    last = now;
    render(true);
    clearTimeout(timer);
    if (running) {
      // Wake at the next whole second of the countdown, so beeps, reps and changes fall on time.
      var phase = phases[current];
      var next = phase && phase.type !== "untimed" ? (phase.end - pos) % 1000 || 1000 : 1000;
      timer = setTimeout(tick, Math.max(5, Math.min(next, 1000)));
    }
  }

  function saveState() {
    store(STATE, {
      key: data.history_key, pos: Math.round(pos), running: running, at: Date.now(), extra: extra,
      played: played.map(function (ms) { return Math.round(ms || 0); })
    });
  }

  function enter(i, naturally) {
    var before = phases[current];
    current = i;
    var phase = phases[i];
    if (naturally && before && before.type === "hold") beep(1, 450, 660);
    if (!phase) return;
    var step = data.steps[phase.step], side = sideLabel(step, phase.side);
    if (phase.type === "ready" || phase.type === "change") {
      if (!naturally) {
        announce(w(i === 0 && pos < 1 ? "get_ready_title" : "next_title", { title: step.title }) +
          (side ? ", " + sideWords(step, phase.side) : ""));
      }
    } else if (phase.type === "rest") {
      announce(w("rest"));
    } else if (phase.first) {
      announce(step.title + (side ? ". " + side : ""));
    } else if (phase.newSide) {
      announce(side);
    } else {
      announce(capital(setOf(phase)));
    }
  }

  // A new rep, a hold's next second or the release: a soft tone, and words for the ears. The first
  // rep of a set is announced with the set, so it only sounds.
  function cue(phase, beat) {
    var counted = w(phase.type === "reps" ? "rep_of" : "breath_of", { number: beat.number, count: phase.count });
    if (beat.released) {
      tone(440);
      announce(w("release"));
    } else if (beat.holding && beat.left === phase.hold) {
      tone(660);
      if (beat.number > 1) announce(w("hold_now", { counted: counted }), w("hold_left", { left: beat.left }));
    } else if (beat.holding) {
      if (beat.number > 1) speak(String(beat.left));
    } else {
      tone(660);
      if (beat.number > 1) announce(counted, String(beat.number));
    }
  }

  // What comes after phase `i`: the next set, rest, side or step.
  function nextText(i) {
    var phase = phases[i], step = data.steps[phase.step], j = i + 1;
    while (phases[j] && phases[j].type === "change") j++;
    var next = phases[j];
    if (!next) return w("next_end");
    if (next.step !== phase.step) return w("next_title", { title: data.steps[next.step].title });
    if (next.type === "rest") return w("next_title", { title: w("rest") });
    if (next.side !== phase.side) return w("next_title", { title: sideLabel(step, next.side) });
    return w("next_title", { title: capital(setOf(next)) });
  }

  function render(naturally) {
    var i = phaseAt(pos);
    if (i >= phases.length) return finish();
    if (i !== current) enter(i, naturally);
    var phase = phases[i], step = data.steps[phase.step], left = phase.end - pos;
    var second = Math.ceil(left / 1000);
    var waiting = phase.type === "ready" || phase.type === "change";
    if (second !== shownSecond) {
      if (naturally && running && waiting && second <= 3 && second >= 1 && shownSecond > second) beep(1, 120, 880);
      shownSecond = second;
    }
    var beat = beatAt(phase, pos), beatKey = beat ? i + ":" + beat.number + ":" + beatText(beat) : "";
    if (beatKey !== shownBeat) {
      if (beat && naturally && running) cue(phase, beat);
      shownBeat = beatKey;
    }
    var n = data.steps.length;
    $("player-position").textContent = n > 1 ? w("step_of", { number: phase.step + 1, count: n }) : step.dose;
    $("player-phase").textContent = phase.type === "ready" ? w("get_ready") : phase.type === "change"
      ? w(phase.step === (phases[i - 1] || {}).step ? "change_sides" : "next_step")
      : phase.type === "rest" ? w("rest") : step.dose + (phase.sets > 1 ? " · " + setOf(phase) : "");
    $("player-title").textContent = step.title;
    $("player-side").textContent = sideLabel(step, phase.side);
    $("player-count").textContent = phase.type === "untimed" ? "" : clock(left);
    var reps = phase.type === "reps" || phase.type === "breaths";
    var done = beat ? beat.number : phase.count;
    $("player-reps").textContent = reps
      ? w(phase.type === "reps" ? "rep_of" : "breath_of", { number: done, count: phase.count }) : "";
    var shown = beatText(beat);
    $("player-beat").textContent = shown;
    $("player-beat").className = "player-beat" + (beat && beat.holding ? " player-beat-hold" : "");
    $("player-beat").hidden = !shown;
    $("player-done").hidden = !reps && phase.type !== "untimed";
    $("player-more").hidden = waiting || phase.type === "rest" || phase.type === "untimed";
    $("player-longer").hidden = !phase.longer;
    var image = $("player-image");
    if (!image) {
      image = document.createElement("img");
      image.id = "player-image";
      image.className = "player-image";
      $("player-cues").before(image);
    }
    if (step.image) {
      if (image.getAttribute("src") !== step.image.url) image.src = step.image.url;
      image.alt = step.image.alt;
    }
    image.hidden = !step.image;
    var cues = $("player-cues");
    if (cues.dataset.step !== String(phase.step)) {
      cues.dataset.step = phase.step;
      cues.textContent = "";
      step.cues.concat(step.note ? [step.note] : []).forEach(function (cue) {
        var li = document.createElement("li");
        li.textContent = cue;
        cues.appendChild(li);
      });
    }
    $("player-next").textContent = waiting ? "" : nextText(i);
    var bar = $("player-progress");
    bar.max = total;
    bar.value = pos;
    $("player-left").textContent = w("time_left", { time: clock(total - pos) });
    if (second !== savedSecond) { savedSecond = second; saveState(); }
  }

  // MARK: - Controls

  function play(on) {
    running = on;
    last = performance.now();
    $("player-pause").textContent = w(on ? "pause" : "resume");
    $("player-pause").setAttribute("aria-pressed", String(!on));
    wake(on);
    saveState();
    tick();
  }

  function jump(to) {
    pos = Math.max(0, to);
    shownSecond = -1;
    shownBeat = "";
    if (pos >= total) return finish();
    var i = phaseAt(pos);
    current = -1;
    enter(i, false);
    render(false);
    tick();
  }

  function stepNow() { var p = phases[current]; return p ? p.step : 0; }

  function skip() { jump(skipTarget(Math.max(0, current))); }

  function nextStep() { jump(stepStart(stepNow() + 1)); }

  // MARK: - The end

  // The share of the timed work played, and what was skipped: a step's title when all of it was,
  // else its sides or sets. A piece counts as skipped when less than half of it was played.
  function tally() {
    var work = 0, done = 0, skipped = [];
    data.steps.forEach(function (step, s) {
      var mine = [], missed = [];
      phases.forEach(function (phase, i) {
        if (phase.step !== s || !isWork(phase)) return;
        var had = Math.min(played[i] || 0, phase.ms);
        work += phase.ms;
        done += had;
        mine.push(phase);
        if (had < phase.ms / 2) missed.push(phase);
      });
      if (!missed.length) return;
      if (missed.length === mine.length) return skipped.push(step.title);
      var parts = [];
      [1, 2, undefined].forEach(function (side) {
        var all = mine.filter(function (p) { return p.side === side; });
        var gone = missed.filter(function (p) { return p.side === side; });
        if (!gone.length) return;
        var label = sideWords(step, side);
        if (gone.length === all.length && label) return parts.push(label);
        gone.forEach(function (p) { parts.push((label ? label + ", " : "") + setOf(p)); });
      });
      skipped.push(step.title + " (" + parts.join("; ") + ")");
    });
    return { share: work ? done / work : 1, skipped: skipped };
  }

  function today() {
    var d = new Date();
    return d.getFullYear() + "-" + ("0" + (d.getMonth() + 1)).slice(-2) + "-" + ("0" + d.getDate()).slice(-2);
  }

  function finish() {
    running = false;
    clearTimeout(timer);
    wake(false);
    current = phases.length;
    store(STATE, null);
    var result = tally(), counts = result.share >= DONE_SHARE - 1e-6;
    if (counts) {
      var history = load(HISTORY) || {}, days = history[data.history_key] || [], day = today();
      if (days[days.length - 1] !== day) days.push(day);
      history[data.history_key] = days.slice(-100);
      store(HISTORY, history);
    }
    showLastDone();
    $("player-run").hidden = true;
    $("player-end").hidden = false;
    $("player-progress").value = total;
    $("player-left").textContent = w("time_left", { time: clock(0) });
    beep(1, 700, 660);
    var what = data.kind === "routine" ? "routine" : "stretch";
    var words = w(what + (counts ? "_complete" : "_ended"));
    $("player-end-title").textContent = words;
    var lastDone = $("last-done");
    $("player-end-note").textContent = counts
      ? (lastDone && lastDone.textContent ? lastDone.textContent + ". " : "") + w("kept")
      : w("not_counted_" + what, { share: Math.round(result.share * 100), needed: Math.round(DONE_SHARE * 100) });
    var skipped = $("player-end-skipped");
    skipped.textContent = result.skipped.length ? w("skipped", { steps: result.skipped.join(", ") }) : "";
    skipped.hidden = !result.skipped.length;
    if (data.sheet_url) { $("player-sheet").href = data.sheet_url; $("player-sheet").hidden = false; }
    announce(words + (result.skipped.length ? ". " + skipped.textContent : ""), words);
    $("player-close-end").focus();
  }

  function open(state) {
    extra = (state && state.extra) || [];
    played = (state && state.played) || [];
    build();
    $("player-run").hidden = false;
    $("player-end").hidden = true;
    if (!dialog.open) dialog.showModal();
    pos = state ? Math.min(state.pos, total - 1) : 0;
    current = -1;
    shownSecond = -1;
    shownBeat = "";
    render(false);
    play(state ? state.running : true);
    $("player-pause").focus();
  }

  function close() {
    running = false;
    clearTimeout(timer);
    wake(false);
    if (current < phases.length) store(STATE, null);
    if (dialog.open) dialog.close();
    if (window.speechSynthesis) speechSynthesis.cancel();
  }

  // `date` written as the site's pages write a day (`date_format`, a Unicode pattern such as
  // `d MMMM yyyy`), with the browser's names of months and weekdays in the page's language.
  function dayLabel(date) {
    var lang = document.documentElement.lang || undefined;
    function name(options) { return date.toLocaleDateString(lang, options); }
    var fields = {
      d: date.getDate(), dd: ("0" + date.getDate()).slice(-2), M: date.getMonth() + 1,
      MM: ("0" + (date.getMonth() + 1)).slice(-2), y: date.getFullYear(), yyyy: date.getFullYear(),
      yy: String(date.getFullYear()).slice(-2)
    };
    return (data.date_format || "d MMMM yyyy").replace(/'([^']*)'|([a-zA-Z])\2*/g, function (all, quoted) {
      if (quoted !== undefined) return quoted || "'";
      if (all in fields) return fields[all];
      if (all === "MMMM" || all === "LLLL") return name({ month: "long" });
      if (all === "MMM" || all === "LLL") return name({ month: "short" });
      if (all === "EEEE") return name({ weekday: "long" });
      if (/^E{1,3}$/.test(all)) return name({ weekday: "short" });
      return all;
    });
  }

  function showLastDone() {
    var el = $("last-done"), days = (load(HISTORY) || {})[data.history_key];
    if (!el || !days || !days.length) return;
    var p = days[days.length - 1].split("-");
    el.textContent = w("last_done", { date: dayLabel(new Date(+p[0], p[1] - 1, +p[2])) });
    el.hidden = false;
  }

  function start() {
    data = JSON.parse($("player-data").textContent);
    dialog = $("player");
    if (!dialog || !data.steps.length) return;
    var startButton = document.querySelector("[data-player-start]");
    startButton.hidden = false;
    startButton.addEventListener("click", function () { beep(0); open(null); });
    showLastDone();

    function on(id, fn) { $(id).addEventListener("click", fn); }
    on("player-pause", function () { play(!running); });
    on("player-back", function () { jump(stepStart(Math.max(0, stepNow() - 1))); });
    // Skip moves to the next set or side; held down, to the next step.
    var skipButton = $("player-skip");
    skipButton.addEventListener("pointerdown", function () {
      clearTimeout(pressTimer);
      pressed = false;
      pressTimer = setTimeout(function () { pressed = true; nextStep(); }, 600);
    });
    ["pointerup", "pointerleave", "pointercancel"].forEach(function (type) {
      skipButton.addEventListener(type, function () { clearTimeout(pressTimer); });
    });
    skipButton.addEventListener("contextmenu", function (event) { event.preventDefault(); });
    on("player-skip", function () {
      if (pressed) { pressed = false; return; }
      skip();
    });
    on("player-next-step", nextStep);
    $("player-next-step").hidden = data.steps.length < 2;
    on("player-done", function () {
      var p = phases[current];
      if (!p) return;
      // The reader did them: the rest of the piece counts as played.
      played[current] = p.ms;
      jump(p.end);
    });
    on("player-more", function () {
      var p = phases[current];
      if (!p) return;
      p.ms += 10000;
      extra[current] = (extra[current] || 0) + 10000;
      retime();
      render(false);
      tick();
    });
    on("player-close", close);
    on("player-close-end", close);
    dialog.addEventListener("close", close);
    dialog.addEventListener("keydown", function (event) {
      var tag = event.target.tagName;
      if (event.key === " " && tag !== "BUTTON" && tag !== "INPUT" && tag !== "A") {
        event.preventDefault();
        play(!running);
      } else if (event.key === "ArrowLeft") {
        $("player-back").click();
      } else if (event.key === "ArrowRight" && event.shiftKey) {
        $("player-next-step").click();
      } else if (event.key === "ArrowRight") {
        skip();
      }
    });
    [["player-sound", "sound", true], ["player-speech", "speech", false]].forEach(function (o) {
      var box = $(o[0]);
      box.checked = setting(o[1], o[2]);
      box.addEventListener("change", function () {
        store("limber-" + o[1], box.checked);
        if (!box.checked && window.speechSynthesis) speechSynthesis.cancel();
      });
    });
    document.addEventListener("visibilitychange", function () { if (running) wake(true); });

    // A reload in the middle of a routine carries on where it was.
    var state = load(STATE);
    if (state && state.key === data.history_key && Date.now() - state.at < 6 * 3600 * 1000) open(state);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
