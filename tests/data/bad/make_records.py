"""Writes tests/data/bad/records/: curation records, each broken in one way a curator could break it (and a few
spellings that must be accepted). Run from the repository root: python tests/data/bad/make_records.py"""
import sys
sys.path.insert(0, "tests")
from pathlib import Path
from test_curation import VALID
out = Path("tests/data/bad/records")
M = "    property: CycleLife\n    value: 450\n    unit: cycles\n"
def cond(unit, value="1.2"):
    return VALID.replace(M, f"    property: IonicConductivity\n    value: {value}\n    unit: \"{unit}\"\n")
cases = {
 "invalid-yaml-indent": VALID.replace("status: draft\n", "status: draft\n  oops: [\n"),
 "formula-unbalanced-paren": VALID.replace("    formula_kind: polymer\n", "    formula: \"Li7La3Zr2O12)\"\n    formula_kind: concrete\n"),
 "formula-system-dashes": VALID.replace("    formula_kind: polymer\n", "    formula: Li-P-S\n    formula_kind: concrete\n"),
 "unit-unknown": VALID.replace("unit: cycles", "unit: furlongs"),
 "unit-fahrenheit-temperature": VALID.replace(M, M + "    temperature: 77 °F\n"),
 "temperature-below-absolute-zero": VALID.replace(M, M + "    temperature: -500 K\n"),
 "temperature-unicode-minus-ok": VALID.replace(M, M + "    temperature: \"−20 °C\"\n"),
 "temperature-celsius-sign-ok": VALID.replace(M, M + "    temperature: 25 ℃\n"),
 "temperature-degree-c-rate": VALID.replace(M, M + "    temperature: 1 °C\n"),
 "value-nan": VALID.replace("value: 450", "value: .nan"),
 "value-inf": VALID.replace("value: 450", "value: .inf"),
 "value-negative": VALID.replace("value: 450", "value: -450"),
 "value-not-a-number": VALID.replace("value: 450", "value: lots"),
 "conductivity-superscript-ok": cond("S cm⁻¹", "1.2e-3"),
 "conductivity-middle-dot-ok": cond("S·cm⁻¹", "1.2e-3"),
 "conductivity-unicode-minus-ok": cond("S cm−1", "1.2e-3"),
 "conductivity-ohm-ok": cond("Ω⁻¹ cm⁻¹", "1.2e-3"),
 "conductivity-millisiemens-ok": cond("mS cm-1", "1.2"),
 "conductivity-milliseconds": cond("ms/cm", "1.2"),
 "family-unknown": VALID.replace("family: FluorinatedPolymerElectrolyte", "family: FluorinatedPolymerElectrolite"),
 "reference-dangling": VALID.replace("ref: chan2024:135", "ref: chan2024:999"),
 "id-duplicated": VALID.replace("strategies:\n", "  - id: cycles-at-4v5\n    material: test-ptfep\n" + M
                                + "    section: \"4.2 (review)\"\nstrategies:\n"),
 "field-misspelt": VALID.replace(M, M + "    temprature: 25 °C\n"),
 "date-impossible": VALID.replace("curated_on: 2026-11-25", "curated_on: 2026-13-45"),
 "curator-missing": VALID.replace("curator: test curator\n", ""),
 "status-unknown": VALID.replace("status: draft", "status: final"),
 "material-unknown": VALID.replace("    material: test-ptfep\n    property", "    material: no-such-material\n    property"),
 "key-duplicated": VALID.replace("status: draft\n", "status: draft\nstatus: reviewed\n"),
 "top-level-list": "- paper: {ref: chan2024:135}\n",
 "empty-file": "",
 "alias-bomb": VALID + "description: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"d{i}: &a{i} [{', '.join(['*a' if i == 0 else f'*a{i - 1}'] * 9)}]\n" for i in range(9)),
}
for name, text in cases.items():
    (out / f"{name}.yaml").write_text(text, encoding="utf-8")
(out / "latin1-bytes.yaml").write_bytes(VALID.replace("test curator", "Jürgen Müller").encode("latin-1"))
(out / "bom-ok.yaml").write_bytes("\ufeff".encode() + VALID.encode())
(out / "crlf-ok.yaml").write_bytes(VALID.replace("\n", "\r\n").encode())
print(f"wrote {len(list(out.iterdir()))} files to {out}")
