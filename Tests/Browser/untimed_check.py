#!/usr/bin/env python3
"""Follows a routine whose second and third steps have doses in words (`until relaxed`) in headless
Chromium, with the page's clock under the check's control: the player waits on such a step, however
long, until Done, and then goes on.

    untimed_check.py ROUTINE_URL

The routine is the `coaches` fixture's `coach-before-bed`: 5 deep breaths (25 s), then two steps in
words. Prints one line a check and `N passed, N failed`; exits 1 when any check failed. Driven by
UntimedPlayerBrowserTests.swift."""
import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

passed, failed = 0, 0


def check(condition, what, detail=""):
    global passed, failed
    if condition:
        passed += 1
        print(f"ok: {what}")
    else:
        failed += 1
        print(f"FAILED: {what}" + (f"\n    {detail}" if detail else ""))


def advance(driver, seconds):
    """Lets the page's clock, which otherwise stands still, run for `seconds`."""
    now = lambda: driver.execute_script("return performance.now()")
    start = now()
    driver.execute_cdp_cmd("Emulation.setVirtualTimePolicy", {"policy": "advance", "budget": seconds * 1000})
    deadline = time.time() + 30
    while now() < start + seconds * 1000 - 1 and time.time() < deadline:
        time.sleep(0.01)


def shown(driver, id):
    element = driver.find_element(By.ID, id)
    return element.text if element.is_displayed() else ""


def main():
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=390,844", "--no-first-run"]:
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    try:
        driver.get(sys.argv[1])
        driver.execute_script("localStorage.clear()")
        driver.get(sys.argv[1])
        driver.execute_cdp_cmd("Emulation.setVirtualTimePolicy", {"policy": "pause"})
        driver.find_element(By.CSS_SELECTOR, "[data-player-start]").click()
        # Get ready (5 s), 5 deep breaths (25 s), the change to the next step (5 s).
        advance(driver, 36)
        check(shown(driver, "player-title") == "Child's Pose", "the player reaches the step in words",
              shown(driver, "player-title"))
        check(shown(driver, "player-phase") == "as long as comfortable", "it shows the dose as written",
              shown(driver, "player-phase"))
        check(shown(driver, "player-done") == "Done", "it offers Done")
        check(shown(driver, "player-count") == "", "it counts no time down", shown(driver, "player-count"))
        advance(driver, 300)
        check(shown(driver, "player-title") == "Child's Pose", "five minutes on, it still waits on the step",
              shown(driver, "player-title"))
        driver.find_element(By.ID, "player-done").click()
        advance(driver, 6)
        check(shown(driver, "player-title") == "Pigeon Pose", "Done goes on to the next step",
              shown(driver, "player-title"))
        check(shown(driver, "player-phase") == "until the hips soften", "which waits too",
              shown(driver, "player-phase"))
        driver.find_element(By.ID, "player-done").click()
        check(shown(driver, "player-end-title") == "Routine complete", "Done on the last step ends the routine",
              shown(driver, "player-end-title"))
    finally:
        driver.quit()
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
