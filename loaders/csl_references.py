"""The review's reference list as curated CSL-JSON (loaders/data/references/chan2024.csl.json).

Why: the build needs only the repository. The list was parsed once from the review's text by this module's
generator (`python -m loaders.csl_references [REVIEW.txt]`), and a test re-generates it when the review text
is present and compares. One CSL item per work (entry 36 with sub-works a/b/c gives items 36a, 36b, 36c),
`citation-number` as printed, the printed text kept under `custom.printed`. The review prints no titles
and (but for one) no DOIs, so the items have none: nothing is invented.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from kg.errors import RecordError
from loaders.references import REVIEW_KEY, Work, parse_reference_list

CSL_FILE_NAME = f"{REVIEW_KEY}.csl.json"


def work_to_csl(entry: str, work: Work) -> dict[str, Any]:
    """One work as a CSL-JSON item."""
    item: dict[str, Any] = {"id": f"{REVIEW_KEY}-{work.number}",
                            "type": "article-journal" if work.container and work.year else "document",
                            "citation-number": work.number}
    if work.authors:
        item["author"] = [{"literal": name} for name in work.authors.split(", ")]
    if work.container:
        item["container-title"] = work.container
    if work.year:
        item["issued"] = {"date-parts": [[work.year]]}
    if work.volume:
        item["volume"] = work.volume
    if work.pages:
        item["page"] = work.pages
    if work.doi:
        item["DOI"] = work.doi
    if work.truncated:
        item["note"] = "entry is truncated or incomplete in the source text"
    item["custom"] = {"entry": entry, "printed": work.text, "truncated": work.truncated}
    return item


def entries_to_csl(entries: dict[str, list[Work]]) -> list[dict[str, Any]]:
    """Every work of the reference list, in the review's order."""
    return [work_to_csl(entry, work) for entry, works in entries.items() for work in works]


def csl_to_entries(items: list[dict[str, Any]], source: str = CSL_FILE_NAME) -> dict[str, list[Work]]:
    """The reference list back from CSL-JSON: entry number -> its works (what the loaders use)."""
    entries: dict[str, list[Work]] = {}
    for index, item in enumerate(items):
        try:
            custom = item["custom"]
            authors = ", ".join(a["literal"] for a in item.get("author", [])) or None
            year = item["issued"]["date-parts"][0][0] if "issued" in item else None
            work = Work(str(item["citation-number"]), custom["printed"], authors, item.get("container-title"),
                        int(year) if year is not None else None, item.get("volume"), item.get("page"),
                        item.get("DOI"), bool(custom.get("truncated", False)))
        except (KeyError, TypeError, ValueError, IndexError) as exc:
            raise RecordError(source, str(item.get("id", index) if isinstance(item, dict) else index),
                              str(exc), "is missing or malformed",
                              "a CSL-JSON item with citation-number and custom.printed") from exc
        entries.setdefault(str(custom["entry"]), []).append(work)
    return entries


def read_csl(path: Path) -> dict[str, list[Work]]:
    """Read a curated CSL-JSON reference list."""
    try:
        items = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise RecordError(str(path), "-", "-", f"cannot read the reference list ({exc})", "a CSL-JSON array") from exc
    if not isinstance(items, list):
        raise RecordError(str(path), "-", "-", "the reference list is not a JSON array", "a CSL-JSON array")
    return csl_to_entries(items, str(path))


def render_from_review(review_text: str) -> str:
    """The CSL-JSON text generated from the review's plain text."""
    items = entries_to_csl(parse_reference_list(review_text))  # one item per line: reviewable diffs
    return "[\n" + ",\n".join(json.dumps(item, ensure_ascii=False) for item in items) + "\n]\n"


def main(argv: list[str]) -> int:
    from kg.paths import LOADER_DATA_DIR, review_text_path
    review = Path(argv[0]) if argv else review_text_path()
    target = LOADER_DATA_DIR / "references" / CSL_FILE_NAME
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(render_from_review(review.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"wrote {target} from {review}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
