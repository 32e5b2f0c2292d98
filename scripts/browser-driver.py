"""Loads pages in headless Chromium and reports what they hold, as JSON on standard output.

    browser-driver.py --chromium /usr/bin/chromium --out DIR URL_OR_PATH...

For each page, at 1280x800 and at 390x844 (a phone): console errors, uncaught exceptions, dialogs (an `alert`
that ran), failed requests (network errors and HTTP status >= 400), a full-page screenshot in DIR, and what the
page holds: its title, chart hooks (`[data-chart]`), scorecard rows (`[data-scorecard-row]` with `data-score`),
the overall score, the number of <script> elements, the body's text, and whether it scrolls sideways at 390 px.
"""
import argparse
import json
import os
import pathlib
import sys

from playwright.sync_api import sync_playwright

HOLDS = """() => ({
  title: document.title,
  charts: [...document.querySelectorAll('[data-chart]')].map(e => ({
    id: e.getAttribute('data-chart'),
    hasSVG: !!e.querySelector('svg'),
    empty: !!e.querySelector('.empty'),
    series: [...e.querySelectorAll('[data-series]')].map(s => s.getAttribute('data-series')),
    marks: e.querySelectorAll('polyline, circle, rect, path').length,
    score: e.getAttribute('data-score'),
  })),
  scorecard: [...document.querySelectorAll('[data-scorecard-row]')].map(e => ({
    table: e.getAttribute('data-scorecard-row'),
    score: parseFloat(e.getAttribute('data-score')),
    status: e.getAttribute('data-status'),
  })),
  overall: (e => e ? parseFloat(e.getAttribute('data-score')) : null)(document.querySelector('[data-scorecard-overall]')),
  scripts: document.querySelectorAll('script').length,
  links: [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href')),
  text: document.body ? document.body.innerText : '',
})"""

SCROLLS = "() => document.documentElement.scrollWidth > document.documentElement.clientWidth"


def target(raw):
    if "://" in raw:
        return raw
    return pathlib.Path(raw).resolve().as_uri()


def load(browser, url, out, index):
    page_report = {"url": url, "consoleErrors": [], "pageErrors": [], "dialogs": [], "failedRequests": []}
    for width, height in ((1280, 800), (390, 844)):
        context = browser.new_context(viewport={"width": width, "height": height})
        page = context.new_page()
        page.on("console", lambda m: m.type == "error" and page_report["consoleErrors"].append(m.text))
        page.on("pageerror", lambda e: page_report["pageErrors"].append(str(e)))
        page.on("requestfailed", lambda r: page_report["failedRequests"].append(r.url + " " + (r.failure or "")))
        page.on("response", lambda r: r.status >= 400 and page_report["failedRequests"].append(f"{r.url} HTTP {r.status}"))

        def dialog(d):
            page_report["dialogs"].append(d.message)
            d.dismiss()

        page.on("dialog", dialog)
        response = page.goto(url, wait_until="load")
        page_report.setdefault("status", response.status if response else None)
        shot = os.path.join(out, f"page{index}-{width}.png")
        page.screenshot(path=shot, full_page=True)
        page_report.setdefault("screenshots", []).append(shot)
        if width == 1280:
            page_report.update(page.evaluate(HOLDS))
        else:
            page_report["scrollsHorizontallyAt390"] = page.evaluate(SCROLLS)
        context.close()
    return page_report


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--chromium", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("urls", nargs="+")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=args.chromium, args=["--no-sandbox", "--disable-gpu"])
        try:
            pages = [load(browser, target(u), args.out, i) for i, u in enumerate(args.urls)]
        finally:
            browser.close()
    json.dump({"pages": pages}, sys.stdout)


if __name__ == "__main__":
    main()
