"""Issue 12.5: the README's Python tutorial runs as written (its ```python blocks, in order, in one namespace)."""
from __future__ import annotations

import re
from pathlib import Path

README = Path(__file__).resolve().parents[1] / "README.md"


def tutorial_blocks() -> list[str]:
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## Python API and notebooks"):]
    section = section[:section.index("\n## ", 5)]
    return re.findall(r"```python\n(.*?)```", section, flags=re.DOTALL)


def test_readme_tutorial_runs(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    blocks = tutorial_blocks()
    assert len(blocks) >= 4
    namespace: dict = {}
    for block in blocks:
        exec(compile(block, str(README), "exec"), namespace)  # noqa: S102 - our own README
    printed = capsys.readouterr().out.split("\n")
    assert printed[0].endswith(" True")
    assert "Li10GeP2S12" in printed
    assert "Figure Figure" in printed
    assert (tmp_path / "conductivity.png").stat().st_size > 10_000
    assert printed[-2] == "False"
