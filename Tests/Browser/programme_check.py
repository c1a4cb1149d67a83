#!/usr/bin/env python3
"""Makes a patient's programme in a built guide's composer with headless Chromium, as a physio
would, and follows it as the patient: opened from its link in a fresh browser, played to the end
with the page's clock under the check's control, its sheet printed to PDF, its reminders
downloaded; with no request leaving the site all along.

    programme_check.py COMPOSER_URL --work DIR [--axe AXE_JS] [--offline SITE_FOLDER]
    programme_check.py --times EXPECTED_JSON COMPOSER_URL
        (the composer's doses and times against the build's, for every dose in EXPECTED_JSON)

Prints one line a check and `N passed, N failed` at the end; exits 1 when any check failed.
Driven by ProgrammeBrowserTests.swift (`make test`), which builds the site and serves it."""
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from urllib.parse import urlsplit

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select

passed, failed = 0, 0


def check(condition, what, detail=""):
    global passed, failed
    if condition:
        passed += 1
        print(f"ok: {what}", flush=True)
    else:
        failed += 1
        print(f"FAILED: {what}" + (f"\n    {detail}" if detail else ""), flush=True)


def browser(profile, width=390, dark=False):
    """A browser of its own profile (a fresh one is a patient's phone), logging every request."""
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", f"--window-size={width},900",
                     "--no-first-run", "--no-proxy-server", "--autoplay-policy=no-user-gesture-required",
                     f"--user-data-dir={profile}"]:
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [
        {"name": "prefers-color-scheme", "value": "dark" if dark else "light"}]})
    driver.requests = []
    return driver


def requests_of(driver):
    """Every URL the browser asked for since the last call (DevTools network events)."""
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            driver.requests.append(message["params"]["request"]["url"])
    return driver.requests


def stays_on_site(driver, origin, what):
    urls = requests_of(driver)
    # The browser's own pages (chrome://) are not requests; any other address must be the site's.
    away = [u for u in urls if urlsplit(u).scheme not in ("chrome", "data", "blob") and not u.startswith(origin)]
    check(urls and not away, f"no request leaves the site while {what} ({len(urls)} requests)", "; ".join(away[:5]))


def text(driver, selector):
    return driver.find_element(By.CSS_SELECTOR, selector).text


def seconds_of(label):
    """`8 min 10 s` or `8:10 left` → 490."""
    clock = re.match(r"(\d+):(\d\d)", label)
    if clock:
        return int(clock.group(1)) * 60 + int(clock.group(2))
    total = 0
    for amount, unit in re.findall(r"(\d+) (min|s)\b", label):
        total += int(amount) * (60 if unit == "min" else 1)
    return total


def press(element):
    """Clicks `element` as a person would, once it is scrolled to the middle of the window."""
    element.parent.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", element)
    element.click()


def type_into(element, value):
    element.send_keys(Keys.CONTROL, "a")
    element.send_keys(Keys.DELETE)
    element.send_keys(value)


def set_value(driver, element, value):
    driver.execute_script(
        "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', {bubbles: true}));",
        element, value)


def step_fields(driver, index):
    """The inputs and selects of step `index` (from 0), by their label."""
    step = driver.find_elements(By.CSS_SELECTOR, "#composer-steps > li")[index]
    fields = {}
    for field in step.find_elements(By.CSS_SELECTOR, ".field"):
        label = field.find_element(By.TAG_NAME, "label").get_attribute("textContent").strip()
        control = field.find_element(By.CSS_SELECTOR, "input, select")
        fields[label] = control
    return step, fields


