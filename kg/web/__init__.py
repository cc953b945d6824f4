"""The research workbench: server-rendered pages over the same read-only runner as the JSON API.

Ask in words, fill a canned query's form (with autocomplete), read answers with their evidence, open entity
pages (grouped facts, neighbourhood drawing, plots), compare materials, browse the family x failure coverage,
check a curation record without writing anything, and download every table (CSV/JSON), picture (PNG/SVG) and
the SPARQL behind it. Every asset (vis-network from the installed pyvis package, our CSS and JavaScript) is served
by this package, so the pages work offline; nothing is fetched from a CDN.
"""
from kg.web.routes import mount_workbench

__all__ = ["mount_workbench"]
