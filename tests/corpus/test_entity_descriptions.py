"""Corpus entity linking of descriptions of people (`newsdesk.corpus.entities`, issue 22): a possessed noun
is someone else, an unnamed one of earlier reports is named at last, a role another is called by wins over
the page's subject, and cardinals written two ways are one head."""

from __future__ import annotations

from newsdesk.corpus.entities import CorpusEntities, EntityRecord, head_word
from newsdesk.corpus.events import content_words
from newsdesk.corpus.names import possessed

SINGER = ("Pop singer Mira Solano entered a clinic in Oslo on Monday. The singer's lawyer said Mira Solano was well. "
          "Her lawyer asked for privacy.")
LIFT = "A technician was hurt when a lift fell at the Harbour Mall on Friday. The technician was taken to hospital."
LIFT_NAMED = ("Tomas Ervik, a technician, was hurt when a lift fell at the Harbour Mall. Tomas Ervik is recovering. "
              "The technician had worked there for ten years.")
COURT = ("Attorney Jon Pell said singer Mira Solano would plead guilty. Jon Pell spoke for her. "
         "Mira Solano was not in court.")


def record(page: str, local: str, form: str, text: str, proper: bool = True, scope: str | None = "ev1",
           type_: str = "PERSON") -> EntityRecord:
    return EntityRecord(page, local, form, type_, (form,), context=tuple(content_words(text)), scope=scope,
                        proper=proper)


def test_possessed_tells_a_possessor_before_the_head() -> None:
    assert possessed("her lawyer") and possessed("Reid's rep") and possessed("the company’s spokesman")
    assert possessed("the players' coach")
    assert not possessed("the lawyer") and not possessed("lawyer") and not possessed("teen's")
    assert not possessed("a 35-year-old man")


def test_a_possessed_noun_is_not_the_person_the_page_names_most() -> None:
    linker = CorpusEntities()
    ids = linker.add([record("p1", "e1", "Mira Solano", SINGER),
                      record("p1", "e2", "her lawyer", SINGER, proper=False),
                      record("p1", "e3", "the singer", SINGER, proper=False)])
    assert ids[("p1", "e3")] == ids[("p1", "e1")]
    # "Her lawyer" is the singer's lawyer, someone else.
    assert ids[("p1", "e2")] != ids[("p1", "e1")]


def test_an_unnamed_person_of_earlier_reports_is_named_by_a_later_one() -> None:
    linker = CorpusEntities()
    first = linker.add([record("p1", "e1", "technician", LIFT, proper=False)])
    second = linker.add([record("p2", "e1", "technician", LIFT, proper=False)])
    assert first[("p1", "e1")] == second[("p2", "e1")]
    named = linker.add([record("p3", "e1", "Tomas Ervik", LIFT_NAMED),
                        record("p3", "e2", "Tomas Ervik", LIFT_NAMED),
                        record("p3", "e3", "technician", LIFT_NAMED, proper=False)])
    # The page names him and calls him "the technician": he is the technician of the earlier reports.
    assert named[("p3", "e1")] == named[("p3", "e2")] == named[("p3", "e3")] == first[("p1", "e1")]
    assert "Tomas Ervik" in {e.label for e in linker.entities()}


def test_a_name_abstains_when_its_page_describes_two_unnamed_ones() -> None:
    text = LIFT_NAMED + " A guard and the technician were both hurt."
    linker = CorpusEntities()
    earlier = linker.add([record("p1", "e1", "technician", LIFT, proper=False),
                          record("p1", "e2", "guard", LIFT, proper=False)])
    named = linker.add([record("p2", "e1", "Tomas Ervik", text),
                        record("p2", "e2", "technician", text, proper=False),
                        record("p2", "e3", "guard", text, proper=False)])
    assert named[("p2", "e1")] not in set(earlier.values())


def test_a_name_that_is_not_its_pages_main_person_stays_its_own() -> None:
    text = "Tomas Ervik and Lena Holm were hurt at the Harbour Mall. The technician is recovering."
    linker = CorpusEntities()
    earlier = linker.add([record("p1", "e1", "technician", LIFT, proper=False)])
    named = linker.add([record("p2", "e1", "Tomas Ervik", text), record("p2", "e2", "Lena Holm", text),
                        record("p2", "e3", "technician", text, proper=False)])
    assert named[("p2", "e1")] != earlier[("p1", "e1")] and named[("p2", "e2")] != earlier[("p1", "e1")]


def test_a_role_another_is_called_by_wins_over_the_pages_subject() -> None:
    linker = CorpusEntities()
    court = linker.add([record("p1", "e1", "Jon Pell", COURT),
                        record("p1", "e3", "Mira Solano", COURT)])
    page = ("Mira Solano left the court on Friday. Mira Solano smiled. The attorney said she would appeal. "
            "Mira Solano thanked fans.")
    ids = linker.add([record("p2", "e1", "Mira Solano", page), record("p2", "e2", "Mira Solano", page),
                      record("p2", "e3", "attorney", page, proper=False)])
    # The page is about the singer, but the event's reports call Jon Pell "attorney" (once: too little for
    # a role alone, enough to say the attorney is not the singer).
    assert ids[("p2", "e3")] == court[("p1", "e1")] != ids[("p2", "e1")]


def test_cardinals_in_words_and_digits_are_one_head() -> None:
    assert head_word("Three") == head_word("3") == "3"
    assert head_word("ten") == "10" and head_word("the officers") == "officer"
