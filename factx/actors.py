"""Actors: who the named entities of an article are, under one canonical name each.

A gazetteer (models/actors.json, plus the user's own file) names well-known people, places and
organisations with their aliases and role phrases. Persons it does not know are grouped within an
article ("Iouri Ouchakov" ... "Ouchakov") and across articles by close spelling
("Vladirmir Poutine" is Vladimir Poutine; "Kim Jong-il" is not Kim Jong-un).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache
from itertools import chain
from pathlib import Path
from typing import Iterable, Optional

from rapidfuzz.distance import Levenshtein

from .errors import DataFileError
from .nlp import EntityMention, NamePattern, ParsedArticle, Sentence
from .resources import alternation, load_json_resource

KINDS = ("PER", "ORG", "LOC")


@dataclass(frozen=True)
class GazetteerEntry:
    name: str
    kind: str
    aliases: tuple[str, ...]
    roles: tuple[str, ...]
    # when the role phrases name this entry: (first day, last day or None); empty: at any date
    roles_held: tuple[tuple[date, Optional[date]], ...] = ()

    def holds_roles_on(self, day: Optional[date]) -> bool:
        return day is None or not self.roles_held or any(
            start <= day and (end is None or day <= end) for start, end in self.roles_held)


@dataclass(frozen=True)
class ActorMention:
    """One entity mention with the canonical name it stands for."""

    name: str  # canonical
    form: str  # as written
    kind: str  # PER, ORG, LOC
    start: int
    end: int
    via: str  # gazetteer, role, fuzzy, document, form
    gender: Optional[str] = None  # "f" or "m" where the article says ("Mme", "la ministre des Transports, X")


@lru_cache(maxsize=1)
def person_nouns() -> frozenset:
    """Every noun a person can be described by (models/actors.json: role nouns, gendered role nouns,
    description nouns), lower case."""
    raw = load_json_resource("actors.json")
    return frozenset(w.lower() for key in ("role_nouns", "feminine_role_nouns", "masculine_role_nouns", "description_nouns")
                     for w in raw.get(key, ()))


_UNACCENTED_CAPITALS = str.maketrans("ÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸ", "AAACEEEEIIOOUUUY")


def _as_written(form: str) -> tuple[str, ...]:
    """A name or role as the gazetteer writes it, and as much of the press writes it, capitals without
    their accents ("le chef de l'Etat", "Elisabeth Borne")."""
    bare = form.translate(_UNACCENTED_CAPITALS)
    return (form,) if bare == form else (form, bare)


@lru_cache(maxsize=1 << 16)  # the same names and sentences are folded again and again (9% of extract)
def fold(text: str) -> str:
    """Lower case, no accents, hyphens and apostrophes as spaces: the key forms are compared on."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("’", "'").lower()
    return re.sub(r"[\s\-']+", " ", text).strip()


def _in_order(words: Iterable[str], first_letter_either_case: bool = False) -> str:
    """A regex alternative of words tried in the data file's order ("Le" as well as "le" when asked)."""
    if first_letter_either_case:
        return "|".join(f"[{w[0].upper()}{w[0]}]{re.escape(w[1:])}" for w in words)
    return "|".join(map(re.escape, words))


def _elided(word: str) -> bool:
    return word.endswith(("'", "’"))


def _article_before(articles: Iterable[str]) -> str:
    """An article and the space after it: an elided one ("l'") may touch the next word."""
    articles = list(articles)
    full = _in_order((a for a in articles if not _elided(a)), first_letter_either_case=True)
    elided = _in_order((a for a in articles if _elided(a)), first_letter_either_case=True)
    return rf"(?:(?<![\w])(?:{full})\s+|(?<![\w])(?:{elided})\s*)"


def _role_patterns(role_nouns: Iterable[str], capitalized_words: Iterable[str]) -> tuple:
    """Role phrases (`_roles_the_article_names`): a role before a name and its comma ("le ministre de
    l'Intérieur, "), a role after a name and its comma (", conseiller du Kremlin,"), and a role
    anywhere with the words that follow it (matched against the roles learned)."""
    role_nouns = list(role_nouns)
    if not role_nouns:
        return None, None, None
    rules = _name_rules()
    nouns = alternation(role_nouns)
    # the head noun, then lower-case words, "l'Intérieur", plurals ("Affaires"), acronyms, known capitals
    word = (rf"[ \t]+(?:(?:{_in_order(rules.role_elisions)})\s*[\w-]+|[a-zà-ÿ][\w-]*|[A-ZÀ-Ý][\w-]*(?<=[a-zà-ÿ]s)"
            rf"|[A-ZÀ-Ý]{{2,}}(?![\w])|{alternation(capitalized_words)})")
    shortest, longest = (rf"(?P<role>{nouns}(?![\w-])(?:{word}){{0,6}}{lazy})" for lazy in ("?", ""))
    article = _article_before(rules.role_articles)
    return (re.compile(rf"{article}{shortest}[ \t]*,[ \t]*\Z"),
            re.compile(rf"[ \t]*,[ \t]*{article}?{shortest}[ \t]*(?=[,;.)])"),
            re.compile(rf"{_article_before((*rules.role_articles, *rules.role_contractions))}{longest}", re.I))


