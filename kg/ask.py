"""Asking in words: a question becomes one canned query with parameters, or a plain "cannot map" with the
closest canned questions. No remote model and no guessing behind the person's back.

How a question is read:
1. quantities are taken out first: conductivities with a unit ("1 mS/cm", "1e-3 S cm-1", "10^-3 S/cm"),
   temperatures ("25 °C", "300 K", "room temperature"), energies ("0.3 eV"), each with the comparator
   in front of it ("above", "below", "at" ...), and bracketed reference numbers ("[58]", "ref 58");
2. the rest is matched against the label index (labels, synonyms, formulas) longest phrase first; a word
   that matches nothing is compared with the family/failure/strategy/method/property vocabulary for a
   misspelling ("dendrits"), which the reading reports;
3. every canned query is scored by the cue words its header declares (`#+ ask: cues`) and by how many of
   the question's terms and quantities fill its parameters; a query whose required parameter is missing
   is not eligible. The reading says which query and parameters were chosen, so a person can correct it.
Parameters reach the query as IRIs and numbers, bound by kg.catalogue like any other parameter value.
"""
from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field
from difflib import SequenceMatcher, get_close_matches
from typing import TYPE_CHECKING

from kg.errors import UsageError
from kg.kinds import KINDS
from kg.resolve import normalise

if TYPE_CHECKING:
    from kg.catalogue import CannedQuery, Parameter
    from kg.resolve import LabelIndex

MAX_QUESTION_LENGTH = 500
MAX_PHRASE_WORDS = 8
#: kinds looked for in free text (references only through "[58]"/"ref 58"; cells by their notation are too long)
SEARCHED_KINDS = ("failure", "family", "material", "strategy", "method", "property", "source", "element")
#: words beside a term that say which parameter it fills, beyond the parameter's own name
ROLE_WORDS = {"free_of": {"free", "without", "no", "non", "lacking", "exclude", "excluding"},
              "contains": {"containing", "contain", "with", "including", "bearing", "based"}}
#: the vocabulary misspellings are corrected against (formulas and material names are not guessed)
FUZZY_KINDS = ("failure", "family", "strategy", "method", "property")
FUZZY_CUTOFF = 0.84
#: words that never name an entity on their own, however the label index spells them
STOPWORDS = set("""a an the of in on at to for from by with and or not no is are was were be been do does did
have has had can could should would will which what who whom whose how why when where there their them they this
that these those it its me my i we our you your give show list find tell get all any some each every most more
than as into about per vs versus between both other than only also up down out over under above below material
materials compound compounds electrolytes known reported used use""".split())
#: phrases that say "about room temperature" (read as 20-30 °C: the review's room-temperature values count as 25 °C)
ROOM_TEMPERATURE = re.compile(r"\b(?:at\s+)?(?:room[\s-]+temperature|ambient(?:\s+temperature)?|RT)\b", re.I)
ROOM_WINDOW_C = (20.0, 30.0)
AT_WINDOW_C = 5.0  # "at 60 °C" is read as 55-65 °C: sources print 25 vs 27 °C for "the same" condition

_NUMBER = (r"(?P<num>[-−]?\d+(?:\.\d+)?(?:\s*[eE]\s*[-−+]?\s*\d+)?"
           r"(?:\s*[x×*·]\s*10\s*\^?\s*(?P<exp1>[-−+]?\d+))?|10\s*\^\s*(?P<exp2>[-−+]?\d+)|10(?P<exp3>[-−]\d+))")
_COMPARATOR = (r"(?:(?P<cmp>above|over|at\s+least|more\s+than|greater\s+than|higher\s+than|exceeding|beyond|>=|≥|>|"
               r"below|under|at\s+most|less\s+than|lower\s+than|up\s+to|<=|≤|<|at|around|near|about|of|~)\s*)?")
_CONDUCTIVITY_UNIT = r"(?P<unit>[mµu]?S\s*(?:/\s*cm|cm\s*(?:-1|⁻¹|\^\s*-1)|\s+per\s+cm)|[mµu]?S\s*/\s*m)"
_TEMPERATURE_UNIT = r"(?P<unit>°\s*C|º\s*C|deg(?:rees?)?\s*C(?:elsius)?\b|K\b)"
_ENERGY_UNIT = r"(?P<unit>m?eV)\b"
QUANTITY_PATTERNS = {
    "conductivity": re.compile(_COMPARATOR + _NUMBER + r"\s*" + _CONDUCTIVITY_UNIT, re.I),
    "temperature": re.compile(_COMPARATOR + _NUMBER + r"\s*" + _TEMPERATURE_UNIT),
    "energy": re.compile(_COMPARATOR + _NUMBER + r"\s*" + _ENERGY_UNIT),
}
REFERENCE = re.compile(r"\[(?P<a>\d{1,3}[a-c]?)\]|\b(?:ref(?:erence)?s?\.?|citation)\s*(?:no\.?|number|#)?\s*"
                       r"\[?(?P<b>\d{1,3}[a-c]?)\]?", re.I)
