"""Test-time augmentation spread."""

from __future__ import annotations

import numpy as np

from model.predictor import Predictor
from model.tta import ROTATIONS_DEGREES, _rotate, tta_spread
from tests.conftest import synthetic_radiograph


def test_spread_summarises_the_augmented_predictions(tiny_bundle):
    predictor = Predictor(tiny_bundle)
    image = synthetic_radiograph() / 255.0
    spread = tta_spread(predictor, image, "female")
    assert len(spread.values) == len(ROTATIONS_DEGREES)
    assert spread.low_months <= spread.mean_months <= spread.high_months
    assert spread.sd_months >= 0
    centre = ROTATIONS_DEGREES.index(0.0)
    plain = predictor.predict_image(image, "female").bone_age_months
    assert np.isclose(spread.values[centre], plain, atol=1e-3)
    assert spread.centre_months == spread.values[centre]


def test_rotation_keeps_shape_and_identity():
    img = np.random.default_rng(0).random((32, 32)).astype(np.float32)
    assert _rotate(img, 0.0) is img
    assert _rotate(img, 5.0).shape == (32, 32)