_CAPITALISED_WORDS = re.compile(r"[A-ZÀ-Ý][\w'’-]*(?:\s+[A-ZÀ-Ý][\w'’-]*)+")


class Gazetteer:
    def __init__(self, entries: Iterable[GazetteerEntry], titles: Iterable[str], plural_references: Iterable[str] = (),
                 not_entities: Iterable[str] = (), named_place_cues: Iterable[str] = (), role_nouns: Iterable[str] = (),
                 role_capitalized_words: Iterable[str] = (), role_genders: tuple = ((), ()),
                 organisation_cues: Iterable[str] = (), organisation_words: Iterable[str] = (),
                 organisation_link_words: Iterable[str] = (), words_after_lone_role: Iterable[str] = ()):
        self.entries = list(entries)
        rules = _name_rules()
        self._place_cue = re.compile(rf"(?<![\w]){alternation(named_place_cues)}\s+$", re.I)
        organisation_cues = list(organisation_cues)
        not_a_participle = "".join(f"(?<!{re.escape(e)})" for e in rules.participle_endings)
        # "le groupe italien Brenta Rail", "la société Delorme": a cue, at most one adjective, a name
        self._organisation_cue = re.compile(
            rf"(?<![\w]){alternation(organisation_cues)}"
            rf"(?:\s+(?!{alternation(organisation_link_words)}\b)[a-zà-ÿ-]+{not_a_participle})?"
            rf"\s+(?P<name>[A-ZÀ-Ý][\w'’-]*(?:\s+[A-ZÀ-Ý][\w'’-]*)*)") if organisation_cues else None
        self.organisation_words = frozenset(fold(w) for w in organisation_words)
        self.words_after_lone_role = frozenset(fold(w) for w in words_after_lone_role)
        role_nouns = list(role_nouns)
        self.role_nouns = frozenset(w.lower() for w in role_nouns)
        self.role_before, self.role_after, self.role_anywhere = _role_patterns(role_nouns, role_capitalized_words)
        self.feminine_roles, self.masculine_roles = (frozenset(w.lower() for w in g) for g in role_genders)
        self.role_head = re.compile(rf"{_article_before(rules.role_articles)}{alternation(role_nouns)}(?![\w-])") \
            if role_nouns else None
        self._article_genders = rules.article_genders
        elided = [a for a in rules.role_articles if _elided(a)]
        self._elided_article = re.compile(rf"^(?:{_in_order(elided, first_letter_either_case=True)})")
        self.not_entities = frozenset(fold(w) for w in not_entities)
        self.plural_references = tuple(fold(p) for p in plural_references)
        self.titles = sorted(titles, key=len, reverse=True)
        self.by_form: dict[str, GazetteerEntry] = {}
        for entry in self.entries:
            for form in (entry.name, *entry.aliases, *entry.roles):
                self.by_form.setdefault(fold(form), entry)
        self._persons = [e for e in self.entries if e.kind == "PER"]
        # each person's written names, folded and split once (`same_person_spelling` compares those);
        # and what `fuzzy_person` and `strip_title` answered, per form: articles name the same people
        self._person_parts = [(e, [fold(known).split() for known in (e.name, *e.aliases)]) for e in self._persons]
        self._fuzzy: dict[str, Optional[GazetteerEntry]] = {}
        self._stripped: dict[str, str] = {}

    @classmethod
    def load(cls, extra_files: Iterable[Path] = ()) -> "Gazetteer":
        """The built-in gazetteer, with the user's files first so that their entries win."""
        sources = [(str(p), _read_user_file(p)) for p in extra_files] + [("models/actors.json", load_json_resource("actors.json"))]
        entries, titles, plurals, not_entities, place_cues, role_nouns, role_capitals = [], [], [], [], [], [], []
        feminine, masculine, organisation_cues, organisation_words, link_words, words_after_lone_role = [], [], [], [], [], []
        for origin, data in sources:
            try:
                for raw in data.get("entries", []):
                    held = tuple((date.fromisoformat(a), date.fromisoformat(b) if b else None)
                                 for a, b in raw.get("roles_held", []))
                    entries.append(GazetteerEntry(raw["name"], raw.get("kind", "PER").upper(),
                                                  tuple(raw.get("aliases", [])), tuple(raw.get("roles", [])), held))
                titles.extend(data.get("titles", []))
                plurals.extend(data.get("plural_references", []))
                not_entities.extend(data.get("not_entities", []))
                place_cues.extend(data.get("named_place_cues", []))
                role_nouns.extend(data.get("role_nouns", []))
                role_capitals.extend(data.get("role_capitalized_words", []))
                feminine.extend(data.get("feminine_role_nouns", []))
                masculine.extend(data.get("masculine_role_nouns", []))
                organisation_cues.extend(data.get("organisation_cues", []))
                organisation_words.extend(data.get("organisation_words", []))
                link_words.extend(data.get("organisation_link_words", []))
                words_after_lone_role.extend(data.get("words_after_lone_role", []))
            except (AttributeError, KeyError, TypeError, ValueError):
                raise DataFileError(f"{origin}: each entry needs a 'name' (and optional 'kind', 'aliases', 'roles', "
                                    "'roles_held' as [first day, last day or null] pairs)") from None
        return cls(entries, titles, plurals, not_entities, place_cues, role_nouns, role_capitals, (feminine, masculine),
                   organisation_cues, organisation_words, link_words, words_after_lone_role)

    def patterns(self) -> list[NamePattern]:
        """Surface forms for the NLP stage, so names come out whole and role phrases are found."""
        out = []
        for entry in self.entries:
            for form in (entry.name, *entry.aliases):
                out.extend(NamePattern(f, entry.kind, entry.name) for f in _as_written(form))
            for role in entry.roles:
                # without its article, so "du dirigeant russe" and "au président russe" match too
                core = _leading_article().sub("", role)
                out.extend(NamePattern(f, entry.kind, entry.name, ignore_case=True) for f in _as_written(core))
        return out

    def gender_of_role(self, role: str) -> Optional[str]:
        """'f' for "l'avocate de Bernard" or "la ministre", 'm' for "le ministre" or "l'avocat", else None."""
        words = role.split()
        head = self._elided_article.sub("", words[0]) if words else ""
        if len(words) > 1 and head.lower() in self._article_genders:
            head = words[1]
        head = head.lower().strip(",")
        if head in self.feminine_roles or head in self.masculine_roles:
            return "f" if head in self.feminine_roles else "m"
        return self._article_genders.get(words[0].lower()) if words else None

    def names_a_place(self, text: str, start: int) -> bool:
        """The name at `start` follows a word that makes it a place's: "rue Paul-Bert", "l'école Maurice-Henry"."""
        return self._place_cue.search(text, max(0, start - 40), start) is not None

    def organisations_named_in(self, text: str) -> frozenset:
        """The names the article gives organisations, folded: after an organisation noun ("le groupe
        italien Brenta Rail"), or holding a word of a company's name ("Delorme Ferroviaire")."""
        cued = (m["name"] for m in self._organisation_cue.finditer(text)) if self._organisation_cue else ()
        worded = (m.group(0) for m in _CAPITALISED_WORDS.finditer(text)
                  if any(w in self.organisation_words for w in fold(m.group(0)).split()))
        return frozenset(map(fold, chain(cued, worded)))

    def names_an_organisation(self, form: str, organisations: frozenset) -> bool:
        """A "person" the model found that is an organisation: named so in the article ("Delorme" of
        "la société Delorme Ferroviaire" too), or holding a word no person's name holds ("Rail")."""
        folded = fold(form)
        return folded in organisations or any(o.startswith(folded + " ") for o in organisations) \
            or any(w in self.organisation_words for w in folded.split())

    def lookup(self, form: str) -> Optional[GazetteerEntry]:
        return self.by_form.get(fold(form))

    def fuzzy_person(self, form: str) -> Optional[GazetteerEntry]:
        if form not in self._fuzzy:
            parts = fold(form).split()
            self._fuzzy[form] = next((entry for entry, names in self._person_parts
                                      if any(_same_parts(parts, known) for known in names)), None)
        return self._fuzzy[form]

    def strip_title(self, form: str) -> str:
        if form not in self._stripped:
            self._stripped[form] = self._strip_title(form)
        return self._stripped[form]

    def _strip_title(self, form: str) -> str:
        stripped, changed = form.strip(), True
        while changed:
            changed = False
            for title in self.titles:
                if stripped.lower().startswith(title.lower() + " ") or (title.endswith(".") and stripped.startswith(title)):
                    stripped = stripped[len(title):].strip()
                    changed = True
        return stripped or form


