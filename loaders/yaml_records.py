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


def _construct_timestamp(loader: _LineLoader, node: yaml.ScalarNode) -> Any:
    """A date such as 2026-13-45 matches YAML's timestamp pattern but is no date: say where, instead of a
    ValueError traceback."""
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except ValueError as exc:
        raise yaml.constructor.ConstructorError(None, None, f"{node.value!r} is not a valid date ({exc}); "
                                                "write YYYY-MM-DD", node.start_mark) from exc


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)

#: a curated file larger than this is refused before parsing (a synthetic benchmark input passes its own limit)
MAX_FILE_BYTES = 32 * 1024 * 1024
#: how many nodes a document may have once every alias is expanded: a few aliases to an alias to ... (an
#: "alias bomb") expand to billions of nodes, and everything that walks the data would take the machine's memory
MAX_EXPANDED_NODES = 2_000_000


def _expanded_size(root: yaml.Node, limit: int) -> int:
    """Nodes of the document with aliases expanded, counted in linear time (each distinct node once)."""
    sizes: dict[int, int] = {}
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        if id(node) in sizes:
            continue
        if isinstance(node, yaml.ScalarNode):
            sizes[id(node)] = 1
            continue
        children = [item for pair in node.value for item in pair] if isinstance(node, yaml.MappingNode) \
            else list(node.value)
        if children_done:
            sizes[id(node)] = min(limit + 1, 1 + sum(sizes.get(id(child), 0) for child in children))
            continue
        stack.append((node, True))
        stack.extend((child, False) for child in children if id(child) not in sizes)
    return sizes[id(root)]


def read_yaml(path: Path, max_bytes: int = MAX_FILE_BYTES) -> dict[str, Any]:
    """Parse one curated file; unreadable, oversized, non-UTF-8, alias-bombed, empty or non-mapping content is a
    RecordError naming the file (and the line where there is one)."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise RecordError(str(path), "-", "-", f"the file is {size / 1e6:.1f} MB, over the limit of "
                              f"{max_bytes / 1e6:.0f} MB for a curated record file", "split it into several files")
        raw = path.read_bytes()
    except OSError as exc:
        raise RecordError(str(path), "-", "-", f"cannot read the file ({exc.strerror or exc})",
                          "a readable YAML file") from exc
    try:
        text = raw.decode("utf-8-sig")  # a BOM from Windows editors is not content
    except UnicodeDecodeError as exc:
        raise RecordError(str(path), "-", "-", f"not UTF-8 text (byte {exc.start})", "save the file as UTF-8") from exc
    try:
        loader = _LineLoader(text)
        try:
            root = loader.get_single_node()
            if root is not None and _expanded_size(root, MAX_EXPANDED_NODES) > MAX_EXPANDED_NODES:
                raise RecordError(str(path), "-", "-", f"YAML aliases expand to more than {MAX_EXPANDED_NODES:,} "
                                  "values (an alias bomb?)", "write values out instead of nesting aliases")
            data = loader.construct_document(root) if root is not None else None
        finally:
            loader.dispose()
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
