"""The HTML timeline in a real browser.

Headless chromium (Debian's `chromium` package; .ci/run installs it) opens the page factx writes,
runs its script, and `--dump-dom` gives back the DOM after the script ran: the cards, and which of
them a filter left visible. Filters are applied from the URL hash (#actor=Poutine&min=2), which the
page reads with the same code its buttons use; clicks are checked by a small script added to a copy
of the page. Screenshots are saved in tests/artifacts/ (not in git) for people to look at.

Without chromium these tests are skipped, except under CI (CI=true), where they must run.
"""

from __future__ import annotations

import json
import os
import shutil
import struct
import subprocess
import zlib
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import quote

import pytest

from builders import interval, make_mention
from factx.merge import Event
from factx.explain import DocumentDating
from factx.export import Provenance, html_page
from factx.store import StoredDocument

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"


@pytest.fixture(scope="session")
def chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        path = shutil.which(name)
        if path:
            return path
    if os.environ.get("CI"):
        pytest.fail("chromium is not installed; under CI the HTML page must be tested (.ci/run installs it)")
    pytest.skip("chromium is not installed (apt-get install chromium); CI installs it and runs these tests")


def _browser(chromium: str, profile: Path, url: str, *args: str) -> str:
    command = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
               "--no-default-browser-check", "--hide-scrollbars", f"--user-data-dir={profile}",
               "--virtual-time-budget=3000", *args, url]
    result = subprocess.run(command, capture_output=True, text=True, timeout=180)
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stdout


def dump_dom(chromium: str, tmp_path: Path, page: Path, fragment: str = "", *args: str) -> "Dom":
    url = page.as_uri() + (f"#{fragment}" if fragment else "")
    return Dom(_browser(chromium, tmp_path / "profile", url, "--dump-dom", *args))


def screenshot(chromium: str, tmp_path: Path, page: Path, target: Path, fragment: str = "") -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    url = page.as_uri() + (f"#{fragment}" if fragment else "")
    _browser(chromium, tmp_path / "profile", url, f"--screenshot={target}", "--window-size=1200,900")
    assert target.is_file()
    return target


class Dom(HTMLParser):
    """What the tests read from a dumped DOM: body attributes, cards and whether they are hidden."""

    def __init__(self, html: str):
        super().__init__()
        self.html = html
        self.body: dict = {}
        self.cards: list[tuple[str, bool]] = []  # (event id, visible)
        self.marks: list[str] = []
        self.badges: list[tuple[str, str]] = []  # (card id, badge class)
        self._card = None
        self.notice = ""
        self._in_notice = False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "body":
            self.body = a
        elif tag == "article" and "card" in (a.get("class") or "").split():
            self.cards.append((a["data-id"], "hidden" not in a))
            self._card = a["data-id"]
        elif tag == "span" and "badge" in (a.get("class") or "").split():
            self.badges.append((self._card, a["class"]))
        elif tag == "mark":
            self.marks.append(a.get("class", ""))
        self._in_notice = a.get("id") == "notice"

    def handle_data(self, data):
        if self._in_notice:
            self.notice += data

    @property
    def visible(self) -> list[str]:
        return [i for i, shown in self.cards if shown]


