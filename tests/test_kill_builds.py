"""Issue 11.4 / 17.7: a build killed with SIGKILL at any moment leaves the published store answering as before,
and the next good build succeeds and removes what the dead builds left (half-written build directories,
swap links, reasoning folders and owlready2's temporary files)."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kg.catalogue import run_query
from kg.published import BUILD_LOCK_NAME, PIN_SUFFIX
from kg.store import open_store


def _answers(link: Path) -> tuple[int, list]:
    store = open_store(f"oxigraph:{link}", must_exist=True)
    try:
        return store.triple_count(), run_query(store, "conflicts").rows
    finally:
        store.close()


def _build_process(link: Path, temp: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "kg.cli", "build", "--store", f"oxigraph:{link}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env={**os.environ, "TMPDIR": str(temp), "COLUMNS": "200"})


def _kill_builds(tmp_path: Path, kills: int) -> None:
    temp = tmp_path / "tmp"
    temp.mkdir()
    link = tmp_path / "store"
    first = _build_process(link, temp)
    assert first.wait(timeout=300) == 0, first.stderr.read().decode()
    expected = _answers(link)
    started = time.monotonic()
    second = _build_process(link, temp)
    assert second.wait(timeout=300) == 0
    full = time.monotonic() - started  # how long a whole build takes here; kills are spread over it
    stages: list[str] = []
    for i in range(kills):
        delay = 0.2 + (full * 1.05) * i / max(1, kills - 1)
        process = _build_process(link, temp)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        log = process.stderr.read().decode(errors="replace").strip().splitlines()
        stages.append(log[-1][:60] if log else "(starting)")
        assert _answers(link) == expected, f"after a kill at {delay:.2f} s ({stages[-1]})"
    assert len(set(stages)) >= 3, f"the kills hit several stages: {stages}"
    good = _build_process(link, temp)
    assert good.wait(timeout=300) == 0, good.stderr.read().decode()
    assert _answers(link) == expected
    builds = link.parent / "store.builds"
    directories = [p for p in builds.iterdir() if p.is_dir()]
    leftovers = [p.name for p in builds.iterdir() if not p.is_dir() and p.name != BUILD_LOCK_NAME
                 and not (p.name.endswith(PIN_SUFFIX) and (builds / p.name[:-len(PIN_SUFFIX)]).is_dir())]
    assert len(directories) <= 2, f"only the current and the previous build are kept: {directories}"
    assert link.resolve() in directories
    assert leftovers == [] and not list(tmp_path.glob(".store.swap-*"))
    assert [p.name for p in temp.iterdir()] == [], "no reasoning folders or owlready2 files are left behind"


def test_builds_killed_at_six_moments_leave_the_store_answering(tmp_path):
    _kill_builds(tmp_path, 6)


@pytest.mark.slow
def test_builds_killed_at_twenty_four_moments_leave_the_store_answering(tmp_path):
    _kill_builds(tmp_path, 24)
