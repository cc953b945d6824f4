"""How often `sekg ask` reads a question as the intended canned query with the intended parameters.

Two sets: tests/data/ask_phrasings.yaml (the router was tuned on it; tests require all of it) and
tests/data/ask_heldout.yaml (written after tuning, not required by tests). Prints and writes the share routed
right per set and every miss with what it was read as.
Usage: python bench/ask_accuracy.py [--store oxigraph:.sekg/store] [--out bench/ask-accuracy.md]
"""
from __future__ import annotations

import argparse
from pathlib import Path

import yaml

from kg.ask import UnroutableQuestion, read_question
from kg.catalogue import LIST_SEPARATOR, LIST_TYPES, load_catalogue
from kg.errors import UsageError
from kg.resolve import LabelIndex
from kg.store import open_store

SETS = {"tuned on (tests require all)": Path("tests/data/ask_phrasings.yaml"),
        "held out (written after tuning)": Path("tests/data/ask_heldout.yaml")}
NUMERIC = {"conductivity_s_per_cm", "temperature_c", "number"}


def expected(item: dict, catalogue: dict, index: LabelIndex) -> dict:
    query = catalogue[item["query"]]
    wanted = {}
    for name, value in (item.get("params") or {}).items():
        parameter = query.parameter(name)
        if parameter.type in LIST_TYPES:
            wanted[name] = "; ".join(str(index.resolve(item, parameter.resolves_to).iri)
                                     for item in LIST_SEPARATOR.split(str(value)))
            continue
        wanted[name] = (round(float(value), 9) if parameter.type in NUMERIC
                        else str(index.resolve(str(value), parameter.resolves_to).iri))
    return wanted


def outcome(item: dict, catalogue: dict, index: LabelIndex) -> tuple[bool | None, str]:
    try:
        wanted = expected(item, catalogue, index)
    except UsageError as error:
        return None, f"not in this graph: {error}"
    try:
        reading = read_question(item["q"], index, catalogue)
    except UnroutableQuestion as refused:
        return False, f"refused: {refused.reason}"
    got = {name: (round(float(value), 9) if catalogue[reading.query].parameter(name).type in NUMERIC else value)
           for name, value in reading.params.items()}
    return (reading.query, got) == (item["query"], wanted), reading.read_as()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--store", default="oxigraph:.sekg/store")
    parser.add_argument("--out", type=Path, default=Path("bench/ask-accuracy.md"))
    options = parser.parse_args()
    catalogue = load_catalogue()
    index = LabelIndex(open_store(options.store, must_exist=True))
    lines = ["# `sekg ask`: questions routed right", "",
             f"`python bench/ask_accuracy.py --store {options.store}`", ""]
    for title, path in SETS.items():
        items = yaml.safe_load(path.read_text(encoding="utf-8"))
        results = [(item, *outcome(item, catalogue, index)) for item in items]
        scored = [r for r in results if r[1] is not None]
        right = sum(1 for r in scored if r[1])
        lines += [f"## {path.name}: {title}", "",
                  f"{right} of {len(scored)} routed right ({100 * right / max(1, len(scored)):.0f} %)"
                  + (f"; {len(results) - len(scored)} skipped (a term this graph lacks)" if len(scored) < len(results)
                     else ""), ""]
        for item, good, shown in results:
            if good is False:
                lines.append(f"- miss: {item['q']!r}: read as `{shown}`; wanted `{item['query']} {item.get('params')}`")
        lines.append("")
    options.out.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
