"""TIMEX3 readings in the French TimeBank style: type and value of each kind of expression.

Every row is (text, article date, words of the expression, expected TIMEX3 type, expected value).
The sentences are written for these tests.
"""

from datetime import date

import pytest

from factx.temporal import find_temporal_expressions

THU = date(2011, 3, 17)  # a Thursday
SAT = date(2011, 3, 19)


def _find(text: str, anchor: date, words: str):
    found = [e for e in find_temporal_expressions(text, anchor) if words.lower() in e.text.lower()]
    assert found, f"nothing covering {words!r} in {text!r}: {find_temporal_expressions(text, anchor)}"
    return found[0]


CASES = [
    # clock times, on the day the sentence (or the text before it) talks about
    ("La réunion s'est tenue mardi vers 16 h 15 en mairie.", THU, "16 h 15", "TIME", "2011-03-15T16:15"),
    ("Hier vers 7 h, un camion s'est renversé.", THU, "7 h", "TIME", "2011-03-16T07:00"),
    ("Vers 2 h 20, samedi, un incendie a pris.", THU, "2 h 20", "TIME", "2011-03-12T02:20"),
    ("Le concert commencera à 20 h 30 dans la salle des fêtes.", THU, "20 h 30", "TIME", "2011-03-17T20:30"),
    ("Les portes ouvriront à 9 heures.", THU, "9 heures", "TIME", "2011-03-17T09:00"),
    ("Dimanche 20 mars, l'accueil se fera à partir de 14 h.", THU, "14 h", "TIME", "2011-03-20T14:00"),
    ("Il est passé au marché hier. Il est reparti à midi.", THU, "midi", "TIME", "2011-03-16T12:00"),
    ("Hier à 11 h, les salariés ont débrayé.", THU, "Hier à 11 h", "TIME", "2011-03-16T11:00"),
    # parts of the reference day
    ("Le maire est arrivé hier ; il a parlé dans la soirée.", THU, "la soirée", "TIME", "2011-03-16TEV"),
    ("Les secours sont restés sur place pendant la nuit.", THU, "la nuit", "TIME", "2011-03-17TNI"),
    ("Il était hier à Metz, où le matin même la gare avait été évacuée.", THU, "le matin même", "TIME", "2011-03-16TMO"),
    ("Le jury a délibéré lundi et rendu son verdict le lendemain.", THU, "le lendemain", "DATE", "2011-03-15"),
    ("Il a rendu son verdict mercredi ; la veille, il avait hésité.", THU, "la veille", "DATE", "2011-03-15"),
    # sets
    ("Le car passe chaque jour devant l'école.", THU, "chaque jour", "SET", "P1D"),
    ("Les habitants se retrouvent chaque année sur la place.", THU, "chaque année", "SET", "P1Y"),
    ("Le comité se réunit tous les deux mois.", THU, "tous les deux mois", "SET", "P2M"),
    ("La subvention est versée par trimestre.", THU, "trimestre", "SET", "P3M"),
    ("Le marché a lieu le samedi sur le parvis.", THU, "le samedi", "SET", "XXXX-WXX-6"),
    ("Les permanences ont lieu les premier et troisième mardis.", THU, "mardis", "SET", "XXXX-WXX-2"),
    ("La ronde quotidienne des gardiens commence tôt.", THU, "quotidienne", "SET", "P1D"),
    ("Le banquet annuel des pompiers a réuni cent convives.", THU, "annuel", "SET", "P1Y"),
    # durations
    ("Il a couru le marathon en deux heures et gagné de 12,5 secondes.", THU, "12,5 secondes", "DURATION", "PT12.5S"),
    ("Le chantier durera trois ans.", THU, "trois ans", "DURATION", "P3Y"),
    ("Le président a entamé son second septennat.", THU, "septennat", "DURATION", "P7Y"),
    ("La rivière déborde depuis plusieurs jours.", THU, "plusieurs jours", "DURATION", "PXD"),
    ("Ces dernières semaines, les prix ont grimpé.", THU, "Ces dernières semaines", "DURATION", "PXW"),
    ("On attendait ce pont depuis des années.", THU, "des années", "DURATION", "PXY"),
    ("Le magasin avait ouvert il y a quelques mois.", THU, "quelques mois", "DURATION", "PXM"),
    ("Il a patienté un an et demi.", THU, "un an et demi", "DURATION", "P18M"),
    ("Le délai est de quinze jours.", THU, "quinze jours", "DURATION", "P15D"),
    # present, past, future without a date
    ("L'actuel maire ne se représentera pas.", THU, "actuel", "DATE", "PRESENT_REF"),
    ("Auparavant, la ligne s'arrêtait à la gare.", THU, "Auparavant", "DATE", "PAST_REF"),
    ("À l'époque, le village comptait trois écoles.", THU, "l'époque", "DATE", "PAST_REF"),
    ("Le service sera prochainement étendu.", THU, "prochainement", "DATE", "FUTURE_REF"),
    # dates
    ("Les travaux ont commencé dès l'année 2008.", THU, "l'année 2008", "DATE", "2008"),
    ("La salle avait été rénovée en octobre 97.", THU, "octobre 97", "DATE", "1997-10"),
    ("L'accident du 4 juillet 92 reste dans les mémoires.", THU, "4 juillet 92", "DATE", "1992-07-04"),
    ("La vente aura lieu les 2 et 9 avril prochains.", THU, "2 et 9 avril prochains", "DATE", "2011-04-02"),
    ("Il a été nommé le 12 janvier dernier.", THU, "12 janvier dernier", "DATE", "2011-01-12"),
    ("La piscine rouvrira début mai.", THU, "début mai", "DATE", "2011-05"),
    ("La façade a été refaite à la fin de l'année dernière.", THU, "la fin de l'année dernière", "DATE", "2010"),
    ("Le bilan sera connu à la fin du mois.", THU, "la fin du mois", "DATE", "2011-03"),
    ("Les élus sont entrés dans la nouvelle année avec prudence.", THU, "la nouvelle année", "DATE", "2011"),
    ("L'annonce sera faite aujourd'hui jeudi.", THU, "aujourd'hui jeudi", "DATE", "2011-03-17"),
    ("Le chiffre d'affaires a baissé au premier trimestre 2010.", THU, "premier trimestre 2010", "DATE", "2010-Q1"),
    ("L'abbaye fut bâtie au XIIe siècle.", THU, "XIIe siècle", "DATE", "11"),
    ("La mine a fermé fin 1985.", THU, "fin 1985", "DATE", "1985"),
    ("Plusieurs bénévoles sont partis ce week-end.", SAT, "ce week-end", "DATE", "2011-W11-WE"),
    ("Un journal a publié cette semaine la liste des lauréats.", THU, "cette semaine", "DATE", "2011-W11"),
    # seasons: a habit in the present has no year, a dated one has
    ("La fréquentation grimpe toujours en été.", THU, "été", "DATE", "XXXX-SU"),
    ("Les prix montent pendant les mois d'hiver.", THU, "les mois d'hiver", "DATE", "XXXX-WI"),
    ("Le refuge est ouvert été comme hiver.", THU, "hiver", "DATE", "XXXX-WI"),
    ("Le festival a eu lieu l'été dernier.", THU, "l'été dernier", "DATE", "2010-SU"),
]


