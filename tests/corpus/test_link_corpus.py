"""Corpus linking (`newsdesk.corpus.entities`) and event clustering (`newsdesk.corpus.events`) on invented reports."""

from __future__ import annotations

import json
import zlib
from collections import Counter

import pytest

from newsdesk.corpus.entities import CorpusEntities, CorpusLinkConfig, EntityRecord, head_word, name_words
from newsdesk.corpus.events import EventClusters, EventConfig, EventDoc, content_words
from newsdesk.corpus.names import acronym_of, affix, article_initials, as_acronym, role_words
from newsdesk.errors import ConfigError

WASHINGTON = ("President Joe Biden signed the infrastructure bill at the White House on Monday, promising new "
              "bridges, railways and broadband for rural towns. Biden said the spending would create jobs.")
WASHINGTON_2 = ("Biden told governors at the White House that the infrastructure money for bridges and broadband "
                "would reach rural towns within a year, and that railways would follow.")
HUNTER = ("Hunter Biden, the president's son, appeared in a Delaware court on gun charges on Tuesday; his lawyers "
          "asked the judge to dismiss the indictment.")
FERRY_1 = ("A passenger ferry sank off the coast of Sulawesi on Saturday, killing at least 40 people. Rescuers "
           "pulled 120 survivors from the water; the ferry was overloaded, the navy said.")
FERRY_2 = ("Rescuers searched for missing passengers after an overloaded ferry sank near Sulawesi, where the navy "
           "said survivors were pulled from the water and at least 40 people died.")
RATES = ("The central bank raised its benchmark interest rate by a quarter point to curb inflation, and the "
         "governor signalled further increases if consumer prices keep climbing.")


def record(page: str, local: str, forms: tuple[str, ...], text: str, type_: str = "PERSON",
           **kwargs: object) -> EntityRecord:
    return EntityRecord(page, local, forms[0], type_, forms, context=tuple(content_words(text)),
                        **kwargs)  # type: ignore[arg-type]


def test_full_name_and_bare_surname_on_two_pages_link() -> None:
    linker = CorpusEntities()
    first = linker.add([record("p1", "e1", ("President Joe Biden",), WASHINGTON)])
    second = linker.add([record("p2", "e1", ("Biden",), WASHINGTON_2)])
    assert first[("p1", "e1")] == second[("p2", "e1")]
    entity = linker.entity(first[("p1", "e1")])
    assert (entity.label, entity.pages, entity.mentions) == ("President Joe Biden", 2, 2)


def test_two_people_who_share_a_surname_stay_apart() -> None:
    linker = CorpusEntities()
    joe = linker.add([record("p1", "e1", ("Joe Biden", "Biden"), WASHINGTON)])[("p1", "e1")]
    hunter = linker.add([record("p3", "e1", ("Hunter Biden",), HUNTER)])[("p3", "e1")]
    assert joe != hunter
    # A later "Joseph Biden" is Joe (same initial, close spelling), never Hunter.
    again = linker.add([record("p4", "e1", ("Joe Biden",), WASHINGTON_2)])[("p4", "e1")]
    assert again == joe


def test_bare_surname_seen_first_is_taken_up_by_the_full_name_when_contexts_agree() -> None:
    linker = CorpusEntities()
    bare = linker.add([record("p2", "e1", ("Biden",), WASHINGTON_2)])[("p2", "e1")]
    full = linker.add([record("p1", "e1", ("Joe Biden",), WASHINGTON)])[("p1", "e1")]
    assert bare == full
    # With nothing in common, a page naming some other Biden does not join.
    other = linker.add([record("p9", "e1", ("Biden",), RATES)])[("p9", "e1")]
    assert other != full


