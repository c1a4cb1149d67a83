// The routine player: leads the reader through a routine (or one stretch) hands-free, following the
// schedule the build embedded in the page (#player-data). Plain JavaScript, no files to fetch, so it
// works from disk too. Nothing leaves the device: history and settings stay in localStorage.
(function () {
  "use strict";
  var data, dialog, phases = [], total = 0, pos = 0, running = false, last = 0, timer = 0;
  var current = -1, shownSecond = -1, audio = null, lock = null, savedSecond = -1, extra = [];
  var STATE = "limber-player", HISTORY = "limber-history";

  function $(id) { return document.getElementById(id); }
  function load(key) { try { return JSON.parse(localStorage.getItem(key)); } catch (e) { return null; } }
  function store(key, value) {
    try {
      if (value === null) localStorage.removeItem(key); else localStorage.setItem(key, JSON.stringify(value));
    } catch (e) { /* private mode or storage off: the player still runs */ }
  }
  function setting(name, fallback) { var v = load("limber-" + name); return v === null ? fallback : v; }

  // MARK: - The schedule, as phases on one timeline (milliseconds)

  function sideLabel(step, side) {
    if (!side || !step.side) return "";
    return (side === 1 ? "Left " : "Right ") + step.side;
  }

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
          ms: p.kind === "untimed" ? 1000 : p.seconds[0] * 1000, longer: p.seconds[1] > p.seconds[0]
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

  // MARK: - Sound, speech, screen

  function beep(times, ms, hz) {
    if (!setting("sound", true)) return;
    try {
      audio = audio || new (window.AudioContext || window.webkitAudioContext)();
      for (var i = 0; i < times; i++) {
        var t = audio.currentTime + i * 0.25, osc = audio.createOscillator(), gain = audio.createGain();
        osc.frequency.value = hz;
        gain.gain.setValueAtTime(0.0001, t);
        gain.gain.exponentialRampToValueAtTime(0.4, t + 0.01);
        gain.gain.exponentialRampToValueAtTime(0.0001, t + ms / 1000);
        osc.connect(gain).connect(audio.destination);
        osc.start(t);
        osc.stop(t + ms / 1000 + 0.02);
      }
    } catch (e) { /* no Web Audio: the screen still counts */ }
  }

  function announce(text) {
    var live = $("player-live");
    // Emptied first, so the same words twice in a row are read twice.
    live.textContent = "";
    live.textContent = text;
    if (setting("sound", true) && setting("speech", false) && window.speechSynthesis) {
      var say = new SpeechSynthesisUtterance(text);
      say.lang = document.documentElement.lang || "en";
      speechSynthesis.cancel();
      speechSynthesis.speak(say);
    }
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

  function tick() {
    var now = performance.now();
    if (running) pos = held(pos, pos + now - last);
    last = now;
    render(true);
    clearTimeout(timer);
    if (running) {
      // Wake at the next whole second of the countdown, so beeps and changes fall on time.
      var phase = phases[current];
      var next = phase && phase.type !== "untimed" ? (phase.end - pos) % 1000 || 1000 : 1000;
      timer = setTimeout(tick, Math.max(5, Math.min(next, 1000)));
    }
  }

  function saveState() {
    store(STATE, { key: data.history_key, pos: Math.round(pos), running: running, at: Date.now(), extra: extra });
  }

  function enter(i, naturally) {
    var before = phases[current];
    current = i;
    var phase = phases[i];
    if (naturally && before && before.type === "hold") beep(1, 450, 660);
    if (!phase) return;
    var step = data.steps[phase.step], side = sideLabel(step, phase.side);
    if (phase.type === "ready" || phase.type === "change") {
      if (!naturally) announce((i === 0 && pos < 1 ? "Get ready: " : "Next: ") + step.title + (side ? ", " + side.toLowerCase() : ""));
    } else if (phase.type === "rest") {
      announce("Rest");
    } else if (phase.first) {
      announce(step.title + (side ? ". " + side : ""));
    } else if (phase.newSide) {
      announce(side);
    } else {
      announce("Set " + phase.set + " of " + phase.sets);
    }
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
    var n = data.steps.length;
    $("player-position").textContent = n > 1 ? "Step " + (phase.step + 1) + " of " + n : step.dose;
    $("player-phase").textContent = phase.type === "ready" ? "Get ready" : phase.type === "change"
      ? (phase.step === (phases[i - 1] || {}).step ? "Change sides" : "Next step")
      : phase.type === "rest" ? "Rest" : step.dose + (phase.sets > 1 ? " · set " + phase.set + " of " + phase.sets : "");
    $("player-title").textContent = step.title;
    $("player-side").textContent = sideLabel(step, phase.side);
    $("player-count").textContent = phase.type === "untimed" ? "" : clock(left);
    var reps = phase.type === "reps" || phase.type === "breaths";
    var unit = phase.type === "reps" ? "Rep " : "Breath ";
    var done = Math.min(phase.count, Math.floor((pos - phase.start) / (phase.each * 1000)) + 1);
    $("player-reps").textContent = reps ? unit + done + " of " + phase.count : "";
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
    var next = phases[i + 1];
    $("player-next").textContent = waiting ? "" : next
      ? "Next: " + (next.step !== phase.step ? data.steps[next.step].title
        : sideLabel(step, next.side) || (waiting ? "" : next.type === "rest" ? "Rest" : "Set " + next.set))
      : "Next: the end";
    var bar = $("player-progress");
    bar.max = total;
    bar.value = pos;
    $("player-left").textContent = clock(total - pos) + " left";
    if (second !== savedSecond) { savedSecond = second; saveState(); }
  }

  // MARK: - Controls

  function play(on) {
    running = on;
    last = performance.now();
    $("player-pause").textContent = on ? "Pause" : "Resume";
    $("player-pause").setAttribute("aria-pressed", String(!on));
    wake(on);
    saveState();
    tick();
  }

  function jump(to) {
    pos = Math.max(0, to);
    shownSecond = -1;
    if (pos >= total) return finish();
    var i = phaseAt(pos);
    current = -1;
    enter(i, false);
    render(false);
    tick();
  }

  function stepNow() { var p = phases[current]; return p ? p.step : 0; }

  function finish() {
    running = false;
    clearTimeout(timer);
    wake(false);
    current = phases.length;
    store(STATE, null);
    var history = load(HISTORY) || {}, days = history[data.history_key] || [];
    var d = new Date(), today = d.getFullYear() + "-" + ("0" + (d.getMonth() + 1)).slice(-2) + "-" + ("0" + d.getDate()).slice(-2);
    if (days[days.length - 1] !== today) days.push(today);
    history[data.history_key] = days.slice(-100);
    store(HISTORY, history);
    showLastDone();
    $("player-run").hidden = true;
    $("player-end").hidden = false;
    $("player-progress").value = total;
    $("player-left").textContent = clock(0) + " left";
    beep(1, 700, 660);
    var words = data.kind === "routine" ? "Routine complete" : "Stretch complete";
    $("player-end-title").textContent = words;
    var lastDone = $("last-done");
    $("player-end-note").textContent = (lastDone && lastDone.textContent ? lastDone.textContent + ". " : "") + "Kept on this device only.";
    if (data.sheet_url) { $("player-sheet").href = data.sheet_url; $("player-sheet").hidden = false; }
    announce(words);
    $("player-close-end").focus();
  }

  function open(state) {
    extra = (state && state.extra) || [];
    build();
    $("player-run").hidden = false;
    $("player-end").hidden = true;
    if (!dialog.open) dialog.showModal();
    pos = state ? Math.min(state.pos, total - 1) : 0;
    current = -1;
    shownSecond = -1;
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

  function showLastDone() {
    var el = $("last-done"), days = (load(HISTORY) || {})[data.history_key];
    if (!el || !days || !days.length) return;
    var p = days[days.length - 1].split("-");
    var date = new Date(+p[0], p[1] - 1, +p[2]);
    el.textContent = "Last done on " + date.toLocaleDateString(document.documentElement.lang || undefined,
      { weekday: "long", day: "numeric", month: "long", year: "numeric" });
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
    on("player-skip", function () { jump(stepStart(stepNow() + 1)); });
    on("player-done", function () { var p = phases[current]; if (p) jump(p.end); });
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
      } else if (event.key === "ArrowRight") {
        $("player-skip").click();
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
