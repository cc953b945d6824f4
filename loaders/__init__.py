"""Loaders turn curated records and external sources into triples, one named graph per source."""
