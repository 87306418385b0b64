"""Actor knowledge base and actor finder (EN/FR).

The knowledge base (``data/actors.yaml``) names armed groups, state forces,
militias and generic actors of the Sahel and West Africa in the style of
ACLED's public codebook. :func:`load_actor_kb` reads it once per process;
:func:`extract_actors` finds the actors a text names, either by alias
("JNIM", "Groupe de soutien à l'islam et aux musulmans") or by a common noun
read with its context ("Malian soldiers" -> Military Forces of Mali,
"présumés jihadistes" -> a suspected Unidentified Armed Group).

>>> [m.actor.name for m in extract_actors("Suspected Boko Haram gunmen killed 5 villagers", country_hint="NG")]
['Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad', 'Civilians (Nigeria)']
"""
from __future__ import annotations

import datetime as dt
import functools
import hashlib
import os
import pickle
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Mapping, NamedTuple

from harmattan.records import Actor, ActorMention

DEFAULT_KB_PATH = Path(__file__).parent / "data" / "actors.yaml"

ACTOR_TYPES = (
    "State forces", "Rebel groups", "Political militias", "Identity militias",
    "Rioters", "Protesters", "Civilians", "External/Other forces",
)

# --------------------------------------------------------------------------
# Text normalisation: one character in, one character out, so spans computed
# on the normalised text are spans of the original text.

_TOKEN_RE = re.compile(r"[A-Za-z0-9]+")
_BREAK_RE = re.compile(r"[,;:!?()\[\]{}\"«»“”\n\r|]")


@functools.cache
def _fold_table() -> dict[int, str]:
    """Translation table: accents stripped, apostrophes and dashes made spaces."""
    import unicodedata

    table: dict[int, str] = {}
    for code in list(range(0xC0, 0x250)) + list(range(0x1E00, 0x1F00)):
        base = "".join(c for c in unicodedata.normalize("NFKD", chr(code)) if not unicodedata.combining(c))
        if base and base != chr(code):
            table[code] = base[0]
    for special, repl in {"ß": "s", "œ": "o", "Œ": "O", "æ": "a", "Æ": "A", "ø": "o", "Ø": "O", "đ": "d", "ł": "l"}.items():
        table[ord(special)] = repl
    for apostrophe in "'’‘`´ʼʹ′ʻ":
        table[ord(apostrophe)] = " "
    for dash in "-‐‑‒–—―−_":
        table[ord(dash)] = " "
    table[0xA0] = " "
    return table


def _fold(text: str) -> str:
    """Same-length copy of ``text`` without accents, apostrophes or dashes (case kept).

    >>> _fold("Jama’a Nusrat ul-Islam — l'armée")
    'Jama a Nusrat ul Islam   l armee'
    """
    return text.translate(_fold_table())


def _alias_tokens(alias: str) -> tuple[str, ...]:
    return tuple(_TOKEN_RE.findall(_fold(alias)))


def _is_case_sensitive(alias: str) -> bool:
    """Short all-caps abbreviations (FAN, CMA, IS, U.S.) must match with their case."""
    letters = re.sub(r"[^A-Za-z0-9]", "", alias)
    return " " not in alias.strip() and len(letters) <= 4 and letters.upper() == letters and any(c.isalpha() for c in letters)


# Abbreviations that are also ordinary words: not trusted in ALL-CAPS headlines.
_CAPS_WORDS = frozenset({"is", "fan", "fab", "fat", "jas", "ant", "us", "gat", "bir", "ei", "aq", "anp", "msa", "cma", "sss"})

# --------------------------------------------------------------------------
# Context vocabulary (grammar words, not knowledge about actors).