def _read_user_file(path: Path) -> dict:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise DataFileError(f"{path}: cannot read actors file ({exc.strerror or exc})") from None
    except ValueError as exc:
        raise DataFileError(f"{path}: actors file is not valid JSON ({exc})") from None
    if not isinstance(data, dict):
        raise DataFileError(f"{path}: actors file must be a JSON object with an 'entries' list")
    return data


def same_person_spelling(a: str, b: str) -> bool:
    """Two written names of one person: same number of name parts, each part equal, or one typo
    apart when it has four letters or more. "Kim Jong Un" = "Kim Jong-un" = "Kim Jung-un", but
    "Kim Jong-il" differs (a two-letter part must match exactly)."""
    return _same_parts(fold(a).split(), fold(b).split())


def _same_parts(ta: list[str], tb: list[str]) -> bool:
    if len(ta) != len(tb) or len(ta) < 2:
        return False
    typos = 0
    for x, y in zip(ta, tb):
        if x == y:
            continue
        if min(len(x), len(y)) < 4 or Levenshtein.distance(x, y) > 1:
            return False
        typos += 1
    return typos <= 1


_NAME_SHAPE = re.compile(r"^[A-ZÀ-Ý]")


def resolve_article_actors(parsed: ParsedArticle, gazetteer: Gazetteer, on: Optional[date] = None) -> list[ActorMention]:
    """Every person, place and organisation mention of one article, under its canonical name. `on`:
    the article's date, when known; a role phrase names a gazetteer person only while they hold it."""
    mentions: list[ActorMention] = []
    persons: list[tuple[EntityMention, str]] = []
    organisations = None  # read from the text when a person or place is found that is not in the gazetteer
    capitals = None  # what the article's writing says of its capitals, read when first needed
    named_persons = _forms_named_as_persons(parsed, gazetteer)
    for sentence in parsed.sentences:
        for ent in sentence.entities:
            kind = {"PER": "PER", "LOC": "LOC", "ORG": "ORG"}.get(ent.label)
            if kind is None:
                continue
            if ent.entity_id:
                entry = gazetteer.lookup(ent.entity_id)
                via = "gazetteer" if entry and fold(ent.text) in {fold(f) for f in (entry.name, *entry.aliases)} else "role"
                if via == "role" and (_role_of_another(sentence, ent) or entry and not entry.holds_roles_on(on)):
                    continue
                mentions.append(ActorMention(ent.entity_id, ent.text, entry.kind if entry else kind, ent.start, ent.end, via))
                continue
            form = _entity_form(ent.text, gazetteer)
            if fold(form) in gazetteer.not_entities:
                continue
            entry = gazetteer.lookup(form)
            if entry is not None:
                mentions.append(ActorMention(entry.name, ent.text, entry.kind, ent.start, ent.end, "gazetteer"))
                continue
            if capitals is None:
                capitals = _Capitals(parsed.article.text)
            verdict = _name_verdict(form, kind, ent, sentence, capitals, gazetteer.role_nouns)
            if verdict is _NOT_A_NAME:
                continue
            if verdict is _DATELINE:
                form = capitals.as_written_elsewhere(form)  # "WONSAN (Corée du Nord) –" is the Wonsan of the text
            if kind in ("ORG", "LOC") and fold(form) in named_persons:
                kind = "PER"  # "le directeur général de l'OMS, Tedros Adhanom Ghebreyesus", read as an organisation
            if kind == "PER" and gazetteer.names_a_place(parsed.article.text, ent.start):
                kind = "LOC"  # "rue Paul-Bert", "l'ex-hôtel Adriatik": a place named after someone, or not
            if kind in ("PER", "LOC"):
                # the model takes companies for people and for places alike
                if organisations is None:
                    organisations = gazetteer.organisations_named_in(parsed.article.text)
                if gazetteer.names_an_organisation(form, organisations):
                    kind = "ORG"
            if kind == "PER":
                if not _NAME_SHAPE.match(form) or len(form) < 3 or fold(form) in _calendar_words():
                    continue  # lower-case "persons", or "Lundi", are the model's mistakes
                fuzzy = gazetteer.fuzzy_person(form)
                if fuzzy is not None:
                    mentions.append(ActorMention(fuzzy.name, ent.text, "PER", ent.start, ent.end, "fuzzy"))
                    continue
                persons.append((ent, form))
            else:
                mentions.append(ActorMention(_place_name(form), ent.text, kind, ent.start, ent.end, "form"))
    mentions.extend(_group_unknown_persons(persons, mentions))
    mentions.extend(_roles_the_article_names(mentions, parsed.article.text, gazetteer))
    mentions.extend(_families_the_article_names(mentions, parsed.article.text))
    mentions.sort(key=lambda m: m.start)
    return _with_genders(_without_roles_named_beside(mentions, parsed.article.text), parsed.article.text, gazetteer)


