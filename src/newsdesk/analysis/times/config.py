"""times.config: the time finder's settings (`TimeConfig`, re-exported by `times.finder`)."""

from __future__ import annotations

from dataclasses import dataclass

from newsdesk.errors import ConfigError


@dataclass(frozen=True, slots=True)
class TimeConfig:
    """Settings of the time finder.

    `earliest_year`/`latest_year`: a four-digit number outside these is not read as a year, and a date
    that names such a year explicitly is reported as a problem; `tense_window`: how many words either
    side of a bare weekday or month are read to tell past from future; `max_shift_years`: the largest
    shift ("600 years ago") resolved to a date, beyond which the value is None with a problem;
    `keep_noise`: kinds of removed text still read for times (photo captions date real happenings).
    """

    earliest_year: int = 1000
    latest_year: int = 2199
    tense_window: int = 10
    max_shift_years: int = 500
    keep_noise: frozenset[str] = frozenset({"caption"})

    def __post_init__(self) -> None:
        for name in ("earliest_year", "latest_year", "tense_window", "max_shift_years"):
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ConfigError("ND-E011", f"times.{name} must be a whole number >= 1, not {value!r}")
        if not isinstance(self.keep_noise, frozenset) or not all(isinstance(k, str) for k in self.keep_noise):
            raise ConfigError("ND-E011", f"times.keep_noise must be a frozenset of kinds, not {self.keep_noise!r}")
        if self.latest_year <= self.earliest_year or self.latest_year > 9999:
            raise ConfigError("ND-E011", f"times.latest_year must be after times.earliest_year and <= 9999, "
                                         f"not {self.earliest_year!r}..{self.latest_year!r}")