@pytest.mark.parametrize("text, anchor, words, ttype, value", CASES)
def test_timex3_type_and_value(text, anchor, words, ttype, value):
    expr = _find(text, anchor, words)
    assert (expr.timex_type, expr.value) == (ttype, value), expr


@pytest.mark.parametrize("text", [
    "Un chauffeur de 42 ans a été blessé.",
    "Paul Martin, 37 ans, habite à Nancy.",
    "Une Lorraine de 9 ans a gagné le concours.",
    "Agée de 81 ans, elle vivait seule.",
    "Le tournoi des moins de 15 ans a commencé.",
    "La halte-garderie accueille les 3-6 ans.",
    "Un homme d'une quarantaine d'années a été interpellé.",
    "Le quotidien régional a changé de formule.",
    "Il lit la presse quotidienne chaque matin au café.",
])
def test_ages_and_nouns_are_not_timexes(text):
    found = [e for e in find_temporal_expressions(text, THU) if e.timex_type == "DURATION" or e.value in ("P1D",)]
    assert found == [] or all(e.text.lower() == "chaque matin" for e in found), found


@pytest.mark.parametrize("text, value", [
    ("Il a été condamné à une peine de dix ans de prison.", "P10Y"),
    ("Au terme de deux ans de négociations, l'accord a été signé.", "P2Y"),
])
def test_durations_after_de_stay_durations(text, value):
    assert [e.value for e in find_temporal_expressions(text, THU) if e.timex_type == "DURATION"] == [value]


def test_clock_time_alone_does_not_date_a_sentence():
    found = find_temporal_expressions("Mis en ligne à 18h40.", THU)
    assert [(e.timex_type, e.value, e.is_date) for e in found] == [("TIME", "2011-03-17T18:40", False)]


def test_duration_in_hours_is_not_a_clock_time():
    found = find_temporal_expressions("Les négociations ont duré pendant 36 heures.", THU)
    assert [(e.timex_type, e.value) for e in found] == [("DURATION", "PT36H")]


def test_preposition_stays_outside_the_date():
    found = find_temporal_expressions("Il est reparti au 30 mai, après les élections du 12 mai.", THU)
    assert [e.text for e in found] == ["30 mai", "12 mai"]


def test_spelled_hours_without_a_preposition_are_a_duration():
    found = find_temporal_expressions("La grève a duré 12 heures.", THU)
    assert [(e.timex_type, e.value) for e in found] == [("DURATION", "PT12H")]
