"""Whether a SPARQL query asks for federation (SERVICE): a read-only server must not fetch addresses that a
query names, so SERVICE is refused unless the operator allows it.

The check is lexical: strings, IRIs and comments are blanked first, so `"SERVICE"` in a literal or
`<http://x/SERVICE>` is not a keyword, while `service`, `SeRvIcE` and `SERVICE SILENT` are. A false positive
can only refuse a query, never let one through.
"""
from __future__ import annotations

import re

_BLANKED = re.compile(r'''"""(?:[^"\\]|\\.|"(?!""))*"""|'\'\'(?:[^'\\]|\\.|'(?!''))*'\'\'|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|<[^<>"{}|^`\\\s]*>|\#[^\n]*''')
_SERVICE = re.compile(r"(?<![\w:?$])SERVICE(?![\w:-])", re.IGNORECASE)


def uses_service(query: str) -> bool:
    """True if the query contains the SERVICE keyword outside strings, IRIs and comments."""
    return bool(_SERVICE.search(_BLANKED.sub(" ", query)))