def test_places_link_by_gazetteer_id_whatever_the_spelling() -> None:
    linker = CorpusEntities()
    kyiv = record("p1", "e2", ("Kyiv",), "Air raid sirens sounded in Kyiv.", "PLACE", gazetteer_id="geonames:703448",
                  country="UA", date="2022-05-22")
    kiev = record("p2", "e5", ("Kiev", "KIEV"), "KIEV (Reuters) - talks resumed.", "PLACE",
                  gazetteer_id="geonames:703448", country="UA", date="2022-03-01")
    ids = linker.add([kyiv, kiev])
    assert ids[("p1", "e2")] == ids[("p2", "e5")]
    place = linker.entity(ids[("p1", "e2")])
    assert (place.gazetteer_id, place.country, place.first_seen, place.last_seen) == (
        "geonames:703448", "UA", "2022-03-01", "2022-05-22")
    # A different place with a similar name is another entity.
    kyivska = record("p3", "e1", ("Kyiv Oblast",), "Kyiv Oblast", "PLACE", gazetteer_id="geonames:703446")
    assert linker.add([kyivska])[("p3", "e1")] != ids[("p1", "e2")]


def test_common_nouns_link_only_within_their_event() -> None:
    linker = CorpusEntities()
    a = linker.add([record("p1", "e1", ("the gunman",), FERRY_1, proper=False, scope="ev1")])[("p1", "e1")]
    b = linker.add([record("p2", "e1", ("gunman",), FERRY_2, proper=False, scope="ev1")])[("p2", "e1")]
    c = linker.add([record("p3", "e1", ("a gunman",), FERRY_2, proper=False, scope="ev2")])[("p3", "e1")]
    assert a == b != c


def test_name_words_and_heads() -> None:
    assert name_words("defensive tackle Jamal Williams") == ["Jamal", "Williams"]
    assert name_words("at Waitrose in Wellington") == ["Waitrose"]
    assert name_words("the Betty Ford Center") == ["Betty", "Ford", "Center"]
    assert name_words("Arcade Joseph Comeaux Jr.") == ["Arcade", "Joseph", "Comeaux"]
    assert name_words("Jr") == ["Jr"]
    assert head_word("the head of the company") == "head"
    assert head_word("officers") == "officer"


def test_serialisation_round_trips_and_goes_on() -> None:
    linker = CorpusEntities()
    joe = linker.add([record("p1", "e1", ("Joe Biden",), WASHINGTON)])[("p1", "e1")]
    restored = CorpusEntities.from_bytes(linker.to_bytes())
    assert restored.entities() == linker.entities()
    assert restored.add([record("p2", "e1", ("Biden",), WASHINGTON_2)])[("p2", "e1")] == joe
    with pytest.raises(ConfigError, match="ND-E031"):
        CorpusEntities.from_bytes(b"not a state")


def test_bad_input_is_refused_clearly() -> None:
    linker = CorpusEntities()
    assert linker.add([]) == {}
    assert linker.entities() == []
    linker.add([record("p1", "e1", ("Joe Biden",), WASHINGTON)])
    with pytest.raises(ConfigError, match="page 'p1' was added before"):
        linker.add([record("p1", "e2", ("Jill Biden",), WASHINGTON)])
    with pytest.raises(ConfigError, match="given twice"):
        linker.add([record("p2", "e1", ("A B",), WASHINGTON), record("p2", "e1", ("A B",), WASHINGTON)])
    with pytest.raises(ConfigError, match="no page id"):
        linker.add([record("", "e1", ("A B",), WASHINGTON)])


def ferry_docs() -> list[EventDoc]:
    return [EventDoc("f1", 0, FERRY_1, "Ferry sinks off Sulawesi, 40 dead", "2023-07-22"),
            EventDoc("r1", 0, RATES, "Central bank raises rates", "2023-07-23"),
            EventDoc("f2", 0, FERRY_2, "Search for ferry survivors", "2023-07-23")]


def test_two_reports_of_one_sinking_cluster_and_a_rate_decision_does_not() -> None:
    clusters = EventClusters()
    ids = [clusters.add(doc) for doc in ferry_docs()]
    assert ids[0] == ids[2] != ids[1]
    ferry = next(c for c in clusters.clusters() if c.id == ids[0])
    assert (ferry.first, ferry.last) == ("2023-07-22", "2023-07-23")
    assert ferry.members == (("f1", 0), ("f2", 0))
    assert "ferry" in ferry.title.casefold()
    assert clusters.cluster_of("r1") == ids[1]


def test_a_report_far_from_the_cluster_dates_starts_a_new_one() -> None:
    clusters = EventClusters(EventConfig(max_days=14))
    first = clusters.add(ferry_docs()[0])
    later = clusters.add(EventDoc("f9", 0, FERRY_2, "Another ferry sinks", "2024-02-01"))
    assert first != later