_NUMBER_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen "
    "eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred hundreds thousand thousands "
    "dozen dozens scores many several some numerous more other least "
    "un une deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize vingt trente "
    "quarante cinquante soixante cent cents mille dizaine dizaines centaine centaines milliers plusieurs nombreuses "
    "nombreux autres".split()
)
_QUANT_OF = frozenset({"of", "de", "d"})
_LEFT_FILLERS = frozenset(
    "joint combined allied regular elite special local young female male innocent unarmed defenceless defenseless "
    "heavily armed unidentified unknown trainee retired serving fellow sleeping fleeing displaced nigerian".split()
) - {"nigerian"}
_AND = frozenset({"and", "et", "or", "ou"})
_RIGHT_PREP = frozenset({"of", "from", "du", "de", "des", "d"})
_DETERMINERS = frozenset({"the", "l", "la", "le", "les"})
_NOT_ACTOR_AFTER_MILITARY = frozenset(
    "coup coups junta juntas government governments regime rule ruler rulers leader leaders leadership authorities "
    "spokesman spokesperson spokeswoman source sources court courts tribunal cooperation assistance aid training "
    "equipment hardware presence engagement strategy analyst analysts expert experts intelligence takeover takeovers "
    "ties partnership deal agreement pact alliance budget spending service uniform uniforms fatigues style "
    "attache officials chief chiefs liberation".split()
)
_NOT_ACTOR_BEFORE_MILITAIRE = frozenset(
    "coup coups junte juntes regime pouvoir transition gouvernement autorites tribunal justice cooperation aide "
    "assistance formation materiel materiels equipement equipements hierarchie renseignement source sources analyste "
    "analystes expert experts putsch tenue tenues uniforme uniformes service accord partenariat alliance budget "
    "dirigeants dirigeant leaders conseil pro anti ex".split()
)
_NOT_ACTOR_BEFORE = frozenset({"anti", "counter", "contre", "pro", "ex", "former", "liberation"})
_FR_DET_SINGULAR = frozenset({"un", "le", "du", "au", "ce", "chaque", "l"})
_ABSORB_AFTER_NAMED = frozenset(
    "fighters fighter members member elements element commanders commander combatants combatant operatives operative "
    "suspects suspect group faction factions cell cells forces troops combattants membres elements cellule katiba "
    "wing sect".split()
)
_CONNECT_TO_NAMED = frozenset(
    "of from du de des d l la le the belonging to loyal linked affiliated with allied lies lie a au aux affilies "
    "affilie proches proche close tied".split()
)
_DESCRIPTOR_AFTER_GROUP = frozenset(
    "linked affiliated allied backed aligned affiliate affiliates branch offshoot inspired loyalist".split()
)
_MILITIA_HEADS = frozenset(
    "militia militias militiamen youths youth gunmen fighters men vigilantes hunters mob militants attackers "
    "assailants herdsmen herders gangs gang miliciens milice milices jeunes hommes combattants chasseurs groups "
    "warriors".split()
)
_ETHNIC_NOT_ACTOR_AFTER = frozenset(
    "leader leaders chief chiefs association associations language elders elder socio cultural organisation "
    "organization origin descent chieftaincy emir emirs ardo scholar scholars man woman boy girl".split()
)
_ALONE_MEANS_MILITIA = frozenset({"fulani", "fulanis", "fulbe", "fula"})  # EN headlines: "Fulani kill Tiv farmers"
_CONFLICT_WORDS = frozenset(
    "clash clashes crisis conflict violence fighting war feud attack attacks affrontements affrontement conflit "
    "violences crise".split()
)
_SETTLEMENT_WORDS = frozenset(
    "village villages community communities settlement settlements hamlet hamlets camp camps campement campements "
    "hameau hameaux quartier".split()
)
_POSSESSIVES = frozenset({"its", "their", "his", "her", "our", "ses", "leurs", "leur", "sa", "son", "nos", "notre"})
_REQUIRES_COUNTRY_WORD = frozenset(
    {"forces", "operatives", "instructors", "instructeurs", "partners", "allies", "partenaires", "allies"}
)
_AFRICA_RUSSIAN_PRESENCE = frozenset({"ML", "BF", "NE", "LY", "SD", "CF"})
_FOREIGN_FOR_INFERENCE = frozenset({"FR", "RU", "US"})


class _Entry(NamedTuple):
    kind: str  # "actor" | "class" | "ethnic" | "country"
    value: tuple[str, ...]  # actor names, or (class,), or (ethnic,), or (iso2, "name"|"adj")


@dataclass(frozen=True)
class _PhraseIndex:
    """Phrases by first token, longest first; case-insensitive and case-sensitive parts."""

    folded: Mapping[str, tuple[tuple[tuple[str, ...], _Entry], ...]]
    cased: Mapping[str, tuple[tuple[tuple[str, ...], _Entry], ...]]


def _build_index(items: Iterable[tuple[str, _Entry]]) -> _PhraseIndex:
    folded: dict[str, dict[tuple[str, ...], _Entry]] = {}
    cased: dict[str, dict[tuple[str, ...], _Entry]] = {}
    for alias, entry in items:
        sensitive = _is_case_sensitive(alias)
        variants = {_alias_tokens(alias)}
        if "'" in alias or "’" in alias:  # "Jama'at" is also written "Jamaat"
            variants.add(_alias_tokens(re.sub(r"['’]", "", alias)))
        for toks in variants:
            if not toks:
                continue
            key = toks if sensitive else tuple(t.lower() for t in toks)
            target = cased if sensitive else folded
            bucket = target.setdefault(key[0], {})
            old = bucket.get(key)
            if old is None:
                bucket[key] = entry
            elif old.kind == entry.kind == "actor" and old.value != entry.value:
                bucket[key] = _Entry("actor", tuple(dict.fromkeys(old.value + entry.value)))

    def freeze(d):
        return {k: tuple(sorted(v.items(), key=lambda kv: -len(kv[0]))) for k, v in d.items()}

    return _PhraseIndex(freeze(folded), freeze(cased))


# --------------------------------------------------------------------------
# The knowledge base