def png_size_and_ink(path: Path) -> tuple[int, int, float]:
    """Width, height, and the share of non-zero bytes in the filtered image data: a blank page is ~0."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, size = 8, b"", (0, 0)
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            size = struct.unpack(">II", chunk[:8])
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    raw = zlib.decompress(idat)
    return size[0], size[1], sum(1 for b in raw[::7] if b) / max(len(raw[::7]), 1)


# ---------------------------------------------------------------------------------------------
# A small story built by hand (no spaCy model needed)

POUTINE, KIM, LAVROV = "Vladimir Poutine", "Kim Jong-un", "Sergueï Lavrov"
FORMS = {POUTINE: ["Poutine", "le président russe", "le maître du Kremlin"], KIM: ["le dirigeant nord-coréen"],
         LAVROV: ["Lavrov"]}
DOCS = [StoredDocument("quotidien", "in/quotidien.txt", "Le pacte", interval("2024-06-19", resolved_by="byline")),
        StoredDocument("radio", "in/radio.md", "Radio Horizon", interval("2024-06-20", resolved_by="front-matter")),
        StoredDocument("agence", "in/agence.txt", "Agence Boréale", None)]
TEXTS = {
    "quotidien": "LE QUOTIDIEN\nPoutine a signé mercredi un traité avec Kim Jong-un à Pyongyang.\nLavrov était là.",
    "radio": "Poutine a signé mercredi un traité avec Kim Jong-un.\nIl repartira jeudi pour Hanoï.",
    "agence": "Kim Jong-un a promis son soutien. Le texte dit \"</script><script>alert(1)</script>\" & <!-- fin -->.",
}


def _story() -> tuple[list[Event], Provenance]:
    q, r, a = TEXTS["quotidien"], TEXTS["radio"], TEXTS["agence"]

    def mention(doc, sentence, when, actors, date_text=None, modality="asserted", said_by=None):
        from dataclasses import replace

        start = TEXTS[doc].index(sentence)
        m = make_mention(doc, sentence, when, actors, start=start, date_text=date_text)
        return replace(m, modality=modality, attributed_to=said_by)

    treaty_q = mention("quotidien", q.split("\n")[1], interval("2024-06-19", resolved_by="weekday"), (POUTINE, KIM), "mercredi")
    treaty_r = mention("radio", r.split("\n")[0], interval("2024-06-19", resolved_by="weekday"), (POUTINE, KIM), "mercredi")
    hanoi = mention("radio", r.split("\n")[1], interval("2024-06-20", resolved_by="weekday"), (POUTINE,), "jeudi",
                    modality="planned", said_by="le Kremlin")
    lavrov = mention("quotidien", q.split("\n")[2], interval("2024-06-19", resolved_by="document-date"), (LAVROV,))
    support = mention("agence", a[:a.index(".") + 1], None, (KIM,))
    nasty = mention("agence", a[a.index(".") + 2:], None, ())
    events = [
        Event("ev_000000000001", treaty_q.date, treaty_q.sentence, (POUTINE, KIM), ("Corée du Nord",), (),
              ("quotidien", "radio"), (treaty_q, treaty_r)),
        Event("ev_000000000002", lavrov.date, lavrov.sentence, (LAVROV,), (), (), ("quotidien",), (lavrov,)),
        Event("ev_000000000003", hanoi.date, hanoi.sentence, (POUTINE,), ("Vietnam",), (), ("radio",), (hanoi,),
              modality="planned"),
        Event("ev_000000000004", None, support.sentence, (KIM,), (), (), ("agence",), (support,)),
        Event("ev_000000000005", None, nasty.sentence, (), (), (), ("agence",), (nasty,)),
    ]
    prov = Provenance()
    for d in DOCS:
        prov.documents[d.id] = d
        prov.datings[d.id] = DocumentDating(d.id, d.date, d.date.start if d.date else None)
        prov.texts[d.id] = TEXTS[d.id]
        text = TEXTS[d.id]
        prov.entities[d.id] = [(name, form, "PER", text.index(form), text.index(form) + len(form))
                               for name, form in ((POUTINE, "Poutine"), (KIM, "Kim Jong-un"), (LAVROV, "Lavrov"))
                               if form in text]
    return events, prov


@pytest.fixture
def story_page(tmp_path) -> Path:
    events, prov = _story()
    page = tmp_path / "story.html"
    page.write_text(html_page(events, prov, "Une histoire", FORMS), encoding="utf-8")
    return page


def test_the_page_shows_one_card_per_event(chromium, tmp_path, story_page):
    dom = dump_dom(chromium, tmp_path, story_page)
    assert dom.body.get("data-ready") == "1", "the page's script did not run to the end"
    assert [i for i, _ in dom.cards] == [f"ev_00000000000{n}" for n in range(1, 6)]
    assert dom.visible == [i for i, _ in dom.cards]
    assert dom.body["data-shown"] == dom.body["data-total"] == "5"
    # the text that tried to close the script is shown as text
    assert "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in dom.html
    assert "2 sources" in dom.html  # source counts
    assert ("ev_000000000001", "badge sources") in dom.badges
    assert [card for card, kind in dom.badges if kind == "badge modality-planned"] == ["ev_000000000003"]


@pytest.mark.parametrize("fragment, expected", [
    ("actor=Poutine", ["ev_000000000001", "ev_000000000003"]),
    ("actor=" + quote("le président russe"), ["ev_000000000001", "ev_000000000003"]),
    ("actor=" + quote("Vladimir Poutine") + "&actor=Lavrov", ["ev_000000000001", "ev_000000000002", "ev_000000000003"]),
    ("actor=" + quote("le dirigeant nord-coréen"), ["ev_000000000001", "ev_000000000004"]),
    ("min=2", ["ev_000000000001"]),
    ("actor=Poutine&min=2", ["ev_000000000001"]),
    ("q=" + quote("Hanoï"), ["ev_000000000003"]),
])
def test_filters_from_the_url(chromium, tmp_path, story_page, fragment, expected):
    dom = dump_dom(chromium, tmp_path, story_page, fragment)
    assert dom.visible == expected
    assert dom.body["data-shown"] == str(len(expected))
    assert len(dom.cards) == 5  # filtered cards are hidden, not removed


def test_an_unknown_actor_shows_nothing_and_says_so(chromium, tmp_path, story_page):
    dom = dump_dom(chromium, tmp_path, story_page, "actor=Personne")
    assert dom.visible == []
    assert "Personne" in dom.notice


CLICKS = """<script>
(function () {
  var out = {};
  var button = document.querySelector('button.actor[data-actor="Sergueï Lavrov"]');
  button.click();
  out.afterActorClick = document.body.getAttribute("data-shown");
  out.hash = location.hash;
  button.click();
  out.afterSecondClick = document.body.getAttribute("data-shown");
  var card = document.getElementById("ev_000000000001");
  card.querySelector(".toggle").click();
  var mentions = card.querySelector(".mentions");
  out.expanded = !mentions.hidden;
  out.mentions = mentions.querySelectorAll(".mention").length;
  out.dateMarks = Array.prototype.map.call(mentions.querySelectorAll("mark.date"), function (m) { return m.textContent; });
  out.actorMarks = Array.prototype.map.call(mentions.querySelectorAll("mark.actor"), function (m) { return m.textContent; });
  out.why = mentions.querySelector(".why").textContent;
  mentions.querySelector(".doclink").click();
  out.dialogOpen = document.getElementById("doc").open;
  out.docTitle = document.getElementById("doc-title").textContent;
  out.docMark = document.querySelector("#doc-text mark").textContent;
  var hanoi = document.getElementById("ev_000000000003");
  hanoi.querySelector(".toggle").click();
  out.attribution = hanoi.querySelector(".mention .src").textContent;
  document.body.setAttribute("data-clicks", JSON.stringify(out));
})();
</script></body>"""


def test_clicks_filter_expand_and_open_the_document(chromium, tmp_path, story_page):
    clicking = tmp_path / "clicking.html"
    clicking.write_text(story_page.read_text(encoding="utf-8").replace("</body>", CLICKS), encoding="utf-8")
    dom = dump_dom(chromium, tmp_path, clicking)
    out = json.loads(dom.body["data-clicks"])
    assert out["afterActorClick"] == "1" and "Lavrov" in out["hash"]
    assert out["afterSecondClick"] == "5"
    assert out["expanded"] and out["mentions"] == 2
    assert out["dateMarks"] == ["mercredi", "mercredi"]
    assert out["actorMarks"] == ["Poutine", "Kim Jong-un", "Poutine", "Kim Jong-un"]
    assert "mercredi" in out["why"] and "date de l'article" in out["why"]
    assert out["dialogOpen"] and out["docTitle"] == "Le pacte"
    assert out["docMark"] == TEXTS["quotidien"].split("\n")[1]
    assert "selon le Kremlin" in out["attribution"] and "annoncé" in out["attribution"]


# ---------------------------------------------------------------------------------------------
# The samples: the page factx writes for them, and its screenshot

@pytest.fixture(scope="module")
def samples_page(samples_db, tmp_path_factory) -> tuple[Path, dict]:
    from typer.testing import CliRunner

    from factx.cli import app

    folder = tmp_path_factory.mktemp("html")
    page = folder / "timeline.html"
    runner = CliRunner()
    result = runner.invoke(app, ["timeline", "--db", str(samples_db), "--html", str(page), "--title",
                                 "Poutine à Pyongyang"])
    assert result.exit_code == 0, result.stderr
    full = json.loads(runner.invoke(app, ["timeline", "--db", str(samples_db), "--json"]).stdout)
    return page, full


def test_samples_page_opens_with_the_story_cards(chromium, tmp_path, samples_page):
    page, full = samples_page
    dom = dump_dom(chromium, tmp_path, page)
    assert [i for i, _ in dom.cards] == [e["id"] for e in full["events"]]
    assert dom.visible == [e["id"] for e in full["events"]]
    story = [e["id"] for e in full["events"] if "Vladimir Poutine" in e["actors"] and len(e["sources"]) >= 2]
    assert len(story) >= 2
    filtered = dump_dom(chromium, tmp_path, page, "actor=Poutine&min=2&open=" + story[0])
    assert filtered.visible == story
    assert "date" in filtered.marks and "actor" in filtered.marks  # the opened card shows its sentences
    disputed = [e for e in full["events"] if e.get("conflicts")]
    assert disputed  # "il y a 24 ans" / "il y a près d'un quart de siècle" in the samples
    assert dom.html.count('class="conflict"') == sum(len(e["conflicts"]) for e in full["events"])


def test_samples_page_screenshots(chromium, tmp_path, samples_page):
    page, full = samples_page
    story = [e["id"] for e in full["events"] if "Vladimir Poutine" in e["actors"] and len(e["sources"]) >= 2]
    shots = {
        "timeline.png": "actor=Poutine&min=2",  # the story: Poutine's visits, each told by two sources or more
        "timeline-open.png": f"actor=Poutine&min=2&open={story[0]}",  # its first card, with its sentences
        "timeline-all.png": "",
    }
    for name, fragment in shots.items():
        target = screenshot(chromium, tmp_path, page, ARTIFACTS / name, fragment)
        width, height, ink = png_size_and_ink(target)
        assert (width, height) == (1200, 900)
        assert ink > 0.02, f"{target} looks blank"


# ---------------------------------------------------------------------------------------------
# The TimelineJS export, loaded by TimelineJS itself

def _timelinejs_dist() -> Path | None:
    for candidate in (os.environ.get("FACTX_TIMELINEJS_DIR"), ROOT / ".cache" / "timelinejs" / "package" / "dist"):
        if candidate and (Path(candidate) / "js" / "timeline.js").is_file():
            return Path(candidate)
    return None


TIMELINEJS_PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<link rel="stylesheet" href="{dist}/css/timeline.css"><script src="{dist}/js/timeline.js"></script></head>
<body><div id="tl" style="width:1200px;height:800px"></div>
<script>
var errors = [];
window.addEventListener("error", function (e) {{ errors.push(String(e.message)); }});
var timeline = new TL.Timeline("tl", {data}, {{script_path: new URL("{dist}/js/", location.href).href}});
setTimeout(function () {{
  document.body.setAttribute("data-errors", JSON.stringify(errors.concat(timeline.config ? timeline.config.getErrors() : ["no config"])));
  document.body.setAttribute("data-slides", document.querySelectorAll(".tl-slide").length);
  document.body.setAttribute("data-markers", document.querySelectorAll(".tl-timemarker").length);
}}, 1500);
</script></body></html>"""


