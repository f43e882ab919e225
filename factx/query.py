"""What the read commands ask of a store besides its events: the names a user's --actor and --place
stand for, and every way a person is written (the HTML page's filter). The timeline leaves out the
events that tell no fact (factx.commentary) unless `TimelineQuery.with_commentary`.

A filter names what the store holds: a name the gazetteer knows but no stored article mentions is
an error, as an unknown name is, not an empty timeline that looks like an answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Iterable, Iterator, Optional

from .actors import Gazetteer, fold
from .errors import UsageError


@dataclass(frozen=True)
class TimelineQuery:
    """What `factx timeline` keeps, as the user typed it: names and places are resolved against the
    store by `select_events`."""

    actors: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    since: Optional[date] = None  # events ending on or after this day
    until: Optional[date] = None  # events starting on or before this day
    min_sources: int = 1
    modalities: frozenset = frozenset()
    # the events every sentence of which is commentary (factx.commentary) are left out unless asked
    with_commentary: bool = False

    @property
    def filters(self) -> bool:
        return bool(self.actors or self.places or self.since or self.until or self.min_sources > 1 or self.modalities)


def select_events(store, query: TimelineQuery, published: bool = False) -> tuple[Iterator, bool]:
    """The stored events the query keeps, in timeline order, and whether they come as the JSON the
    last merge wrote (`store.published_events`, asked with `published`) rather than as records
    (`store.events`: also when the merge wrote no JSON). The filters SQL can apply run there; the
    rest here."""
    actor_names = resolve_actor_filter(store, query.actors) if query.actors else None
    place_names = resolve_place_filter(store, query.places) if query.places else None
    sql = dict(actors=actor_names, since=query.since, until=query.until, commentary=query.with_commentary)
    events = store.published_events(**sql) if published else None
    as_published = events is not None
    if events is None:
        events = store.events(**sql)

    def kept():
        for e in events:
            if place_names is not None and not set(e.places) & place_names:
                continue
            if len(e.sources) < query.min_sources or query.modalities and e.modality not in query.modalities:
                continue
            yield e

    return kept(), as_published


def resolve_actor_filter(store, wanted: Iterable[str], gazetteer: Gazetteer | None = None) -> list[str]:
    """Canonical names of stored persons for what the user typed: a gazetteer alias or role ("le
    président russe"), a form seen in the articles ("le maître du Kremlin"), or a stored name or one
    of its words ("Lavrov")."""
    gazetteer = gazetteer or Gazetteer.load()
    persons = store.actors(("PER",))
    stored = {a.name for a in persons}
    forms = {fold(f): a.name for a in persons for f in (a.name, *a.forms)}
    names: list[str] = []
    for text in wanted:
        untitled = gazetteer.strip_title(text)
        entry = gazetteer.lookup(text) or gazetteer.lookup(untitled)
        if entry is not None and entry.name in stored:
            names.append(entry.name)
            continue
        key = fold(text)
        if key in forms:
            names.append(forms[key])
            continue
        keys = {k for k in (key, fold(untitled)) if k}  # "Mme Fontaine" is Fontaine, as "Fontaine" is
        matches = sorted(n for n in stored if any(k == fold(n) or k in fold(n).split() for k in keys))
        if not matches:
            raise UsageError(f"--actor {text!r}: {_absent(store, text, 'person', entry)}")
        names.extend(matches)
    return names


def resolve_place_filter(store, wanted: Iterable[str], gazetteer: Gazetteer | None = None) -> set[str]:
    """Place names as stored, for what the user typed: a gazetteer alias ("Moscou" for Russie), a form
    seen, the name, or one of its words."""
    gazetteer = gazetteer or Gazetteer.load()
    places = store.actors(("LOC",))
    stored = {a.name for a in places}
    forms = {fold(f): a.name for a in places for f in (a.name, *a.forms)}
    names: set[str] = set()
    for text in wanted:
        key = fold(text)
        entry = gazetteer.lookup(text)
        if entry is not None and entry.kind == "LOC" and entry.name in stored:
            names.add(entry.name)
            continue
        if key in forms:
            names.add(forms[key])
            continue
        matches = {n for n in stored if key and f" {key} " in f" {fold(n)} "}
        if not matches:
            raise UsageError(f"--place {text!r}: {_absent(store, text, 'place', entry)}")
        names |= matches
    return names


def _absent(store, text: str, kind: str, entry) -> str:
    """Why a filter names nothing in this store, and where to look."""
    listing = "'factx actors'" if kind == "person" else "'factx actors --all'"
    if entry is not None and (entry.kind == "PER") == (kind == "person"):
        return f"no article in {store.path} mentions {entry.name} (see {listing})"
    other = {"PER": "a person", "LOC": "a place", "ORG": "an organisation"}
    found = next((a for a in store.actors(("PER", "LOC", "ORG")) if fold(text) in {fold(f) for f in (a.name, *a.forms)}), None)
    if found is not None:
        option = "--actor" if found.kind == "PER" else "--place" if found.kind == "LOC" else None
        return (f"{found.name} is {other[found.kind]} in {store.path}, not a {kind}"
                + (f"; use {option}" if option else ""))
    return f"no such {kind} in {store.path} (see {listing})"


def actor_forms(store, gazetteer: Gazetteer | None = None) -> dict[str, list[str]]:
    """Every way a person is written (gazetteer aliases and roles, forms seen), for the page's filter."""
    gazetteer = gazetteer or Gazetteer.load()
    out: dict[str, list[str]] = {}
    for entry in gazetteer.entries:
        if entry.kind == "PER":
            out.setdefault(entry.name, []).extend((*entry.aliases, *entry.roles))
    for a in store.actors(("PER",)):
        out.setdefault(a.name, []).extend(a.forms)
    return out