LOWER = {"above", "over", "at least", "more than", "greater than", "higher than", "exceeding", "beyond", ">=", "≥", ">"}
UPPER = {"below", "under", "at most", "less than", "lower than", "up to", "<=", "≤", "<"}
CONDUCTIVITY_FACTORS = {"s/cm": 1.0, "ms/cm": 1e-3, "µs/cm": 1e-6, "us/cm": 1e-6, "s/m": 1e-2, "ms/m": 1e-5,
                        "µs/m": 1e-8, "us/m": 1e-8}


@dataclass(frozen=True)
class Mention:
    """A phrase of the question that names something in the graph: per kind, the entity it names."""

    text: str
    candidates: dict[str, str]  # kind -> entity IRI
    corrected_to: str = ""  # the known label a misspelled phrase was read as
    neighbours: tuple[str, ...] = ()  # its normalised words and those just around it ('anode' in 'Li metal anode')


@dataclass(frozen=True)
class Quantity:
    """A number with a unit in the question, and whether it is a lower bound, an upper bound or a point."""

    kind: str  # conductivity | temperature | energy
    value: float  # S/cm, °C or eV
    bound: str  # min | max | at
    text: str


@dataclass
class Reading:
    """How a question was read: the canned query, its parameters (ready for run_query) and what was noticed."""

    question: str
    query: str
    params: dict[str, str]
    shown: dict[str, str]
    notes: list[str] = field(default_factory=list)
    score: float = 0.0
    typed: dict[str, str] = field(default_factory=dict)  # per parameter, a label that resolves to the same entity

    def command(self) -> str:
        """The equivalent `sekg query` command line (labels where they resolve to the chosen entity)."""
        options = " ".join(f"--{name.replace('_', '-')} {shlex.quote(self.typed.get(name, value))}"
                           for name, value in self.params.items())
        return f"sekg query {self.query} {options}".strip()

    def read_as(self) -> str:
        """'strategies-for-failure failure="lithium dendrite growth" family=sulfide'."""
        parts = [self.query] + [f"{name}={_quoted(value)}" for name, value in self.shown.items()]
        return " ".join(parts)

    def as_json_object(self) -> dict:
        return {"question": self.question, "read_as": self.read_as(), "query": self.query, "params": self.params,
                "shown": self.shown, "typed": self.typed, "notes": self.notes, "command": self.command()}


class UnroutableQuestion(UsageError):
    """A question no canned query fits: the message says why and lists the closest canned questions."""

    def __init__(self, question: str, reason: str, closest: list[tuple[str, str]]):
        self.question, self.reason, self.closest = question, reason, closest
        listing = "; ".join(f"{example!r} ({name})" for name, example in closest)
        super().__init__(f"cannot map this question to a canned query: {reason}. Closest canned questions: "
                         f"{listing}. Run `sekg queries` for all, or `sekg query NAME --help`.")


def _quoted(value: str) -> str:
    return f'"{value}"' if re.search(r"[\s=]", value) else value


# ------------------------------------------------------------------------------------------ quantities
def _number(match: re.Match) -> float:
    exponent = match.group("exp1") or match.group("exp2") or match.group("exp3")
    if match.group("exp2") or match.group("exp3"):
        return 10.0 ** float(exponent.replace("−", "-"))
    mantissa = float(re.sub(r"\s+", "", match.group("num").split("x")[0].split("×")[0].split("*")[0].split("·")[0])
                     .replace("−", "-"))
    return mantissa * (10.0 ** float(exponent.replace("−", "-")) if exponent else 1.0)


def _bound(comparator: str | None) -> str:
    words = re.sub(r"\s+", " ", (comparator or "").lower())
    return "min" if words in LOWER else "max" if words in UPPER else "at"


def _conductivity_s_per_cm(value: float, unit: str) -> float:
    compact = re.sub(r"\s+", "", unit).replace("⁻¹", "-1").replace("^-1", "-1").lower()
    compact = re.sub(r"^([mµu]?s)cm-1$", r"\1/cm", compact).replace("percm", "/cm")
    return value * CONDUCTIVITY_FACTORS[compact]


