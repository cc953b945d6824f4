"""Issue 12.1: a clone of the repository alone builds the full review graph and answers the flagship question;
nothing is read from ../shared (the review text and the datasets are optional inputs)."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def _run(command: list[str], **kwargs) -> subprocess.CompletedProcess:
    done = subprocess.run(command, capture_output=True, text=True, timeout=600, **kwargs)
    assert done.returncode == 0, f"{command}\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}"
    return done


@pytest.mark.skipif(not (REPO / ".git").exists() or shutil.which("git") is None, reason="needs a git checkout")
def test_a_clone_without_shared_builds_and_answers(tmp_path):
    clone = tmp_path / "sekg"
    _run(["git", "clone", "--quiet", str(REPO), str(clone)])
    env = {key: value for key, value in os.environ.items() if not key.startswith(("SEKG_", "PYTHON"))}
    env.update(SEKG_SHARED=str(tmp_path / "no-shared-here"), PYTHONPATH=str(clone))
    where = _run([sys.executable, "-c", "import kg; print(kg.__file__)"], env=env, cwd=clone).stdout.strip()
    assert where.startswith(str(clone)), "the clone's code runs"
    _run([sys.executable, "-m", "kg", "build"] + ([] if shutil.which("java") else ["--no-reasoner"]),
         env=env, cwd=clone)
    assert (clone / ".sekg" / "store").is_symlink()
    answer = json.loads(_run([sys.executable, "-m", "kg", "query", "strategies-for-failure", "--failure",
                              "lithium dendrite", "--family", "sulfide", "--format", "json"], env=env, cwd=clone).stdout)
    assert answer["rows"]
    stats = _run([sys.executable, "-m", "kg", "stats", "--format", "json"], env=env, cwd=clone).stdout
    references = [row for row in json.loads(stats)["rows"] if row["graph"].endswith("/references")]
    assert references and references[0]["triples"] > 1000, "the full reference list, from the curated CSL-JSON"
