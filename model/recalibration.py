"""Sex-specific linear recalibration of predicted bone ages.

A site whose films or readers differ from RSNA usually shifts a model's predictions by a
roughly linear map (an offset, and a slope where predictions are squeezed towards the mean).
Fitting that map per sex on a few hundred local images is the cheapest adaptation there is, so
it is the baseline that fine-tuning has to beat. Stored in ``bundle.json`` as ``calibration``
and applied by the predictor after the network, so a recalibrated bundle needs no new network.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from model.errors import ModelBundleError

#: Below this many images of one sex, that sex shares the pooled fit: a slope fitted on a
#: dozen points moves more with noise than with the site.
MIN_PER_SEX = 20


def fit_line(predicted: np.ndarray, true: np.ndarray) -> tuple[float, float]:
    """Least-squares slope and intercept of ``true ~ predicted``.

    With under two distinct predictions a slope is meaningless, so only the offset is fitted.
    """
    predicted = np.asarray(predicted, float)
    true = np.asarray(true, float)
    if predicted.size == 0:
        return 1.0, 0.0
    if predicted.size < 2 or np.ptp(predicted) == 0:
        return 1.0, float(np.mean(true - predicted))
    slope, intercept = np.polyfit(predicted, true, 1)
    return float(slope), float(intercept)


@dataclass(frozen=True)
class SexCalibration:
    """``months -> slope * months + intercept``, with one line for each sex."""

    female: tuple[float, float] = (1.0, 0.0)
    male: tuple[float, float] = (1.0, 0.0)

    @classmethod
    def fit(
        cls, predicted: Sequence[float], true: Sequence[float], male: Sequence[bool],
        min_per_sex: int = MIN_PER_SEX,
    ) -> SexCalibration:
        predicted, true = np.asarray(predicted, float), np.asarray(true, float)
        male = np.asarray(male, bool)
        pooled = fit_line(predicted, true)
        lines = []
        for mask in (~male, male):
            lines.append(fit_line(predicted[mask], true[mask])
                         if mask.sum() >= min_per_sex else pooled)
        return cls(female=lines[0], male=lines[1])

    def apply(self, months: np.ndarray, male: np.ndarray) -> np.ndarray:
        months = np.asarray(months, float)
        male = np.asarray(male, bool)
        slope = np.where(male, self.male[0], self.female[0])
        intercept = np.where(male, self.male[1], self.female[1])
        return slope * months + intercept

    def then(self, after: SexCalibration) -> SexCalibration:
        """This line followed by ``after``: one line per sex, so calibrations stack."""
        lines = []
        for (a1, b1), (a2, b2) in ((self.female, after.female), (self.male, after.male)):
            lines.append((a2 * a1, a2 * b1 + b2))
        return SexCalibration(female=lines[0], male=lines[1])

    def to_dict(self) -> dict[str, Any]:
        return {
            "method": "sex-specific linear: slope * months + intercept",
            "female": {"slope": self.female[0], "intercept_months": self.female[1]},
            "male": {"slope": self.male[0], "intercept_months": self.male[1]},
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> SexCalibration:
        try:
            lines = [(float(data[s]["slope"]), float(data[s]["intercept_months"]))
                     for s in ("female", "male")]
        except (KeyError, TypeError, ValueError) as exc:
            raise ModelBundleError(f"The model's calibration is damaged: {exc!r}") from None
        if not all(np.isfinite(v) for line in lines for v in line):
            raise ModelBundleError("The model's calibration holds a value that is not a number")
        return cls(female=lines[0], male=lines[1])