def _temperature_c(value: float, unit: str) -> float:
    return value - 273.15 if unit.strip() == "K" else value


def extract_quantities(question: str) -> tuple[list[Quantity], str]:
    """The question's quantities, and the question with their text blanked out (so '25' is not read as a term)."""
    found: list[Quantity] = []
    text = question
    for kind, pattern in QUANTITY_PATTERNS.items():
        for match in pattern.finditer(text):
            number, unit = _number(match), match.group("unit")
            value = (_conductivity_s_per_cm(number, unit) if kind == "conductivity"
                     else _temperature_c(number, unit) if kind == "temperature"
                     else number / 1000 if unit.lower().startswith("m") else number)
            found.append(Quantity(kind, value, _bound(match.group("cmp")), match.group(0).strip()))
        text = pattern.sub(lambda m: " " * len(m.group(0)), text)
    room = ROOM_TEMPERATURE.search(text)
    if room and not any(q.kind == "temperature" for q in found):
        found.append(Quantity("temperature", 25.0, "room", room.group(0).strip()))
    text = ROOM_TEMPERATURE.sub(lambda m: " " * len(m.group(0)), text)
    return found, text


# ------------------------------------------------------------------------------------------ terms
def _tokens(text: str) -> list[str]:
    tokens = []
    for raw in re.findall(r"[^\s,;:!?()\[\]{}\"“”]+", text):
        token = re.sub(r"[’']s$", "", raw).strip(".'’")
        # 'Ge-free', 'sol-gel', 'Li2S-P2S5': the parts are words of their own (labels are matched hyphen-blind anyway)
        tokens += [part for part in token.split("-") if part]
    return tokens


def _generic(iri: str, kind: str) -> bool:
    """The root of a kind ('problem' = sse:Challenge, 'synthesis' = sse:ProcessingMethod) names no filter."""
    root = KINDS[kind][1]
    return iri == root or (kind == "failure" and iri.endswith("#FailureMode"))


def find_mentions(text: str, index: LabelIndex) -> tuple[list[Mention], list[str]]:
    """Phrases naming entities (longest first, left to right), and the words left unmatched."""
    tokens = _tokens(text)
    mentions: list[Mention] = []
    leftover: list[str] = []
    position = 0
    while position < len(tokens):
        for end in range(min(len(tokens), position + MAX_PHRASE_WORDS), position, -1):
            phrase = " ".join(tokens[position:end])
            key = normalise(phrase)
            if end - position == 1 and (key in STOPWORDS or len(key) < 2 or key.replace(".", "").isdigit()):
                continue
            candidates = {kind: str(next(iter(entities))) for kind in SEARCHED_KINDS
                          if len(entities := index.lookup(key, kind)) == 1}
            candidates = {kind: iri for kind, iri in candidates.items() if not _generic(iri, kind)}
            if candidates or any(index.lookup(key, kind) for kind in SEARCHED_KINDS):
                if candidates:
                    around = tuple(normalise(w) for w in tokens[max(0, position - 1):end + 1])
                    mentions.append(Mention(phrase, candidates, neighbours=around))
                position = end
                break
        else:
            leftover.append(tokens[position])
            position += 1
    return mentions, leftover


def correct_misspellings(words: list[str], index: LabelIndex) -> list[Mention]:
    """Words that are a near miss of one known family/failure/strategy/method/property label."""
    vocabulary: dict[str, tuple[str, str]] = {}
    for kind in FUZZY_KINDS:
        for key in index.keys(kind):
            if len(key) >= 5:
                entities = index.lookup(key, kind)
                if len(entities) == 1:
                    vocabulary.setdefault(key, (kind, str(next(iter(entities)))))
    mentions = []
    for word in words:
        key = normalise(word)
        if len(key) < 5 or key in STOPWORDS or not key.isalpha():
            continue
        close = get_close_matches(key, list(vocabulary), n=1, cutoff=FUZZY_CUTOFF)
        if close:
            kind, iri = vocabulary[close[0]]
            if not _generic(iri, kind):
                mentions.append(Mention(word, {kind: iri}, index.display(close[0], kind)))
    return mentions


# ------------------------------------------------------------------------------------------ choosing a query
def _cues_found(query: CannedQuery, key_text: str, words: list[str]) -> list[str]:
    """The query's cue words in the question; a cue inside a longer one found too counts once ('fail', 'failure')."""
    found = []
    for cue in query.ask_cues:
        cue_key = normalise(cue)
        pattern = r"(?:^| )" + re.escape(cue_key) + (r"(?= |$)" if len(cue_key) <= 3 else "")
        if re.search(pattern, key_text) or (len(cue_key) >= 6 and " " not in cue_key and any(
                _near_miss(cue_key, w) for w in words)):
            found.append(cue)
    keys = [normalise(cue) for cue in found]
    return [cue for cue, key in zip(found, keys) if not any(key != other and key in other for other in keys)]


