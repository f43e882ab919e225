"""A large synthetic corpus for the benchmark, built at run time from the articles in samples/.

Each generated article takes the body paragraphs of one sample (and one or two of another, so that
articles average about 400 words), renames its people with invented names (some names recur across
articles, as actors of a story do), moves its dates to other months and years, and wraps it in the
page junk real pages carry (menus, reading time, byline, share lines). Nothing generated is
committed: the benchmark writes it under its work folder.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path

from factx.ingest import discover_sources, load_article

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"

MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
          "novembre", "décembre"]
FIRST_NAMES = ["Claire", "Julien", "Sophie", "Marc", "Nadia", "Thomas", "Élise", "Karim", "Léa", "Hugo", "Inès",
               "Paul", "Chloé", "Mathieu", "Amina", "Louis", "Camille", "Antoine", "Sarah", "Olivier", "Yasmine",
               "Nicolas", "Manon", "Pierre", "Laure", "Rachid", "Anne", "Victor", "Agathe", "Bruno", "Hélène",
               "Samuel", "Margot", "Denis", "Lucie", "Arnaud", "Fatou", "Gilles", "Irène", "Jonas"]
LAST_NAMES = ["Fontaine", "Marchal", "Lefèvre", "Garnier", "Rousseau", "Benali", "Moreau", "Chevalier", "Renaud",
              "Dumont", "Perrin", "Lambert", "Girard", "Bonnet", "Fabre", "Mercier", "Blanchard", "Guérin",
              "Boyer", "Roux", "Vidal", "Caron", "Picard", "Aubert", "Lemaire", "Hamel", "Carpentier", "Rolland",
              "Barbier", "Arnaud", "Charpentier", "Leclerc", "Duval", "Royer", "Gautier", "Masson", "Colin",
              "Brun", "Meunier", "Morel", "Joly", "Gaillard", "Noël", "Brunet", "Vasseur", "Delmas", "Texier",
              "Poirier", "Besson", "Marty", "Laurent", "Collet", "Faure", "Rey", "Lacroix", "Hubert", "Prévost",
              "Maillard", "Baron", "Huet"]
OUTLETS = ["Le Journal du Soir", "La Voix du Nord-Est", "Le Courrier des Régions", "L'Observateur du Matin",
           "La Tribune Continentale", "Radio Méridien", "Le Réveil Républicain", "L'Écho des Vallées",
           "Le Messager International", "La Gazette du Littoral", "Le Fil Diplomatique", "Agence Septentrion"]
MENUS = ["International", "Politique", "Économie", "Société", "Culture", "Sport", "Régions", "Europe"]

# the people of the samples, as (full name, surname alone): both are renamed together
PEOPLE = [("Vladimir Poutine", "Poutine"), ("Kim Jong-un", "Kim"), ("Sergueï Lavrov", "Lavrov"),
          ("Emmanuel Macron", "Macron"), ("Gabriel Attal", "Attal"), ("John Kirby", "Kirby"),
          ("Choe Son Hui", None), ("Iouri Ouchakov", "Ouchakov"), ("Jordan Bardella", "Bardella"),
          ("Valérie Hayer", "Hayer"), ("Yaël Braun-Pivet", "Braun-Pivet")]

# the publication day of each sample (docs/samples.md), which generated articles shift with their text
SAMPLE_DATES = {
    "coree/la-depeche-de-l-est-poutine-annonce-visite": (2024, 6, 17),
    "coree/lecho-du-matin-poutine-pyongyang": (2024, 6, 18),
    "coree/le-quotidien-continental-traite-pyongyang": (2024, 6, 19),
    "coree/radio-horizon-poutine-kim-traite": (2024, 6, 20),
    "coree/le-veilleur-international-lavrov-wonsan": (2025, 7, 12),
    "coree/agence-boreale-lavrov-kim-wonsan": (2025, 7, 13),
    "france/la-gazette-des-territoires-dissolution": (2024, 6, 10),
    "france/le-courrier-republicain-attal-demission": (2024, 7, 22),
}

_YEAR = re.compile(r"\b(19[5-9]\d|20[0-3]\d)\b")
_MONTH = re.compile(r"\b(" + "|".join(MONTHS) + r")\b")


@dataclass(frozen=True)
class _Sample:
    doc_id: str
    headline: str
    paragraphs: tuple[str, ...]


def _samples() -> list[_Sample]:
    out = []
    for source in discover_sources([str(SAMPLES)]):
        article = load_article(source)
        lines = article.text.split("\n")
        paragraphs = tuple(line for line in lines if len(line.split()) >= 12)
        out.append(_Sample(source.doc_id, article.title, paragraphs))
    return sorted(out, key=lambda s: s.doc_id)


def _rename(text: str, names: dict[str, tuple[str, str]]) -> str:
    for (full, surname), (new_full, new_surname) in names.items():
        text = text.replace(full, new_full)
        if surname:
            # "Kim" alone, but not the "Kim" of another Kim's full name
            text = re.sub(rf"\b{re.escape(surname)}\b(?! Jong| Il)", new_surname, text)
    return text


def _shift_dates(text: str, years: int, months: int) -> str:
    text = _YEAR.sub(lambda m: str(int(m.group(1)) + years), text)
    return _MONTH.sub(lambda m: MONTHS[(MONTHS.index(m.group(1)) + months) % 12], text)


def _article(number: int, samples: list[_Sample], people: list[tuple[str, str]]) -> tuple[str, str]:
    """(file name, raw text) of article `number`; the same number always gives the same article."""
    rng = random.Random(number)
    main = samples[rng.randrange(len(samples))]
    other = samples[rng.randrange(len(samples))]
    # a few names recur across many articles, most are rare (the actors of a story)
    names = {p: people[min(int(rng.paretovariate(1.2)) - 1, len(people) - 1) if rng.random() < 0.5
                       else rng.randrange(len(people))]
             for p in PEOPLE if rng.random() < 0.7}
    years = rng.choice([0, 0, 0, -1, -2, -3, -5, -8, 1])
    months = rng.randrange(12) if rng.random() < 0.6 else 0

    paragraphs = list(main.paragraphs)
    extra = [p for p in other.paragraphs if p not in paragraphs]
    while extra and sum(len(p.split()) for p in paragraphs) < 380:
        paragraphs.append(extra.pop(rng.randrange(len(extra))))

    def vary(text: str) -> str:
        return _shift_dates(_rename(text, names), years, months)

    outlet = OUTLETS[rng.randrange(len(OUTLETS))]
    lines = []
    if rng.random() < 0.4:
        lines.append("top of page")
    lines.append(outlet.upper())
    lines.extend(f"  • {m}" for m in rng.sample(MENUS, 3))
    lines.append("")
    lines.append(vary(main.headline))
    lines.append(f"Temps de lecture : {rng.randint(2, 7)} minutes")
    lines.append(f"Par {FIRST_NAMES[rng.randrange(len(FIRST_NAMES))]} {LAST_NAMES[rng.randrange(len(LAST_NAMES))]}")
    y, m, d = SAMPLE_DATES[main.doc_id]
    if rng.random() < 0.8:
        m0 = (m - 1 + months) % 12
        lines.append(f"Publié le {d} {MONTHS[m0]} {y + years} à {rng.randint(6, 21)}h{rng.randint(0, 59):02d}")
    lines.append("")
    for p in paragraphs:
        lines.append(vary(p))
        lines.append("")
    lines.append("Partager cet article")
    lines.append(f"Commentaires ({rng.randint(0, 40)})")
    if rng.random() < 0.4:
        lines.append("bottom of page")
    slug = re.sub(r"[^a-z]+", "-", outlet.lower().replace("é", "e").replace("è", "e").replace("'", "-")).strip("-")
    return f"{slug}-{number:05d}.txt", "\n".join(lines) + "\n"


def people(count: int = 400) -> list[tuple[str, str]]:
    rng = random.Random(0)
    out: dict[str, tuple[str, str]] = {}
    while len(out) < count:
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        out.setdefault(f"{first} {last}", (f"{first} {last}", last))
    return list(out.values())


def build_corpus(folder: Path, articles: int, per_folder: int = 500) -> list[Path]:
    """Write `articles` files under folder/000/, folder/001/... (per_folder each); returns them in order."""
    samples = _samples()
    cast = people()
    files = []
    for n in range(articles):
        name, text = _article(n, samples, cast)
        sub = folder / f"{n // per_folder:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        path = sub / name
        path.write_text(text, encoding="utf-8")
        files.append(path)
    return files


def change_files(files: list[Path], share: float = 0.01) -> list[Path]:
    """Edit `share` of the files (spread over the corpus) the way a corrected article is edited."""
    step = max(1, round(1 / share))
    changed = files[step // 2::step]
    for path in changed:
        text = path.read_text(encoding="utf-8")
        text = text.replace("\n\nPartager cet article",
                            "\n\nMise à jour : la rédaction a corrigé une erreur dans le troisième paragraphe.\n\n"
                            "Partager cet article", 1)
        path.write_text(text, encoding="utf-8")
    return changed


def plain_texts(count: int) -> list[str]:
    """Plain French text (no page junk) for the date reader: the body paragraphs of generated articles."""
    samples = _samples()
    cast = people()
    out = []
    for n in range(count):
        _, text = _article(n, samples, cast)
        body = [line for line in text.split("\n") if len(line.split()) >= 12]
        out.append("\n".join(body))
    return out
