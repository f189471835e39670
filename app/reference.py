"""Bone age against the Greulich & Pyle / Brush reference: SDS and its classification.

The table (resources/reference/greulich-pyle-brush.csv) is published data; see the README
beside it for the citation, which every report that shows an SDS must carry.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

import numpy as np

from model.i18n import QT_TRANSLATE_NOOP
from model.resources import resource_path

REFERENCE_CSV = resource_path("reference", "greulich-pyle-brush.csv")
CITATION = ("Greulich & Pyle / Brush Foundation reference as tabulated in Gaskin CM, Kahn SL, "
            "Bertozzi JC, Bunch PM. Skeletal Development of the Hand and Wrist: A Radiographic "
            "Atlas and Digital Bone Age Companion. Oxford University Press, 2011.")
SDS_LIMIT = 2.0
DELAYED = QT_TRANSLATE_NOOP("Reference", "delayed")
NORMAL = QT_TRANSLATE_NOOP("Reference", "normal")
ADVANCED = QT_TRANSLATE_NOOP("Reference", "advanced")
OUTSIDE = QT_TRANSLATE_NOOP("Reference", "outside the reference range")
#: When the 90 % interval of the bone age reaches across a -2 or +2 SD line, the estimate cannot
#: say on which side the child is: the label says so instead of naming one category.
DELAYED_OR_NORMAL = QT_TRANSLATE_NOOP("Reference", "cannot tell delayed from normal")
NORMAL_OR_ADVANCED = QT_TRANSLATE_NOOP("Reference", "cannot tell normal from advanced")
ANY_CATEGORY = QT_TRANSLATE_NOOP("Reference", "cannot tell delayed, normal or advanced apart")


@dataclass(frozen=True)
class Reference:
    ages: np.ndarray  # chronological age, months
    means: np.ndarray
    sds: np.ndarray

    @property
    def range_months(self) -> tuple[float, float]:
        return float(self.ages[0]), float(self.ages[-1])


@dataclass(frozen=True)
class Assessment:
    """Bone age against the reference at the patient's chronological age."""

    chronological_months: float
    bone_age_months: float
    difference_months: float
    reference_mean: float | None
    reference_sd: float | None
    sds: float | None
    #: "delayed", "normal", "advanced", "outside the reference range", or one of the
    #: "cannot tell ..." labels when the interval crosses a ±2 SD line.
    classification: str
    #: The SDS of the ends of the bone age's 90 % interval, when it has one.
    sds_low: float | None = None
    sds_high: float | None = None

    @property
    def undecided(self) -> bool:
        """The interval spans more than one category: the point estimate's side is not known."""
        return self.classification in (DELAYED_OR_NORMAL, NORMAL_OR_ADVANCED, ANY_CATEGORY)


@lru_cache(maxsize=4)
def load_reference(path: str | Path = REFERENCE_CSV) -> dict[str, Reference]:
    rows: dict[str, list[tuple[float, float, float]]] = {"male": [], "female": []}
    with Path(path).open(newline="") as handle:
        for row in csv.DictReader(handle):
            age = float(row["chronological_age_months"])
            for sex in ("male", "female"):
                mean, sd = row[f"{sex}_mean_bone_age_months"], row[f"{sex}_sd_months"]
                if mean and sd:  # girls stop at 192 months: empty cells
                    rows[sex].append((age, float(mean), float(sd)))
    return {sex: Reference(*map(np.array, zip(*sorted(values), strict=True)))
            for sex, values in rows.items()}


def chronological_age_months(birth: date, exam: date) -> float:
    """Age in months on the exam date, with the fraction of the current month (days / 30.4375)."""
    if exam < birth:
        raise ValueError("the exam date is before the date of birth")
    months = (exam.year - birth.year) * 12 + (exam.month - birth.month)
    days = exam.day - birth.day
    if days < 0:
        months -= 1
        previous_month_end = date(exam.year, exam.month, 1).toordinal() - 1
        prev = date.fromordinal(previous_month_end)
        anchor = date(prev.year, prev.month, min(birth.day, prev.day))
        days = (exam - anchor).days
    return months + days / 30.4375


def _category(sds: float) -> str:
    if sds < -SDS_LIMIT:
        return DELAYED
    if sds > SDS_LIMIT:
        return ADVANCED
    return NORMAL


def classify_interval(sds_low: float, sds_high: float) -> str:
    """The category both ends of the interval agree on, or the "cannot tell" label naming the
    categories it spans, so that a wide interval is never read as a firm classification."""
    low, high = _category(min(sds_low, sds_high)), _category(max(sds_low, sds_high))
    if low == high:
        return low
    if low == DELAYED and high == ADVANCED:
        return ANY_CATEGORY
    return DELAYED_OR_NORMAL if low == DELAYED else NORMAL_OR_ADVANCED


def assess(bone_age_months: float, chronological_months: float, sex: str,
           interval: tuple[float, float] | None = None) -> Assessment:
    """SDS of the bone age at this chronological age. With the bone age's 90 % interval
    (months), the classification holds only where the whole interval agrees."""
    if sex not in ("female", "male"):
        raise ValueError(f"sex must be 'female' or 'male', not {sex!r}")
    ref = load_reference()[sex]
    lo, hi = ref.range_months
    difference = bone_age_months - chronological_months
    if not lo <= chronological_months <= hi:
        return Assessment(chronological_months, bone_age_months, difference, None, None, None,
                          OUTSIDE)
    mean = float(np.interp(chronological_months, ref.ages, ref.means))
    sd = float(np.interp(chronological_months, ref.ages, ref.sds))
    sds = (bone_age_months - mean) / sd
    if interval is None:
        return Assessment(chronological_months, bone_age_months, difference, mean, sd, sds,
                          _category(sds))
    sds_low, sds_high = ((interval[0] - mean) / sd, (interval[1] - mean) / sd)
    return Assessment(chronological_months, bone_age_months, difference, mean, sd, sds,
                      classify_interval(sds_low, sds_high), sds_low, sds_high)