def _near_miss(cue_key: str, word: str) -> bool:
    """A misspelt cue ('stratgies' for 'strateg'): same first two letters, the start of the word close to the cue."""
    return (len(word) >= 5 and word[:2] == cue_key[:2]
            and SequenceMatcher(None, cue_key, word[:len(cue_key)]).ratio() >= 0.84)


@dataclass
class _Fit:
    query: CannedQuery
    params: dict[str, str] = field(default_factory=dict)
    shown: dict[str, str] = field(default_factory=dict)
    cues: list[str] = field(default_factory=list)
    placed: int = 0
    quantities: int = 0
    typed: dict[str, str] = field(default_factory=dict)
    unplaced: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)

    @property
    def score(self) -> float:
        cue_score = sum(1.5 if " " in cue else 1.0 for cue in self.cues)
        return cue_score + 1.2 * self.placed - 0.6 * len(self.unplaced)


def _place_mentions(fit: _Fit, mentions: list[Mention], index: LabelIndex) -> None:
    from rdflib import URIRef
    for mention in mentions:
        free = [p for p in fit.query.parameters if _is_entity(p) and (p.name not in fit.params or _is_list(p))]
        # a role named beside the term wins ('Li metal anode' fills anode), else the order the header declares
        options = [(not ({p.name} | ROLE_WORDS.get(p.name, set())) & set(mention.neighbours), order, p, kind)
                   for order, p in enumerate(free) for kind in mention.candidates if kind in p.resolves_to]
        if not options:
            if set(mention.candidates) - {"property"}:
                fit.unplaced.append(mention.text)
            continue
        _, _, parameter, kind = min(options, key=lambda option: option[:2])
        iri = mention.candidates[kind]
        label = index.label_of(URIRef(iri))
        if _is_list(parameter) and parameter.name in fit.params:  # 'compare LGPS and LLZO': both go in the list
            fit.params[parameter.name] += f"; {iri}"
            fit.shown[parameter.name] += f"; {label}"
            fit.typed.pop(parameter.name, None)
            fit.placed += 1
            continue
        fit.params[parameter.name] = iri
        fit.shown[parameter.name] = label
        try:
            if str(index.resolve(label, parameter.resolves_to).iri) == iri:
                fit.typed[parameter.name] = label
        except UsageError:
            pass  # the label is ambiguous among these kinds: the command keeps the IRI
        fit.placed += 1


def _is_list(parameter: Parameter) -> bool:
    from kg.catalogue import LIST_TYPES
    return parameter.type in LIST_TYPES


def _is_entity(parameter: Parameter) -> bool:
    return parameter.type not in ("conductivity_s_per_cm", "temperature_c", "number", "string")


def _place_quantities(fit: _Fit, quantities: list[Quantity]) -> None:
    names = {p.name: p for p in fit.query.parameters}
    for quantity in quantities:
        if quantity.kind == "conductivity" and quantity.bound != "max" and "min_conductivity" in names:
            fit.params["min_conductivity"] = f"{quantity.value:g}"
            fit.shown["min_conductivity"] = f"{quantity.value:g} S/cm"
        elif quantity.kind == "temperature" and {"min_temperature", "max_temperature"} <= set(names):
            low, high = ((ROOM_WINDOW_C if quantity.bound == "room" else
                          (quantity.value - AT_WINDOW_C, quantity.value + AT_WINDOW_C))
                         if quantity.bound in ("room", "at") else
                         (quantity.value, None) if quantity.bound == "min" else (None, quantity.value))
            for name, value in (("min_temperature", low), ("max_temperature", high)):
                if value is not None:
                    fit.params[name] = f"{value:g}"
                    fit.shown[name] = f"{value:g} °C"
        elif quantity.kind == "energy" and quantity.bound != "min" and "max_activation_energy" in names:
            fit.params["max_activation_energy"] = f"{quantity.value:g}"
            fit.shown["max_activation_energy"] = f"{quantity.value:g} eV"
        else:
            fit.unplaced.append(quantity.text)
            continue
        fit.placed += 1
        fit.quantities += 1


