#!/usr/bin/env python3
"""Follows a built guide's routine and stretch players in headless Chromium, with the page's clock
under the check's control (DevTools virtual time), as a person on a phone would.

    player_check.py ROUTINE_URL STRETCH_URL REP_STRETCH_URL [--axe AXE_JS] [--offline SITE_FOLDER]
    player_check.py --ranges ROUTINE_URL    (a routine given in ranges, run to its end at the short end)
    player_check.py --german ROUTINE_URL [--screenshot PNG]
                                            (a German guide's routine: the player's words and
                                             the language its cues are spoken in)
    player_check.py --paced ROUTINE_URL [--screenshot PNG]
                                            (reps with a hold paced one by one; Skip, Next step and
                                             what a run that skips too much records)

Prints one line a check and `N passed, N failed` at the end; exits 1 when any check failed.
Driven by PlayerBrowserTests.swift (`make test`), which builds the site and serves it."""
import re
import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

passed, failed = 0, 0


def check(condition, what, detail=""):
    global passed, failed
    if condition:
        passed += 1
        print(f"ok: {what}", flush=True)
    else:
        failed += 1
        print(f"FAILED: {what}" + (f"\n    {detail}" if detail else ""), flush=True)


def browser(dark=False):
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=390,844",
                     "--no-first-run", "--no-proxy-server", "--autoplay-policy=no-user-gesture-required"]:
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.dark = dark
    emulate(driver)
    return driver


def emulate(driver):
    """A phone's screen, whatever the size of the headless window around it, in the light or dark
    scheme. Set again for each tab: DevTools emulation belongs to one tab."""
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": 390, "height": 844, "deviceScaleFactor": 1, "mobile": True})
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [
        {"name": "prefers-color-scheme", "value": "dark" if driver.dark else "light"}]})


class Clock:
    """The page's clock: stands still until `advance` lets it run for so many seconds."""

    def __init__(self, driver):
        self.driver = driver
        driver.execute_cdp_cmd("Emulation.setVirtualTimePolicy", {"policy": "pause"})

    def now(self):
        return self.driver.execute_script("return performance.now()")

    def advance(self, seconds):
        start = self.now()
        self.driver.execute_cdp_cmd("Emulation.setVirtualTimePolicy",
                                    {"policy": "advance", "budget": seconds * 1000})
        deadline = time.time() + 30
        while self.now() < start + seconds * 1000 - 1 and time.time() < deadline:
            time.sleep(0.01)


# What the page shows and announces, with the page's own time, kept by the page as it changes.
RECORDER = """
window.__seen = [];
function watch(id, what) {
  new MutationObserver(function () {
    var text = document.getElementById(id).textContent;
    if (text) window.__seen.push([what, text, performance.now()]);
  }).observe(document.getElementById(id), {childList: true, characterData: true, subtree: true});
}
watch('player-live', 'said');
watch('player-phase', 'phase');
"""