def _roles_the_article_names(mentions: list[ActorMention], text: str, gazetteer: Gazetteer) -> list[ActorMention]:
    """"Le ministre russe des Affaires étrangères, Sergueï Lavrov, ..." then "Le ministre russe a de
    nouveau salué...": a role phrase the article put beside a name stands, elsewhere in the article,
    for that person; so does its beginning of two words or more, if it begins no other person's role,
    and its head noun alone ("Le ministre a annoncé...") if that is all the phrase says and no other
    person's role the article gave begins with it."""
    if gazetteer.role_before is None:
        return []
    persons = [m for m in mentions if m.kind == "PER"]
    learned: dict[tuple[str, ...], set[str]] = defaultdict(set)
    for m in persons:
        if m.via == "role":
            continue
        for found in (gazetteer.role_before.search(text, max(0, m.start - 100), m.start),
                      gazetteer.role_after.match(text, m.end)):
            if found is not None:
                learned[tuple(fold(found["role"]).split())].add(m.name)
    if not learned:
        return []
    taken = [(m.start, m.end) for m in persons]
    out = []
    for found in gazetteer.role_anywhere.finditer(text):
        start = found.start("role")
        words = [(w.start(), w.end()) for w in re.finditer(r"[^\s'’-]+", found["role"])]
        folded = [fold(found["role"][a:b]) for a, b in words]
        # the head noun alone where what follows it ends it: the verb ("Le ministre a annoncé", "s'est
        # rendu"), a conjunction ("entre le ministre et Kim Jong-un")
        alone = len(folded) == 1 or folded[1] in gazetteer.words_after_lone_role
        for k in range(len(folded), 0 if alone else 1, -1):
            names = {n for role, ns in learned.items() if list(role[:k]) == folded[:k] for n in ns}
            if names:
                end = start + words[k - 1][1]
                if len(names) == 1 and not any(s < end and start < e for s, e in taken):
                    out.append(ActorMention(names.pop(), text[start:end], "PER", start, end, "role"))
                break
    return out


