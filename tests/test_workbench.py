"""The web workbench over HTTP (issue 16), without a browser: every page answers with what a person needs,
nothing on a page points to another host, downloads carry the table, the picture or the SPARQL, and checking a
curation record writes nothing. tests/test_workbench_browser.py drives the same pages in Chromium."""
from __future__ import annotations

import csv
import html
import io
import re
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from kg.api import create_app

LGPS = "https://w3id.org/sekg/resource/material/LGPS"
FLAGSHIP = "which strategies address Li dendrites in sulfides?"
EXTERNAL = re.compile(r'<(?:script|link|img)[^>]+(?:src|href)="(?:https?:)?//', re.I)


@pytest.fixture(scope="module")
def client(store):
    return TestClient(create_app(store))


def _page(client, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, (url, response.text[:300])
    assert "text/html" in response.headers["content-type"]
    assert not EXTERNAL.search(response.text), "a page loads something from another host"
    return response.text


def test_home_has_a_question_box_and_every_canned_query(client):
    from kg.catalogue import load_catalogue
    page = _page(client, "/")
    assert '<label for="q">' in page and 'id="q"' in page
    for name in load_catalogue():
        assert f'href="/q/{name}"' in page


def test_asking_the_flagship_question_shows_the_reading_rows_and_evidence_links(client):
    page = _page(client, "/ask?q=" + quote(FLAGSHIP))
    assert ('strategies-for-failure failure="lithium dendrite growth" family="sulfide solid electrolyte"'
            in html.unescape(page))
    rows = re.findall(r'<tr(?: class="conflicted")?>\s*<td>', page)
    assert len(rows) >= 3
    assert page.count('class="evidence-link"') == len(rows)
    assert 'href="/reference/211"' in page  # LiI-doped glass [211], resolvable to the reference list


def test_an_unroutable_question_lists_the_closest_canned_questions(client):
    page = _page(client, "/ask?q=" + quote("what is the price of gold"))
    assert "cannot be mapped" in page and page.count('href="/q/') >= 3


def test_a_query_form_is_generated_from_the_header_and_runs(client):
    page = _page(client, "/q/materials-by-conductivity?min_conductivity=1e-3&family=sulfide&run=1")
    for parameter in ("min_conductivity", "family", "max_temperature", "ion", "unstated_temperature", "source"):
        assert f'<label for="p-{parameter}">' in page
    assert 'data-autocomplete="family"' in page and "<select" in page
    assert 'href="/download/materials-by-conductivity.csv?' in page and "<details>" in page


def test_a_bad_parameter_shows_the_closest_terms_on_the_form(client):
    page = _page(client, "/q/failures-of?family=halidez&run=1", 400)
    assert 'role="alert"' in page and "halide" in page


def test_entity_page_of_a_material_groups_facts_and_offers_plots_and_graph(client):
    page = _page(client, "/entity?iri=" + quote(LGPS))
    assert "<h1>Li10GeP2S12" in page and '<span class="kind">material</span>' in page
    assert 'src="/plot/material-conductivity.svg?' in page and 'id="graph"' in page
    assert "<h2>material-profile</h2>" in page and "<h2>failures-of</h2>" in page
    graph = client.get("/entity/graph.json?iri=" + quote(LGPS)).json()
    assert 5 <= len(graph["nodes"]) <= 36 and graph["summary"].startswith(f"{len(graph['nodes'])} nodes drawn")
    kinds = {node["kind"] for node in graph["nodes"]}
    assert not kinds & {"element", "composition", "reference"}  # folded by default
    folded = client.get("/entity/graph.json?show_folded=1&cap=300&iri=" + quote(LGPS)).json()
    assert {node["kind"] for node in folded["nodes"]} & {"element", "composition", "reference"}


def test_go_opens_the_page_of_a_typed_name(client):
    response = client.get("/go?name=garnet", follow_redirects=False)
    assert response.status_code == 303 and "GarnetTypeElectrolyte" in response.headers["location"]
    _page(client, "/go?name=no-such-thing-at-all", 404)


def test_evidence_page_quotes_the_sentence_and_resolves_references(client):
    ask = _page(client, "/ask?q=" + quote(FLAGSHIP))
    link = re.search(r'class="evidence-link" href="([^"]+)"', ask).group(1).replace("&amp;", "&")
    page = _page(client, link)
    assert "<dt>Section</dt>" in page and "<dt>Source</dt>" in page
    assert re.search(r'<a href="/reference/\d+">\[\d+\]</a> [A-Z]', page), "a reference with its authors"


def test_reference_page_lists_what_the_graph_rests_on_it(client):
    page = _page(client, "/reference/58")
    assert "K.-H. Park" in page and page.count('href="/evidence?') >= 1


def test_compare_puts_materials_side_by_side(client):
    page = _page(client, "/compare?m=LGPS&m=LLZO")
    assert "2 materials side by side" in page and "<th scope=\"row\">formula</th>" in page
    assert "Li10GeP2S12" in page and "Li7La3Zr2O12" in page
    assert "choose two to four" in _page(client, "/compare?m=LGPS")


def test_coverage_heat_map_links_cells_to_their_answers(client):
    page = _page(client, "/coverage")
    assert page.count('class="gap"') >= 1 and "/q/strategies-for-failure?" in page
    gap = re.search(r'<td class="gap"><a href="([^"]+)"', page).group(1).replace("&amp;", "&")
    assert "rows" in _page(client, gap)


@pytest.mark.parametrize("url, media", [("/plot/coverage.svg", "image/svg+xml"), ("/plot/conductivity.png", "image/png"),
                                        (f"/plot/material-conductivity.svg?iri={quote(LGPS)}", "image/svg+xml")])
def test_pictures_download_as_png_and_svg(client, url, media):
    response = client.get(url)
    assert response.status_code == 200 and response.headers["content-type"].startswith(media)
    assert len(response.content) > 5_000


def test_tables_download_as_csv_json_and_their_sparql(client):
    csv_text = client.get("/download/failures-of.csv?family=halide").text
    rows = list(csv.reader(io.StringIO(csv_text)))
    json_answer = client.get("/download/failures-of.json?family=halide").json()
    assert rows[0] == json_answer["columns"] and len(rows) - 1 == len(json_answer["rows"]) > 0
    sparql = client.get("/download/failures-of.rq?family=halide").text
    assert "VALUES (" in sparql and "<https://w3id.org/sekg/ontology#HalideElectrolyte>" in sparql


def test_curation_page_checks_a_bad_record_and_writes_nothing(client, store):
    before = store.triple_count()
    bad = "key: demo2024\ndoi: not-a-doi\nstatements: 12\n"
    page = client.post("/curate", data={"text": bad}).text
    assert "problem" in page and 'class="problems"' in page
    assert store.triple_count() == before


def test_curation_page_shows_what_a_good_record_adds(client, store):
    from kg.paths import LOADER_DATA_DIR
    record = (Path(LOADER_DATA_DIR) / "curation" / "jin2023-lif-lgps.yaml").read_text(encoding="utf-8")
    page = client.post("/curate", files={"file": ("jin2023-lif-lgps.yaml", record.encode(), "application/yaml")}).text
    assert "jin2023-lif-lgps.yaml: ok" in page and "What it adds" in page


def test_static_assets_are_served_by_the_package(client):
    for url in ("/static/workbench.css", "/static/workbench.js", "/vendor/vis-network.min.js", "/static/favicon.svg"):
        response = client.get(url)
        assert response.status_code == 200 and len(response.content) > 100, url