def test_incremental_add_gives_the_clusters_of_adding_all_at_once() -> None:
    one_by_one = EventClusters()
    for doc in ferry_docs():
        one_by_one.add(doc)
    at_once = EventClusters()
    at_once.add_many(ferry_docs())
    assert [c.members for c in one_by_one.clusters()] == [c.members for c in at_once.clusters()]


def test_event_clusters_round_trip_and_refuse_bad_input() -> None:
    clusters = EventClusters()
    clusters.add_many(ferry_docs()[:2])
    restored = EventClusters.from_bytes(clusters.to_bytes())
    assert restored.clusters() == clusters.clusters()
    assert restored.add(ferry_docs()[2]) == clusters.add(ferry_docs()[2])
    assert EventClusters().clusters() == []
    with pytest.raises(ConfigError, match="added before"):
        clusters.add(ferry_docs()[0])
    with pytest.raises(ConfigError, match="ND-E010"):
        EventClusters().add(EventDoc("x", 0, "text", date="22/07/2023"))
    with pytest.raises(ConfigError, match="ND-E031"):
        EventClusters.from_bytes(b"\x00")
    with pytest.raises(ConfigError, match="related"):
        EventConfig(join=0.1, related=0.2)


def test_a_name_joins_what_its_head_names_in_the_same_event_only() -> None:
    # "Orleans Saints" shares no full name with "New Orleans Saints" (and an organisation is not linked by its
    # last word alone, as a person's surname is): only the event both were reported in links them.
    game = "New Orleans Saints beat the Falcons on Sunday after a late touchdown in the fourth quarter."
    injury = "The Saints placed their running back on injured reserve with a knee injury, the club said."
    for scope, linked in (("ev1", True), ("ev2", False)):
        linker = CorpusEntities()
        team = linker.add([record("p1", "e1", ("New Orleans Saints",), game, "ORG", scope="ev1")])[("p1", "e1")]
        later = linker.add([record("p2", "e1", ("Orleans Saints",), injury, "ORG", scope=scope)])[("p2", "e1")]
        assert (team == later) is linked


def test_consolidate_regroups_what_the_single_pass_split_whatever_the_order() -> None:
    # A join threshold no pair reaches makes the single pass start a cluster for every report.
    config = EventConfig(join=0.99, related=0.2, regroup_distance=0.8)
    partitions = []
    for docs in (ferry_docs(), ferry_docs()[::-1]):
        clusters = EventClusters(config)
        clusters.add_many(docs)
        assert len(clusters) == 3
        assert clusters.consolidate() == 1
        partitions.append(sorted(sorted(c.members) for c in clusters.clusters()))
        ferry = clusters.cluster_of("f1")
        assert clusters.cluster_of("f2") == ferry != clusters.cluster_of("r1")
        assert next(c for c in clusters.clusters() if c.id == ferry).first == "2023-07-22"
        assert clusters.consolidate() == 0  # nothing left to move
        # Numbers are never reused: a new cluster after a consolidation gets a fresh id.
        assert clusters.add(EventDoc("r2", 0, RATES, "Rates up", "2023-07-24")) not in {ferry, "ev1", "ev2", "ev3"}
    assert partitions[0] == partitions[1] == [[("f1", 0), ("f2", 0)], [("r1", 0)]]


def test_consolidate_keeps_dates_apart_and_reads_old_states() -> None:
    clusters = EventClusters(EventConfig(join=0.99, regroup_distance=0.8, max_days=14))
    clusters.add_many([ferry_docs()[0], EventDoc("f9", 0, FERRY_2, "Another ferry sinks", "2024-02-01")])
    assert clusters.consolidate() == 0
    restored = EventClusters.from_bytes(clusters.to_bytes(), clusters.config)
    assert restored.clusters() == clusters.clusters()
    # A version-1 state has no member vectors: each old cluster moves as a whole.
    state = json.loads(zlib.decompress(clusters.to_bytes()))
    state["version"] = 1
    for cluster in state["clusters"]:
        del cluster["kept"]
    old = EventClusters.from_bytes(zlib.compress(json.dumps(state).encode()), EventConfig(join=0.99))
    old.add(ferry_docs()[2])
    assert old.consolidate() == 1
    assert old.cluster_of("f2") == old.cluster_of("f1") != old.cluster_of("f9")