def _families_the_article_names(mentions: list[ActorMention], text: str) -> list[ActorMention]:
    """"Les époux Fillon" (models/entity_names_fr.json family_references), and "François et Pénélope
    Fillon", stand for every person of that surname the article names, whom the phrase names."""
    by_surname: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        if m.kind == "PER" and " " in m.name:
            by_surname[m.name.split()[-1]].add(m.name)
    if not by_surname:
        return []
    out, after = [], 0
    # each surname the text writes, then what stands before it: fewer steps than trying every position
    for surname in re.finditer(rf"(?<![\w-]){alternation(by_surname)}(?![\w-])", text):
        found = _family_phrase().search(text, max(after, surname.start() - 200), surname.start())
        if found is None:
            continue
        named = {n for n in by_surname[surname.group()] if found["first"] in (None, n.split()[0])}
        out.extend(ActorMention(n, text[found.start():surname.end()], "PER", found.start(), surname.end(), "document")
                   for n in sorted(named))
        after = surname.end()
    return out


@lru_cache(maxsize=1)
def _family_phrase() -> re.Pattern:  # what stands just before the surname
    words = load_json_resource("entity_names_fr.json")
    return re.compile(rf"(?:(?<![\w])(?i:{alternation(words['family_references'])})\s+"
                      rf"|(?P<first>[A-ZÀ-Ý][\w-]+) (?:{alternation(words['family_name_links'])}) [A-ZÀ-Ý][\w-]+ )$")


@lru_cache(maxsize=1)
def _gender_titles() -> tuple:
    """The feminine and the masculine title just before a name."""
    rules = _name_rules()
    return tuple(re.compile(rf"(?<![\w])(?:{alternation(titles)})\s*$") for titles in (rules.feminine_titles,
                                                                                          rules.masculine_titles))


def _with_genders(mentions: list[ActorMention], text: str, gazetteer: Gazetteer) -> list[ActorMention]:
    """Each person's gender where the article says it, for the pronouns that stand for them ("Il a
    jugé..." is not the lawyer "Mme Michel"): a title ("Mme", "M."), or the article of a role in
    apposition ("la ministre des Transports, Hélène Carvalho"). A person the article gives both is
    left without."""
    said: dict[str, set[str]] = defaultdict(set)
    feminine_title, masculine_title = _gender_titles()
    for m in mentions:
        if m.kind != "PER" or m.via == "role":
            continue
        title = m.form[:max(0, len(m.form) - len(gazetteer.strip_title(m.form)))]  # "Mme" in "Mme Choe Son Hui"
        before = text[max(0, m.start - 100):m.start] + title
        if feminine_title.search(before):
            said[m.name].add("f")
        elif masculine_title.search(before):
            said[m.name].add("m")
        else:
            gender = gazetteer.gender_of_role(_role_apposed_before(text, m.start, gazetteer))
            if gender:
                said[m.name].add(gender)
    genders = {name: next(iter(g)) for name, g in said.items() if len(g) == 1}
    if not genders:
        return mentions
    return [replace(m, gender=genders[m.name]) if m.kind == "PER" and m.name in genders else m for m in mentions]


def _role_apposed_before(text: str, start: int, gazetteer: Gazetteer, reach: int = 100, breaks: str = ",.;:!?«»()") -> str:
    """The article and head noun of a role the name at `start` is put in apposition to ("L'avocate
    de Bernard, | Alexandra Michel"), or "": no mark of `breaks` between the role and the comma."""
    window = text[max(0, start - reach):start]
    if gazetteer.role_head is None or not re.search(r",\s*\Z", window):
        return ""
    body = window[:window.rstrip().rfind(",")]
    hits = list(gazetteer.role_head.finditer(body))
    if not hits or any(mark in body[hits[-1].end():] for mark in breaks):
        return ""
    return hits[-1].group(0)


_PERSON_NAME_WORD = re.compile(r"[A-ZÀ-Ý][a-zà-ÿ'’-]+")