@dataclass(frozen=True)
class ActorKB:
    """Actors by canonical name, with alias and context indexes.

    Built by :func:`load_actor_kb`; immutable afterwards.
    """

    actors: Mapping[str, Actor]
    countries: Mapping[str, Mapping]
    successions: Mapping[str, tuple[tuple[str, dt.date, str | None], ...]]
    phrases: _PhraseIndex = field(repr=False)
    country_phrases: _PhraseIndex = field(repr=False)
    exclusions_after: frozenset = field(repr=False, default=frozenset())
    exclusions_before: tuple[tuple[str, ...], ...] = field(repr=False, default=())
    hedges_before: frozenset = field(repr=False, default=frozenset())
    hedges_after: frozenset = field(repr=False, default=frozenset())
    ethnic_home: Mapping[str, str] = field(repr=False, default_factory=dict)

    def __len__(self) -> int:
        return len(self.actors)

    def get(self, name: str) -> Actor | None:
        """The actor with this canonical name (exact, then ignoring case and accents).

        >>> load_actor_kb().get("Military Forces of Mali").actor_type
        'State forces'
        """
        actor = self.actors.get(name)
        if actor is None:
            actor = self._folded_names.get(" ".join(_alias_tokens(name)).lower())
        return actor

    @functools.cached_property
    def _folded_names(self) -> dict[str, Actor]:
        return {" ".join(_alias_tokens(n)).lower(): a for n, a in self.actors.items()}

    def resolve(self, alias: str, country: str | None = None) -> Actor | None:
        """The actor a name or alias stands for; ``country`` breaks ties (Dozo of Mali or Burkina).

        >>> load_actor_kb().resolve("Groupe de soutien à l’islam et aux musulmans").name
        'JNIM: Group for Support of Islam and Muslims'
        >>> load_actor_kb().resolve("FAN").name
        'Military Forces of Niger'
        """
        actor = self.get(alias)
        if actor is not None:
            return actor
        toks = _alias_tokens(alias)
        if not toks:
            return None
        found = None
        for seq, entry in self.phrases.cased.get(toks[0], ()):
            if seq == toks and entry.kind == "actor":
                found = entry
        if found is None:
            low = tuple(t.lower() for t in toks)
            for seq, entry in self.phrases.folded.get(low[0], ()):
                if seq == low and entry.kind == "actor":
                    found = entry
        return self._pick(found.value, country) if found else None

    def _pick(self, names: tuple[str, ...], country: str | None) -> Actor:
        if country:
            for name in names:
                if self.actors[name].country_code == country:
                    return self.actors[name]
        return self.actors[names[0]]

    def successor_on(self, name: str, date: dt.date | str | None, country: str | None = None) -> str:
        """The name the actor went by on ``date`` (follows renames and hand-overs).

        Meant for generic or dated references; a text that names a group
        explicitly ("Wagner announced its withdrawal") keeps that name.

        >>> kb = load_actor_kb()
        >>> kb.successor_on("Wagner Group", "2024-06-01"), kb.successor_on("Wagner Group", "2023-06-01")
        ('Africa Corps', 'Wagner Group')
        >>> kb.successor_on("Wagner Group", "2024-06-01", country="ML")
        'Wagner Group'
        """
        if date is None:
            return name
        when = dt.date.fromisoformat(date[:10]) if isinstance(date, str) else date
        seen = {name}
        current = name
        for _ in range(8):
            rules = self.successions.get(current, ())
            scoped = [r for r in rules if r[2] == country] if country else []
            applicable = scoped or [r for r in rules if r[2] is None]
            nxt = next((to for to, since, _c in applicable if when >= since), None)
            if nxt is None or nxt in seen:
                return current
            seen.add(nxt)
            current = nxt
        return current

    def type_in(self, name: str, country_code: str | None) -> str | None:
        """ACLED actor type of ``name`` in an event in ``country_code``.

        State forces acting outside their own country are External/Other forces.

        >>> load_actor_kb().type_in("Military Forces of France", "ML")
        'External/Other forces'
        """
        actor = self.get(name)
        if actor is None:
            return None
        if actor.actor_type == "State forces" and country_code and actor.country_code and actor.country_code != country_code:
            return "External/Other forces"
        return actor.actor_type

    def country_actor(self, role: str, country: str | None) -> Actor | None:
        """The generic actor of a role (``military``, ``civilians``, ...) for a country."""
        name = _role_name(role, self.countries[country]["name"] if country in self.countries else None)
        return self.actors.get(name) if name else None


_ROLE_TEMPLATES = {
    "military": "Military Forces of {country}",
    "police": "Police Forces of {country}",
    "civilians": "Civilians ({country})",
    "armed": "Unidentified Armed Group ({country})",
    "militia": "Unidentified Communal Militia ({country})",
    "vigilantes": "Vigilante Militia ({country})",
    "protesters": "Protesters ({country})",
    "rioters": "Rioters ({country})",
}


def _role_name(role: str, country_name: str | None) -> str | None:
    template = _ROLE_TEMPLATES.get(role)
    if template is None:
        return None
    if country_name is None:
        return None if "of {country}" in template else template.replace(" ({country})", "")
    return template.format(country=country_name)


def _date(value) -> dt.date:
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value)[:10])


def _parse_yaml(raw: bytes) -> dict:
    import yaml  # imported here: a process that finds the pickled copy never pays for it

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    return yaml.load(raw.decode("utf-8"), Loader=loader)


