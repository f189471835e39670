"""Test-time augmentation spread: the same film, mirrored and slightly rotated, predicted again.

A stable prediction barely moves under these small changes; a large spread says the network is
unsure about this film (unusual positioning, exposure, or not a hand), which the window reports
as "check image" when it exceeds what the validation set showed.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from model.predictor import Predictor
from model.preprocessing import encode_sex, rotate_prepared

#: Used when the bundle does not average over rotations itself.
ROTATIONS_DEGREES = (-6.0, -3.0, 0.0, 3.0, 6.0)


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


def tta_spread(predictor: Predictor, image: np.ndarray, sex: str | bool | float) -> Spread:
    """Predictions over small rotations (each already flip-averaged when the bundle says so):
    the bundle's own rotations when it has them, so the spread costs no extra network run."""
    own = predictor.config.rotation_tta_degrees
    angles = own or ROTATIONS_DEGREES
    variants = predictor.prepare_variants(image)  # sampling grids, when the bundle has them
    batch = np.stack([rotate_prepared(v, d) for d in angles for v in variants])
    codes = np.full(len(batch), encode_sex(sex), np.float32)
    per_grid = np.asarray(predictor.run_network(batch, codes), np.float64)
    values = per_grid.reshape(len(angles), len(variants)).mean(axis=1)  # one per rotation
    centre = float(values.mean()) if own else float(values[angles.index(0.0)])
    return Spread(float(values.mean()), float(values.std(ddof=1)), float(values.min()),
                  float(values.max()), tuple(float(v) for v in values), centre)