def _forms_named_as_persons(parsed: ParsedArticle, gazetteer: Gazetteer) -> frozenset:
    """The folded full names (two to four capitalised words) the article gives a person somewhere:
    as the model reads it, or after a person's role or title (`_person_by_apposition`). The model may
    read the same name as an organisation in another sentence ("Tedros Adhanom Ghebreyesus a précisé")."""
    forms = set()
    for sentence in parsed.sentences:
        for ent in sentence.entities:
            if ent.entity_id or ent.label not in ("PER", "ORG", "LOC"):
                continue
            form = _entity_form(ent.text, gazetteer)
            if not _full_name_shape(form, gazetteer):
                continue
            if ent.label == "PER" or _person_by_apposition(parsed.article.text, ent.start, form, gazetteer):
                forms.add(fold(form))
    return frozenset(forms)


def _full_name_shape(form: str, gazetteer: Gazetteer) -> bool:
    """Two to four capitalised words, none of them an organisation's word."""
    words = form.split()
    return 2 <= len(words) <= 4 and all(_PERSON_NAME_WORD.fullmatch(w) for w in words) \
        and not any(fold(w) in gazetteer.organisation_words for w in words)


def _person_by_apposition(text: str, start: int, form: str, gazetteer: Gazetteer) -> bool:
    """A name the model took for an organisation or a place that the article puts after a person's
    role and a comma ("le chef de l'OMS, Tedros Adhanom Ghebreyesus") or after a person's title ("le
    Dr Tedros"): two to four capitalised words, none of them an organisation's word."""
    if not _full_name_shape(form, gazetteer):
        return False
    before = text[max(0, start - 12):start]
    # the role's complement may hold an acronym in brackets: "de l'Organisation mondiale de la santé (OMS),"
    return bool(_role_apposed_before(text, start, gazetteer, reach=140, breaks=",.;:!?«»")) or any(
        re.search(rf"(?<![\w]){re.escape(t)}\s+\Z", before) for t in gazetteer.titles if t[:1].isupper())


@lru_cache(maxsize=1)
def _apposition_gap() -> re.Pattern:
    """What lies between a role phrase and the name in apposition to it: "le président russe Boris
    Eltsine", "Boris Eltsine, le président russe", "le président russe, Boris Eltsine"."""
    return re.compile(rf"\s*,?\s*(?:(?:{_in_order(_name_rules().role_articles)})\s*)?", re.I)


def _role_of_another(sentence: Sentence, ent: EntityMention) -> bool:
    """"le chef de l'État sénégalais", "le président de la République de Guinée": a role phrase the
    gazetteer knows, followed by an adjective or by "de" and a capitalised word, is someone else's role."""
    following = next((k for k, t in enumerate(sentence.tokens) if t.start >= ent.end), None)
    if following is None:
        return False
    first, *rest = sentence.tokens[following:following + 2]
    if first.pos == "ADJ" and first.text[:1].islower():
        return True
    return first.text.lower() in _name_rules().complement_prepositions and bool(rest) and rest[0].text[:1].isupper()


def _without_roles_named_beside(mentions: list[ActorMention], text: str) -> list[ActorMention]:
    """A role phrase next to a person's name is that person's role: "le président russe Boris
    Eltsine" in 1999 names Eltsine, not the gazetteer's president of today."""
    persons = [m for m in mentions if m.kind == "PER"]
    named_beside = set()
    gap = _apposition_gap()
    for left, right in zip(persons, persons[1:]):
        if left.via == right.via == "role" or not gap.fullmatch(text[left.end:right.start]):
            continue
        if left.via == "role":
            named_beside.add(id(left))
        elif right.via == "role":
            named_beside.add(id(right))
    return [m for m in mentions if id(m) not in named_beside] if named_beside else mentions


# ---------------------------------------------------------------------------------------------
# Names, not headings or fragments (the rules and their words: models/entity_names_fr.json)

@dataclass(frozen=True)
class _NameRules:
    function_words: frozenset
    leading_articles: tuple  # ordered: the regex that strips them tries them in the file's order
    heading_marks: tuple
    capital_openers: frozenset
    dateline_marks: tuple
    acronym_max_letters: int
    title_case_min_words: int
    role_articles: tuple
    role_contractions: tuple
    role_elisions: tuple
    article_genders: dict
    complement_prepositions: frozenset
    feminine_titles: tuple
    masculine_titles: tuple
    plural_endings: tuple
    participle_endings: tuple


@lru_cache(maxsize=1)
def _name_rules() -> _NameRules:
    data = load_json_resource("entity_names_fr.json")
    try:
        return _NameRules(
            function_words=frozenset(data["function_words"]), leading_articles=tuple(data["leading_articles"]),
            heading_marks=tuple(data["heading_marks"]), capital_openers=frozenset(data["capital_openers"]),
            dateline_marks=tuple(data["dateline_marks"]), acronym_max_letters=int(data["acronym_max_letters"]),
            title_case_min_words=int(data["title_case_min_words"]), role_articles=tuple(data["role_articles"]),
            role_contractions=tuple(data["role_contractions"]), role_elisions=tuple(data["role_elisions"]),
            article_genders=dict(data["article_genders"]),
            complement_prepositions=frozenset(data["complement_prepositions"]),
            feminine_titles=tuple(data["feminine_titles"]), masculine_titles=tuple(data["masculine_titles"]),
            plural_endings=tuple(data["plural_endings"]), participle_endings=tuple(data["participle_endings"]))
    except (KeyError, TypeError, ValueError):
        raise DataFileError("models/entity_names_fr.json: a list or number is missing or malformed") from None


