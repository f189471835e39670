"""Test-time augmentation: the spread under rotations, and rotation averaging in the predictor."""

from __future__ import annotations

import dataclasses
import shutil

import numpy as np

from model.bundle import write_bundle
from model.predictor import Predictor
from model.preprocessing import PreprocessConfig, rotate_prepared
from model.tta import ROTATIONS_DEGREES, tta_spread
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
    assert rotate_prepared(img, 0.0) is img
    assert rotate_prepared(img, 5.0).shape == (32, 32)
    assert not np.array_equal(rotate_prepared(img, 5.0), img)


def test_bundle_rotation_averaging(tiny_bundle, tmp_path):
    """A bundle that averages over rotations gives the mean of the rotated predictions, and its
    spread's centre is that same number (so the window and the command line agree)."""
    folder = tmp_path / "rotating"
    shutil.copytree(tiny_bundle.directory, folder)
    angles = (-4.0, 0.0, 4.0)
    config = dataclasses.replace(tiny_bundle.preprocessing, rotation_tta_degrees=angles)
    write_bundle(folder, "rotating", "0", "custom_cnn", config)
    plain, rotating = Predictor(tiny_bundle), Predictor(folder)
    assert rotating.config.rotation_tta_degrees == angles
    images = [synthetic_radiograph(seed=s) / 255.0 for s in range(3)]
    prepared = np.stack([plain.prepare(img) for img in images])
    sexes = np.array([0.0, 1.0, 1.0])
    expected = np.mean([plain.run_prepared(np.stack([rotate_prepared(p, a) for p in prepared]),
                                           sexes) for a in angles], axis=0)
    np.testing.assert_allclose(rotating.run_prepared(prepared, sexes), expected, atol=1e-6)
    spread = tta_spread(rotating, images[1], "male")
    assert len(spread.values) == 3
    assert np.isclose(spread.centre_months, rotating.predict_image(images[1], "male")
                      .bone_age_months, atol=1e-6)


def test_rotation_setting_round_trips():
    config = PreprocessConfig(input_size=64, rotation_tta_degrees=[-6, 0, 6])
    assert config.rotation_tta_degrees == (-6.0, 0.0, 6.0)
    assert PreprocessConfig.from_dict(config.to_dict()) == config
    assert config.to_dict()["rotation_tta_degrees"] == [-6.0, 0.0, 6.0]
    assert PreprocessConfig().rotation_tta_degrees == ()
