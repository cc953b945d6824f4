"""Reading curated YAML files so that every record remembers the line it starts on.

Curators edit these files by hand; an error message that says 'line 212' saves them a search.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from kg.errors import RecordError


# libyaml's parser when PyYAML was built with it (about 10x faster on large files); the constructors stay Python
_BaseSafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_BaseSafeLoader):
    """Safe loader that stores each mapping's 1-based start line under the key '__line__'."""


class DuplicateKeyError(yaml.YAMLError):
    """A mapping repeats a key; YAML would silently keep the last value."""

    def __init__(self, key: str, mark: yaml.Mark):
        self.problem = f"duplicate key {key!r}"
        self.problem_mark = mark
        super().__init__(self.problem)


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode, deep: bool = False) -> dict[str, Any]:
    seen: set = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        if key in seen:
            raise DuplicateKeyError(str(key), key_node.start_mark)
        seen.add(key)
    mapping = yaml.constructor.SafeConstructor.construct_mapping(loader, node, deep=deep)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def read_yaml(path: Path) -> dict[str, Any]:
    """Parse one curated file; unreadable, non-UTF-8, empty or non-mapping content is a RecordError."""
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise RecordError(str(path), "-", "-", f"not UTF-8 text (byte {exc.start})", "save the file as UTF-8") from exc
    try:
        data = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "unknown position"
        raise RecordError(str(path), "-", "-", f"invalid YAML at {where}: {getattr(exc, 'problem', exc)}",
                          "YAML mappings and lists; see loaders/data/README.md") from exc
    if data is None:
        raise RecordError(str(path), "-", "-", "the file is empty", "a mapping with record lists")
    if not isinstance(data, dict):
        raise RecordError(str(path), "-", "-", f"top level is a {type(data).__name__}", "a mapping with record lists")
    return data


def strip_lines(value: Any) -> Any:
    """The same data without the '__line__' bookkeeping (for JSON Schema validation)."""
    if isinstance(value, dict):
        return {k: strip_lines(v) for k, v in value.items() if k != "__line__"}
    if isinstance(value, list):
        return [strip_lines(v) for v in value]
    if hasattr(value, "isoformat"):  # YAML reads 2026-11-25 as a date; the schema sees text
        return value.isoformat()
    return value


def record_label(record: dict[str, Any]) -> str:
    """How an error names a record: its id and line."""
    line = record.get("__line__", "?")
    return f"{record.get('id', '<no id>')} (line {line})"