@lru_cache(maxsize=1)
def _leading_article() -> re.Pattern:
    return re.compile(rf"^(?:{_in_order(_name_rules().leading_articles)})\s*", re.I)


# a word, with an elided article or preposition apart ("l’Est" is "l’" and "Est")
_NAME_WORDS = re.compile(r"\w+['’](?=\w)|\S+")


def names_something(form: str, kind: str, role_nouns: Iterable[str] = ()) -> bool:
    """What the form alone says: False for a fragment the model cut in the middle of a phrase ("ministère
    des Affaires étrangères de la", "de la Défense"), a heading glued across its marks ("Économie •"),
    or a role phrase ("ministre de la Défense" is a person's role, not an organisation)."""
    rules = _name_rules()
    words = _NAME_WORDS.findall(form.strip())
    if not words or any(mark in form for mark in rules.heading_marks) or words[-1] in rules.function_words:
        return False
    roles = frozenset(role_nouns)
    if kind == "PER":
        # "Premier ministre de la Ve République": a role and its complement, where a name would stand
        return not any(w in roles and (i + 1 == len(words) or words[i + 1] in rules.function_words)
                       for i, w in enumerate(words))
    if words[0] in rules.function_words and words[0] not in rules.leading_articles:
        return False
    head = words[1] if words[0] in rules.leading_articles and len(words) > 1 else words[0]
    return head not in roles


_NOT_A_NAME, _DATELINE, _A_NAME = "not a name", "dateline", "a name"


def _name_verdict(form: str, kind: str, ent: EntityMention, sentence: Sentence, capitals: "_Capitals",
                  role_nouns: frozenset) -> str:
    """Whether an entity the gazetteer does not know names something, from its shape and from how the
    article writes it: _DATELINE for a place shouted at the start of a dateline."""
    if not names_something(form, kind, role_nouns):
        return _NOT_A_NAME
    if _all_capitals(form):
        return capitals.shouted(ent.start, ent.end)
    tokens = [t for t in sentence.tokens if ent.start <= t.start < ent.end]
    if tokens and tokens[0].pos == "DET" and len(tokens) > 1:
        tokens = tokens[1:]  # "la Chine": the article is no part of the name
    if tokens and all(capitals.common(t.text, t.pos) for t in tokens if t.text[:1].isalpha()):
        return _NOT_A_NAME
    return _A_NAME


def _all_capitals(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


class _Capitals:
    """What an article's own writing says of a capitalised word: a capital that a line, a sentence or a
    heading segment gives every first word, or that a heading Written In Title Case gives every word,
    says nothing; a capital elsewhere says the writer meant a name."""

    def __init__(self, text: str):
        self.text = text
        self.rules = _name_rules()
        self._lower: Optional[frozenset] = None
        self._meant: dict[str, bool] = {}
        self._title_case: dict[int, bool] = {}

    def _line(self, offset: int) -> tuple[int, int]:
        start = self.text.rfind("\n", 0, offset) + 1
        end = self.text.find("\n", offset)
        return start, len(self.text) if end < 0 else end

    def by_position(self, offset: int) -> bool:
        """The word at `offset` starts a line, a sentence, a quote or a heading segment."""
        i = offset - 1
        while i >= 0 and self.text[i] in " \t\u00a0":
            i -= 1
        return i < 0 or self.text[i] == "\n" or self.text[i] in self.rules.capital_openers

    def in_title_case(self, offset: int) -> bool:
        """A line Written In Title Case: every word of three letters or more but the function words is
        capitalised (a sentence always has some that are not, if only its verb)."""
        start, end = self._line(offset)
        if start not in self._title_case:
            words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", self.text[start:end])
                     if len(w) >= 3 and w.lower() not in self.rules.function_words]
            self._title_case[start] = (len(words) >= self.rules.title_case_min_words
                                       and all(w[0].isupper() for w in words))
        return self._title_case[start]

    def meant(self, word: str) -> bool:
        """The article capitalises `word` somewhere no position asks it to, or inside it ("Castelnau-le-Vieux")."""
        if word not in self._meant:
            inner = any(c.isupper() for c in word[1:])
            self._meant[word] = inner or any(
                not self.by_position(m.start()) and not self.in_title_case(m.start())
                for m in re.finditer(rf"(?<![\w-]){re.escape(word)}(?![\w-])", self.text))
        return self._meant[word]

    def written_lower(self, word: str) -> bool:
        """The article writes the word in lower case too, in the singular or the plural ("dernière")."""
        if self._lower is None:
            # each distinct word once: an article repeats its words
            self._lower = frozenset(map(_singular_key, {w for w in re.findall(r"(?<![\w-])[^\W\d_][\w-]*", self.text)
                                                        if w[0].islower()}))
        return _singular_key(word) in self._lower

    def common(self, word: str, pos: str) -> bool:
        """A common word that only its position capitalises: read so by the parser, or written in lower
        case elsewhere in the article."""
        if word[0].isupper() and self.meant(word):
            return False
        return pos not in ("PROPN", "X", "NUM", "SYM") or self.written_lower(word)

    def as_written_elsewhere(self, shouted: str) -> str:
        """"Wonsan" for "WONSAN" when the article writes it so too; as shouted otherwise ("OTAN")."""
        titled = shouted.title()
        found = re.search(rf"(?<![\w-]){re.escape(titled)}(?![\w-])", self.text)
        return titled if found else shouted

    def shouted(self, start: int, end: int) -> str:
        """A word written in capitals: a dateline's place ("WONSAN (Corée du Nord) –"), a masthead or a
        heading shouted whole ("LE PETIT RHODANIEN", "AGENCE BORÉALE — dépêche"), or an acronym."""
        line_start, line_end = self._line(start)
        after = self.text[end:line_end].lstrip()
        if start == line_start and after.startswith(self.rules.dateline_marks):
            return _DATELINE
        marks = self.rules.heading_marks
        before = [(self.text.rfind(m, line_start, start), m) for m in marks]
        after_marks = [self.text.find(m, end, line_end) for m in marks]
        segment_start = max([line_start] + [i + len(m) for i, m in before if i >= 0])
        segment_end = min([line_end] + [i for i in after_marks if i >= 0])
        if not any(c.islower() for c in self.text[segment_start:segment_end]):
            return _NOT_A_NAME
        form = self.text[start:end]
        acronym = all(len(w) <= self.rules.acronym_max_letters and w.isascii() for w in re.findall(r"\w+", form))
        return _A_NAME if acronym else _NOT_A_NAME