def compose(driver, composer_url):
    """Five steps with edited doses and notes, reordered by button and by keyboard."""
    open_page(driver, composer_url)
    driver.execute_script("localStorage.clear()")
    open_page(driver, composer_url)
    type_into(driver.find_element(By.ID, "p-title"), "Hips after the hip replacement")
    type_into(driver.find_element(By.ID, "p-patient"), "J. D.")
    Select(driver.find_element(By.ID, "p-frequency")).select_by_value("w3")
    set_value(driver, driver.find_element(By.ID, "p-start"), "2027-01-04")
    type_into(driver.find_element(By.ID, "p-notes"), "Slow and steady; stop if the pain is sharp.")
    type_into(driver.find_element(By.ID, "p-cautions"), "No deep hip flexion past 90°")
    added = []
    for _ in range(5):
        buttons = [b for b in driver.find_elements(By.CSS_SELECTOR, "#picker-results button")
                   if b.get_attribute("data-slug") not in added]
        added.append(buttons[0].get_attribute("data-slug"))
        press(buttons[0])
    steps = driver.find_elements(By.CSS_SELECTOR, "#composer-steps > li")
    check(len(steps) == 5, "composer: five stretches added from the picker", str(len(steps)))

    # Step 1: 2 sets of a 20 s hold with 10 s rest, each leg, and a note.
    step, fields = step_fields(driver, 0)
    Select(fields["Each set is"]).select_by_value("hold")
    type_into(fields["Sets"], "2")
    type_into(fields["Hold (s)"], "20")
    type_into(fields["Rest between sets (s)"], "10")
    Select(fields["Sides"]).select_by_value("leg")
    type_into(fields["Note for the patient"], "Keep the back knee soft")
    shown = step.find_element(By.CSS_SELECTOR, ".programme-step-dose strong").text
    check(shown == "2 × 20 s, rest 10 s · each leg", "composer: an edited dose is written as the site writes it", shown)
    step_time = step.find_element(By.CSS_SELECTOR, ".programme-step-time").text
    # 20 + 10 + 20 s a leg and one change of side: 105 s.
    check(step_time == "1 min 45 s for this step", "composer: the step's time counts its rest and change of side",
          step_time)
    # Step 2: 10 reps held 3 s, each side.
    step, fields = step_fields(driver, 1)
    Select(fields["Each set is"]).select_by_value("reps")
    _, fields = step_fields(driver, 1)
    type_into(fields["Sets"], "1")
    type_into(fields["Reps"], "10")
    type_into(fields["Hold per rep (s)"], "3")
    Select(fields["Sides"]).select_by_value("side")
    shown = step.find_element(By.CSS_SELECTOR, ".programme-step-dose strong").text
    check(shown == "10 × 3 s hold · each side", "composer: reps with a hold per rep", shown)
    # Step 3: a note only; step 4: 5 breaths; step 5: a shorter hold and a note.
    _, fields = step_fields(driver, 2)
    type_into(fields["Note for the patient"], "Use a cushion under the knee")
    step, fields = step_fields(driver, 3)
    Select(fields["Each set is"]).select_by_value("breaths")
    _, fields = step_fields(driver, 3)
    type_into(fields["Sets"], "1")
    type_into(fields["Breaths"], "5")
    Select(fields["Sides"]).select_by_value("")
    _, fields = step_fields(driver, 4)
    type_into(fields["Note for the patient"], "Only as far as it is comfortable")
    # A range that does not read is marked, and the dose kept as it was.
    _, fields = step_fields(driver, 4)
    before = driver.find_elements(By.CSS_SELECTOR, "#composer-steps > li")[4].find_element(
        By.CSS_SELECTOR, ".programme-step-dose strong").text
    type_into(fields["Sets"], "two")
    after = driver.find_elements(By.CSS_SELECTOR, "#composer-steps > li")[4].find_element(
        By.CSS_SELECTOR, ".programme-step-dose strong").text
    check(fields["Sets"].get_attribute("aria-invalid") == "true" and before == after,
          "composer: a number that does not read is marked and changes nothing", f"{before} → {after}")
    type_into(fields["Sets"], "1")

    # Reorder: Move down on the first step, then Alt+Up on the (new) second step puts it back.
    titles = lambda: [t.text.split(". ", 1)[1] for t in driver.find_elements(By.CSS_SELECTOR, ".programme-step-title")]
    first = titles()
    step, _ = step_fields(driver, 0)
    press(step.find_elements(By.CSS_SELECTOR, ".programme-step-buttons button")[1])
    moved = titles()
    check(moved[:2] == [first[1], first[0]], "composer: Move down swaps a step with the next", str(moved))
    check(driver.switch_to.active_element.text in ("Move down", "Move up"),
          "composer: the focus stays on the moved step's buttons", driver.switch_to.active_element.text)
    live = text(driver, "#composer-live") or driver.find_element(By.ID, "composer-live").get_attribute("textContent")
    check("moved to place 2 of 5" in live, "composer: a move is announced to screen readers", live)
    step, _ = step_fields(driver, 1)
    step.find_elements(By.CSS_SELECTOR, ".programme-step-buttons button")[0].send_keys(Keys.ALT, Keys.ARROW_UP)
    check(titles() == first, "composer: Alt+Up moves a step up from the keyboard", str(titles()))
    total = text(driver, "#composer-total").lstrip("· ").strip()
    return added, total