def build_actor_kb(data: Mapping) -> ActorKB:
    """Build the knowledge base from the parsed YAML document (see ``data/actors.yaml``)."""
    actors: dict[str, Actor] = {}
    successions: dict[str, list[tuple[str, dt.date, str | None]]] = {}
    phrase_items: list[tuple[str, _Entry]] = []
    country_items: list[tuple[str, _Entry]] = []
    countries = data.get("countries") or {}
    ethnic_home: dict[str, str] = {}

    def add(actor: Actor) -> None:
        if actor.actor_type not in ACTOR_TYPES:
            raise ValueError(f"actor {actor.name!r}: unknown actor type {actor.actor_type!r}")
        if actor.name in actors:
            raise ValueError(f"actor {actor.name!r} defined twice")
        actors[actor.name] = actor
        for alias in actor.aliases:
            phrase_items.append((alias, _Entry("actor", (actor.name,))))

    templates = data.get("templates") or []
    for iso, info in countries.items():
        cname = info["name"]
        for template in templates:
            role = template["role"]
            names = [(e, template["name"].format(country=cname, ethnic=e)) for e in info.get("ethnic") or []] if role == "ethnic" else [(None, template["name"].format(country=cname))]
            for ethnic, name in names:
                aliases: tuple[str, ...] = ()
                if role in ("military", "police"):
                    aliases = tuple(info.get(role) or ())
                add(Actor(name=name, actor_type=template["type"], country_code=iso, aliases=aliases, kind=template["kind"]))
                if ethnic:
                    ethnic_home.setdefault(ethnic, iso)
        for form in info.get("names") or []:
            country_items.append((form, _Entry("country", (iso, "name"))))
        for form in info.get("adjectives") or []:
            country_items.append((form, _Entry("country", (iso, "adj"))))
    for template in templates:  # country-less generic actors ("Civilians", "Unidentified Armed Group")
        if template["role"] in _ROLE_TEMPLATES and "of {country}" not in template["name"]:
            add(Actor(name=_role_name(template["role"], None), actor_type=template["type"], kind=template["kind"]))
    add(Actor(name="Fulani Ethnic Militia", actor_type="Identity militias", kind="militia"))

    for item in data.get("actors") or []:
        rules = [(r["to"], _date(r["since"]), r.get("country")) for r in item.get("successions") or []]
        if item.get("successor") and not rules:
            rules.append((item["successor"], _date(item["successor_since"]), None))
        if rules:
            successions[item["name"]] = tuple(rules)
        add(Actor(
            name=item["name"],
            actor_type=item["type"],
            country_code=item.get("country"),
            aliases=tuple(item.get("aliases") or ()),
            affiliations=tuple(dict(a) for a in item.get("affiliations") or ()),
            successor=item.get("successor"),
            successor_since=str(item["successor_since"]) if item.get("successor_since") else None,
            kind=item.get("kind", "armed"),
        ))
    for target, rules in successions.items():
        for to, _since, _c in rules:
            if to not in actors:
                raise ValueError(f"actor {target!r}: unknown successor {to!r}")

    for role, words in (data.get("generic") or {}).items():
        for word in words:
            phrase_items.append((word, _Entry("class", (role,))))
    extra = data.get("ethnic_aliases") or {}
    for ethnic in ethnic_home:
        for form in [ethnic, ethnic + "s", *extra.get(ethnic, ())]:
            phrase_items.append((form, _Entry("ethnic", (ethnic,))))

    excl = data.get("country_name_exclusions") or {}
    hedges = data.get("hedges") or {}
    return ActorKB(
        actors=actors,
        countries=countries,
        successions=successions,
        phrases=_build_index(phrase_items),
        country_phrases=_build_index(country_items),
        exclusions_after=frozenset(" ".join(_alias_tokens(w)).lower() for w in excl.get("after") or ()),
        exclusions_before=tuple(tuple(t.lower() for t in _alias_tokens(w)) for w in excl.get("before") or ()),
        hedges_before=frozenset(_alias_tokens(w)[0].lower() for w in hedges.get("before") or ()),
        hedges_after=frozenset(_alias_tokens(w)[0].lower() for w in hedges.get("after") or ()),
        ethnic_home=ethnic_home,
    )


# Bump when the shape of ActorKB or the matching rules change: old caches are then ignored.
_CACHE_VERSION = "1"