def _singular_key(word: str) -> str:
    key = fold(word)
    if len(key) > 3:
        for ending in _name_rules().plural_endings:
            if key.endswith(ending):
                return key[:-len(ending)]
    return key


@lru_cache(maxsize=1)
def _entity_form(text: str, gazetteer: Gazetteer) -> str:
    """The name an entity's words give: "Lundi, John Kirby" holds no comma in a name, so the words
    before one are not the name; a title is no part of it; nor is a weekday or a month the model ran
    on into ("félicité Faye lundi")."""
    form = gazetteer.strip_title(text.rsplit(",", 1)[-1].strip() or text)
    words = form.split()
    while len(words) > 1 and fold(words[-1]) in _calendar_words():
        words.pop()
    return " ".join(words)


def _calendar_words() -> frozenset:
    lex = load_json_resource("temporal_fr.json")
    return frozenset(fold(w) for w in (*lex["weekdays"], *lex["months"]))


def _place_name(form: str) -> str:
    return _leading_article().sub("", form.strip())


def _group_unknown_persons(persons: list[tuple[EntityMention, str]], known: list[ActorMention]) -> list[ActorMention]:
    """Persons the gazetteer does not know: a surname alone ("Ouchakov", "M. Kim") takes the full
    name it ends a longer form of in the same article; the most mentioned one when several do."""
    full_names = Counter(m.name for m in known if m.kind == "PER")
    for _, form in persons:
        if len(form.split()) >= 2:
            full_names[form] += 1
    out = []
    for ent, form in persons:
        name = form
        if len(form.split()) == 1:
            key = fold(form)
            candidates = [(count, full) for full, count in full_names.items()
                          if len(full.split()) >= 2 and key in fold(full).split()]
            if candidates:
                name = max(candidates)[1]
        out.append(ActorMention(name, ent.text, "PER", ent.start, ent.end, "document"))
    return out


def canonical_person_names(names: Iterable[str]) -> dict[str, str]:
    """Across articles: map each person name to one spelling when two differ by a typo
    (the more frequent spelling wins), and a surname alone ("Sarkozy") to the one full name of the
    corpus it ends ("Nicolas Sarkozy"); a surname that ends several ("Garnier") stays as it is."""
    counts = Counter(names)
    ordered = sorted(counts, key=lambda n: (-counts[n], n))
    mapping: dict[str, str] = {}
    for name in ordered:
        if name in mapping:
            continue
        mapping[name] = name
        for other in ordered:
            if other not in mapping and same_person_spelling(name, other):
                mapping[other] = name
    full_names: dict[str, set[str]] = defaultdict(set)
    for name in set(mapping.values()):
        words = name.split()
        if len(words) >= 2:
            full_names[fold(words[-1])].add(name)
    for name, canonical in mapping.items():
        if " " not in canonical and len(full_names.get(fold(canonical), ())) == 1:
            mapping[name] = next(iter(full_names[fold(canonical)]))
    return mapping