def play_to_the_end(driver, total_seconds):
    """Start, then the page's clock run for the programme's time: the end screen comes then, not before."""
    wait_for(lambda: driver.find_element(By.CSS_SELECTOR, "[data-player-start]").is_displayed())
    driver.execute_cdp_cmd("Emulation.setVirtualTimePolicy", {"policy": "pause"})
    press(driver.find_element(By.CSS_SELECTOR, "[data-player-start]"))

    def advance(seconds):
        start = driver.execute_script("return performance.now()")
        driver.execute_cdp_cmd("Emulation.setVirtualTimePolicy", {"policy": "advance", "budget": seconds * 1000})
        deadline = time.time() + 30
        while driver.execute_script("return performance.now()") < start + seconds * 1000 - 1 and time.time() < deadline:
            time.sleep(0.01)

    left = seconds_of(text(driver, "#player-left"))
    check(left == total_seconds, f"player: it starts at the programme's total time ({total_seconds} s)",
          text(driver, "#player-left"))
    played = 0
    while played < total_seconds - 3:
        step = min(20, total_seconds - 3 - played)
        advance(step)
        played += step
    ended_early = driver.find_element(By.ID, "player-end").is_displayed()
    advance(5)
    ended = driver.find_element(By.ID, "player-end").is_displayed()
    check(not ended_early and ended, f"player: the programme plays to its end in its total time ({total_seconds} s)",
          f"early={ended_early} ended={ended}")
    history = driver.execute_script("return JSON.parse(localStorage.getItem('limber-history') || '{}')")
    check(any(key.startswith("programme:") for key in history), "player: the run is recorded under the programme",
          str(history))
    driver.find_element(By.ID, "player-close-end").click()
    # A tab whose clock stands still never loads another page: go on in a new tab, as after a
    # reload; localStorage carries over, as on a phone.
    old = driver.current_window_handle
    driver.switch_to.new_window("tab")
    driver.switch_to.window(old)
    driver.close()
    driver.switch_to.window(driver.window_handles[-1])


def open_page(driver, url):
    """Opens `url` as a new load (not a jump within the page) and waits until the programme is on it."""
    driver.get("about:blank")
    driver.get(url)
    wait_for(lambda: driver.execute_script(
        "var app = document.getElementById('programme-app'); return !!app && app.dataset.ready === 'true'"))


def wait_for(condition, seconds=10):
    deadline = time.time() + seconds
    while time.time() < deadline:
        found = condition()
        if found:
            return found
        time.sleep(0.1)
    return condition()


def print_sheet(driver, sheet_url, link, work):
    open_page(driver, sheet_url)
    wait_for(lambda: driver.execute_script("return document.readyState === 'complete' && "
                                           "document.querySelector('.sheet').hasAttribute('data-fit')"))
    steps = len(driver.find_elements(By.CSS_SELECTOR, ".sheet-steps > .step"))
    check(steps == 5, "sheet: the programme's five steps", str(steps))
    check("For J. D." in text(driver, "#sheet-patient") and "2027" in text(driver, "#sheet-patient"),
          "sheet: the patient's name and start date", text(driver, "#sheet-patient"))
    days = [th.text for th in driver.find_elements(By.CSS_SELECTOR, "#sheet-days th")][1:]
    check(len(days) >= 6, "sheet: a tick grid of sessions for 3 times a week", str(days))
    pdf = driver.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True, "printBackground": True})
    import base64
    path = os.path.join(work, "programme-sheet.pdf")
    with open(path, "wb") as out:
        out.write(base64.b64decode(pdf["data"]))
    info = subprocess.run(["pdfinfo", path], capture_output=True, text=True).stdout
    pages = re.search(r"Pages:\s+(\d+)", info)
    check(pages and pages.group(1) == "1", "sheet: prints on one page", info)
    subprocess.run(["pdftoppm", "-r", "150", "-png", path, os.path.join(work, "sheet")], check=True)
    image = sorted(glob.glob(os.path.join(work, "sheet*.png")))[0]
    decoded = subprocess.run(["zbarimg", "-q", "--raw", image], capture_output=True, text=True).stdout.strip()
    check(decoded == link, "sheet: its QR code reads as the programme's link", f"{decoded!r} vs {link!r}")


