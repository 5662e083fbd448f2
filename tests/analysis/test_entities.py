"""Entities end to end (tagger, gazetteer, linker) on pages an analyst would not expect to be easy:
no names at all, names in Cyrillic, mixed scripts, and ten thousand mentions. Hand-written text."""

from __future__ import annotations

import pytest

from newsdesk.analysis.pipeline import Pipeline
from newsdesk.model import Analysis
from newsdesk.read.files import ReadConfig, page_from_text


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def analyze(pipeline: Pipeline, text: str) -> Analysis:
    return pipeline.analyze(page_from_text("test.txt", text, ReadConfig()))


def spans(analysis: Analysis, label: str) -> list[str]:
    entity = next(e for e in analysis.entities if e.label == label)
    return [analysis.page.text[s:e] for s, e in entity.mentions]


def test_a_page_without_names_has_no_entities(pipeline: Pipeline) -> None:
    analysis = analyze(pipeline, "It rained all day and nobody said anything of note.\n\nThe end of the day was quiet.")
    assert analysis.entities == ()


def test_names_in_cyrillic_keep_their_script_and_places_are_located(pipeline: Pipeline) -> None:
    text = ("Президент Володимир Зеленський заявив, що Росія атакувала Харків.\n\n"
            "Зеленський також говорив про Донбас.")
    analysis = analyze(pipeline, text)
    kharkiv = next(e for e in analysis.entities if e.type == "PLACE" and e.country == "UA" and e.lat
                   and abs(e.lat - 49.98) < 0.5)
    assert [text[s:e] for s, e in kharkiv.mentions] == ["Харків"]
    people = [e for e in analysis.entities if e.type == "PERSON"]
    assert [e.label for e in people][:1] == ["Володимир Зеленський"]  # the label is what the page wrote
    for entity in analysis.entities:
        for start, end in entity.mentions:
            assert text[start:end].strip() == text[start:end] and text[start:end]


def test_one_person_and_one_city_across_scripts(pipeline: Pipeline) -> None:
    text = ("President Volodymyr Zelensky (Володимир Зеленський) spoke in Kyiv (Київ) on Sunday. "
            "Zelensky said Kharkiv was shelled overnight.")
    analysis = analyze(pipeline, text)
    assert spans(analysis, "Volodymyr Zelensky") == ["Volodymyr Zelensky", "Володимир Зеленський", "Zelensky"]
    assert spans(analysis, "Kyiv") == ["Kyiv", "Київ"]  # brackets split the tagger's span in two names


FIRST_NAMES = "Anna Boris Carla Dmytro Elena Fedir Galina Hanna Ivan Jana".split()
SURNAMES = """Smith Jones Brown Taylor Wilson Davies Evans Thomas Johnson Roberts Walker Wright Robinson Thompson
    White Hughes Edwards Green Hall Wood Harris Lewis Martin Jackson Clarke Turner Hill Scott Cooper Morris Ward
    Moore King Watson Baker Harrison Morgan Patel Young Allen Mitchell James Anderson Phillips Bell Parker Hill
    Shevchenko Bondarenko Tkachenko Kravchenko Oliynyk Polishchuk Lysenko Marchenko Rudenko Savchenko Petrenko
    Klymenko Pavlenko Levchenko Kuzmenko Ponomarenko Vlasenko Melnyk Moroz Kovalchuk Boyko Tkachuk Hrytsenko
    Zinchenko Yakovenko Ostapenko Nazarenko Karpenko Fedorenko Romanenko Demchenko Kostenko Prykhodko Bilous
    Yurchenko Martynenko Chernenko Danylenko Babenko Stepanenko Mazur Horak Novak Dvorak Kral Svoboda Cerny
    Zeman Kolar""".split()


def test_ten_thousand_mentions_are_all_kept_and_linked(pipeline: Pipeline) -> None:
    names = [f"{first} {last}" for first in FIRST_NAMES for last in SURNAMES]
    sentences = [f"{name} met reporters in Lviv and Kharkiv on Monday." for name in names]
    paragraphs = [" ".join(sentences[i:i + 5]) for i in range(0, len(sentences), 5)]
    text = "\n\n".join(paragraphs * 4)
    analysis = analyze(pipeline, text)
    mentions = [(s, e) for entity in analysis.entities for s, e in entity.mentions]
    assert len(mentions) >= 10_000
    assert len(set(mentions)) == len(mentions)  # no mention belongs to two entities
    people = [e for e in analysis.entities if e.type == "PERSON"]
    # people who share a surname but not a first name stay apart; each is named four times
    assert len(people) >= 0.95 * len(names)
    # every mention of a person ends with that person's surname (a bare "Smith" joins the latest Smith)
    assert all(text[s:e].split()[-1] == p.label.split()[-1] for p in people for s, e in p.mentions)
    places = {e.label: len(e.mentions) for e in analysis.entities if e.type == "PLACE"}
    assert places.get("Lviv", 0) >= 0.95 * len(sentences) * 4 and places.get("Kharkiv", 0) >= 0.95 * len(sentences) * 4


def test_a_first_name_alone_joins_the_one_person_named_in_full_with_it(pipeline: Pipeline) -> None:
    text = "President Arvid Kessler spoke on Monday. Critics told (President Arvid) Kessler’s envoy to leave."
    assert spans(analyze(pipeline, text), "Arvid Kessler") == ["Arvid Kessler", "Arvid", "Kessler"]
    # ...but with two people of that first name on the page, it stays apart rather than join the wrong one.
    text = "Arvid Kessler and Arvid Morn spoke on Monday. Critics told (President Arvid) Kessler’s envoy to leave."
    analysis = analyze(pipeline, text)
    assert spans(analysis, "Arvid Kessler") == ["Arvid Kessler", "Kessler"]
    assert spans(analysis, "Arvid Morn") == ["Arvid Morn"]


def test_dotted_initials_keep_their_last_dot(pipeline: Pipeline) -> None:
    analysis = analyze(pipeline, "Officials at the C.D.C. said on Monday that cases rose.")
    assert [analysis.page.text[s:e] for entity in analysis.entities for s, e in entity.mentions] == ["C.D.C."]