REHAB_1 = ("Actress Mara Quist checked into a rehab clinic in Malibu on Friday, her publicist said. The actress "
           "had missed a court date last month.")
REHAB_2 = ("A judge ordered actress Mara Quist to stay at the Malibu clinic for 90 days; the singer Dex Amari, her "
           "co-star, was in court with her.")
REHAB_3 = "The actress left the Malibu clinic early on Sunday morning, according to the judge."


def test_a_role_word_the_reports_put_before_a_name_links_the_common_noun_in_that_event() -> None:
    for scope, evidence, linked in (("ev1", 2, True), ("ev2", 2, False), ("ev1", 3, False)):
        linker = CorpusEntities(CorpusLinkConfig(role_evidence=evidence))
        ids = linker.add([record("p1", "e1", ("Mara Quist",), REHAB_1, scope="ev1")])
        ids |= linker.add([record("p2", "e1", ("Mara Quist",), REHAB_2, scope="ev1"),
                           record("p2", "e2", ("Dex Amari",), REHAB_2, scope="ev1")])
        actress = linker.add([record("p3", "e1", ("The actress",), REHAB_3, proper=False, scope=scope)])
        # Seen twice before her name ("actress Mara Quist"), "the actress" is her within the event; never the
        # other person named, never in another event, and not on one occurrence when two are asked for.
        assert (actress[("p3", "e1")] == ids[("p1", "e1")]) is linked
        assert actress[("p3", "e1")] != ids[("p2", "e2")]
        # Role words are kept with the state: a restored linker goes on linking by them.
        restored = CorpusEntities.from_bytes(linker.to_bytes(), linker.config)
        again = restored.add([record("p4", "e1", ("actress",), REHAB_3, proper=False, scope="ev1")])
        assert (again[("p4", "e1")] == ids[("p1", "e1")]) is (evidence == 2)


def test_an_acronym_links_the_name_it_spells_when_the_contexts_agree() -> None:
    games = ("The International Olympic Committee awarded the 2032 Games to Brisbane, and the committee's "
             "president praised the bid's stadium plans.")
    games_2 = "The IOC said Brisbane's stadium plans for the 2032 Games won over its members."
    linker = CorpusEntities()
    full = linker.add([record("p1", "e1", ("International Olympic Committee",), games, "ORG")])[("p1", "e1")]
    short = linker.add([record("p2", "e1", ("IOC",), games_2, "ORG")])[("p2", "e1")]
    assert short == full
    # The same letters in an unrelated report, and a name spelling other initials, stay apart.
    other = linker.add([record("p3", "e1", ("IOC",), RATES, "ORG")])[("p3", "e1")]
    assert other != full
    india = linker.add([record("p4", "e1", ("Indian Oil Corporation",), RATES, "ORG")])[("p4", "e1")]
    assert india not in {full}


def test_an_acronym_that_keeps_the_article_links_the_name_either_way() -> None:
    review = ("The Hollywood Courier reported that the studio will shoot the sequel in Prague next spring, and the "
              "director confirmed the cast to the trade paper.")
    review_2 = "THC reported the studio's sequel will shoot in Prague next spring with the same director and cast."
    for order in ((("The Hollywood Courier",), review), (("THC",), review_2)), \
            ((("THC",), review_2), (("The Hollywood Courier",), review)):
        linker = CorpusEntities()
        first = linker.add([record("p1", "e1", order[0][0], order[0][1], "ORG")])[("p1", "e1")]
        second = linker.add([record("p2", "e1", order[1][0], order[1][1], "ORG")])[("p2", "e1")]
        assert first == second
    # Without its article the name spells "HC" only: "THC" of an unrelated report stays apart.
    linker = CorpusEntities()
    full = linker.add([record("p1", "e1", ("The Hollywood Courier",), review, "ORG")])[("p1", "e1")]
    assert linker.add([record("p2", "e1", ("THC",), RATES, "ORG")])[("p2", "e1")] != full
    assert article_initials("The Hollywood Courier") == "thc" and article_initials("“The Hollywood Courier”") == "thc"
    assert article_initials("Hollywood Courier") is None and article_initials("The Angels") is None
    assert article_initials("the attorney general") is None


