"""Test-time augmentation spread: the same film, mirrored and slightly rotated, predicted again.

A stable prediction barely moves under these small changes; a large spread says the network is
unsure about this film (unusual positioning, exposure, or not a hand), which the window reports
as "check image" when it exceeds what the validation set showed.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from model.dataset import Record
from model.image_io import read_grayscale
from model.predictor import ROTATIONS_DEGREES as ROTATIONS_DEGREES  # re-exported
from model.predictor import Predictor
from model.preprocessing import encode_sex


@dataclass(frozen=True)
class Spread:
    mean_months: float
    sd_months: float
    low_months: float
    high_months: float
    values: tuple[float, ...]
    #: The bone age these rotations give: their mean when the bundle averages over them (the
    #: predictor's own number), else the unrotated member.
    centre_months: float

    @classmethod
    def of(cls, values: np.ndarray, centre_months: float) -> Spread:
        """The spread of the bone ages under each rotation."""
        values = np.asarray(values, np.float64)
        return cls(float(values.mean()), float(values.std(ddof=1)), float(values.min()),
                   float(values.max()), tuple(float(v) for v in values), float(centre_months))


def tta_spread(predictor: Predictor, image: np.ndarray, sex: str | bool | float,
               trimmed: bool = False) -> Spread:
    """Predictions over small rotations (each already flip-averaged when the bundle says so):
    the bundle's own rotations when it has them, so the spread costs no extra network run.
    ``trimmed``: ``image`` is already ``predictor.trim``'s output."""
    return Spread.of(*predictor.rotation_values(image, encode_sex(sex), trimmed))


def spread_table(predictor: Predictor, records: Sequence[Record], cache: Path | None = None
                 ) -> dict[str, tuple[float, float]]:
    """image id -> (bone age, rotation spread SD) for labelled films, through the predictor.

    Scripts that fit on the validation split (the interval, the image check's combined flag
    rate) share this; with ``cache`` the numbers are kept in a CSV and reused while the
    bundle's label (network checksum and settings) is unchanged.
    """
    label = predictor.bundle.label
    done: dict[str, tuple[float, float]] = {}
    if cache is not None and cache.exists():
        with cache.open(newline="") as handle:
            for row in csv.DictReader(handle):
                if row["model"] == label:
                    done[row["id"]] = (float(row["months"]), float(row["spread_sd"]))
    todo = [r for r in records if r.image_id not in done]
    for r in todo:
        spread = tta_spread(predictor, read_grayscale(r.path), r.male)
        done[r.image_id] = (spread.centre_months, spread.sd_months)
    if cache is not None and todo:
        with cache.open("w", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["id", "months", "spread_sd", "model"])
            for image_id, (months, sd) in done.items():
                writer.writerow([image_id, f"{months:.4f}", f"{sd:.4f}", label])
    return done
