"""Time to first render of every workbench page, in Debian's Chromium, against a running `sekg api` (issue 16:
no page over 1 s on the review graph).

Each page is loaded REPEAT times after one warm-up in a fresh tab; the report gives, per page, the median and max
of the navigation's DOMContentLoaded and load events (server time included) and, for the entity page, the time
until the neighbourhood drawing has settled. It also counts table rows and drawn nodes, so a slow page can be
told from a large one.
Usage: sekg api --port 8765 &  python bench/web_render.py --base http://127.0.0.1:8765 [--repeat 5]
"""
from __future__ import annotations

import argparse
import shutil
import statistics
from pathlib import Path
from urllib.parse import quote

from playwright.sync_api import sync_playwright

PAGES = {
    "home": "/",
    "ask (flagship)": "/ask?q=" + quote("which strategies address Li dendrites in sulfides?"),
    "query form + answer (>= 1 mS/cm)": "/q/materials-by-conductivity?min_conductivity=1e-3&run=1",
    "entity: LGPS": "/entity?iri=" + quote("https://w3id.org/sekg/resource/material/LGPS"),
    "entity: sulfide family": "/entity?iri=" + quote("https://w3id.org/sekg/ontology#SulfideElectrolyte"),
    "evidence": "/evidence?iri=" + quote("https://w3id.org/sekg/resource/measurement/chan2024/aSCE-sigma"),
    "reference [58]": "/reference/58",
    "compare (3 materials)": "/compare?m=LGPS&m=LLZO&m=Li3YCl6",
    "coverage": "/coverage",
    "curate (form)": "/curate",
}
TARGET_MS = 1000.0


def measure(page, url: str) -> dict:
    page.goto(url)
    page.wait_for_load_state("load")
    timing = page.evaluate("""() => { const n = performance.getEntriesByType('navigation')[0];
        return {dom: n.domContentLoadedEventEnd, load: n.loadEventEnd}; }""")
    result = {"dom": timing["dom"], "load": timing["load"],
              "rows": page.locator("table tbody tr").count(), "nodes": None, "drawn": None}
    if page.locator("#graph").count():
        page.wait_for_function("document.getElementById('graph').getAttribute('data-stable') === 'true'", timeout=60_000)
        result["drawn"] = page.evaluate("performance.now()")
        result["nodes"] = int(page.locator("#graph").get_attribute("data-drawn-nodes"))
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--base", default="http://127.0.0.1:8765")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--label", default="the store `sekg api` serves")
    parser.add_argument("--out", type=Path, default=Path("bench/web-render.md"))
    options = parser.parse_args()
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    results: dict[str, list[dict]] = {name: [] for name in PAGES}
    with sync_playwright() as driver:
        browser = driver.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        for name, path in PAGES.items():
            tab = context.new_page()
            measure(tab, options.base + path)  # warm-up: worker caches, static assets
            tab.close()
            for _ in range(options.repeat):
                tab = context.new_page()
                results[name].append(measure(tab, options.base + path))
                tab.close()
        browser.close()
    lines = [f"# Workbench pages: time to first render ({options.repeat} loads each after a warm-up, Chromium)", "",
             f"`python bench/web_render.py --base {options.base} --repeat {options.repeat}` against {options.label}. "
             "DOMContentLoaded and load include the server's time; 'graph settled' is when the neighbourhood "
             f"drawing finished its layout. Target: first render <= {TARGET_MS:.0f} ms.", "",
             "| page | table rows | drawn nodes | DOMContentLoaded median (max) | load median (max) | graph settled median | met |",
             "|---|---|---|---|---|---|---|"]
    for name, runs in results.items():
        dom = [r["dom"] for r in runs]
        load = [r["load"] for r in runs]
        drawn = [r["drawn"] for r in runs if r["drawn"] is not None]
        settled = f"{statistics.median(drawn):.0f} ms" if drawn else "-"
        met = "yes" if statistics.median(dom) <= TARGET_MS else f"no ({statistics.median(dom) / TARGET_MS:.1f}x)"
        lines.append(f"| {name} | {runs[-1]['rows']} | {runs[-1]['nodes'] if runs[-1]['nodes'] is not None else '-'} | "
                     f"{statistics.median(dom):.0f} ms ({max(dom):.0f}) | {statistics.median(load):.0f} ms "
                     f"({max(load):.0f}) | {settled} | {met} |")
    options.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
