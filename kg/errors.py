"""Exceptions a user can act on, each with the exit code the CLI returns for it.

Exit codes follow the project convention: 0 ok, 1 the data does not conform (validation, checks),
2 usage or input error (unknown term, bad parameter, unreadable record).
"""
from __future__ import annotations


class SekgError(Exception):
    """Base class: a message meant for a person, and the CLI exit code."""

    exit_code: int = 2


class UsageError(SekgError):
    """A command was called with a parameter that cannot be used."""

    exit_code = 2


class UnknownTermError(UsageError):
    """A label or synonym that matches nothing of the expected kind; carries the closest known terms."""

    def __init__(self, value: str, kind: str, suggestions: list[str]):
        self.value, self.kind, self.suggestions = value, kind, suggestions
        hint = f" Closest known terms: {', '.join(suggestions)}." if suggestions else ""
        super().__init__(f"Unknown {kind} {value!r}.{hint}")


class RecordError(SekgError):
    """A curated record that cannot be loaded: names the file, record, field and what would be valid."""

    exit_code = 2

    def __init__(self, file: str, record: str, field: str, problem: str, valid: str = ""):
        self.file, self.record, self.field, self.problem, self.valid = file, record, field, problem, valid
        tail = f" Valid: {valid.rstrip('.')}." if valid else ""
        super().__init__(f"{file}: record {record!r}, field {field!r}: {problem.rstrip('.')}.{tail}")


class RecordProblems(SekgError):
    """A curated file with problems, listed as `sekg curate check` lists them; the build refuses it."""

    exit_code = 1

    def __init__(self, file: str, problems: list[str]):
        self.file, self.problems = file, problems
        listed = "\n".join(f"- {problem}" for problem in problems[:20])
        more = f"\n- ... and {len(problems) - 20} more" if len(problems) > 20 else ""
        super().__init__(f"{file}: {len(problems)} problem(s) (`sekg curate check {file}` lists the same):\n"
                         f"{listed}{more}")


class ValidationFailed(SekgError):
    """SHACL shapes or quality checks found defects; the build is refused."""

    exit_code = 1


class ReasonerError(SekgError):
    """The reasoner could not run, or found the ontology inconsistent."""

    exit_code = 1


class OntologyError(SekgError):
    """An ontology file that cannot be read (syntax); the build is refused."""

    exit_code = 2


class StoreError(SekgError):
    """The store selector is malformed or the store cannot be opened."""

    exit_code = 2
