"""Audits pages with axe-core in headless Chromium, in the light and the dark colour scheme.

    axe_pages.py AXE_JS URL...

Prints "ok: …" or "FAILED: …" for each page and scheme, then "N passed, M failed".
"""

import sys

from selenium import webdriver
from selenium.webdriver.chrome.service import Service


def browser(dark):
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=390,844", "--no-first-run",
                     "--no-proxy-server"]:
        options.add_argument(argument)
    if dark:
        options.add_argument("--force-dark-mode")
        options.add_argument("--blink-settings=preferredColorScheme=0")
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {
        "features": [{"name": "prefers-color-scheme", "value": "dark" if dark else "light"}]})
    return driver


def main():
    axe_path, urls = sys.argv[1], sys.argv[2:]
    source = open(axe_path, encoding="utf-8").read()
    passed = failed = 0
    for dark in (False, True):
        scheme = "dark" if dark else "light"
        driver = browser(dark)
        try:
            for url in urls:
                driver.get(url)
                driver.execute_script(source)
                result = driver.execute_async_script(
                    "var done = arguments[arguments.length - 1];"
                    "axe.run(document).then(function (r) { done(r.violations); });")
                found = [f"{v['id']}: {v['help']} ({len(v['nodes'])}: {v['nodes'][0]['target']})" for v in result]
                if found:
                    failed += 1
                    print(f"FAILED: axe ({scheme}): {url}\n    " + "; ".join(found))
                else:
                    passed += 1
                    print(f"ok: axe ({scheme}): {url}")
        finally:
            driver.quit()
    print(f"{passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
