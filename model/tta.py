"""Test-time augmentation spread: the same film, mirrored and slightly rotated, predicted again.

A stable prediction barely moves under these small changes; a large spread says the network is
unsure about this film (unusual positioning, exposure, or not a hand), which the window reports
as "check image" when it exceeds what the validation set showed.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

from model.predictor import Predictor
from model.preprocessing import encode_sex

ROTATIONS_DEGREES = (-6.0, -3.0, 0.0, 3.0, 6.0)


@dataclass(frozen=True)
class Spread:
    mean_months: float
    sd_months: float
    low_months: float
    high_months: float
    values: tuple[float, ...]

    @property
    def centre_months(self) -> float:
        """The unrotated prediction: the bone age itself, already in ``values``."""
        return self.values[ROTATIONS_DEGREES.index(0.0)]


def _rotate(image: np.ndarray, degrees: float) -> np.ndarray:
    if degrees == 0:
        return image
    size = image.shape[0]
    matrix = cv2.getRotationMatrix2D((size / 2 - 0.5, size / 2 - 0.5), degrees, 1.0)
    return cv2.warpAffine(image, matrix, (size, size), flags=cv2.INTER_LINEAR,
                          borderMode=cv2.BORDER_CONSTANT, borderValue=0.0)


def tta_spread(predictor: Predictor, image: np.ndarray, sex: str | bool | float) -> Spread:
    """Predictions over small rotations (each already flip-averaged when the bundle says so)."""
    prepared = predictor.prepare(image)
    batch = np.stack([_rotate(prepared, d) for d in ROTATIONS_DEGREES])
    codes = np.full(len(batch), encode_sex(sex), np.float32)
    values = np.asarray(predictor.run_prepared(batch, codes), np.float64)
    return Spread(float(values.mean()), float(values.std(ddof=1)), float(values.min()),
                  float(values.max()), tuple(float(v) for v in values))
