#!/usr/bin/env python3
"""Presses the filter chips of a built guide's home page and lists in headless Chromium and checks
that each combination shows exactly the stretches it should. What each stretch is (its targets,
kind, level, equipment and time) is read off the built pages themselves: the lists of each target,
kind and piece of equipment, the cards' level, and each stretch page's schema.org totalTime.

    filter_check.py SITE_URL

Prints one line a check and `N passed, N failed`; exits 1 when any check failed.
Driven by FilterBrowserTests.swift (`make test`)."""
import itertools
import re
import sys

from selenium.webdriver.common.by import By

from player_check import browser, check, open_page
import player_check


def titles(driver, selector):
    return sorted(e.text for e in driver.find_elements(By.CSS_SELECTOR, selector) if e.text)


def facts(driver, site):
    """Every stretch by title: what the server-rendered pages say it is."""
    driver.get(site + "index.html")
    chips = [(c.get_attribute("data-group"), c.get_attribute("data-value"))
             for c in driver.find_elements(By.CSS_SELECTOR, ".filters button[data-group]")]
    stretches = {}
    folder = {"target": "targets", "kind": "kinds", "equipment": "equipment"}
    for group, value in chips:
        if group not in folder:
            continue
        driver.get(f"{site}{folder[group]}/{value}/index.html")
        for card in driver.find_elements(By.CSS_SELECTOR, "[data-filter-hide] .card"):
            title = card.find_element(By.CSS_SELECTOR, ".card-title").text
            entry = stretches.setdefault(title, {"target": set(), "kind": set(), "equipment": set()})
            entry[group].add(value)
            entry["level"] = {card.find_element(By.CSS_SELECTOR, ".tag-level").text.lower()}
            entry["url"] = card.find_element(By.CSS_SELECTOR, ".card-title a").get_attribute("href")
    for title, entry in stretches.items():
        driver.get(entry["url"])
        data = driver.find_element(By.CSS_SELECTOR, 'script[type="application/ld+json"]').get_attribute("innerHTML")
        iso = re.search(r'"totalTime":"PT(?:(\d+)M)?(?:(\d+)S)?"', data)
        seconds = int(iso.group(1) or 0) * 60 + int(iso.group(2) or 0)
        entry["time"] = {"short"} if seconds < 300 else set()
    return chips, stretches


def expected(stretches, chosen, within=None):
    shown = []
    for title, entry in stretches.items():
        if within and within[1] not in entry[within[0]]:
            continue
        by_group = {}
        for group, value in chosen:
            by_group.setdefault(group, set()).add(value)
        if all(entry[group] & values for group, values in by_group.items()):
            shown.append(title)
    return sorted(shown)


def tap(driver, element):
    # The theme scrolls smoothly; a tap lands once the chip is in view.
    driver.execute_script("arguments[0].scrollIntoView({block: 'center', behavior: 'instant'})", element)
    element.click()


def press(driver, page, chosen):
    open_page(driver, page)
    for group, value in chosen:
        tap(driver, driver.find_element(By.CSS_SELECTOR, f'.filters button[data-group="{group}"][data-value="{value}"]'))
    return titles(driver, "#filter-results .card-title")


def main():
    site = sys.argv[1]
    driver = browser()
    try:
        chips, stretches = facts(driver, site)
        check(len(stretches) >= 4 and any(not e["time"] for e in stretches.values()),
              "the fixture has stretches on both sides of 5 minutes", str(stretches))
        home = site + "index.html"
        combinations = [[c] for c in chips] + [
            [a, b] for a, b in itertools.combinations(chips, 2) if a[0] != b[0]]
        wrong = []
        for chosen in combinations:
            shown = press(driver, home, chosen)
            if shown != expected(stretches, chosen):
                wrong.append(f"{chosen}: shown {shown}, expected {expected(stretches, chosen)}")
        check(not wrong, f"home page: each of {len(combinations)} chip combinations shows exactly its stretches",
              "\n    ".join(wrong))

        # Two chips of one group widen the choice; the address keeps them for sharing.
        targets = [c for c in chips if c[0] == "target"][:2]
        shown = press(driver, home, targets)
        check(shown == expected(stretches, targets), "two body areas show the stretches of either")
        address = driver.current_url
        check(all(f"target={v}" in address for _, v in targets), "the chips are kept in the address", address)
        open_page(driver, address)
        check(titles(driver, "#filter-results .card-title") == shown,
              "the shared address opens the same filtered view")
        tap(driver, driver.find_element(By.CSS_SELECTOR, ".chip-clear"))
        check(not driver.find_element(By.ID, "filter-results").is_displayed()
              and driver.find_element(By.CSS_SELECTOR, ".kind-section").is_displayed(),
              "Clear filters brings the home page back")

        # On a list page the chips narrow that list, over all of it.
        target = max((c for c in chips if c[0] == "target"),
                     key=lambda c: len(expected(stretches, [c])))
        page = f"{site}targets/{target[1]}/index.html"
        open_page(driver, page)
        here = [(b.get_attribute("data-group"), b.get_attribute("data-value"))
                for b in driver.find_elements(By.CSS_SELECTOR, ".filters button[data-group]")]
        check(here and all(group != "target" for group, _ in here),
              f"the list of {target[1]} offers chips but for its own body area", str(here))
        wrong = []
        for chosen in [[c] for c in here]:
            shown = press(driver, page, chosen)
            if shown != expected(stretches, chosen, within=target):
                wrong.append(f"{chosen}: shown {shown}, expected {expected(stretches, chosen, within=target)}")
        check(not wrong, f"list of {target[1]}: each chip shows exactly its stretches of the list",
              "\n    ".join(wrong))
    finally:
        driver.quit()
    print(f"{player_check.passed} passed, {player_check.failed} failed")
    sys.exit(1 if player_check.failed else 0)


if __name__ == "__main__":
    main()