def reminders(driver, link, work):
    """Add reminders: an .ics file that icalendar reads, recurring as the programme's frequency."""
    import icalendar
    folder = os.path.join(work, "downloads")
    os.makedirs(folder, exist_ok=True)
    driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": folder})
    press(driver.find_element(By.ID, "programme-ics"))
    found = wait_for(lambda: [f for f in glob.glob(os.path.join(folder, "*.ics"))])
    check(bool(found), "reminders: Add reminders downloads an .ics file", str(os.listdir(folder)))
    if not found:
        return
    raw = open(found[0], "rb").read()
    lines = raw.split(b"\r\n")
    check(raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b""), "reminders: lines end in CRLF")
    check(all(len(line) <= 75 for line in lines), "reminders: no line is longer than 75 octets",
          str(max(len(line) for line in lines)))
    calendar = icalendar.Calendar.from_ical(raw)
    events = [c for c in calendar.walk() if c.name == "VEVENT"]
    check(len(events) == 1, "reminders: one event", str(len(events)))
    event = events[0]
    rule = event.get("RRULE")
    check(rule and rule.get("FREQ") == ["WEEKLY"] and rule.get("BYDAY") == ["MO", "WE", "FR"],
          "reminders: the event recurs 3 times a week (RRULE FREQ=WEEKLY;BYDAY=MO,WE,FR)", str(rule))
    check(str(event.get("DTSTART").dt)[:10] == "2027-01-04", "reminders: from the start date",
          str(event.get("DTSTART").dt))
    check(event.get("UID") and event.get("DTSTAMP"), "reminders: the event has a UID and a DTSTAMP")
    check(str(event.get("URL")) == link and link in str(event.get("DESCRIPTION")),
          "reminders: the event carries the programme's link", str(event.get("URL")))