def _fallback(mentions: list[Mention], catalogue: dict[str, CannedQuery]) -> str | None:
    """A question that is only a name: a material's profile, a family's summary, a failure's strategies."""
    if len(mentions) != 1:
        return None
    kinds = mentions[0].candidates
    for kind, name in (("material", "material-profile"), ("family", "family-summary"),
                       ("failure", "strategies-for-failure"), ("method", "materials-made-by"),
                       ("strategy", "evidence-for"), ("property", "evidence-for"),
                       ("reference", "evidence-by-reference")):
        if kind in kinds and name in catalogue:
            return name
    return None


def closest_questions(question: str, catalogue: dict[str, CannedQuery], limit: int = 3) -> list[tuple[str, str]]:
    """The canned questions whose examples read most like this question."""
    key = normalise(question)
    scored = sorted(((SequenceMatcher(None, key, normalise(example)).ratio(), name, example)
                     for name, query in catalogue.items() for example in query.ask_examples), reverse=True)
    chosen, seen = [], set()
    for _, name, example in scored:
        if name not in seen:
            chosen.append((name, example))
            seen.add(name)
        if len(chosen) == limit:
            break
    return chosen


def read_question(question: str, index: LabelIndex, catalogue: dict[str, CannedQuery] | None = None) -> Reading:
    """Read a question as one canned query with parameters, or raise UnroutableQuestion."""
    from kg.catalogue import load_catalogue
    catalogue = catalogue if catalogue is not None else load_catalogue()
    if not question or not question.strip():
        raise UsageError("an empty question: ask e.g. 'which strategies address Li dendrites in sulfides?'")
    if len(question) > MAX_QUESTION_LENGTH:
        raise UsageError(f"a question of {len(question):,} characters is too long (at most {MAX_QUESTION_LENGTH})")
    quantities, rest = extract_quantities(question)
    mentions: list[Mention] = []
    references = [m.group("a") or m.group("b") for m in REFERENCE.finditer(rest)]
    rest = REFERENCE.sub(" ", rest)
    for number in references:
        entities = index.lookup(normalise(number), "reference")
        if len(entities) == 1:
            mentions.append(Mention(f"[{number}]", {"reference": str(next(iter(entities)))}))
    found, leftover = find_mentions(rest, index)
    mentions += found
    corrected = correct_misspellings(leftover, index)
    mentions += corrected
    # cue words are looked for outside the names of parameters ('low ionic conductivity' is a failure, not a cue
    # for the conductivity query); strategy and property names stay: 'dopants', 'conductivity' are cues
    named = [m.text for m in found if set(m.candidates) & {"failure", "family", "material", "method", "source"}]
    cue_text = " ".join(_tokens(rest))
    for text in sorted(named, key=len, reverse=True):
        cue_text = cue_text.replace(text, " ")
    key_text = normalise(" ".join(_tokens(cue_text)))
    words = [normalise(w) for w in leftover]
    fits = []
    for query in catalogue.values():
        fit = _Fit(query, cues=_cues_found(query, key_text, words))
        _place_mentions(fit, mentions, index)
        _place_quantities(fit, quantities)
        fit.missing = [p.name for p in query.parameters if p.required and p.name not in fit.params]
        fits.append(fit)
    eligible = [f for f in fits if not f.missing and (f.cues or f.quantities)]
    if not eligible:
        fallback = _fallback(mentions, catalogue) if not quantities else None
        eligible = [f for f in fits if f.query.name == fallback and not f.missing]
    if not eligible:
        raise UnroutableQuestion(question, _why_not(fits, mentions), closest_questions(question, catalogue))
    order = list(catalogue)
    best = max(eligible, key=lambda f: (f.score, f.placed, -order.index(f.query.name)))
    notes = [f"read {m.text!r} as {m.corrected_to!r}" for m in corrected]
    cue_keys = {normalise(cue) for cue in best.cues}
    notes += [f"not used by {best.query.name}: {text}" for text in best.unplaced if normalise(text) not in cue_keys]
    return Reading(question, best.query.name, best.params, best.shown, notes, best.score, best.typed)


def _why_not(fits: list[_Fit], mentions: list[Mention]) -> str:
    """The plainest reason no query fits: a query the words point to lacks a required term, or nothing matched."""
    cued = sorted((f for f in fits if f.cues), key=lambda f: -f.score)
    if cued and cued[0].missing:
        needed = ", ".join(p.replace("_", " ") for p in cued[0].missing)
        return f"it reads like {cued[0].query.name}, which needs a {needed} the question does not name"
    if not mentions:
        return "it names no family, material, failure, strategy or method the graph knows"
    return "its words fit no canned question"
