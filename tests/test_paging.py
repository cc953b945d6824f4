"""`--limit/--offset` on every canned query (issue 15): validated whole numbers, pages that partition the answer
(concatenated, they are the answer), a Link rel=next header from the HTTP API on a full page."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from kg.api import create_app
from kg.catalogue import load_catalogue, run_query
from kg.errors import UsageError
from test_remote import ONLY_WITH_DATASETS, PARAMS

PAGE = 4


def _key(row: dict) -> tuple:
    return tuple(sorted((k, str(v)) for k, v in row.items()))


@pytest.mark.parametrize("name", sorted(set(load_catalogue()) - ONLY_WITH_DATASETS))
def test_pages_partition_the_answer(name, store, built):
    params = PARAMS.get(name, {})
    whole = run_query(store, name, params, built.index).rows
    pages, offset = [], 0
    while True:
        page = run_query(store, name, {**params, "limit": str(PAGE), "offset": str(offset)}, built.index).rows
        pages += page
        if len(page) < PAGE:
            break
        offset += PAGE
    assert sorted(map(_key, pages)) == sorted(map(_key, whole))
    assert len(whole) > 0


@pytest.mark.parametrize("limit, offset", [("0", "0"), ("-1", "0"), ("2.5", "0"), ("1 } DROP ALL", "0"),
                                           ("10", "1; DELETE WHERE { ?s ?p ?o }"), ("1e3", "0"), ("100001", "0")])
def test_bad_paging_values_are_refused_naming_the_option(limit, offset, store, built):
    with pytest.raises(UsageError, match=r"--(limit|offset)"):
        run_query(store, "failures-of", {"limit": limit, "offset": offset}, built.index)


def test_api_pages_carry_a_next_link(store):
    client = TestClient(create_app(store))
    first = client.get("/queries/failures-of", params={"limit": 3})
    assert first.status_code == 200 and len(first.json()["rows"]) == 3
    assert first.json()["params"]["limit"] == 3 and 'rel="next"' in first.headers["link"]
    following = first.headers["link"].split(">")[0].lstrip("<")
    second = client.get(following)
    assert second.json()["params"]["offset"] == 3 and second.json()["rows"] != first.json()["rows"]
    assert client.get("/queries/failures-of", params={"limit": "x"}).status_code == 400
    last = client.get("/queries/failures-of", params={"limit": 100000})
    assert "link" not in last.headers