def offline(driver, folder, link_path):
    """One visit to the composer over http keeps it and its data: with the server gone and the
    network off, the programme's link opens and shows its steps."""
    import functools
    import http.server
    import threading

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *arguments):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=folder))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{server.server_address[1]}/"
    driver.get(origin + "programme/index.html")
    kept = wait_for(lambda: driver.execute_async_script(
        "var done = arguments[arguments.length - 1];"
        "caches.keys().then(function (names) { return Promise.all(names.map(function (name) {"
        "  return caches.open(name).then(function (c) { return Promise.all(["
        "    c.match(new URL('index.html', location.href).href),"
        "    c.match(document.querySelector('script[src*=\"programme-data.\"]').src)]); }); })); })"
        ".then(function (hits) { done(hits.some(function (h) { return h[0] && h[1]; })); },"
        " function () { done(false); });"), 20)
    check(kept, "offline: one visit over http keeps the composer and its data")
    server.shutdown()
    server.server_close()
    driver.execute_cdp_cmd("Network.enable", {})
    driver.execute_cdp_cmd("Network.emulateNetworkConditions", {
        "offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})
    driver.get("about:blank")
    driver.get(origin + link_path)
    steps = wait_for(lambda: len(driver.find_elements(By.CSS_SELECTOR, "#view-steps > li")))
    check(steps == 5, "offline: the programme's link opens with no network", str(steps))


def axe(driver, source, urls, scheme):
    for url in urls:
        open_page(driver, url)
        wait_for(lambda: driver.execute_script("return document.readyState === 'complete'"))
        driver.execute_script(source)
        result = driver.execute_async_script(
            "var done = arguments[arguments.length - 1];"
            "axe.run(document).then(function (r) { done(r.violations); });")
        found = [f"{v['id']}: {v['help']} ({len(v['nodes'])}: {v['nodes'][0]['target']})" for v in result]
        name = urlsplit(url).path.rstrip("/").split("/")[-2] + ("#p" if "#p=" in url else "")
        check(not found, f"axe ({scheme}): no violation on {name}", "; ".join(found))


def times(expected_path, url):
    """The composer's dose text and times against the build's, for every dose in the fixtures."""
    cases = json.load(open(expected_path))
    profile = tempfile.mkdtemp(prefix="limber-programme-")
    driver = browser(profile)
    try:
        driver.get(url)
        results = driver.execute_script("""
            var cases = arguments[0], data = window.limberProgrammeData, out = [];
            cases.forEach(function (c) {
              ['rep_seconds', 'breath_seconds', 'get_ready', 'change_over'].forEach(function (k) { data[k] = c.settings[k]; });
              var P = window.limberProgramme;
              out.push({
                displays: c.doses.map(P.display), seconds: P.time(c.doses), total: P.totalText(c.doses)
              });
            });
            return out;""", cases)
        doses = sum(len(c["doses"]) for c in cases)
        wrong = [f"{c['what']}: {r} vs build {c}" for c, r in zip(cases, results)
                 if r["displays"] != c["displays"] or r["seconds"] != c["seconds"] or r["total"] != c["total"]]
        check(not wrong, f"the composer writes and times {doses} doses in {len(cases)} cases as the build does",
              "\n    ".join(wrong[:8]))
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def main():
    arguments = sys.argv[1:]
    if arguments[:1] == ["--times"]:
        times(arguments[1], arguments[2])
    else:
        composer_url = arguments[0]
        work = arguments[arguments.index("--work") + 1]
        origin = composer_url.split("/programme/")[0] + "/"
        physio = browser(os.path.join(work, "physio"), width=1280)
        try:
            added, total = compose(physio, composer_url)
            stays_on_site(physio, origin, "composing")
            press(physio.find_element(By.ID, "composer-view"))
            wait_for(lambda: "#p=" in physio.current_url and physio.execute_script(
                "return document.getElementById('programme-app').dataset.ready === 'true'"
                " && !document.getElementById('programme-view').hidden"))
            press(physio.find_element(By.ID, "programme-copy"))
            status = wait_for(lambda: physio.find_element(By.ID, "programme-status").text)
            check(status in ("Link copied.", "Select the link and copy it."), "copy link: says what it did", status)
            link = physio.find_element(By.ID, "programme-link").get_attribute("value")
            check(link.startswith(origin + "programme/index.html#p=1z."), "copy link: the programme's own address",
                  link)
            check(len(link) < 700, f"copy link: a compact link ({len(link)} characters)")
            recent = physio.execute_script("return JSON.parse(localStorage.getItem('limber-programmes'))")
            check(recent and recent[0]["title"] == "Hips after the hip replacement",
                  "the programme is kept in this browser's recent programmes", str(recent))
        finally:
            physio.quit()

        patient = browser(os.path.join(work, "patient"))
        try:
            open_page(patient, link)
            steps = patient.find_elements(By.CSS_SELECTOR, "#view-steps > li")
            check(len(steps) == 5, "patient: the link opens the programme in a fresh browser", str(len(steps)))
            check(text(patient, "#view-title") == "Hips after the hip replacement", "patient: its title",
                  text(patient, "#view-title"))
            check(text(patient, "#view-time") == total, "patient: the total time the composer showed",
                  f"{text(patient, '#view-time')} vs {total}")
            notes = [n.text for n in patient.find_elements(By.CSS_SELECTOR, ".step-note")]
            check(len(notes) == 3 and "Note: Keep the back knee soft" in notes, "patient: each step's note", str(notes))
            check("No deep hip flexion past 90°" in text(patient, "#view-cautions"), "patient: the cautions")
            play_to_the_end(patient, seconds_of(total))
            stays_on_site(patient, origin, "playing")
            open_page(patient, link)
            reminders(patient, link, work)
            sheet_url = patient.find_element(By.ID, "view-sheet").get_attribute("href")
            print_sheet(patient, sheet_url, link, work)
            stays_on_site(patient, origin, "printing")
            # A damaged link says so, and a removed stretch is named, not dropped.
            open_page(patient, link[:-6] + "AAAAAA")
            check(patient.find_element(By.ID, "programme-error").is_displayed(),
                  "a damaged link says it cannot be opened")
            gone = patient.execute_async_script(
                "var done = arguments[arguments.length - 1];"
                "limberProgramme.decode(arguments[0]).then(function (p) {"
                "  p.steps[0].slug = 'a-stretch-since-removed'; p.steps[1].title = 'Its old name';"
                "  return limberProgramme.encode(p); }).then(done);", link.split("#p=")[1])
            open_page(patient, origin + "programme/index.html#p=" + gone)
            notices = [n.text for n in patient.find_elements(By.CSS_SELECTOR, "#view-steps .programme-notice")]
            check(len(patient.find_elements(By.CSS_SELECTOR, "#view-steps > li")) == 5 and len(notices) == 2
                  and "no longer in this guide" in notices[0] and "Its old name" in notices[1],
                  "a removed or renamed stretch is named on the page, not dropped", str(notices))
        finally:
            patient.quit()

        if "--offline" in arguments:
            phone = browser(os.path.join(work, "offline"))
            try:
                offline(phone, arguments[arguments.index("--offline") + 1], "programme/index.html#p=" + link.split("#p=")[1])
            finally:
                phone.quit()

        if "--axe" in arguments:
            source = open(arguments[arguments.index("--axe") + 1], encoding="utf-8").read()
            for dark in (False, True):
                driver = browser(os.path.join(work, "axe-dark" if dark else "axe-light"), dark=dark)
                try:
                    driver.get(composer_url + "#e=" + link.split("#p=")[1])
                    axe(driver, source, [composer_url + "#e=" + link.split("#p=")[1], link,
                                         origin + "programme/sheet/index.html#p=" + link.split("#p=")[1]],
                        "dark" if dark else "light")
                finally:
                    driver.quit()
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
