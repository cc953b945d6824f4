"""Issue 11.7/11.8: the formula parser and the label resolver, fuzzed: a result or the project's own error,
never another exception; and environment failures (disk full, no permission) are one line with exit 3."""
from __future__ import annotations

import errno

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.errors import SekgError
from kg.resolve import KINDS
from loaders.formula import parse_formula

FORMULA_ALPHABET = st.sampled_from(list("LiLaZrOPSGeClBrIHNCFTiAlNbTa0123456789.()[]-+/xyzδ·₂₃ ") + ["Li", "La"])
FORMULA_EXAMPLES = RESOLVER_EXAMPLES = 400


@settings(max_examples=FORMULA_EXAMPLES, deadline=None)
@given(st.one_of(st.text(max_size=40), st.lists(FORMULA_ALPHABET, max_size=25).map("".join)))
def test_fuzzed_formulas_parse_to_a_kind(text):
    parsed = parse_formula(text)
    assert parsed.kind in {"concrete", "generic", "system", "composite", "unparsed"}
    if parsed.kind == "concrete":
        assert parsed.reduced_formula and all(amount > 0 for _, amount in parsed.amounts)


@settings(max_examples=RESOLVER_EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=80), st.sampled_from(sorted(KINDS)))
def test_fuzzed_terms_resolve_or_raise_our_error(built, text, kind):
    try:
        resolved = built.index.resolve(text, [kind])
    except SekgError as error:
        assert error.exit_code == 2 and "\n" not in str(error)
        return
    assert resolved.kind == kind and str(resolved.iri).startswith("http")


@pytest.mark.parametrize("code, says", [(errno.ENOSPC, "the disk is full"), (errno.EACCES, "no permission")])
def test_environment_failures_while_building_are_one_line_with_exit_3(records, monkeypatch, capsys, code, says):
    import sys

    from kg.cli import main
    from test_bad_inputs import store_bytes
    _, link = records
    before = store_bytes(link)

    def failing_write(*_args, **_kwargs):
        raise OSError(code, "simulated", str(link.parent / "store.builds" / "000123.sst"))

    monkeypatch.setattr(sys.modules["kg.builder"], "fill_store", failing_write)
    assert main(["build", "--no-reasoner", "--store", f"oxigraph:{link}"]) == 3
    err = capsys.readouterr().err
    assert says in err and "Traceback" not in err
    assert store_bytes(link) == before
    assert len([p for p in (link.parent / "store.builds").iterdir() if p.is_dir()]) == 1, "no half-written build"
