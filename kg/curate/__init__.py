"""Literature curation: templates, checks, diffs and an extraction assistant for paper records."""