def test_timelinejs_loads_the_export(chromium, tmp_path, samples_db):
    dist = _timelinejs_dist()
    if dist is None:
        pytest.skip("TimelineJS is not in .cache/timelinejs (.ci/run fetches @knight-lab/timelinejs with npm)")
    from typer.testing import CliRunner

    from factx.cli import app

    result = CliRunner().invoke(app, ["timeline", "--db", str(samples_db), "--format", "timelinejs"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    page = tmp_path / "timelinejs.html"
    page.write_text(TIMELINEJS_PAGE.format(dist=dist.as_uri(), data=result.stdout.replace("</", "<\\/")), encoding="utf-8")
    dom = dump_dom(chromium, tmp_path, page, "", "--allow-file-access-from-files")
    assert json.loads(dom.body["data-errors"]) == []
    assert int(dom.body["data-markers"]) == len(data["events"])
    assert int(dom.body["data-slides"]) == len(data["events"]) + 1  # and the title slide


def test_an_empty_timeline_is_a_page_too(chromium, tmp_path):
    page = tmp_path / "empty.html"
    page.write_text(html_page([], Provenance(), "Rien"), encoding="utf-8")
    dom = dump_dom(chromium, tmp_path, page)
    assert dom.body.get("data-ready") == "1" and dom.cards == []
    assert "Aucun événement" in dom.html