def test_states_saved_before_role_words_still_load() -> None:
    linker = CorpusEntities()
    joe = linker.add([record("p1", "e1", ("Joe Biden",), WASHINGTON)])[("p1", "e1")]
    state = json.loads(zlib.decompress(linker.to_bytes()))
    for entity in state["entities"]:
        del entity["roles"]
    restored = CorpusEntities.from_bytes(zlib.compress(json.dumps(state).encode()))
    assert restored.add([record("p2", "e1", ("Biden",), WASHINGTON_2)])[("p2", "e1")] == joe


def test_role_words_and_acronyms() -> None:
    context = content_words("Police said actress Mara Quist, 31, and Quist's driver were unhurt. Actress Mara Quist")
    assert role_words(["Mara", "Quist"], context) == Counter({"actress": 2})
    # "mara" stands before "Quist" but is a word of the entity's other form, not a role.
    assert role_words(["Quist"], context, {"mara", "quist"}) == Counter()
    assert role_words(["Quist"], context) == Counter({"mara": 2})
    assert acronym_of(["International", "Olympic", "Committee"]) == "ioc"
    assert acronym_of(["Bank", "of", "England"]) == "be"
    assert acronym_of(["Microsoft"]) is None
    assert as_acronym(["I.O.C."]) == "ioc"
    assert as_acronym(["U", "S"]) == "us"
    assert as_acronym(["Nasa"]) is None


def test_a_name_that_begins_or_ends_another_of_its_event_is_that_thing() -> None:
    rescue = ("Coast guards pulled 200 migrants from a sinking boat in the Mediterranean Sea on Monday, south of "
              "Lampedusa, and took them to Sicily.")
    rescue_2 = "The boat had left Libya two days before it sank in the Mediterranean, survivors told the coast guard."
    for scope, linked in (("ev1", True), ("ev2", False)):
        linker = CorpusEntities()
        sea = linker.add([record("p1", "e1", ("in the Mediterranean Sea",), rescue, "PLACE", scope="ev1")])
        short = linker.add([record("p2", "e1", ("in the Mediterranean",), rescue_2, "PLACE", scope=scope)])
        assert (sea[("p1", "e1")] == short[("p2", "e1")]) is linked
    # People are not linked so: "Lindsay" is not "Lindsay Lohan" by this rule, nor a word inside a name.
    linker = CorpusEntities()
    sea_id = linker.add([record("p1", "e1", ("Mediterranean Sea",), rescue, "PLACE", scope="ev1")])[("p1", "e1")]
    inner = linker.add([record("p2", "e1", ("Sea",), rescue_2, "PLACE", scope="ev1")])[("p2", "e1")]
    assert inner == sea_id  # "Sea" ends "Mediterranean Sea"
    other = linker.add([record("p3", "e1", ("Ionian Sea coast",), rescue_2, "PLACE", scope="ev1")])[("p3", "e1")]
    assert other != sea_id
    first = linker.add([record("p4", "e1", ("Dana Kovac",), rescue, scope="ev1")])[("p4", "e1")]
    assert linker.add([record("p5", "e1", ("Dana",), RATES, scope="ev1")])[("p5", "e1")] != first
    assert affix(["mediterranean"], ["mediterranean", "sea"]) and not affix(["sea"], ["sea"])


def test_an_untitled_story_is_titled_by_its_first_sentence_not_by_a_teaser_list() -> None:
    teased = "• Live updates\n- Sulawesi\n" + FERRY_1
    clusters = EventClusters()
    clusters.add(EventDoc("f1", 0, teased, None, "2023-07-22"))
    [ferry] = clusters.clusters()
    first_sentence = FERRY_1.strip().split(". ")[0]
    assert ferry.title.startswith(first_sentence[:40]) and not ferry.title.startswith(("•", "-", "Live"))
    assert len(ferry.title) <= 120
    clusters.add(EventDoc("r1", 0, "• Rates\n", None, "2023-08-30"))
    assert any(c.title == "Rates" for c in clusters.clusters())  # a label is all there is: kept, without its mark
