"""The workbench in a real browser (issue 16): Debian's Chromium, driven by Playwright, through the paths a
researcher takes. Each test asserts what a person sees, that the console has no error and that no request
leaves the machine. With SEKG_SCREENSHOTS=DIR (`make screenshots`) every page is also saved as a PNG."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import pytest

playwright_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (make install)")

SCREENSHOTS = os.environ.get("SEKG_SCREENSHOTS")
FLAGSHIP = "which strategies address Li dendrites in sulfides?"


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def server(disk_selector):
    """`sekg api` on the review graph, as a person starts it."""
    port = _free_port()
    sekg = Path(sys.executable).with_name("sekg")
    process = subprocess.Popen([str(sekg), "api", "--store", disk_selector, "--port", str(port), "--workers", "2"],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(base + "/", timeout=2) as response:
                if response.status == 200:
                    break
        except OSError:
            if process.poll() is not None:
                pytest.fail(f"sekg api stopped: {process.stderr.read().decode()[-500:]}")
            time.sleep(0.5)
    else:
        process.kill()
        pytest.fail("sekg api did not answer within 120 s")
    yield base
    process.terminate()
    process.wait(10)


@pytest.fixture(scope="module")
def browser():
    executable = _chromium()
    if executable is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing in CI: `make chromium` installs Debian's chromium")
        pytest.skip("Chromium is not installed; `make chromium` installs it (Debian package chromium)")
    with playwright_api.sync_playwright() as driver:
        launched = driver.chromium.launch(executable_path=executable, args=["--no-sandbox", "--disable-gpu"])
        yield launched
        launched.close()


class Visit:
    """A page with its console errors and every request that tried to leave the server."""

    def __init__(self, browser, base: str, width: int = 1280, height: int = 800):
        self.page = browser.new_page(viewport={"width": width, "height": height})
        self.errors: list[str] = []
        self.external: list[str] = []
        self.base = base
        self.page.on("console", lambda message: self.errors.append(message.text) if message.type == "error" else None)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.route("**/*", self._route)

    def _route(self, route) -> None:
        host = urlparse(route.request.url).hostname
        if host not in ("127.0.0.1", "localhost"):
            self.external.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    def go(self, path: str) -> None:
        self.page.goto(self.base + path)
        self.page.wait_for_load_state("networkidle")

    def shot(self, name: str) -> None:
        if SCREENSHOTS:
            Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
            self.page.screenshot(path=str(Path(SCREENSHOTS) / f"{name}.png"))

    def clean(self) -> None:
        assert self.errors == [], f"console errors: {self.errors}"
        assert self.external == [], f"requests to other hosts: {self.external}"
        self.page.close()


@pytest.fixture()
def visit(browser, server):
    opened: list[Visit] = []

    def open_page(width: int = 1280, height: int = 800) -> Visit:
        opened.append(Visit(browser, server, width, height))
        return opened[-1]
    yield open_page
    for each in opened:
        each.clean()


def test_ask_the_flagship_question_and_open_its_evidence(visit):
    person = visit()
    person.go("/")
    person.shot("home")
    person.page.fill("#q", FLAGSHIP)
    person.page.press("#q", "Enter")
    person.page.wait_for_load_state("networkidle")
    read_as = person.page.inner_text("#read-as")
    assert read_as == 'strategies-for-failure failure="lithium dendrite growth" family="sulfide solid electrolyte"'
    rows = person.page.locator("table.results tbody tr")
    assert rows.count() >= 3
    assert "lithium halide doping of sulfide glass" in person.page.inner_text("table.results")
    person.shot("ask")
    person.page.locator("a.evidence-link").first.click()
    person.page.wait_for_load_state("networkidle")
    assert person.page.inner_text("h1") == "Evidence"
    assert "Section" in person.page.inner_text("dl.evidence")
    reference = person.page.locator("ol.references li").first
    assert reference.count() == 1 and "[" in reference.inner_text()
    person.shot("evidence")


def test_material_page_draws_its_neighbourhood_and_plot(visit):
    person = visit()
    person.go("/go?name=LGPS")
    assert person.page.inner_text("h1").startswith("Li10GeP2S12")
    graph = person.page.locator("#graph")
    person.page.wait_for_function("document.getElementById('graph').getAttribute('data-drawn-nodes') !== null")
    drawn = int(graph.get_attribute("data-drawn-nodes"))
    assert 5 <= drawn <= 36
    assert person.page.locator("#graph canvas").count() == 1
    plot = person.page.locator("img[src^='/plot/material-conductivity.svg']")
    person.page.wait_for_function("document.querySelector(\"img[src^='/plot/material-conductivity']\").complete")
    assert plot.evaluate("image => image.naturalWidth") > 100
    person.page.wait_for_function("document.getElementById('graph').getAttribute('data-stable') === 'true'",
                                  timeout=30_000)
    person.shot("entity")
    assert "folded:" in person.page.inner_text("#graph-status")
    person.page.check("#show-folded")  # the toggle draws element, composition and reference nodes too
    person.page.wait_for_function("!document.getElementById('graph-status').textContent.includes('folded:')")


def test_canned_query_form_with_autocomplete(visit):
    person = visit()
    person.go("/q/failures-of")
    field = person.page.locator("#p-family")
    field.type("hali", delay=40)
    person.page.wait_for_function("Number(document.getElementById('p-family').getAttribute('data-suggestions')) > 0")
    options = person.page.eval_on_selector_all("#l-family option", "options => options.map(o => o.value)")
    assert any(option.lower().startswith("halide") for option in options)
    field.fill(next(option for option in options if option.lower().startswith("halide")))
    person.page.click("form.query-form button[type=submit]")
    person.page.wait_for_load_state("networkidle")
    assert person.page.locator("table.results tbody tr").count() >= 3
    header = person.page.locator("table.results thead th").first
    header.locator("button").click()
    assert header.get_attribute("aria-sort") == "ascending"
    first_column = person.page.eval_on_selector_all("table.results tbody tr td:first-child",
                                                    "cells => cells.map(c => c.textContent.trim().toLowerCase())")
    assert first_column == sorted(first_column, key=lambda text: (text == "", text)) or len(set(first_column)) == 1
    person.shot("query")


def test_compare_two_materials(visit):
    person = visit()
    person.go("/compare")
    person.page.fill("#m1", "LGPS")
    person.page.fill("#m2", "LLZO")
    person.page.click("form.compare button[type=submit]")
    person.page.wait_for_load_state("networkidle")
    headers = person.page.eval_on_selector_all("table.compare-table thead th", "cells => cells.map(c => c.textContent.trim())")
    assert headers == ["fact", "Li10GeP2S12", "Li7La3Zr2O12"]
    assert "formula" in person.page.inner_text("table.compare-table tbody")
    person.shot("compare")


def test_a_bad_curation_record_is_reported_not_written(visit, disk_selector):
    person = visit()
    person.go("/curate")
    person.page.fill("#text", "key: demo2024\ndoi: not-a-doi\nstatements: 12\n")
    person.page.click("form.curate button[type=submit]")
    person.page.wait_for_load_state("networkidle")
    problems = person.page.locator("ul.problems li")
    assert problems.count() >= 1
    assert "problem" in person.page.inner_text(".curation-result h2")
    person.shot("curate")


def test_coverage_heat_map_leads_to_the_rows(visit):
    person = visit()
    person.go("/coverage")
    person.shot("coverage")
    person.page.locator("table.heatmap td.gap a").first.click()
    person.page.wait_for_load_state("networkidle")
    assert person.page.url.startswith(person.base + "/q/failures-of")
    assert person.page.locator("table.results tbody tr").count() >= 1


def test_keyboard_and_labels(visit):
    person = visit()
    person.go("/q/materials-by-conductivity")
    person.page.keyboard.press("Tab")
    assert person.page.evaluate("document.activeElement.className") == "skip"
    unlabelled = person.page.evaluate("""() => Array.from(document.querySelectorAll('input:not([type=hidden]), select, textarea'))
        .filter(e => !(e.labels && e.labels.length) && !e.getAttribute('aria-label')).map(e => e.id || e.name)""")
    assert unlabelled == []


def test_readable_on_a_narrow_window(visit):
    person = visit(width=420, height=800)
    person.go("/ask?q=" + FLAGSHIP.replace(" ", "+").replace("?", "%3F"))
    overflow = person.page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1, f"the page is {overflow} px wider than a narrow window"
    person.shot("narrow")
