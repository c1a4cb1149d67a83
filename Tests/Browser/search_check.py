#!/usr/bin/env python3
"""Types into a built guide's search boxes in headless Chromium, with the keyboard only, and checks
that a word of one stretch's cues finds that stretch, what the status line announces, and that the
results can be reached with the arrow keys and Tab and cleared with Escape.

    search_check.py SITE_URL WORD SLUG pagefind|cards

`pagefind`: the site is served over HTTP with Pagefind's index, which must be the one asked (its
script and index files are fetched, and results show Pagefind's excerpts). `cards`: the site is
opened from disk, where the boxes search cards.js and fetch nothing of Pagefind's.

Prints one line a check and `N passed, N failed`; exits 1 when any check failed.
Driven by SearchBrowserTests.swift (`make test`)."""
import sys
import time

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from player_check import browser, check
import player_check


def wait(condition, seconds=10):
    deadline = time.time() + seconds
    while time.time() < deadline:
        try:
            value = condition()
            if value:
                return value
        except Exception:
            pass
        time.sleep(0.05)
    return None


def result_links(driver, panel):
    return [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, f"#{panel} .search-list a")]


def resources(driver):
    return driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name)")


def search(driver, box, panel, word):
    field = driver.find_element(By.ID, box)
    field.clear()
    field.send_keys(word)
    return field


def main():
    site, word, slug, engine = sys.argv[1:5]
    driver = browser()
    try:
        # The header's box on a stretch page, which loads no index of its own until asked.
        driver.get(site + "stretches/leg-swings/index.html")
        form = driver.find_element(By.CSS_SELECTOR, "form.search-header")
        check(form.is_displayed(), "the header's search box is shown once the script runs")
        field = driver.find_element(By.ID, "search-header-q")
        field.send_keys(word)
        found = wait(lambda: [h for h in result_links(driver, "search-header-results") if f"stretches/{slug}/" in h])
        check(found, f"'{word}', a word of its cues, finds {slug}", str(result_links(driver, "search-header-results")))
        status = driver.find_element(By.CSS_SELECTOR, "form.search-header [role=status]")
        check(wait(lambda: "result" in status.text), "the status line says how many were found", status.text)
        check(all(h.startswith(site) for h in result_links(driver, "search-header-results")),
              "every result links into the site", str(result_links(driver, "search-header-results")))

        loaded = resources(driver)
        fetched_pagefind = any("/pagefind/pagefind.js" in r for r in loaded)
        marks = driver.find_elements(By.CSS_SELECTOR, "#search-header-results .search-result-text mark")
        if engine == "pagefind":
            check(fetched_pagefind, "over HTTP the search asks Pagefind's index", str(loaded))
            check(marks, "results show Pagefind's excerpts, the word marked")
        else:
            check(not fetched_pagefind, "from disk nothing of Pagefind's is fetched", str(loaded))
            # A stretch page loads no cards.js of its own: the search box loaded it.
            check(driver.execute_script("return !!window.limberCards"), "from disk the search reads cards.js")
        check(all(r.startswith(site) for r in loaded), "nothing is fetched from outside the site", str(loaded))

        # The keyboard: down into the results, Tab along them, Escape clears.
        field.send_keys(Keys.ARROW_DOWN)
        active = driver.switch_to.active_element
        check(active.tag_name == "a" and active.get_attribute("href") == result_links(driver, "search-header-results")[0],
              "Arrow down moves to the first result")
        active.send_keys(Keys.ARROW_UP)
        check(driver.switch_to.active_element.get_attribute("id") == "search-header-q", "Arrow up goes back to the box")
        driver.switch_to.active_element.send_keys(Keys.TAB)
        check(driver.switch_to.active_element.tag_name == "a", "Tab reaches the results")
        driver.switch_to.active_element.send_keys(Keys.ESCAPE)
        panel = driver.find_element(By.ID, "search-header-results")
        check(wait(lambda: not panel.is_displayed()) is not None and field.get_attribute("value") == "",
              "Escape clears the search and hides the results")
        check(driver.switch_to.active_element.get_attribute("id") == "search-header-q", "and puts the focus in the box")

        field.send_keys("qqxqzzv")
        check(wait(lambda: status.text == "Nothing found"), "a word on no page finds nothing, and says so", status.text)
        check(not result_links(driver, "search-header-results"), "and lists nothing")

        # The home page's box, narrowed by the filter chips.
        driver.get(site + "index.html")
        search(driver, "search-home-q", "search-home-results", word)
        check(wait(lambda: [h for h in result_links(driver, "search-home-results") if f"stretches/{slug}/" in h]),
              f"the home page's box finds {slug} too")
        cards = driver.find_elements(By.CSS_SELECTOR, "[data-filter-hide]")
        check(all(not c.is_displayed() for c in cards), "the home page's lists step aside while it shows results")
        # The stretch's level, read off its card on the list of every stretch.
        driver.get(site + f"stretches/{slug}/index.html")
        own = driver.find_element(By.CSS_SELECTOR, ".tag-level").text.lower()
        driver.get(site + "index.html")
        search(driver, "search-home-q", "search-home-results", word)
        wait(lambda: result_links(driver, "search-home-results"))
        other = [c for c in driver.find_elements(By.CSS_SELECTOR, '.filters button[data-group="level"]')
                 if c.get_attribute("data-value") != own]
        if other:
            driver.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", other[0])
            other[0].click()
            home_status = driver.find_element(By.CSS_SELECTOR, "form.search-home [role=status]")
            check(wait(lambda: home_status.text == "Nothing found"),
                  f"a chip of another level than {slug}'s leaves it out", home_status.text)
        mine = driver.find_element(By.CSS_SELECTOR, f'.filters button[data-group="level"][data-value="{own}"]')
        driver.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", mine)
        mine.click()
        check(wait(lambda: [h for h in result_links(driver, "search-home-results") if f"stretches/{slug}/" in h]),
              f"with its own level's chip pressed too, {slug} is found again")
        driver.find_element(By.ID, "search-home-q").send_keys(Keys.ESCAPE)
        check(wait(lambda: driver.find_element(By.ID, "filter-results").is_displayed()),
              "cleared, the chips' own results come back")
    finally:
        driver.quit()
    print(f"{player_check.passed} passed, {player_check.failed} failed")
    sys.exit(1 if player_check.failed else 0)


if __name__ == "__main__":
    main()
