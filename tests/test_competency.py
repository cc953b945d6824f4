"""Competency questions from the review: each runs a canned query and pins what must and must not be in
the answer. The sentence each question comes from is quoted in its `source` field."""
from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from kg.catalogue import run_query


@dataclass
class Question:
    id: str
    query: str
    params: dict
    column: str
    must: set = field(default_factory=set)
    must_not: set = field(default_factory=set)
    empty: bool = False
    source: str = ""


Q = Question
QUESTIONS = [
    # ---------------- strategies-for-failure
    Q("dendrite-sulfide-filaments", "strategies-for-failure", {"failure": "Li filaments", "family": "sulfides"},
      "strategy", {"lithium halide doping of sulfide glass", "lithium alloy anode"}, {"applied stack pressure"},
      source="6.3.3: the changing of Li dendrites and filaments leads to the short-circuit problem for the sulfide-based SE"),
    Q("ti-reduction-perovskite", "strategies-for-failure", {"failure": "Ti reduction", "family": "perovskite"},
      "strategy", {"polymer interlayer", "Ti-free composition"}, {"lithium alloy anode"},
      source="2.1: PEO ... as an interface protection layer ... to avoid the adverse Ti reduction [25]; Ti-free perovskites [35]"),
    Q("halide-moisture", "strategies-for-failure", {"failure": "moisture sensitivity", "family": "halides"},
      "strategy", {"electrolyte surface coating"}, {"fluorine surface doping"},
      source="2.3: structural tuning combined with surface coatings could significantly improve the moisture stability [76]"),
    Q("garnet-carbonate", "strategies-for-failure", {"failure": "Li2CO3 formation", "family": "garnet"},
      "strategy", {"doping"}, set(),
      source="2.1: The doping of Al3+ into LLZO could result in Al-doped LLZO pellets with small grains that are more stable [47]"),
    Q("oxide-li-loss", "strategies-for-failure", {"failure": "lithium loss", "family": "oxide"}, "strategy",
      {"low-temperature sintering strategy", "cold sintering with a plastic-crystal electrolyte",
       "stoichiometry and Li content control"}, set(),
      source="2.1: low-temperature sintering should be adopted to reduce the loss of Li+ [39]; 4.1.2: cold sintering [113]"),
    Q("peo-crystallinity", "strategies-for-failure", {"failure": "crystallinity", "family": "PEO-based"}, "strategy",
      {"crosslinking strategy", "blending or copolymerisation", "hyperbranched architecture"}, {"passive filler addition"},
      source="3.1: crosslinking is also an effective method to decrease crystalline domain [107]"),
    Q("polarization-single-ion", "strategies-for-failure", {"failure": "low transference number"}, "strategy",
      {"anion immobilisation (single-ion conduction)"}, set(),
      source="3.1: To address polarization issues, single-Li-ion SPEs were developed by fixing the anion [102]"),
    Q("sulfide-grain-boundary", "strategies-for-failure", {"failure": "grain boundary resistance", "family": "sulfide"},
      "refs", {"50", "51", "53"}, set(),
      source="2.2: sulfide-based SEs can easily reduce grain-boundary resistance via conventional cold-pressing [50, 51]"),
    Q("halide-conductivity", "strategies-for-failure", {"failure": "low ionic conductivity", "family": "Li3MX6"},
      "strategy", {"aliovalent substitution", "lattice disorder and strain engineering"}, {"crosslinking strategy"},
      source="2.3: the substitution of M by Zr on Li3MCl6 ... improvement in ionic conductivity (up to 1.4 mS cm-1)"),
    Q("cost", "strategies-for-failure", {"failure": "cost"}, "strategy",
      {"substitution by cheaper elements", "manufacturing simplification", "interface engineering"}, set(),
      source="6.1: using Sn to substitute Ge reduces the material cost by a factor of ~3 [183]; electroplated Li [184]"),
    Q("phosphide-volume-none", "strategies-for-failure", {"failure": "volume expansion", "family": "phosphide"},
      "strategy", empty=True,
      source="2.5: the volume expansion and the low reaction kinetic ... limit the applications (no remedy is given)"),
    Q("lgps-hydrolysis", "strategies-for-failure", {"failure": "H2S release", "material": "LGPS"}, "refs",
      {"127", "128"}, set(),
      source="4.1.1: LiF-coated core-shell ... [127]; stannous fluoride doping ... retardation of the hydrolysis [128]"),
    Q("llzo-cathode-side-reaction", "strategies-for-failure", {"failure": "side reaction", "material": "LLZO"},
      "strategy", {"co-sintering at low temperature", "cathode surface coating"}, set(),
      source="2.1: co-sintering for the LCO cathode with Nb-doped LLZO ... [43]; coating the LLZO layer on the cathode [44]"),
    Q("llzo-variants", "strategies-for-failure", {"failure": "air stability", "material": "LLZO"}, "scope",
      {"Al-doped Li7La3Zr2O12"}, set(),
      source="a material includes its variants: Al-doped LLZO is recorded as a variant of LLZO [47]"),
    Q("llzo-lithiophobic", "strategies-for-failure", {"failure": "lithiophobicity", "material": "Li7La3Zr2O12"},
      "strategy", {"lithiophilic coating / Li-alloy interlayer"}, set(),
      source="2.1: ultrathin lithiated Si coating can change the wettability ... to super-lithiophilicity [46]"),
    # ---------------- failures-of
    Q("halide-failures", "failures-of", {"family": "halide"}, "failure",
      {"poor air and moisture stability", "low ionic conductivity", "low reduction stability"},
      {"Ti4+ reduction at the Li anode", "surface Li2CO3/LiOH formation"},
      source="2.3: most halide-based SEs ... are deliquescent substances sensitive to moisture [67]"),
    Q("llto-failures", "failures-of", {"material": "LLTO"}, "failure",
      {"Ti4+ reduction at the Li anode", "lithium dendrite growth", "poor stability against Li metal"}, set(),
      source="2.1: the Ti reduction at the LLTO/Li anode interface is a major issue ... Li dendrites also grow easily [34]"),
    Q("sulfide-failures", "failures-of", {"family": "sulfide"}, "failure",
      {"hydrolysis with H2S release", "poor cathode compatibility", "Li nucleation inside the electrolyte"},
      {"surface Li2CO3/LiOH formation", "rigidity and brittleness"},
      source="6.2: the reaction between the moisture and the sulfide ... form the toxic H2S [182,190]"),
    Q("polymer-failures", "failures-of", {"family": "SPE"}, "failure",
      {"low mechanical strength", "high polymer crystallinity", "low thermal stability"}, {"rigidity and brittleness"},
      source="3: polymer-based SEs generally display lower room temperature ionic conductivity, low mechanical strength [97]"),
    Q("phosphide-failures", "failures-of", {"family": "phosphides"}, "failure",
      {"volume expansion and slow reaction kinetics", "narrow electrochemical stability window"}, set(),
      source="4.1.5: the electrochemical stability of the SEs is narrower than 0.5 V [133]"),
    Q("hydroborate-failures", "failures-of", {"family": "hydroborate"}, "failure", {"poor cathode compatibility"},
      {"hydrolysis with H2S release"},
      source="Table 1: Hydroborate SEs - Low interface stability with high-voltage cathodes"),
    Q("garnet-air-interface", "failures-of", {"family": "garnet"}, "interface", {"air/moisture-exposed surface"}, set(),
      source="2.1: poor air stability of garnet-type oxide SEs due to the formation of Li2CO3 in the surface [38]"),
    Q("composite-failures", "failures-of", {"family": "CPE"}, "failure", {"low ionic conductivity",
      "high interfacial resistance"}, set(),
      source="3.2: the practical application of CPEs is still limited by their relatively low ionic conductivity ... and high interfacial impedance"),
    Q("garnet-no-h2s", "failures-of", {"family": "garnet"}, "failure", set(), {"hydrolysis with H2S release"},
      source="H2S release is a sulfide failure (6.2) and must not leak to garnets"),
    # ---------------- materials-by-conductivity
    Q("sigma-over-10mS", "materials-by-conductivity", {"min_conductivity": "10 mS/cm"}, "material",
      {"LiM6PSBrO (M = Ge, delta = 0.4)", "Li10GeP2S12", "Li6.5Sb0.5Ge0.5S5I", "LiCB9H10", "Li2S-P2S5 glass-ceramic",
       "Li5.5PS4.5Cl1.5"}, {"Li7La3Zr2O12", "Li3YBr6"},
      source="2.2: Li6.5Sb0.5Ge0.5S5I displays a high ionic conductivity of 16.1 mScm-1"),
    Q("sigma-over-10mS-near-rt", "materials-by-conductivity", {"min_conductivity": "1e-2", "max_temperature": "30"},
      "material", {"LiM6PSBrO (M = Ge, delta = 0.4)", "Li2S-P2S5 glass-ceramic", "Li10GeP2S12"}, {"LiCB9H10"},
      source="2.4: LiCB9H10 ... ~3.0 x 10-2 S cm-1 at 354 K (too hot); LGPS's 12 mS/cm [56] and the glass-ceramic's "
             "17 mS/cm [53] are printed without a temperature: kept, with temperature_stated false (issue 13)"),
    Q("sigma-over-10mS-near-rt-stated-only", "materials-by-conductivity",
      {"min_conductivity": "1e-2", "max_temperature": "30", "unstated_temperature": "exclude"},
      "material", {"LiM6PSBrO (M = Ge, delta = 0.4)"}, {"LiCB9H10", "Li2S-P2S5 glass-ceramic", "Li10GeP2S12"},
      source="2.2: 32 mScm-1 at room temperature [60]; values printed without a temperature left out on request"),
    Q("halides-over-1mS", "materials-by-conductivity", {"min_conductivity": "1e-3", "family": "halide"}, "material",
      {"Li3YBr6", "Li3InCl6", "Zr-substituted Li3MCl6 (M = Y, Er, Yb)", "ZrO2(-LiCl)-Li2ZrCl6 halide nanocomposite"},
      {"Li3YCl6", "Li2ZrCl6"},
      source="2.3: 5.1 x 10-4 S cm-1 and 1.7 x 10-3 S cm-1 for Li3YCl6 and Li3YBr6"),
    Q("sigma-unit-equivalence", "materials-by-conductivity", {"min_conductivity": "0.1 S/m", "family": "halide"},
      "material", {"Li3YBr6", "Li3InCl6"}, {"Li3YCl6"},
      source="0.1 S/m is 1e-3 S/cm: the same threshold in another unit"),
    Q("garnets-over-1e-4", "materials-by-conductivity", {"min_conductivity": "1e-4", "family": "garnet"}, "material",
      {"Li7La3Zr2O12", "Li6.55Ga0.15La3Zr2O12", "cubic Li7La3Zr2O12 (c-LLZO)"}, {"Li10GeP2S12"},
      source="2.1: Murugan et al. reported Li7La3Zr2O12 ... 5.0 x 10-4 S cm-1 at room temperature"),
    Q("sigma-above-50C", "materials-by-conductivity", {"min_temperature": "50 °C"}, "material",
      {"Li6PS3Cl-EMG electrolyte sheet", "hbPPEGMAm-s-PSn hyperstar polymer", "LiCB9H10"}, {"Li7La3Zr2O12"},
      source="4.1.1: At 60 °C ... a high ionic conductivity of 1.88 mS cm-1 [126]"),
    Q("sigma-over-1S-none", "materials-by-conductivity", {"min_conductivity": "1 S/cm"}, "material", empty=True,
      source="no solid electrolyte in the review reaches 1 S/cm"),
    Q("sigma-below-300K", "materials-by-conductivity", {"max_temperature": "300 K", "family": "polymer"}, "material",
      {"PEO-LiTFSI"}, {"hbPPEGMAm-s-PSn hyperstar polymer"},
      source="3.2: The PEO-LiTFSI exhibited ... 1.5 x 10-5 S cm-1 at 25 °C [125]"),
    Q("computed-phosphides", "materials-by-conductivity", {"family": "binary lithium phosphide"}, "computed", {True},
      {False}, source="4.1.5: first principle calculation and machine learning ... 10-4 - 10-2 S cm-1 [134]"),
    # ---------------- dopants-of
    Q("llzo-dopants", "dopants-of", {"material": "LLZO"}, "dopant", {"Al", "Ga", "Nb"}, {"Y"},
      source="2.1: The doping of Al3+ into LLZO [47]; Nb-doped LLZO [43]; Li6.55Ga0.15La3Zr2O12 [48]"),
    Q("perovskite-sites", "dopants-of", {"family": "perovskite"}, "site", {"A site", "B site"}, set(),
      source="2.1: doping large rare-earth or alkaline-earth metal ions in A site [32]; for the B-site ... smaller cation [33]"),
    Q("lzp-yttrium", "dopants-of", {"material": "LiZr2(PO4)3"}, "charge", {3}, set(),
      source="2.1: through the doping of Y3+ ions, the resulting Li1-xYxZr2-x(PO4)3 (LYZP) [27]"),
    Q("halide-zr", "dopants-of", {"family": "halide"}, "dopant", {"Zr"}, set(),
      source="2.3: the substitution of M by Zr on Li3MCl6 (M=Y, Er, and Yb) [58,59]"),
    Q("phosphide-no-dopants", "dopants-of", {"family": "phosphide"}, "dopant", empty=True,
      source="sections 2.5 and 4.1.5 report no doping of phosphides"),
    # ---------------- synthesis-methods-for / materials-made-by
    Q("sulfide-methods", "synthesis-methods-for", {"family": "sulfide"}, "method",
      {"high-energy ball milling", "cold pressing", "hot pressing", "ultimate-energy mechanical alloying"}, set(),
      source="6.2: one of the typical synthesis methods of the sulfide SSEs is high-energy ball milling [190,191]"),
    Q("argyrodite-alloying", "synthesis-methods-for", {"material": "Li5.5PS4.5Cl1.5"}, "method",
      {"ultimate-energy mechanical alloying"}, {"high-energy ball milling"},
      source="2.2: Li5.5PS4.5Cl1.5 prepared by the ultimate-energy mechanical alloying method [54]"),
    Q("hydroborate-methods", "synthesis-methods-for", {"family": "hydroborate"}, "method",
      {"hand milling", "solution synthesis"}, set(),
      source="4.1.4: the hand milling method produced the LLZ-LiBH4 composite with higher density [131]"),
    Q("polymer-methods", "synthesis-methods-for", {"family": "polymer"}, "method", {"crosslinking", "copolymerization"},
      set(), source="3.1: blending or copolymerization of the PEO with PMAA [106]"),
    Q("ball-milled-materials", "materials-made-by", {"method": "ball milling"}, "material", {"Li6.5Sb0.5Ge0.5S5I"},
      {"Li7La3Zr2O12", "Li5.5PS4.5Cl1.5"},
      source="2.2: synthesized by a high-energy ball milling method [55]; 4.1.4 says only 'ball milling' for LLZ"),
    Q("milled-materials", "materials-made-by", {"method": "mechanical milling"}, "material",
      {"Li6.5Sb0.5Ge0.5S5I", "Li5.5PS4.5Cl1.5", "Li7La3Zr2O12", "LLZ-LiBH4 composite"}, set(),
      source="narrower methods are included: ball milling, mechanical alloying and hand milling are mechanical milling"),
    Q("fluorinated-materials", "materials-made-by", {"method": "fluorination"}, "material",
      {"LiF@Li10GeP2S12", "fluorine-functionalized Li10GeP2S12"}, set(),
      source="4.1.1: Jin et al. fluorinate the Li10GeP2S12 to form the LiF-coated core-shell [127]"),
    Q("stereolithography-no-material", "materials-made-by", {"method": "SLA"}, "material", empty=True,
      source="5.4.2 describes stereolithography without naming an electrolyte it made"),
    # ---------------- family-summary / benchmarks
    Q("table1-sulfide", "family-summary", {"family": "sulfide"}, "drawbacks", {"Poor air stability"}, set(),
      source="Table 1: Sulfide SEs ... Poor air stability, Low interfacial compatibility with cathode"),
    Q("table1-subfamily", "family-summary", {"family": "argyrodite"}, "type", {"sulfide solid electrolyte"},
      {"oxide solid electrolyte"}, source="a subfamily inherits its family's Table 1 row"),
    Q("table1-organic", "family-summary", {"family": "polymer"}, "advantages", {"High flexibility"}, set(),
      source="Table 1: Organic SEs ... Good compatibility with Li, High flexibility"),
    Q("halide-benchmarks", "benchmark-materials", {"family": "halide"}, "material",
      {"Li3YCl6", "Li3YBr6", "Li3InCl6"}, {"Li10GeP2S12"},
      source="2.3: Li3YCl6 and Li3YBr6 ... These benchmark SEs; Li3InCl6 ... the benchmark for the novel halide-based SEs [77]"),
    Q("sulfide-benchmarks", "benchmark-materials", {"family": "sulfide"}, "material",
      {"Li10GeP2S12", "Li6.58P2.76N0.03S10.12F0.05"}, {"Li7La3Zr2O12"},
      source="2.2: Li10GeP2S12, which gives the benchmark for the novel sulfide-based SEs [63]"),
    Q("composite-no-benchmark", "benchmark-materials", {"family": "composite"}, "material", empty=True,
      source="the review names no benchmark composite electrolyte"),
    # ---------------- material-profile / evidence-for
    Q("llzo-profile", "material-profile", {"material": "Li₇La₃Zr₂O₁₂"}, "fact",
      {"benchmark designation", "measurement", "substitution", "failure"}, set(),
      source="2.1: Li7La3Zr2O12 (LLZ) ... became the benchmark of garnet-based solid-state electrolytes [36b]"),
    Q("lgps-profile-conflict", "material-profile", {"material": "LGPS"}, "fact", {"conflict", "synonym", "formula"},
      set(), source="2.2 gives two conductivities for LGPS (12 mS/cm [56] and 1.6e-3 S/cm [63])"),
    Q("lgps-evidence", "evidence-for", {"subject": "LGPS"}, "refs", {"56", "63", "127", "128"}, set(),
      source="2.2 and 4.1.1 statements about Li10GeP2S12"),
    Q("ball-milling-evidence", "evidence-for", {"subject": "ball milling"}, "relation", {"instance of"}, set(),
      source="6.2: high-energy ball milling on the laboratory scale [190,191]"),
    Q("dendrite-evidence", "evidence-for", {"subject": "dendrites"}, "relation",
      {"addresses failure", "instance of", "side effect"}, set(),
      source="6.3.3: the application of pressure leads to the creep of Li ... dendrite growth [205]"),
    # ---------------- materials-by-element / evidence-by-reference (issue 13)
    Q("ge-free-sulfides", "materials-by-element", {"free_of": "Ge", "family": "sulfide", "min_conductivity": "1e-3"},
      "material", {"Li5.5PS4.5Cl1.5"}, {"Li10GeP2S12"},
      source="2.2: Li5.5PS4.5Cl1.5 prepared by the ultimate-energy mechanical alloying method exhibited a high ionic "
             "conductivity of 10.2 mS/cm; LGPS contains Ge (6.1: using Sn to substitute Ge reduces the material cost [183])"),
    Q("germanium-containing", "materials-by-element", {"contains": "germanium"}, "material", {"Li10GeP2S12"},
      {"Li5.5PS4.5Cl1.5"}, source="2.2: Li10GeP2S12 (LGPS) ... 12 mS/cm [56]; the element by its name"),
    Q("ref-211-rests", "evidence-by-reference", {"reference": "[211]"}, "statement",
      {"30 mol% LiI-doped Li2S-P2S5 glass", "LiI (30 mol%) substitution in Li2S-P2S5"}, set(),
      source="6.3.4.2: doping 30 mol% LiI into Li2S-P2S5 glass raised the critical current density to 3.9 mA/cm2 at "
             "100 °C [211]"),
    Q("ref-183-rests", "evidence-by-reference", {"reference": "183"}, "kind", {"substitution by cheaper elements"},
      {"ionic conductivity"}, source="6.1: Roling and co-workers emphasized that using Sn to substitute Ge reduces the "
                                     "material cost by a factor of ~3 [183]"),
    # ---------------- stability: both sides (issue 13)
    Q("halide-stability-both-sides", "stability", {"family": "halide"}, "side", {"advantage", "failure", "measured"},
      set(), source="2.3: the halide-based SEs also could possess higher oxidative stability and a wider electrochemical "
                    "stability window [68]; halides are deliquescent substances sensitive to moisture [67]"),
    Q("hydroborate-advantages", "stability", {"family": "hydroborate"}, "aspect", {"low thermal stability"}, set(),
      source="2.4: hydroborate-based solid-state electrolyte possesses some advantages, such as high thermal, chemical, "
             "and redox stability [80]"),
    Q("polymer-dendrites", "stability", {"family": "polymer"}, "statement",
      {"Polymer-based SEs can effectively suppress Li dendrite growth and avoid internal short circuits, which increases "
       "the safety of ASSLBs."}, set(),
      source="3: the polymer-based SEs can effectively suppress the growth of Li dendrite and avoid internal short "
             "circuits [96]"),
    Q("lgps-why-it-conducts", "stability", {"material": "LGPS"}, "side", {"explanation"}, set(),
      source="2.2: This exceptional performance of LGPS is primarily due to its unique crystal structure, which "
             "facilitates rapid Li-ion transport [57]"),
    Q("llzo-stability-air", "stability", {"material": "LLZO"}, "aspect",
      {"surface Li2CO3/LiOH formation", "lithium loss during sintering"}, set(),
      source="2.1: the poor air stability of garnet-type oxide SEs due to the formation of Li2CO3 in the surface; due "
             "to the volatile nature of Li, low-temperature sintering should be adopted to reduce the loss of Li+ [39]"),
    Q("li3incl6-stable-in-air", "stability", {"material": "Li3InCl6"}, "side", {"advantage"}, set(),
      source="2.3: the Li3InCl6 reported by Li et al. demonstrated good stability against moisture in the air ... also "
             "electrochemically stable with high-voltage oxide cathodes [77]"),
    Q("fluoride-widest-window", "stability", {"family": "fluoride"}, "statement",
      {"Fluoride has the highest oxidation stability (F- > Cl- > Br- > I-) and the widest electrochemical stability "
       "window among the halides."}, set(),
      source="2.3: fluoride has the highest oxidation stability (F- > Cl- > Br- > I-) as well as the widest "
             "electrochemical stability window [69]"),
    Q("indium-halides", "materials-by-element", {"contains": "indium", "family": "halide"}, "material", {"Li3InCl6"},
      {"Li3YCl6"}, source="2.3: the Li3InCl6 reported by Li et al. ... exhibited a high ionic conductivity of "
                          "2.04 x 10^-3 S cm^-1 at room temperature [77]"),
    Q("la-free-oxides", "materials-by-element", {"free_of": "La", "family": "oxide"}, "material", {"Li29Zr9Nb3O40"},
      {"Li7La3Zr2O12"}, source="2.1: a new type of oxide SEs based on Li29Zr9Nb3O40 (LZNO) was reported in 2020 [49]"),
    Q("ref-56-lgps", "evidence-by-reference", {"reference": "56"}, "value_as_printed", {"12 mScm^-1"}, set(),
      source="2.2: LGPS ... a high ionic conductivity of 12 mS cm^-1 at room temperature [56]"),
    Q("compare-li3ycl6-li3incl6", "compare", {"materials": "Li3YCl6; Li3InCl6"}, "fact", {"family or role", "failure",
      "claim"}, set(), source="2.3: Li3YCl6 and Li3YBr6 still suffer from poor air stability; Li3InCl6 demonstrated "
                             "good stability against moisture in the air [77]"),
    Q("ga-llzo-before-after", "improvements", {"material": "LLZO"}, "after", {"2.1 x 10^-3 S cm^-1"}, set(),
      source="2.1: Ga-doped LLZO (Li6.55Ga0.15La3Zr2O12) ... 2.1 x 10^-3 S cm^-1 [48], against LLZO's 5.0 x 10^-4 "
             "S cm^-1 [36b]"),
    Q("lzno-al-before-after", "improvements", {"family": "oxide"}, "result", {"Al-modified Li29Zr9Nb3O40"}, set(),
      source="2.1: the pure LZNO shows a bulk ionic conductivity of 1.75e-4 S/cm ..., while the Al-modified LZNO has "
             "an improved ionic conductivity of 2.41e-4 S/cm [49]"),
    Q("compare-lgps-llzo", "compare", {"materials": "LGPS; LLZO"}, "value",
      {"garnet-type electrolyte", "LGPS-type / thio-LISICON electrolyte", "12 mScm^-1", "5.0 x 10^-4 S cm^-1"}, set(),
      source="2.1: Li7La3Zr2O12 ... 5.0 x 10^-4 S cm^-1 [36b]; 2.2: LGPS ... 12 mS cm^-1 [56]"),
    # ---------------- research-gaps / conflicts / cells
    Q("gap-phosphide-volume", "research-gaps", {}, "failure", {"volume expansion and slow reaction kinetics"}, set(),
      source="2.5: the volume expansion ... limit the applications of the phosphide-based electrolyte (no strategy given)"),
    Q("conflict-llto", "conflicts", {"material": "LLTO"}, "aspect", {"formula"}, set(),
      source="2.1 prints La2/3-xLi3xTiO3; Table 1 prints La2/3-xLixTiO3"),
    Q("conflict-ose-pce", "conflicts", {}, "aspect", {"value", "formula", "conditions", "material identity", "wording",
      "reference", "family"}, set(), source="e.g. 4.1.2: 820 cycles (566 days) vs Table 2: After 820 h"),
    Q("cells-sulfide", "cells", {"electrolyte": "sulfide"}, "cell",
      {"Li | LiF@Li10GeP2S12 | LiNbO3@LiCoO2",
       "Li-In | EMG-based solid electrolyte sheet (Li6PS3Cl-EMG) | LiNi0.9Co0.05Mn0.05O2"},
      {"Li / PEO-LiTFSI-LLTO / LiFePO4"},
      source="4.1.1: they combined the LiNbO3@LiCoO2, LiF@Li10GeP2S12, and Li to assemble the battery [127]"),
    Q("cells-li-in", "cells", {"anode": "Li-In"}, "section", {"4.1.1", "4.1.3"}, set(),
      source="4.1.3: the ASS lab-scale cell, Li-In || LiNi0.88Co0.11Mn0.01O2 [130]"),
    Q("cells-lfp", "cells", {"cathode": "LiFePO4"}, "refs", {"25", "137", "138"}, set(),
      source="4.3: stabilizes the cycling of LiFePO4/Li full battery for 400 cycles at 1 °C [137]"),
    # ---------------- arrhenius-fits (fits come from measured datasets; tests/test_datasets.py covers them)
    Q("claims-perovskite-structure", "claims", {"family": "perovskite", "kind": "structure"}, "claim",
      {"Cubic and tetragonal perovskites are the two main structures of perovskite-type SEs, which are mostly "
       "A-site-deficient materials."}, set(),
      source="2.1: the perovskite-type SEs are mostly A-site-deficient materials [29]"),
    Q("claims-inorganic-temperature-range", "claims", {"family": "garnet", "kind": "advantage"}, "refs", {"20"}, set(),
      source="2: SEs made from inorganic material can operate under a wide temperature range (-50 to over 200 °C) [20]"),
    Q("claims-halide-radius-ratio", "claims", {"material": "Li3YCl6", "kind": "structure"}, "section", {"2.3"}, set(),
      source="2.3: the trivalent M3+ cation tends to form MX6 octahedron coordination with Li3MX6-type structure"),
    Q("claims-polymer-not-inorganic", "claims", {"family": "PEO", "kind": "advantage"}, "refs", {"96"}, {"20"},
      source="3: the polymer-based SEs can effectively suppress the growth of Li dendrite [96]"),
    Q("arrhenius-review-has-no-series", "arrhenius-fits", {}, "material", empty=True,
      source="2: the ionic conductivity ... is mainly regulated by the Arrhenius equation [22] (the review gives the law, "
             "not one material's conductivity at three or more temperatures from one paper)"),
]