def open_page(driver, url, clear=False):
    """Opens `url` in a new tab, as after a reload: a page whose clock stands still never finishes
    loading another, so each page gets a tab of its own. localStorage carries over, as on a phone."""
    old = driver.current_window_handle
    driver.switch_to.new_window("tab")
    driver.switch_to.window(old)
    driver.close()
    driver.switch_to.window(driver.window_handles[-1])
    emulate(driver)
    if getattr(driver, "offline", False):
        driver.execute_cdp_cmd("Network.enable", {})
        driver.execute_cdp_cmd("Network.emulateNetworkConditions", {
            "offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})
    driver.get(url)
    if clear:
        driver.execute_script("localStorage.clear()")
        driver.get(url)


def text(driver, selector):
    return driver.find_element(By.CSS_SELECTOR, selector).text


def seconds_of(shown):
    """`8 min 10 s` → 490."""
    minutes = re.search(r"(\d+) min", shown)
    seconds = re.search(r"(\d+) s", shown)
    return (int(minutes.group(1)) * 60 if minutes else 0) + (int(seconds.group(1)) if seconds else 0)


def expected_announcements(driver, is_routine):
    """Each step and side the page lists, in order: read off the page, not the player's data."""
    said = []
    if is_routine:
        steps = [(s.find_element(By.CSS_SELECTOR, ".step-title").text,
                  s.find_element(By.CSS_SELECTOR, ".step-dose").text)
                 for s in driver.find_elements(By.CSS_SELECTOR, ".steps .step")]
    else:
        steps = [(text(driver, "h1"), driver.find_element(By.CSS_SELECTOR, ".facts").text)]
    for title, dose in steps:
        side = re.search(r"each (leg|arm|side)", dose)
        # The sets at the short end of a range (`2–3 × 30 s`: two), with a rest between them when
        # the dose has one; the sets only the long end does are not run.
        sets = re.search(r"(\d+)(?:–\d+)? × ", dose)
        later_sets = []
        for number in range(2, int(sets.group(1)) + 1 if sets else 2):
            later_sets += (["Rest"] if ", rest " in dose else []) + [f"Set {number} of {sets.group(1)}"]
        if side:
            said += [f"{title}. Left {side.group(1)}"] + later_sets + [f"Right {side.group(1)}"] + later_sets
        else:
            said += [title] + later_sets
    return said + ["Routine complete" if is_routine else "Stretch complete"]


def is_rep_cue(words):
    return re.match(r"(Rep|Breath) \d+ of \d+|Release$", words) is not None


def run_to_the_end(driver, url, is_routine, label):
    open_page(driver, url, clear=True)
    clock = Clock(driver)
    start = driver.find_element(By.CSS_SELECTOR, "[data-player-start]")
    check(start.is_displayed() and start.text == ("Start routine" if is_routine else "Start"),
          f"{label}: the start button is named and shown", start.text)
    top = driver.execute_script("return arguments[0].getBoundingClientRect().bottom", start)
    check(top <= 844, f"{label}: the start button is visible without scrolling on a phone", f"bottom at {top}px")
    # The page's one time counts the get-ready countdown and the change-overs, as the player runs
    # it; a range runs at its short end: `4 min 42 s – 9 min 32 s` is 282 s.
    if is_routine:
        total = seconds_of(text(driver, ".stats dd").split(" – ")[0])
    else:
        total = seconds_of(text(driver, ".time-with-changes").split(", ")[-1].split(" – ")[0])
    expected = expected_announcements(driver, is_routine)

    driver.execute_script(RECORDER)
    begun = clock.now()
    start.click()
    left = text(driver, "#player-left")
    check(left == f"{total // 60}:{total % 60:02d} left", f"{label}: the player starts at the page's total time",
          f"{left}, the page says {total} s")
    for _ in range(200):
        clock.advance(10)
        if any(what == "said" and words.endswith("complete") for what, words, _ in
               driver.execute_script("return window.__seen")):
            break
    seen = driver.execute_script("return window.__seen")
    said = [words for what, words, _ in seen if what == "said"]
    check(said[:1] == [f"Get ready: {expected[0].replace('. L', ', l')}"], f"{label}: Start says what to get ready for",
          f"said {said[:1]}")
    # "Get ready: …" and "Next: …" name what comes; the steps themselves are announced as they begin.
    # Each rep, hold and release is announced too: `rep_cues` checks those.
    said = [words for words in said if not words.startswith(("Get ready: ", "Next: ")) and not is_rep_cue(words)]
    check(said == expected, f"{label}: every step and side is announced in order, then the end",
          f"said {said}\n    expected {expected}")

    ended = next(at for what, words, at in seen if what == "said" and words.endswith("complete"))
    whole = (ended - begun) / 1000
    check(abs(whole - total) < 0.5, f"{label}: the whole run takes the page's total time ({total} s)",
          f"took {whole:.2f} s")
    check(driver.find_element(By.ID, "player-end-title").text == expected[-1],
          f"{label}: the end screen says {expected[-1]}")
    driver.find_element(By.ID, "player-close-end").click()
    open_page(driver, url)
    last = driver.find_element(By.ID, "last-done")
    check(last.is_displayed() and last.text.startswith("Last done on "),
          f"{label}: the page shows when it was last done, after a reload", last.text)
    return [words for what, words, _ in seen if what == "said"]


# The rep counter and the hold's beat as one text (`Rep 2 of 3 · hold 1`), and every tone played.
PACE_RECORDER = """
window.__beats = [];
window.__tones = [];
function beats() {
  var reps = document.getElementById('player-reps').textContent;
  var beat = document.getElementById('player-beat').textContent;
  var shown = reps + (beat ? ' · ' + beat : '');
  var last = window.__beats[window.__beats.length - 1];
  if (reps && (!last || last[0] !== shown)) window.__beats.push([shown, performance.now()]);
}
['player-reps', 'player-beat'].forEach(function (id) {
  new MutationObserver(beats).observe(document.getElementById(id), {childList: true, characterData: true, subtree: true});
});
var start = OscillatorNode.prototype.start;
OscillatorNode.prototype.start = function () {
  window.__tones.push([this.frequency.value, performance.now()]);
  return start.apply(this, arguments);
};
"""


def history_days(driver):
    return driver.execute_script(
        "var h = JSON.parse(localStorage.getItem('limber-history') || '{}');"
        "return Object.keys(h).reduce(function (n, k) { return n + h[k].length; }, 0);")


def paced(driver, url, screenshot=None, label="paced routine"):
    """`Fixtures/paced`: Leg Swings 3 × 3 s hold each leg (4 s to let go: the site's rep_seconds),
    Pigeon Pose 2 × 20 s with a 10 s rest, Couch Stretch 2 × 10 s each leg; 5 s to get ready and to
    change over."""
    open_page(driver, url, clear=True)
    clock = Clock(driver)
    driver.execute_script(PACE_RECORDER)
    driver.find_element(By.CSS_SELECTOR, "[data-player-start]").click()
    clock.advance(6.5)
    check(text(driver, "#player-next") == "Next: Right leg", f"{label}: on the left leg, Next names the right leg",
          text(driver, "#player-next"))
    beat = driver.find_element(By.ID, "player-beat")
    check(beat.is_displayed() and beat.text.lower() == "hold 2", f"{label}: a hold counts down on screen", beat.text)
    if screenshot:
        driver.save_screenshot(screenshot)
    clock.advance(5 + 21 - 6.5 + 0.5)
    beats = driver.execute_script("return window.__beats")
    expected = [f"Rep {rep} of 3 · {beat}" for rep in (1, 2, 3) for beat in ("hold 3", "hold 2", "hold 1", "release")]
    check([shown for shown, _ in beats] == expected, f"{label}: each rep is held 3 … 2 … 1, then released",
          f"shown {[shown for shown, _ in beats]}")
    at = {shown: time for shown, time in beats}
    held = (at.get("Rep 1 of 3 · release", 0) - at.get("Rep 1 of 3 · hold 3", 0)) / 1000
    rep = (at.get("Rep 2 of 3 · hold 3", 0) - at.get("Rep 1 of 3 · hold 3", 0)) / 1000
    check(abs(held - 3) < 0.05 and abs(rep - 7) < 0.05,
          f"{label}: a rep holds for its 3 s and lets go for the rep pace (4 s)", f"held {held} s, rep {rep} s")
    tones = [hz for hz, time in driver.execute_script("return window.__tones") if time >= at.get("Rep 1 of 3 · hold 3", 0) - 1]
    check(tones.count(660) >= 3 and tones.count(440) == 3, f"{label}: a tone at each hold and each release",
          f"tones {tones}")
    check(text(driver, "#player-phase") == "Change sides" and text(driver, "#player-side") == "Right leg",
          f"{label}: the right leg comes after the left", text(driver, "#player-phase"))
    # Pigeon Pose: set 1, the rest, set 2, then the next step.
    clock.advance(5 + 21 + 5 + 5)
    check(text(driver, "#player-next") == "Next: Rest", f"{label}: in a set, Next names the rest",
          text(driver, "#player-next"))
    clock.advance(20)
    check(text(driver, "#player-phase") == "Rest" and text(driver, "#player-next") == "Next: Set 2 of 2",
          f"{label}: in the rest, Next names the next set", text(driver, "#player-next"))
    clock.advance(10)
    check(text(driver, "#player-next") == "Next: Couch Stretch", f"{label}: in the last set, Next names the next step",
          text(driver, "#player-next"))
    # Couch Stretch: two sets on the left leg, then two on the right.
    clock.advance(22)
    check((text(driver, "#player-side"), text(driver, "#player-next")) == ("Left leg", "Next: Set 2 of 2"),
          f"{label}: in the first set on the left leg, Next names the second set", text(driver, "#player-next"))
    clock.advance(10)
    check((text(driver, "#player-side"), text(driver, "#player-next")) == ("Left leg", "Next: Right leg"),
          f"{label}: in the last set on the left leg, Next names the right leg", text(driver, "#player-next"))
    driver.find_element(By.ID, "player-close").click()

    # Skip goes set by set and side by side; a long press, or Next step, to the next step.
    open_page(driver, url)
    clock = Clock(driver)
    driver.find_element(By.CSS_SELECTOR, "[data-player-start]").click()
    skip = driver.find_element(By.ID, "player-skip")
    where = lambda: (text(driver, "#player-phase"), text(driver, "#player-title"), text(driver, "#player-side"))
    seen = [where()]
    for _ in range(3):
        skip.click()
        seen.append(where())
    check(seen == [("Get ready", "Leg Swings", "Left leg"), ("3 × 3 s hold · each leg", "Leg Swings", "Left leg"),
                   ("Change sides", "Leg Swings", "Right leg"), ("3 × 3 s hold · each leg", "Leg Swings", "Right leg")],
          f"{label}: Skip moves to the next side", f"went {seen}")
    skip.click()
    check(where()[:2] == ("Next step", "Pigeon Pose"), f"{label}: Skip on the last side moves to the next step",
          f"{where()}")
    skip.click()
    # A finger held on Skip for a second, then lifted, in the first set: to the next step, not the
    # next set. Dispatched in the page: WebDriver's pointer actions can wait on the page's clock,
    # which stands still between advances.
    press = "arguments[0].dispatchEvent(new PointerEvent(arguments[1], {bubbles: true}))"
    driver.execute_script(press, skip, "pointerdown")
    clock.advance(1)
    driver.execute_script(press, skip, "pointerup")
    driver.execute_script("arguments[0].click()", skip)
    check(where()[:2] == ("Next step", "Couch Stretch"), f"{label}: a long press on Skip moves to the next step",
          f"{where()}")
    driver.find_element(By.ID, "player-back").click()
    skip.click()
    skip.click()
    check(where()[0] == "2 × 20 s, rest 10 s · set 2 of 2", f"{label}: Skip moves to the next set, past the rest",
          f"{where()}")
    for _ in range(10):
        if not driver.find_element(By.ID, "player-end").is_displayed():
            skip.click()
    ended = driver.find_element(By.ID, "player-end-title").text
    skipped = driver.find_element(By.ID, "player-end-skipped").text
    check(ended == "Routine ended early", f"{label}: a run skipped through ends early, not complete", ended)
    check(skipped == "Skipped: Leg Swings, Pigeon Pose, Couch Stretch.", f"{label}: the end screen says what was skipped",
          skipped)
    check(history_days(driver) == 0, f"{label}: a run skipped through is not recorded as done")
    driver.find_element(By.ID, "player-close-end").click()
    open_page(driver, url)
    check(not driver.find_element(By.ID, "last-done").is_displayed(),
          f"{label}: after a run skipped through, the page does not show it as done")

    # Everything played but the couch stretch's right leg: 103 s of 122 s of work, over 80%.
    open_page(driver, url)
    clock = Clock(driver)
    driver.find_element(By.CSS_SELECTOR, "[data-player-start]").click()
    clock.advance(5 + 21 + 5 + 21 + 5 + 20 + 10 + 20 + 5 + 20 + 5 + 1)
    check(where()[1:] == ("Couch Stretch", "Right leg"), f"{label}: the couch stretch's right leg comes last",
          f"{where()}")
    driver.find_element(By.ID, "player-skip").click()
    driver.find_element(By.ID, "player-skip").click()
    ended = driver.find_element(By.ID, "player-end-title").text
    check(ended == "Routine complete" and history_days(driver) == 1,
          f"{label}: a run with 84% of its work played counts as done", f"{ended}, {history_days(driver)} days")
    skipped = driver.find_element(By.ID, "player-end-skipped").text
    check(skipped == "Skipped: Couch Stretch (right leg).", f"{label}: the end screen names the side skipped",
          skipped)
    driver.find_element(By.ID, "player-close-end").click()
    open_page(driver, url)
    last = driver.find_element(By.ID, "last-done").text
    months = "January|February|March|April|May|June|July|August|September|October|November|December"
    check(re.fullmatch(rf"Last done on \d{{1,2}} ({months}) \d{{4}}", last) is not None,
          f"{label}: the page says when it was last done, in the date format of its pages", last)

    # `Fixtures/paced`'s Paced Breaths: 3 breaths at the site's breath_seconds (5 s), counted.
    breaths = url.replace("/paced-reps/", "/paced-breaths/")
    open_page(driver, breaths, clear=True)
    clock = Clock(driver)
    driver.execute_script(PACE_RECORDER)
    driver.find_element(By.CSS_SELECTOR, "[data-player-start]").click()
    clock.advance(5 + 15 + 1)
    beats = driver.execute_script("return window.__beats")
    # Within 50 ms of the pace: the page's timers may fire a few milliseconds apart on a busy machine
    # (15 072 ms where 15 077 was due), which no one following the breaths would notice.
    check([shown for shown, _ in beats] == ["Breath 1 of 3", "Breath 2 of 3", "Breath 3 of 3"]
          and all(abs((time - beats[0][1]) / 1000 - due) <= 0.05
                  for (_, time), due in zip(beats, [0, 5, 10])),
          f"{label}: breaths are counted one by one at the breath pace (5 s)", f"{beats}")


def ranges(driver, url, label="routine with ranges"):
    """A routine given in ranges runs at the short end of each: the page shows its total as a
    range, the player runs exactly its low end, and the sets only the long end does are skipped."""
    open_page(driver, url, clear=True)
    shown = text(driver, ".stats dd")
    check(" – " in shown, f"{label}: the page shows its total as a range", shown)
    said = run_to_the_end(driver, url, True, label)
    extra = [words for words in said if re.search(r"\bSet 3\b|\bof 3\b", words)]
    check(said and not extra, f"{label}: the extra sets of a range of sets are skipped", f"said {extra}")


def controls(driver, url, label):
    open_page(driver, url, clear=True)
    clock = Clock(driver)
    titles = [t.text for t in driver.find_elements(By.CSS_SELECTOR, ".steps .step-title")]
    driver.find_element(By.CSS_SELECTOR, "[data-player-start]").click()
    clock.advance(12)
    left = text(driver, "#player-left")
    driver.find_element(By.ID, "player").send_keys(" ")
    check(driver.find_element(By.ID, "player-pause").text == "Resume", f"{label}: Space pauses")
    clock.advance(30)
    check(text(driver, "#player-left") == left, f"{label}: a paused player's clock stands still",
          f"{left} then {text(driver, '#player-left')}")
    driver.find_element(By.ID, "player-pause").click()
    clock.advance(3)
    check(text(driver, "#player-left") != left, f"{label}: Resume starts the clock again")

    driver.find_element(By.ID, "player-skip").click()
    check((text(driver, "#player-phase"), text(driver, "#player-title"), text(driver, "#player-side"))
          == ("Change sides", titles[0], "Right leg"), f"{label}: Skip moves to the other side of the step",
          f"{text(driver, '#player-phase')} {text(driver, '#player-title')} {text(driver, '#player-side')}")
    driver.find_element(By.ID, "player-next-step").click()
    check(text(driver, "#player-title") == titles[1], f"{label}: Next step moves to the next step",
          text(driver, "#player-title"))
    driver.find_element(By.ID, "player").send_keys(Keys.SHIFT, Keys.ARROW_RIGHT)
    check(text(driver, "#player-title") == titles[2], f"{label}: Shift and the right arrow move to the next step")
    driver.find_element(By.ID, "player").send_keys(Keys.ARROW_RIGHT)
    # From the change-over before a step, Skip starts the step.
    check(text(driver, "#player-phase") not in ("Next step", "Change sides")
          and (text(driver, "#player-title"), text(driver, "#player-side")) == (titles[2], "Left leg"),
          f"{label}: the right arrow skips as Skip does", text(driver, "#player-phase"))
    driver.find_element(By.ID, "player-back").click()
    check(text(driver, "#player-title") == titles[1], f"{label}: Back moves to the step before",
          text(driver, "#player-title"))
    clock.advance(8)
    shown = text(driver, "#player-count")
    more = driver.find_element(By.ID, "player-more")
    more.click()
    after = text(driver, "#player-count")
    to_seconds = lambda clock_text: int(clock_text.split(":")[0]) * 60 + int(clock_text.split(":")[1])
    check(to_seconds(after) - to_seconds(shown) == 10, f"{label}: +10 s adds ten seconds", f"{shown} then {after}")

    side = text(driver, "#player-side")
    open_page(driver, url)
    check(driver.find_element(By.ID, "player").get_attribute("open") is not None
          and text(driver, "#player-title") == titles[1] and text(driver, "#player-side") == side,
          f"{label}: a reload in the middle carries on at the same step and side",
          f"{text(driver, '#player-title')} {text(driver, '#player-side')}")
    driver.find_element(By.ID, "player-close").click()


def rep_step(driver, url, label):
    """The repository's rep step counts its reps at the rep pace, and Done moves on early."""
    open_page(driver, url, clear=True)
    clock = Clock(driver)
    driver.find_element(By.CSS_SELECTOR, "[data-player-start]").click()
    clock.advance(5.5)
    reps = text(driver, "#player-reps")
    check(reps.startswith("Rep 1 of "), f"{label}: a rep step counts its reps", reps)
    clock.advance(3)
    check(text(driver, "#player-reps").startswith("Rep 2 of "), f"{label}: the next rep comes at the rep pace",
          text(driver, "#player-reps"))
    driver.find_element(By.ID, "player-done").click()
    check(text(driver, "#player-phase") == "Change sides", f"{label}: Done moves on before the reps are up",
          text(driver, "#player-phase"))
    driver.find_element(By.ID, "player-close").click()


def offline(driver, folder, routine_path, label="routine (offline)"):
    """Serves `folder` for one visit, then takes the server away and switches the browser's network
    off: the routine page must still open from the service worker's cache, and its player run."""
    import functools
    import http.server
    import threading
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *arguments):
            pass

    handler = functools.partial(Quiet, directory=folder)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/{routine_path}"
    open_page(driver, url)
    kept = False
    for _ in range(100):
        kept = driver.execute_async_script(
            "var done = arguments[arguments.length - 1];"
            "caches.keys().then(function (names) { return Promise.all(names.map(function (name) {"
            "  return caches.open(name).then(function (c) { return c.match(location.href); }); })); })"
            ".then(function (hits) { done(hits.some(Boolean)); }, function () { done(false); });")
        if kept:
            break
        time.sleep(0.1)
    check(kept, f"{label}: one visit over http keeps the page for offline use")
    server.shutdown()
    server.server_close()
    driver.offline = True
    run_to_the_end(driver, url, True, label)
    driver.offline = False


# Records what the player says aloud and in which language, in place of the device's voice.
SPEECH_RECORDER = """
window.__spoken = [];
var recorder = {
  speak: function (u) { window.__spoken.push([u.lang, u.text, u.voice ? u.voice.lang : null]); },
  cancel: function () {},
  getVoices: function () { return [{ lang: 'en-US', name: 'English' }, { lang: 'de-DE', name: 'Deutsch' }]; }
};
Object.defineProperty(window, 'speechSynthesis', { value: recorder, configurable: true });
window.SpeechSynthesisUtterance = function (t) { this.text = t; };
localStorage.setItem('limber-sound', 'true');
localStorage.setItem('limber-speech', 'true');
"""

# English words the player shows, none of which a German page may show in its player.
ENGLISH_PLAYER_WORDS = ["Get ready", "Next:", "Rest", "Release", " left", "Step ", "Set ", "Rep ", "Skip", "Resume",
                        "Spoken cues", "Sound", "Change sides", "Next step", "Left ", "Right "]


def german(driver, url, shot=None):
    """A German guide's routine: the player's screen in German, and its cues spoken in German."""
    label = "routine (German)"
    open_page(driver, url, clear=True)
    driver.execute_script(SPEECH_RECORDER)
    clock = Clock(driver)
    start = driver.find_element(By.CSS_SELECTOR, "[data-player-start]")
    check(start.text == "Routine starten", f"{label}: the start button is German", start.text)
    check(driver.execute_script("return document.documentElement.lang") == "de", f"{label}: the page is German")
    start.click()
    phase = text(driver, "#player-phase")
    check(phase == "Bereit machen", f"{label}: the player says to get ready in German", phase)
    left = text(driver, "#player-left")
    check(re.fullmatch(r"noch \d+:\d\d", left) is not None, f"{label}: the time left is German", left)
    spoken = driver.execute_script("return window.__spoken")
    check(bool(spoken) and spoken[0][1].startswith("Bereit machen: "), f"{label}: the first cue is spoken in German",
          f"{spoken[:1]}")
    check(bool(spoken) and all(lang == "de" for lang, _, _ in spoken),
          f"{label}: every cue is spoken with the page's language, de", f"{spoken}")
    check(bool(spoken) and all(voice == "de-DE" for _, _, voice in spoken),
          f"{label}: every cue is spoken by a German voice when the device has one", f"{spoken}")
    clock.advance(7)
    position = text(driver, "#player-position")
    check(re.fullmatch(r"Schritt 1 von \d+", position) is not None, f"{label}: the step is counted in German",
          position)
    if shot:
        driver.save_screenshot(shot)
    for _ in range(30):
        clock.advance(10)
    shown = driver.find_element(By.ID, "player").text
    spoken = driver.execute_script("return window.__spoken")
    said = " | ".join(words for _, words, _ in spoken)
    english = [w for w in ENGLISH_PLAYER_WORDS if w in shown or w in said]
    check(not english, f"{label}: no English word on the player's screen or in its cues over five minutes",
          f"found {english}\n    shown {shown!r}\n    said {said}")
    check(any(words.startswith("Als Nächstes: ") or "Bein" in words for _, words, _ in spoken),
          f"{label}: steps and sides are announced in German", said)


def main():
    arguments = sys.argv[1:]
    if arguments[:1] == ["--german"]:
        driver = browser()
        try:
            shot = arguments[arguments.index("--screenshot") + 1] if "--screenshot" in arguments else None
            german(driver, arguments[1], shot)
        finally:
            driver.quit()
        print(f"{passed} passed, {failed} failed")
        sys.exit(1 if failed else 0)
    if arguments[:1] == ["--paced"]:
        driver = browser()
        try:
            shot = arguments[arguments.index("--screenshot") + 1] if "--screenshot" in arguments else None
            paced(driver, arguments[1], shot)
        finally:
            driver.quit()
        print(f"{passed} passed, {failed} failed")
        sys.exit(1 if failed else 0)
    if arguments[:1] == ["--ranges"]:
        driver = browser()
        try:
            ranges(driver, arguments[1])
        finally:
            driver.quit()
        print(f"{passed} passed, {failed} failed")
        sys.exit(1 if failed else 0)
    axe = None
    folder = None
    if "--offline" in arguments:
        folder = arguments[arguments.index("--offline") + 1]
        del arguments[arguments.index("--offline"):arguments.index("--offline") + 2]
    if "--axe" in arguments:
        axe = arguments[arguments.index("--axe") + 1]
        del arguments[arguments.index("--axe"):arguments.index("--axe") + 2]
    routine, stretch, rep_stretch = arguments[:3]
    where = "file" if routine.startswith("file:") else "http"
    driver = browser()
    try:
        run_to_the_end(driver, routine, True, f"routine ({where})")
        run_to_the_end(driver, stretch, False, f"stretch ({where})")
        controls(driver, routine, f"routine ({where})")
        rep_step(driver, rep_stretch, f"rep stretch ({where})")
        if folder:
            offline(driver, folder, "routines/hip-flexor-relief/index.html")
    finally:
        driver.quit()
    if axe:
        for dark in (False, True):
            driver = browser(dark)
            try:
                audit(driver, axe, routine, stretch, "dark" if dark else "light")
            finally:
                driver.quit()
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


def audit(driver, axe_path, routine, stretch, scheme):
    source = open(axe_path, encoding="utf-8").read()

    def violations():
        driver.execute_script(source)
        result = driver.execute_async_script(
            "var done = arguments[arguments.length - 1];"
            "axe.run(document).then(function (r) { done(r.violations); });")
        return [f"{v['id']}: {v['help']} ({len(v['nodes'])}: {v['nodes'][0]['target']})" for v in result]

    for url, what in ((routine, "routine page"), (stretch, "stretch page")):
        open_page(driver, url, clear=True)
        found = violations()
        check(not found, f"axe ({scheme}): no violation on the {what}", "; ".join(found))
    driver.find_element(By.CSS_SELECTOR, "[data-player-start]").click()
    found = violations()
    check(not found, f"axe ({scheme}): no violation in the running player", "; ".join(found))
    driver.find_element(By.ID, "player-close").click()


if __name__ == "__main__":
    main()
