"""A domain and the outlet it names are one source (`outlets.spells`, `outlets.same_outlet`); invented outlets."""

from __future__ import annotations

import pytest

from newsdesk.text.outlets import same_outlet, spells


@pytest.mark.parametrize(("label", "name"), [
    ("quillmarshgazette", "Quillmarsh Gazette"),  # every word written out
    ("qmgazette", "Quill Marsh Gazette"),  # two words as their initials, then one written out
    ("ptdaily", "Port Tarnwick Daily"),
    ("vpnews", "Vornel Press"),  # initials, and a word that says only what kind of outlet it is
    ("vpnews", "VP"),
    ("tarnwick", "Tarnwick News"),  # the kind word left out
    ("thequillmarsh", "The Quillmarsh"),  # "the" on both sides
    ("theatredaily", "Theatre Daily"),  # ... but a name that begins with "the" keeps it
    ("pinecrestrecord", "Pinecrest Evening Record"),  # a word between the first and the last left out
    ("hkgnews", "HKG News"),
])
def test_a_label_spells_the_name(label: str, name: str) -> None:
    assert spells(label, name)


@pytest.mark.parametrize(("label", "name"), [
    ("news", "Quillmarsh News"),  # only the kind word: which outlet, it does not say
    ("quillmarsh", "Quillmarsh Courier"),  # the last word that says which outlet is missing
    ("qgazette", "Quillmarsh Gazette"),  # one word's initial is no abbreviation
    ("vpnews", "Elnoro Courier"),
    ("gazettequillmarsh", "Quillmarsh Gazette"),  # out of order
])
def test_a_label_does_not_spell_another_name(label: str, name: str) -> None:
    assert not spells(label, name)


@pytest.mark.parametrize(("one", "other"), [
    ("quillmarshnews.com", "Quillmarsh News"),
    ("QuillmarshNews.com", "Quillmarsh News"),  # case as written plays no part
    ("https://www.quillmarsh-news.co.uk/world/1", "Quillmarsh News"),  # nor the scheme, "www.", path or TLD
    ("vpnews.com", "Vornel Press"),
    ("VP", "Vornel Press"),  # an acronym of the name's words
    ("The Quillmarsh", "QUILLMARSH"),
    ("quillmarsh.com", "quillmarsh.net"),  # one name under two TLDs
    ("apnews.com", "Associated Press"),  # and the table's outlets
    ("theguardian.com", "The Guardian"),
])
def test_one_outlet_however_it_is_written(one: str, other: str) -> None:
    assert same_outlet(one, other) and same_outlet(other, one)


@pytest.mark.parametrize(("one", "other"), [
    ("quillmarshnews.com", "Elnoro Courier"),
    ("Quillmarsh News", "Elnoro Courier"),
    ("VP", "Elnoro Courier"),
    ("quillmarsh.com", "elnoro.com"),
    ("Garrisford Times", "Ottermere Times"),
])
def test_two_outlets_stay_two(one: str, other: str) -> None:
    assert not same_outlet(one, other)
