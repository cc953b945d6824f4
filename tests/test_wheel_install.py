"""Issue 12.2: sekg is a real package. The wheel, installed (not editable) into a fresh virtual environment,
builds the review graph from its package data and answers the flagship question from any directory, with the
store in the per-user data folder."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


def _run(command: list[str], **kwargs) -> subprocess.CompletedProcess:
    done = subprocess.run(command, capture_output=True, text=True, timeout=600, **kwargs)
    assert done.returncode == 0, f"{command}\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}"
    return done


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> tuple[Path, dict]:
    base = tmp_path_factory.mktemp("wheel")
    source = base / "source"  # the tracked files only: no stale build/ or local store can leak into the wheel
    tracked = subprocess.run(["git", "ls-files", "-z"], cwd=REPO, capture_output=True, check=True).stdout
    for name in filter(None, tracked.decode().split("\0")):
        if (REPO / name).is_file():
            (source / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, source / name)
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(base / "dist"), str(source)])
    wheel = next((base / "dist").glob("sekg-*.whl"))
    venv = base / "venv"
    _run([sys.executable, "-m", "venv", str(venv)])
    python = venv / "bin" / "python"
    # the dependencies come from this test's environment (a .pth line), sekg itself only from the wheel
    site = Path(_run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]).stdout.strip())
    (site / "sekg-test-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    _run([str(python), "-m", "pip", "install", "--no-deps", "--no-index", "--quiet", str(wheel)])
    env = {key: value for key, value in os.environ.items() if not key.startswith(("SEKG_", "PYTHON"))}
    env.update(HOME=str(base / "home"), XDG_DATA_HOME=str(base / "data"))
    (base / "elsewhere").mkdir()
    return venv, {"env": env, "cwd": base / "elsewhere", "base": base, "wheel": wheel}


def test_the_wheel_carries_the_data(installed):
    import zipfile
    _, info = installed
    names = zipfile.ZipFile(info["wheel"]).namelist()
    for expected in ("kg/resources/ontology/sse.ttl", "kg/resources/ontology/shapes/instances.ttl",
                     "kg/resources/queries/strategies-for-failure.rq", "loaders/data/references/chan2024.csl.json",
                     "loaders/data/review/oxide.yaml", "kg/curate/check.py", "kg/resources/ontology/checks/"
                     "class-without-label-violation.rq", "loaders/data/datasets/families.sssom.tsv",
                     "loaders/data/datasets/therrien2025.yaml", "kg/resources/ontology/modules/dataset.ttl",
                     "kg/web/templates/entity.html", "kg/web/static/workbench.js", "kg/web/static/favicon.svg"):
        assert expected in names, expected
    assert any(name.endswith("licenses/LICENSE-DATA") for name in names)


def test_installed_package_builds_and_answers_the_flagship_from_anywhere(installed):
    venv, info = installed
    where = _run([str(venv / "bin" / "python"), "-c", "import kg, kg.paths; print(kg.__file__); "
                  "print(kg.paths.ONTOLOGY_DIR)"], env=info["env"], cwd=info["cwd"]).stdout.split()
    assert str(venv) in where[0] and str(venv) in where[1], "the wheel's code and data, not the checkout's"
    sekg = str(venv / "bin" / "sekg")
    assert _run([sekg, "--version"], env=info["env"], cwd=info["cwd"]).stdout.startswith("sekg ")
    _run([sekg, "build", "--no-reasoner"], env=info["env"], cwd=info["cwd"])
    assert (info["base"] / "data" / "sekg" / "store").is_symlink(), "the store is in the per-user data folder"
    answer = json.loads(_run([sekg, "query", "strategies-for-failure", "--failure", "lithium dendrite", "--family",
                              "sulfide", "--format", "json"], env=info["env"], cwd=info["cwd"]).stdout)
    assert answer["rows"] and all(row["refs"] for row in answer["rows"])
