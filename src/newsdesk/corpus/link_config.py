"""link_config: the knobs of corpus entity linking (`newsdesk.corpus.entities.CorpusEntities`).

Kept apart from the linker so that the linker's module stays readable; `newsdesk.corpus.entities` re-exports
`CorpusLinkConfig`, its public home.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsdesk.errors import ConfigError, check_numbers

__all__ = ["CorpusLinkConfig"]


@dataclass(frozen=True, slots=True)
class CorpusLinkConfig:
    """Corpus linking's knobs."""

    #: TF-IDF cosine of two contexts at which a bare surname, or a full name and a surname-only entity, agree.
    context_agrees: float = 0.10
    #: rapidfuzz ratio (0-100) at which two first names are one name spelled two ways ("Volodymyr", "Volodimir").
    first_name_similarity: float = 70.0
    #: rapidfuzz ratio (0-100) at which two names of as many words, of one type and event, are one name spelled
    #: two ways ("Gulf of Ekaterinsk", "Gulf of Akaterinsk"), when each pair of their words is at
    #: least `spelling_word_similarity` alike (so one word wholly changed is another name). Chosen on ECB+
    #: topics 1-22 (85 and 90 alike, 95 less).
    spelling_similarity: float = 90.0
    spelling_word_similarity: float = 60.0
    #: Most context words kept per entity (the most frequent).
    context_words: int = 200
    #: Times a word must stand before an entity's name in its reports before a common noun so headed ("the
    #: actress") joins it (`_match_role`); one is noise (sentence ends are not in the context words). 2 was
    #: chosen on ECB+ topics 1-35; re-chosen on topics 1-22 alone (issue 22; entity CoNLL F1 seed 0 / mean of 3
    #: orders: 0.793 / 0.789 at 1, 0.799 / 0.794 at 2, 0.800 / 0.795 at 3 and at 4, 0.799 / 0.795 at 5).
    #: Words of one meaning count together (`meaning_senses`): "attorney" twice and "lawyer" once are three.
    role_evidence: int = 3
    #: Two common nouns can describe one thing when one of the first `meaning_senses` WordNet senses of each is
    #: the same, or lies at most `meaning_depth` hypernym steps above the other's ("lawyer" / "attorney", "gun"
    #: / "weapon"; `newsdesk.corpus.meanings`); 0 senses turns the rule off. Chosen on ECB+ topics 1-22 (entity
    #: CoNLL F1, seed 0: senses 1 / 2 / 3 at depth 1: 0.8035 / 0.8050 / 0.8065; depth 0 / 1 / 2 at 3 senses:
    #: 0.8026 / 0.8065 / 0.8050; 0.7998 without).
    meaning_senses: int = 3
    meaning_depth: int = 1

    def __post_init__(self) -> None:
        check_numbers(self, "corpus_link", ("context_agrees", "first_name_similarity", "spelling_similarity",
                                            "spelling_word_similarity"))
        check_numbers(self, "corpus_link", ("context_words", "role_evidence"), whole=True, minimum=1)
        check_numbers(self, "corpus_link", ("meaning_senses", "meaning_depth"), whole=True)
        if self.context_agrees > 1 or max(self.first_name_similarity, self.spelling_similarity,
                                           self.spelling_word_similarity) > 100:
            raise ConfigError("ND-E011", "corpus_link.context_agrees must be within 0..1 and "
                                         "corpus_link's similarities within 0..100")