def _cache_dir() -> Path:
    """``$HARMATTAN_CACHE_DIR``, else ``$XDG_CACHE_HOME/harmattan``, else ``~/.cache/harmattan``."""
    if os.environ.get("HARMATTAN_CACHE_DIR"):
        return Path(os.environ["HARMATTAN_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "harmattan"


@functools.lru_cache(maxsize=4)
def _load_cached(path: str) -> ActorKB:
    """Parse and index the YAML once; later processes read a pickled copy (YAML parsing costs ~80 ms).

    The copy is keyed by a digest of the YAML bytes, so editing the file
    invalidates it. ``HARMATTAN_ACTOR_CACHE=0`` turns the copy off.
    """
    raw = Path(path).read_bytes()
    use_cache = os.environ.get("HARMATTAN_ACTOR_CACHE", "1") not in ("0", "false", "no")
    digest = hashlib.sha1(raw + _CACHE_VERSION.encode() + sys.version.encode()).hexdigest()[:16]
    cache = _cache_dir() / f"actors-{digest}.pickle"
    if use_cache:
        try:
            with open(cache, "rb") as fh:
                kb = pickle.load(fh)
            if isinstance(kb, ActorKB):
                return kb
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
            pass
    kb = build_actor_kb(_parse_yaml(raw))
    if use_cache:
        try:
            cache.parent.mkdir(parents=True, exist_ok=True)
            tmp = cache.with_suffix(f".{os.getpid()}.tmp")
            with open(tmp, "wb") as fh:
                pickle.dump(kb, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, cache)
            for stale in cache.parent.glob("actors-*.pickle"):  # copies of older YAML versions
                if stale != cache:
                    stale.unlink(missing_ok=True)
        except OSError:
            pass  # a read-only home is fine: the next process parses the YAML again
    return kb


def load_actor_kb(path: str | Path | None = None) -> ActorKB:
    """Load the actor knowledge base (cached once per process and path).

    Args:
        path: a YAML file shaped like ``data/actors.yaml``; the packaged one by default.

    >>> kb = load_actor_kb()
    >>> kb.resolve("GSIM").name
    'JNIM: Group for Support of Islam and Muslims'
    >>> load_actor_kb() is kb
    True
    """
    return _load_cached(str(Path(path).resolve() if path else DEFAULT_KB_PATH))


# --------------------------------------------------------------------------
# Matching


class _Hit(NamedTuple):
    i: int  # first token
    j: int  # one past the last token
    entry: _Entry


@dataclass
class _Text:
    """Tokens of one text, with helpers to read their context."""

    text: str
    starts: list[int]
    ends: list[int]
    cased: list[str]
    low: list[str]
    joinable: list[bool]  # joinable[k]: nothing but spaces/dots/slashes between token k and k+1
    caps_lines: list[tuple[int, int]]

    @classmethod
    def of(cls, text: str) -> "_Text":
        folded = _fold(text)
        starts, ends, cased = [], [], []
        for m in _TOKEN_RE.finditer(folded):
            starts.append(m.start())
            ends.append(m.end())
            cased.append(m.group())
        joinable = [_joinable(folded, ends[k], starts[k + 1]) for k in range(len(starts) - 1)] + [False]
        caps = []
        if any(c.isupper() for c in text):
            pos = 0
            for line in text.split("\n"):
                letters = [c for c in line if c.isalpha()]
                if len(letters) >= 12 and sum(c.isupper() for c in letters) >= 0.8 * len(letters):
                    caps.append((pos, pos + len(line)))
                pos += len(line) + 1
        return cls(text, starts, ends, cased, [t.lower() for t in cased], joinable, caps)

    def __len__(self) -> int:
        return len(self.starts)

    def linked(self, i: int, j: int) -> bool:
        """True when tokens i..j-1 follow each other with no punctuation between."""
        return all(self.joinable[k] for k in range(i, j - 1))

    def in_caps_line(self, k: int) -> bool:
        return any(a <= self.starts[k] < b for a, b in self.caps_lines)


def _joinable(folded: str, a: int, b: int) -> bool:
    """Two tokens belong to one phrase when only spaces, dots or slashes part them.

    A lone line break inside a lowercase run ("aux\nmusulmans") is a wrapped
    line, not the end of a title.
    """
    if b - a > 4:
        return False
    gap = folded[a:b]
    if "\n" in gap:
        return gap.strip(" ") == "\n" and folded[a - 1].islower() and folded[b].islower()
    return not _BREAK_RE.search(gap)


def _scan(t: _Text, index: _PhraseIndex) -> list[_Hit]:
    """Leftmost-longest phrase matches, non-overlapping."""
    hits: list[_Hit] = []
    n = len(t)
    i = 0
    while i < n:
        best: _Hit | None = None
        for seq, entry in index.folded.get(t.low[i], ()):
            size = len(seq)
            if i + size <= n and tuple(t.low[i:i + size]) == seq and t.linked(i, i + size):
                best = _Hit(i, i + size, entry)
                break
        for seq, entry in index.cased.get(t.cased[i], ()):
            size = len(seq)
            if best is not None and best.j - best.i >= size:
                break
            if i + size <= n and tuple(t.cased[i:i + size]) == seq and t.linked(i, i + size):
                if seq[0].lower() in _CAPS_WORDS and t.in_caps_line(i):
                    continue
                best = _Hit(i, i + size, entry)
                break
        if best is None:
            i += 1
        else:
            hits.append(best)
            i = best.j
    return hits


class _CountryMod(NamedTuple):
    i: int
    j: int
    iso: str
    is_name: bool


def _country_mods(t: _Text, kb: ActorKB) -> list[_CountryMod]:
    """Country names and adjectives, except where the name is something else ("Niger State")."""
    mods = []
    for hit in _scan(t, kb.country_phrases):
        iso, form = hit.entry.value
        if form == "name":
            nxt = " ".join(t.low[hit.j:hit.j + 1])
            nxt2 = " ".join(t.low[hit.j:hit.j + 2])
            if (nxt in kb.exclusions_after or nxt2 in kb.exclusions_after) and t.linked(hit.j - 1, hit.j + 1):
                continue
            if any(
                hit.i >= len(before) and tuple(t.low[hit.i - len(before):hit.i]) == before and t.linked(hit.i - len(before), hit.i + 1)
                for before in kb.exclusions_before
            ):
                continue
        mods.append(_CountryMod(hit.i, hit.j, iso, form == "name"))
    return mods


def _infer_country(mods: list[_CountryMod]) -> str | None:
    """The country a text is most about, from its country names and adjectives."""
    counts: dict[str, int] = {}
    for mod in mods:
        counts[mod.iso] = counts.get(mod.iso, 0) + 1
    if not counts:
        return None
    local = {c: n for c, n in counts.items() if c not in _FOREIGN_FOR_INFERENCE} or counts
    return max(local, key=lambda c: local[c])  # ties: first seen (dicts keep order)


@dataclass
class _Context:
    """What surrounds a phrase: adjacent countries, hedges, the widened span."""

    start: int
    end: int
    countries: list[tuple[int, int, str]]  # (first token, last token + 1, iso) of each adjective/name
    suspected: bool = False


class _Finder:
    """One pass over one text; kept small so each rule reads on its own."""

    def __init__(self, kb: ActorKB, text: str, country_hint: str | None, lang: str | None):
        self.kb = kb
        self.t = _Text.of(text)
        self.lang = (lang or "").lower()[:2] or None
        self.hits = _scan(self.t, kb.phrases)
        self.mods = _country_mods(self.t, kb)
        self.mod_end = {m.j: m for m in self.mods}
        self.mod_start = {m.i: m for m in self.mods}
        self.hit_start = {h.i: n for n, h in enumerate(self.hits)}
        self.hit_end = {h.j: n for n, h in enumerate(self.hits)}
        hint = (country_hint or "").upper() or None
        self.country = hint if hint else _infer_country(self.mods)
        self.used: set[int] = set()
        self.out: list[ActorMention] = []

    # -- context ------------------------------------------------------------
    def left(self, i: int) -> _Context:
        """Adjectives and hedges before token i ("suspected", "joint Malian–Russian")."""
        t, ctx = self.t, _Context(i, i, [])
        k, steps = i, 0
        while k > 0 and steps < 6 and t.joinable[k - 1]:
            steps += 1
            mod = self.mod_end.get(k)
            if mod is not None:
                ctx.countries.insert(0, (mod.i, mod.j, mod.iso))
                k = ctx.start = mod.i
                continue
            word = t.low[k - 1]
            if word == "s" and k - 1 in self.mod_end and self.mod_end[k - 1].is_name and t.joinable[k - 2]:
                mod = self.mod_end[k - 1]  # possessive: "Mali's army"
                ctx.countries.insert(0, (mod.i, mod.j, mod.iso))
                k = ctx.start = mod.i
                continue
            if word in self.kb.hedges_before:
                ctx.suspected = True
                k = ctx.start = k - 1
                continue
            if word in _LEFT_FILLERS or (word in _AND and ctx.countries and k - 1 in self.mod_end):
                k -= 1
                continue
            break
        return ctx

    def right(self, j: int, ctx: _Context, allow_names: bool = True) -> _Context:
        """FR adjectives and "of Mali"/"du Mali" after the phrase, and trailing hedges ("présumés")."""
        t, n = self.t, len(self.t)
        k = j
        if k < n and t.joinable[k - 1]:
            mod = self.mod_start.get(k)
            if mod is not None and not mod.is_name and not ctx.countries:
                ctx.countries.append((mod.i, mod.j, mod.iso))
                k = ctx.end = mod.j
            elif allow_names and t.low[k] in _RIGHT_PREP and not ctx.countries and not self._after_possessive(ctx.start):
                m = k + 1
                while m < n and t.low[m] in _DETERMINERS and t.joinable[m - 1]:
                    m += 1
                mod = self.mod_start.get(m)
                if mod is not None and mod.is_name and t.linked(k, m + 1):
                    ctx.countries.append((mod.i, mod.j, mod.iso))
                    k = ctx.end = mod.j
        if k < n and t.joinable[k - 1] and t.low[k] in self.kb.hedges_after:
            ctx.suspected = True
            ctx.end = k + 1
        return ctx

    def _after_possessive(self, i: int) -> bool:
        """"its forces from Mali" is a withdrawal, not Malian forces."""
        return i > 0 and self.t.low[i - 1] in _POSSESSIVES

    def emit(self, start_tok: int, end_tok: int, actor: Actor | None, suspected: bool) -> None:
        if actor is None:
            return
        a, b = self.t.starts[start_tok], self.t.ends[end_tok - 1]
        self.out.append(ActorMention(start=a, end=b, surface=self.t.text[a:b], actor=actor, suspected=suspected))

    def next_hit(self, j: int) -> tuple[int, _Hit] | tuple[None, None]:
        n = self.hit_start.get(j)
        if n is None or n in self.used or not self.t.joinable[j - 1]:
            return None, None
        return n, self.hits[n]

    def prev_hit(self, i: int) -> tuple[int, _Hit] | tuple[None, None]:
        n = self.hit_end.get(i)
        if n is None or n in self.used or i == 0 or not self.t.joinable[i - 1]:
            return None, None
        return n, self.hits[n]

    # -- passes ---------------------------------------------------------------
    def run(self) -> list[ActorMention]:
        for n, hit in enumerate(self.hits):
            if hit.entry.kind == "actor" or hit.entry.value[0] in ("islamic_state", "al_qaeda"):
                self.named(n, hit)
        for n, hit in enumerate(self.hits):
            if n not in self.used and hit.entry.kind == "ethnic":
                self.ethnic(n, hit)
        for n, hit in enumerate(self.hits):
            if n not in self.used and hit.entry.kind == "class":
                self.generic(n, hit)
        return _tidy(self.out)

    def named(self, n: int, hit: _Hit) -> None:
        """A named group, widened over "fighters of ..." / "... militants" and hedges."""
        t = self.t
        self.used.add(n)
        i, j = hit.i, hit.j
        suspected = False
        # "Boko Haram fighters", "Boko Haram suspects", "al-Qaeda-linked jihadists"
        for _ in range(2):
            if j < len(t) and t.joinable[j - 1]:
                m, nxt = self.next_hit(j)
                word = t.low[j]
                if nxt is not None and nxt.entry.kind == "class" and nxt.entry.value[0] in ("armed", "militia", "mercenaries"):
                    self.used.add(m)
                    j = nxt.j
                    continue
                if word in _ABSORB_AFTER_NAMED or word in _DESCRIPTOR_AFTER_GROUP:
                    suspected = suspected or word in ("suspects", "suspect")
                    j += 1
                    continue
            break
        if j + 1 < len(t) and t.low[j] == "suspected" and t.low[j + 1] == "of" and t.linked(j - 1, j + 1):
            suspected = True
        # "jihadistes du JNIM", "members of Boko Haram", "jihadists linked to al-Qaeda"
        k = i
        while k > 0 and i - k < 3 and t.joinable[k - 1] and t.low[k - 1] in _CONNECT_TO_NAMED:
            k -= 1
        if k < i and k > 0 and t.joinable[k - 1]:
            m, prev = self.prev_hit(k)
            if prev is not None and prev.entry.kind == "class" and prev.entry.value[0] in ("armed", "militia", "mercenaries", "rebels"):
                self.used.add(m)
                i = prev.i
            elif t.low[k - 1] in _ABSORB_AFTER_NAMED and (k - 1) not in self.mod_end:
                i = k - 1  # "fighters of ISWAP"; but "Chadian troops of the MNJTF" stay Chadian
        ctx = self.left(i)
        ctx = self.right(j, ctx, allow_names=False)
        country = ctx.countries[-1][2] if ctx.countries else self.country
        if hit.entry.kind == "actor":
            actor = self.kb._pick(hit.entry.value, country)
        else:
            actor = self.kb.actors.get(_group_for(hit.entry.value[0], country))
        if hit.entry.kind == "class" and self._is_bare_abbreviation(hit):
            return
        self.emit(min(i, ctx.start), max(j, ctx.end), actor, suspected or ctx.suspected)

    def _is_bare_abbreviation(self, hit: _Hit) -> bool:
        """"IS"/"EI" read as Islamic State only in a text of the matching language."""
        word = self.t.cased[hit.i]
        return hit.j - hit.i == 1 and ((word == "IS" and self.lang == "fr") or (word == "EI" and self.lang == "en"))

    def ethnic(self, n: int, hit: _Hit) -> None:
        """An ethnic name: a militia next to a militia word, civilians next to a civilian word."""
        t, name = self.t, hit.entry.value[0]
        i, j = hit.i, hit.j
        m, nxt = self.next_hit(j)
        p, prev = self.prev_hit(i)
        role = None
        nxt_role = nxt.entry.value[0] if nxt is not None and nxt.entry.kind == "class" else None
        prev_role = prev.entry.value[0] if prev is not None and prev.entry.kind == "class" else None
        word_after = t.low[j] if j < len(t) and t.joinable[j - 1] else ""
        if nxt_role in ("civilians", "people") or word_after in _SETTLEMENT_WORDS:
            role, j = "civilians", (nxt.j if nxt_role else j + 1)
            if nxt_role:
                self.used.add(m)
        elif prev_role in ("civilians", "people"):
            role, i = "civilians", prev.i
            self.used.add(p)
        elif nxt_role in ("armed", "militia", "vigilantes", "fulani", "rioters", "bandits") or word_after in _MILITIA_HEADS:
            role, j = "militia", (nxt.j if nxt_role else j + 1)
            if nxt_role:
                self.used.add(m)
        elif prev_role in ("armed", "militia", "vigilantes", "fulani", "bandits"):
            role, i = "militia", prev.i
            self.used.add(p)
        elif (nxt is not None and nxt.entry.kind == "ethnic") or (prev is not None and prev.entry.kind == "ethnic"):
            role = "militia"
        elif word_after in _CONFLICT_WORDS:
            role = "militia"
        elif t.low[i] in _ALONE_MEANS_MILITIA and j - i == 1 and word_after not in _ETHNIC_NOT_ACTOR_AFTER:
            role = "militia"
        if role is None:
            return
        self.used.add(n)
        ctx = self.right(j, self.left(i), allow_names=False)
        country = ctx.countries[-1][2] if ctx.countries else self.country
        if role == "civilians":
            actor = self.kb.country_actor("civilians", country)
        else:
            actor = self._ethnic_militia(name, country)
        self.emit(min(i, ctx.start), max(j, ctx.end), actor, ctx.suspected)

    def _ethnic_militia(self, name: str, country: str | None) -> Actor | None:
        for iso in (country, self.kb.ethnic_home.get(name)):
            if iso and iso in self.kb.countries:
                actor = self.kb.actors.get(f"{name} Ethnic Militia ({self.kb.countries[iso]['name']})")
                if actor is not None:
                    return actor
        return None

    def generic(self, n: int, hit: _Hit) -> None:
        """A common noun: the country comes from adjacent adjectives, else the hint."""
        t, role = self.t, hit.entry.value[0]
        phrase = tuple(t.low[hit.i:hit.j])
        if not self._reads_as_actor(role, hit, phrase):
            return
        self.used.add(n)
        ctx = self.right(hit.j, self.left(hit.i))
        explicit = bool(ctx.countries)
        if not explicit and phrase in {(w,) for w in _REQUIRES_COUNTRY_WORD}:
            return
        countries = ctx.countries or [(hit.i, hit.i, self.country)]
        for k, (a, b, iso) in enumerate(countries):
            last = k == len(countries) - 1
            actor = self._generic_actor(role, iso, explicit)
            if last:
                start = min(a, hit.i) if k == 0 else a
                self.emit(min(start, ctx.start) if k == 0 else start, max(hit.j, ctx.end), actor, ctx.suspected)
            else:
                self.emit(min(a, ctx.start) if k == 0 else a, b, actor, ctx.suspected)

    def _reads_as_actor(self, role: str, hit: _Hit, phrase: tuple[str, ...]) -> bool:
        """Filters for nouns that are often not actors ("military coup", "source militaire")."""
        t = self.t
        before = t.low[hit.i - 1] if hit.i > 0 and t.joinable[hit.i - 1] else ""
        after = t.low[hit.j] if hit.j < len(t) and t.joinable[hit.j - 1] else ""
        if before in _NOT_ACTOR_BEFORE:
            return False
        if phrase in {("military",), ("army",), ("militaire",), ("militaires",), ("armee",)} and after in _NOT_ACTOR_AFTER_MILITARY:
            return False
        if phrase in {("militaire",), ("militaires",)} and before in _NOT_ACTOR_BEFORE_MILITAIRE:
            return False
        if phrase == ("armee",) and after == "de" and hit.j + 1 < len(t) and t.low[hit.j + 1] in ("liberation", "l"):
            return False
        if phrase == ("aviation",) and after in ("civile", "commerciale"):
            return False
        if phrase == ("civil",) and before not in _FR_DET_SINGULAR:
            return False
        if role == "people":
            return self._quantified(hit.i)
        if role == "cult" and phrase == ("cult",) and after not in _CONFLICT_WORDS | {"members", "member", "group", "groups", "war", "gang", "gangs", "leader", "leaders"}:
            return False
        return True

    def _quantified(self, i: int) -> bool:
        """"18 people", "dozens of people", "plusieurs personnes", "des dizaines de personnes"."""
        t = self.t
        if i == 0 or not t.joinable[i - 1]:
            return False
        prev = t.low[i - 1]
        if prev.isdigit() or prev in _NUMBER_WORDS:
            return True
        return prev in _QUANT_OF and i >= 2 and (t.low[i - 2].isdigit() or t.low[i - 2] in _NUMBER_WORDS)

    def _generic_actor(self, role: str, iso: str | None, explicit: bool) -> Actor | None:
        kb = self.kb
        if role in ("military", "mercenaries") and iso == "RU" and explicit and self.country not in (None, "RU"):
            return kb.actors.get("Wagner Group")  # Russian forces in Africa: Wagner, later Africa Corps (successor_on)
        if role == "mercenaries":
            if iso in _AFRICA_RUSSIAN_PRESENCE and not explicit:
                return kb.actors.get("Wagner Group")
            return kb.country_actor("armed", iso) if explicit else None
        if role == "people":
            role = "civilians"
        if role in ("military", "police", "civilians", "armed", "militia", "protesters", "rioters"):
            return kb.country_actor(role, iso)
        if role == "bandits":
            return kb.actors.get("Bandits (Nigeria)") if iso == "NG" else kb.country_actor("armed", iso)
        if role == "fulani":
            return self._ethnic_militia("Fulani", iso) if iso else kb.actors.get("Fulani Ethnic Militia")
        if role == "vigilantes":
            dozo = {"ML": "Mali", "BF": "Burkina Faso", "CI": "Ivory Coast"}
            if iso in dozo:
                return kb.actors.get(f"Dozo Communal Militia ({dozo[iso]})")
            return kb.country_actor("vigilantes", iso)
        if role == "rebels":
            named = _REBELS_BY_COUNTRY.get(iso)
            return kb.actors.get(named) if named else kb.country_actor("armed", iso)
        if role == "cult":
            return kb.actors.get("Unidentified Cult Militia (Nigeria)") if iso == "NG" else kb.country_actor("armed", iso)
        if role == "volunteers":
            return kb.actors.get(_VOLUNTEERS.get(iso, "")) if iso else None
        if role == "peacekeepers":
            return kb.actors.get(_PEACEKEEPERS.get(iso, "")) if iso else None
        return None


_REBELS_BY_COUNTRY = {
    "ML": "CMA: Coordination of Azawad Movements",
    "CM": "Ambazonian Separatists",
    "SN": "MFDC: Movement of Democratic Forces of Casamance",
}
_VOLUNTEERS = {"BF": "VDP: Volunteers for the Defense of the Homeland"}
_PEACEKEEPERS = {"ML": "MINUSMA: United Nations Multidimensional Integrated Stabilization Mission in Mali"}
_IS_BY_COUNTRY = {"NG": "ISWAP: Islamic State West Africa Province", "TD": "ISWAP: Islamic State West Africa Province", "CM": "ISWAP: Islamic State West Africa Province",
                  "ML": "ISSP: Islamic State Sahel Province", "BF": "ISSP: Islamic State Sahel Province", "NE": "ISSP: Islamic State Sahel Province",
                  "BJ": "ISSP: Islamic State Sahel Province", "TG": "ISSP: Islamic State Sahel Province"}
_AQIM_COUNTRIES = frozenset({"DZ", "LY", "MR", "TN", "NG"})


def _group_for(role: str, country: str | None) -> str:
    """The group a bare "Islamic State" or "al-Qaeda" stands for in a country."""
    if role == "islamic_state":
        return _IS_BY_COUNTRY.get(country or "", "Islamic State")
    if country in _AQIM_COUNTRIES:
        return "AQIM: Al Qaeda in the Islamic Maghreb"
    return "JNIM: Group for Support of Islam and Muslims"


_APPOSITION_RE = re.compile(r"\s*[(,]?\s*(?:(?:or|ou|aka|alias|also known as|dit|also called)\s+)?$", re.I)


def _tidy(mentions: list[ActorMention]) -> list[ActorMention]:
    """Text order; of overlapping mentions the longest is kept."""
    ordered = sorted(mentions, key=lambda m: (m.start, -(m.end - m.start)))
    kept: list[ActorMention] = []
    for m in ordered:
        if kept and m.start < kept[-1].end:
            if (m.end - m.start) > (kept[-1].end - kept[-1].start):
                kept[-1] = m
            continue
        kept.append(m)
    return kept


def extract_actors(
    text: str,
    country_hint: str | None = None,
    lang: str | None = None,
    kb: ActorKB | None = None,
) -> list[ActorMention]:
    """Find the actors a text names, in text order, without overlaps.

    Args:
        text: a sentence, a headline or a whole article (EN or FR).
        country_hint: ISO2 of the country the text is about; generic nouns
            ("soldiers", "civils") belong to it unless an adjective says otherwise.
            When absent, the country most named in the text is used.
        lang: ``en`` or ``fr`` when known (only disambiguates "IS" / "EI").
        kb: a knowledge base; the packaged one by default.

    Returns:
        :class:`ActorMention` objects; ``suspected`` is set for hedged mentions.

    >>> [(m.surface, m.actor.name) for m in extract_actors("Des soldats maliens et des présumés jihadistes", "ML")]
    [('soldats maliens', 'Military Forces of Mali'), ('présumés jihadistes', 'Unidentified Armed Group (Mali)')]
    >>> extract_actors("Suspected Fulani herdsmen kill 20", "NG")[0].suspected
    True
    """
    if not text or not text.strip():
        return []
    finder = _Finder(kb or load_actor_kb(), text, country_hint, lang)
    mentions = finder.run()
    return _merge_appositions(text, mentions)


def _merge_appositions(text: str, mentions: list[ActorMention]) -> list[ActorMention]:
    """"Islamic State in the Greater Sahara (EIGS)" is one mention, not two."""
    merged: list[ActorMention] = []
    for m in mentions:
        if merged:
            last = merged[-1]
            between = text[last.end:m.start]
            if last.actor.name == m.actor.name and len(between) <= 12 and _APPOSITION_RE.fullmatch(between):
                end = m.end
                surface = text[last.start:end]
                if surface.count("(") > surface.count(")") and text[end:end + 1] == ")":
                    end += 1
                merged[-1] = ActorMention(last.start, end, text[last.start:end], last.actor, last.suspected or m.suspected)
                continue
        merged.append(m)
    return merged
