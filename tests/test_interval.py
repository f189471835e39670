"""The 90 % prediction interval: conformal quantiles, bands by predicted age, coverage measured
on synthetic residuals, and the predictor filling and clipping it from the bundle."""

from __future__ import annotations

import json
import shutil

import numpy as np
import pytest

from model.bundle import DEFAULT_BUNDLE_DIR, load_bundle, write_metadata
from model.interval import (
    Band,
    IntervalTable,
    conformal_quantile,
    coverage_and_width,
    fit_inflation,
    fit_table,
    from_full_resolution,
    merge_bands,
    signed_offsets,
    split_half_coverage,
)
from model.predictor import Predictor
from model.preprocessing import PreprocessConfig
from tests.conftest import synthetic_radiograph


def synthetic_set(n: int, seed: int, noise_scale: float = 1.0):
    """Ages 0-228 months, predictions with an error whose size grows at the ends of the range
    and a pull towards the middle (as the network has), both sexes."""
    rng = np.random.default_rng(seed)
    true = rng.uniform(0, 228, n)
    male = rng.random(n) < 0.5
    sd = noise_scale * (8 + 20 * (np.abs(true - 120) / 120) ** 2)
    pred = np.clip(true + 0.15 * (120 - true) + rng.normal(0, sd), 0, 240)
    return pred, true, male


def test_conformal_quantile_takes_the_finite_sample_rank():
    scores = np.arange(1.0, 20.0)  # 19 scores: rank ceil(20 * 0.9) = 18
    assert conformal_quantile(scores, 0.9) == 18.0
    assert conformal_quantile(np.arange(1.0, 5.0), 0.9) == 4.0  # too few: the largest


def test_signed_offsets_follow_a_one_sided_error():
    residuals = np.random.default_rng(0).uniform(0, 10, 999)  # the truth always above
    low, high = signed_offsets(residuals, 0.9)
    assert 0 <= low < 1 and 9 < high <= 10


def test_merge_bands_joins_short_bands():
    predicted = np.concatenate([np.full(5, 10.0), np.full(100, 60.0), np.full(100, 130.0)])
    edges = merge_bands(predicted, (0, 24, 48, 72, 96, 240), min_count=50)
    counts = np.histogram(predicted, bins=edges)[0]
    assert edges[0] == 0 and edges[-1] == 240 and counts.min() >= 50


def test_split_half_coverage_on_synthetic_residuals_is_near_ninety_percent():
    pred, true, male = synthetic_set(2000, seed=1)
    results = np.array(split_half_coverage(pred, true, male, repeats=5, seed=0))
    assert results.shape == (10, 2)
    assert 0.86 <= results[:, 0].mean() <= 0.94
    # Fitted on one set, measured on a fresh one from the same process.
    table = fit_table(pred, true, male)
    coverage, width = coverage_and_width(table, *synthetic_set(4000, seed=2))
    assert 0.87 <= coverage <= 0.93 and width > 0


def test_bands_are_wider_where_the_error_is_larger():
    table = fit_table(*synthetic_set(4000, seed=3))
    for bands in table.bands.values():
        widths = {b.start: b.high - b.low for b in bands}
        # Where the truth is 120 months the error is smallest; the bands that hold the
        # extreme ages (pulled towards the middle) are far wider.
        assert widths[120.0] < 0.75 * max(widths.values())


def test_bounds_are_clipped_to_the_age_scale():
    band = Band(0.0, 240.0, -30.0, 30.0, 100)
    table = IntervalTable(0.9, {"female": (band,), "male": (band,)})
    assert table.bounds(5.0, False) == (0.0, 35.0)
    assert table.bounds(230.0, True) == (200.0, 240.0)


def test_full_resolution_inflation_widens_and_round_trips():
    band = Band(0.0, 240.0, -20.0, 10.0, 100)
    table = IntervalTable(0.9, {"female": (band,), "male": (band,)}, 1.5)
    assert table.bounds(100.0, False, full_resolution=True) == (70.0, 115.0)
    again = IntervalTable.from_dict(json.loads(json.dumps(table.to_dict())))
    assert again.bands == table.bands and again.full_resolution_inflation == 1.5


def test_fit_inflation_restores_coverage_on_a_shifted_domain():
    table = fit_table(*synthetic_set(3000, seed=4))
    shifted = synthetic_set(400, seed=5, noise_scale=1.6)
    assert coverage_and_width(table, *shifted)[0] < 0.85
    factor = fit_inflation(table, *shifted)
    widened = IntervalTable(table.level, table.bands, factor)
    fresh = synthetic_set(3000, seed=6, noise_scale=1.6)
    assert factor > 1.2
    assert coverage_and_width(widened, *fresh, full_resolution=True)[0] >= 0.87


def test_full_resolution_means_larger_than_the_training_copies():
    config = PreprocessConfig(source_size=(100, 100))
    assert from_full_resolution((2044, 1514), config)
    assert not from_full_resolution((100, 100), config)
    assert not from_full_resolution((80, 64), PreprocessConfig())


@pytest.fixture()
def bundle_with_table(tmp_path):
    """A copy of the bundled model with a known interval table."""
    folder = tmp_path / "bundle"
    shutil.copytree(DEFAULT_BUNDLE_DIR, folder)
    meta = json.loads((folder / "bundle.json").read_text())
    band = Band(0.0, 240.0, -25.0, 20.0, 100)
    meta["interval"] = IntervalTable(0.9, {"female": (band,), "male": (band,)}, 2.0).to_dict()
    write_metadata(folder, meta)
    return load_bundle(folder)


def test_predictor_fills_and_clips_the_interval(bundle_with_table):
    predictor = Predictor(bundle_with_table)
    film = synthetic_radiograph(100, 100).astype(np.float32) / 255
    result = predictor.predict_image(film, "female")
    assert result.interval_low_months == pytest.approx(max(0, result.bone_age_months - 25))
    assert result.interval_high_months == pytest.approx(min(240, result.bone_age_months + 20))
    assert predictor.prediction(3.0, "male").interval_low_months == 0.0
    assert predictor.prediction(235.0, "male").interval_high_months == 240.0
    # A film larger than the training copies gets the full-resolution inflation.
    large = np.zeros((400, 300), np.float32)
    wide = predictor.prediction(120.0, "male", image=large)
    assert (wide.interval_low_months, wide.interval_high_months) == (70.0, 160.0)


def test_bundled_model_carries_an_interval():
    predictor = Predictor()
    assert predictor.interval is not None
    result = predictor.prediction(120.0, "female")
    assert result.interval_low_months < 120.0 < result.interval_high_months
    assert result.interval_high_months - result.interval_low_months < 80
