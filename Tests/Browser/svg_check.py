#!/usr/bin/env python3
"""Opens SVG files on their own in headless Chromium, as a visitor following a link to one would,
and reports for each whether anything in it ran: an alert, or `LIMBER-RAN` written to the console.

    svg_check.py FILE_URL...

Prints `ran: URL` or `quiet: URL` for each file. Requests to a listener are counted by the caller
(SVGBrowserTests.swift)."""
import sys
import time

from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException, UnexpectedAlertPresentException
from selenium.webdriver.chrome.service import Service

options = webdriver.ChromeOptions()
options.binary_location = "/usr/bin/chromium"
for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-proxy-server"]:
    options.add_argument(argument)
options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
options.set_capability("unhandledPromptBehavior", "ignore")
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
try:
    for url in sys.argv[1:]:
        ran = False
        try:
            driver.get(url)
            # Scripts that start on load have run by then; give their requests a moment to leave.
            time.sleep(0.5)
        except UnexpectedAlertPresentException:
            ran = True
        try:
            driver.switch_to.alert.dismiss()
            ran = True
        except NoAlertPresentException:
            pass
        if any("LIMBER-RAN" in entry.get("message", "") for entry in driver.get_log("browser")):
            ran = True
        print(("ran: " if ran else "quiet: ") + url, flush=True)
finally:
    driver.quit()
