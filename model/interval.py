"""The 90 % prediction interval given with every bone age: split-conformal, by sex and band of
*predicted* age, from residuals on films the network was not trained on.

Why conformal: it needs no assumption about the shape of the errors, only that a new film is
like the calibration films, and then the stated coverage holds on average. Why by band of the
predicted age: the error is much larger at the ends of the age range (the network pulls its
answers towards the middle), and at inference only the predicted age is known. Why signed
(asymmetric) offsets: in the end bands the errors are one-sided, so a symmetric interval would
waste width on the side where the truth never lies.

Films reduced from a full-resolution original are read worse than the 100 px copies the network
learnt from (a domain shift the validation split does not show); their offsets are multiplied
by ``full_resolution_inflation``, fitted on one set of full-resolution films and checked on
another (scripts/fit_interval.py).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from model.preprocessing import PreprocessConfig

LEVEL = 0.90
#: Starting band edges in predicted months (2-year bands); bands with too few calibration films
#: for a stable tail quantile are merged into their neighbour (see :func:`merge_bands`).
DEFAULT_EDGES = (0.0, 24.0, 48.0, 72.0, 96.0, 120.0, 144.0, 168.0, 192.0, 240.0)
#: Fewest calibration films a band may hold: at 5 % per tail, 40 films put the conformal
#: quantile at the 39th of 40 (not the largest), so one odd film does not set the width.
MIN_BAND_COUNT = 80
#: The age scale's limits: an interval never reaches outside what a bone age can be.
AGE_MIN_MONTHS, AGE_MAX_MONTHS = 0.0, 240.0
#: Training copies' size when a bundle does not record it (the RSNA 100 px copies).
TRAINING_COPY_SIZE = (100, 100)


@dataclass(frozen=True)
class Band:
    """Predicted ages in [start, stop): the truth lies in [pred + low, pred + high]."""

    start: float
    stop: float
    low: float
    high: float
    n: int


@dataclass(frozen=True)
class IntervalTable:
    level: float
    bands: dict[str, tuple[Band, ...]]  # "female"/"male" -> bands covering [0, 240]
    full_resolution_inflation: float = 1.0
    report: dict[str, Any] = field(default_factory=dict)

    def band_for(self, months: float, male: bool) -> Band:
        bands = self.bands["male" if male else "female"]
        for band in bands:
            if months < band.stop:
                return band
        return bands[-1]

    def bounds(self, months: float, male: bool, full_resolution: bool = False
               ) -> tuple[float, float]:
        """(low, high) in months for a predicted bone age, clipped to the age scale."""
        band = self.band_for(months, male)
        scale = self.full_resolution_inflation if full_resolution else 1.0
        low = min(max(months + scale * band.low, AGE_MIN_MONTHS), AGE_MAX_MONTHS)
        high = min(max(months + scale * band.high, AGE_MIN_MONTHS), AGE_MAX_MONTHS)
        return float(low), float(high)

    def bounds_array(self, months: np.ndarray, male: np.ndarray,
                     full_resolution: bool = False) -> tuple[np.ndarray, np.ndarray]:
        pairs = [self.bounds(float(m), bool(s), full_resolution)
                 for m, s in zip(months, male, strict=True)]
        if not pairs:
            return np.zeros(0), np.zeros(0)
        low, high = zip(*pairs, strict=True)
        return np.array(low), np.array(high)

    def to_dict(self) -> dict[str, Any]:
        return {
            "method": "split-conformal, signed residual quantiles by sex and band of "
                      "predicted age; offsets times full_resolution_inflation for films "
                      "reduced from a larger original",
            "level": self.level,
            "full_resolution_inflation": self.full_resolution_inflation,
            "bands": {sex: [vars(b) for b in bands] for sex, bands in self.bands.items()},
            **({"report": self.report} if self.report else {}),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> IntervalTable:
        bands = {sex: tuple(Band(**{k: b[k] for k in ("start", "stop", "low", "high", "n")})
                            for b in rows)
                 for sex, rows in data["bands"].items()}
        if set(bands) != {"female", "male"} or not all(bands.values()):
            raise ValueError("an interval table needs bands for female and male")
        return cls(float(data["level"]), bands,
                   float(data.get("full_resolution_inflation", 1.0)), data.get("report", {}))


def conformal_quantile(scores: np.ndarray, level: float) -> float:
    """The split-conformal quantile: the ceil((n + 1) level)-th smallest score, so that a new
    exchangeable score falls at or below it with probability at least ``level``. With too few
    scores for that rank, the largest (the guarantee then needs more data than there is)."""
    scores = np.sort(np.asarray(scores, np.float64))
    if scores.size == 0:
        raise ValueError("no calibration scores")
    rank = math.ceil((scores.size + 1) * level)
    return float(scores[min(rank, scores.size) - 1])


def signed_offsets(residuals: np.ndarray, level: float = LEVEL) -> tuple[float, float]:
    """(low, high) offsets for residuals ``true - predicted``: each tail gets (1 - level) / 2,
    so the truth lies below ``pred + low`` or above ``pred + high`` each at most that often."""
    tail = (1.0 - level) / 2.0
    residuals = np.asarray(residuals, np.float64)
    high = conformal_quantile(residuals, 1.0 - tail)
    low = -conformal_quantile(-residuals, 1.0 - tail)
    return low, high


def merge_bands(predicted: np.ndarray, edges: Sequence[float] = DEFAULT_EDGES,
                min_count: int = MIN_BAND_COUNT) -> list[float]:
    """Band edges with every band holding at least ``min_count`` of these predictions: a band
    short of films is joined to its smaller neighbour, until none is (or one band is left)."""
    edges = list(edges)
    while len(edges) > 2:
        counts = np.histogram(np.clip(predicted, edges[0], edges[-1] - 1e-9), bins=edges)[0]
        short = int(np.argmin(counts))
        if counts[short] >= min_count:
            break
        if short == 0:
            del edges[1]
        elif short == len(counts) - 1:
            del edges[-2]
        else:  # join the neighbour that holds fewer films
            del edges[short if counts[short - 1] <= counts[short + 1] else short + 1]
    return edges


def fit_table(predicted: np.ndarray, true: np.ndarray, male: np.ndarray, level: float = LEVEL,
              edges: Sequence[float] = DEFAULT_EDGES, min_count: int = MIN_BAND_COUNT
              ) -> IntervalTable:
    """The interval table from calibration films (predicted and reference ages, sexes)."""
    predicted, true = np.asarray(predicted, np.float64), np.asarray(true, np.float64)
    male = np.asarray(male, bool)
    bands: dict[str, tuple[Band, ...]] = {}
    for sex, mask in (("female", ~male), ("male", male)):
        sex_edges = merge_bands(predicted[mask], edges, min_count)
        rows = []
        for start, stop in itertools.pairwise(sex_edges):
            last = stop == sex_edges[-1]
            inside = mask & (predicted >= start) & ((predicted < stop) | last)
            if start == sex_edges[0]:
                inside |= mask & (predicted < start)
            low, high = signed_offsets(true[inside] - predicted[inside], level)
            rows.append(Band(float(start), float(stop), round(low, 3), round(high, 3),
                             int(inside.sum())))
        bands[sex] = tuple(rows)
    return IntervalTable(level, bands)


def coverage_and_width(table: IntervalTable, predicted: np.ndarray, true: np.ndarray,
                       male: np.ndarray, full_resolution: bool = False) -> tuple[float, float]:
    """Share of films whose reference age lies in their interval, and the mean width."""
    low, high = table.bounds_array(np.asarray(predicted), np.asarray(male), full_resolution)
    true = np.asarray(true, np.float64)
    return float(np.mean((true >= low) & (true <= high))), float(np.mean(high - low))


def split_half_coverage(predicted: np.ndarray, true: np.ndarray, male: np.ndarray,
                        repeats: int = 20, seed: int = 0, level: float = LEVEL
                        ) -> list[tuple[float, float]]:
    """Honest coverage: fit on a random half of the calibration films, measure on the other
    half, both ways, ``repeats`` times. Returns (coverage, mean width) per fitted half."""
    predicted, true = np.asarray(predicted), np.asarray(true)
    male = np.asarray(male, bool)
    rng = np.random.default_rng(seed)
    results = []
    for _ in range(repeats):
        order = rng.permutation(len(predicted))
        halves = (order[: len(order) // 2], order[len(order) // 2:])
        for fit, test in (halves, halves[::-1]):
            table = fit_table(predicted[fit], true[fit], male[fit], level)
            results.append(coverage_and_width(table, predicted[test], true[test], male[test]))
    return results


def required_inflation(table: IntervalTable, predicted: np.ndarray, true: np.ndarray,
                       male: np.ndarray) -> np.ndarray:
    """Per film: the smallest factor on its band's offsets that puts its reference age inside
    its interval (0 when the prediction is exact)."""
    factors = []
    for pred, ref, is_male in zip(predicted, true, male, strict=True):
        band = table.band_for(float(pred), bool(is_male))
        residual = float(ref) - float(pred)
        if residual >= 0:
            factors.append(residual / band.high if band.high > 0 else math.inf)
        else:
            factors.append(residual / band.low if band.low < 0 else math.inf)
    return np.array(factors)


def fit_inflation(table: IntervalTable, predicted: np.ndarray, true: np.ndarray,
                  male: np.ndarray, level: float | None = None) -> float:
    """Conformal factor for a shifted domain: the ``level`` (default ``table.level``)
    conformal quantile of the factors these films need, never below 1 (a domain does not get
    narrower intervals than the validation films it was compared with)."""
    factors = required_inflation(table, predicted, true, male)
    return max(1.0, conformal_quantile(factors, level or table.level))


def from_full_resolution(image_shape: tuple[int, ...], config: PreprocessConfig) -> bool:
    """Whether a film is larger than the training copies (so it was, or will be, reduced from
    a full-resolution original, where the network reads worse)."""
    width, height = config.source_size or TRAINING_COPY_SIZE
    h, w = image_shape[:2]
    return h > height or w > width


def table_of(metadata: dict[str, Any]) -> IntervalTable | None:
    """The bundle's interval table, or None for a bundle made before intervals existed."""
    stored = metadata.get("interval")
    return IntervalTable.from_dict(stored) if stored else None
