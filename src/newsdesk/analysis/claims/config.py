"""claims.config: the claim finder's settings (`ClaimConfig`, re-exported by `claims.finder`)."""

from __future__ import annotations

from dataclasses import dataclass

from newsdesk.errors import ConfigError, check_numbers


@dataclass(frozen=True, slots=True)
class ClaimConfig:
    """The claim finder's knobs (characters are Python string positions)."""

    #: How far after the figure (or its unit) a period ("a day", "every week") may stand to make a rate.
    rate_window: int = 40
    #: How far before a speech verb its subject (a person or organisation mention) may end.
    speaker_window: int = 80
    #: How far after the figure a place or group introduced by "in", "of", "for" may start.
    about_window: int = 60
    #: How many sentences back a population figure looks for the place it describes ("the city").
    about_sentences: int = 3
    #: Numerals with more significant digits than this are identifiers or junk, never a count.
    max_digits: int = 15
    #: How many earlier claims with the same value `same_as` compares (keeps a page of numbers linear).
    same_as_scan: int = 20

    def __post_init__(self) -> None:
        check_numbers(self, "claims", ("rate_window", "speaker_window", "about_window", "about_sentences",
                                       "same_as_scan"), whole=True)
        check_numbers(self, "claims", ("max_digits",), whole=True, minimum=1)
        if self.max_digits > 300:
            # Past ~308 digits a float is infinite: such a figure can never come out as a number.
            raise ConfigError("ND-E011", f"claims.max_digits must be <= 300, not {self.max_digits!r}")