@pytest.mark.parametrize("question", QUESTIONS, ids=[q.id for q in QUESTIONS])
def test_competency_question(store, built, question):
    answer = run_query(store, question.query, question.params, built.index)
    values = set()
    for row in answer.rows:
        cell = row[question.column]
        values.update(cell if isinstance(cell, list) else [cell])
    if question.empty:
        assert answer.rows == [], f"{question.id} must stay empty ({question.source})"
        return
    assert answer.rows, f"{question.id} answered nothing ({question.source})"
    assert question.must <= values, f"missing {question.must - values} ({question.source})"
    assert not (question.must_not & values), f"unexpected {question.must_not & values}"


def test_there_are_at_least_fifty_questions_covering_every_query():
    from kg.catalogue import load_catalogue
    assert len(QUESTIONS) >= 50
    assert {q.query for q in QUESTIONS} == set(load_catalogue())


def test_every_fact_row_carries_refs_or_a_section(store, built):
    for name in ("strategies-for-failure", "failures-of"):
        params = {"failure": "failure mode"} if name == "strategies-for-failure" else {}
        for row in run_query(store, name, params, built.index).rows:
            assert row["section"], row


def test_no_statement_without_source_and_cited_numbers_exist(store):
    rows = store.select("""PREFIX sse: <https://w3id.org/sekg/ontology#>
        PREFIX prov: <http://www.w3.org/ns/prov#>
        SELECT ?s WHERE { ?s a sse:CuratedStatement .
          FILTER NOT EXISTS { ?s prov:wasDerivedFrom ?d ; sse:reviewSection ?section } }""").rows
    assert rows == []
    dangling = store.select("""PREFIX sse: <https://w3id.org/sekg/ontology#>
        SELECT ?r WHERE { ?s sse:citesReference ?r . FILTER NOT EXISTS { ?r sse:referenceNumber ?n } }""").rows
    assert dangling == []
