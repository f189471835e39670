"""Sex-specific linear recalibration: the baseline that local fine-tuning has to beat."""

from __future__ import annotations

import numpy as np
import pytest

from model.errors import ModelBundleError
from model.recalibration import SexCalibration, fit_line


def test_fit_recovers_known_lines_per_sex():
    rng = np.random.default_rng(0)
    predicted = rng.uniform(20, 220, 400)
    male = rng.random(400) < 0.5
    # A site whose girls read 8 months ahead and whose boys are squeezed towards the mean.
    true = np.where(male, 1.15 * predicted - 14.0, predicted + 8.0)
    calibration = SexCalibration.fit(predicted, true, male)
    assert calibration.female == pytest.approx((1.0, 8.0), abs=1e-9)
    assert calibration.male == pytest.approx((1.15, -14.0), abs=1e-9)
    np.testing.assert_allclose(calibration.apply(predicted, male), true, atol=1e-9)


def test_fit_with_noise_is_close():
    rng = np.random.default_rng(1)
    predicted = rng.uniform(20, 220, 300)
    male = rng.random(300) < 0.5
    true = 0.9 * predicted + 12.0 + rng.normal(0, 6, 300)
    calibration = SexCalibration.fit(predicted, true, male)
    for slope, intercept in (calibration.female, calibration.male):
        assert slope == pytest.approx(0.9, abs=0.05)
        assert intercept == pytest.approx(12.0, abs=6.0)


def test_small_sex_group_shares_the_pooled_line():
    predicted = np.linspace(20, 200, 60)
    male = np.zeros(60, bool)
    male[:5] = True  # five boys: too few for a line of their own
    true = predicted + 10.0
    calibration = SexCalibration.fit(predicted, true, male)
    assert calibration.male == pytest.approx(calibration.female)
    assert calibration.male == pytest.approx((1.0, 10.0))


def test_degenerate_inputs():
    assert fit_line(np.array([]), np.array([])) == (1.0, 0.0)
    assert fit_line(np.array([100.0, 100.0]), np.array([110.0, 120.0])) == (1.0, 15.0)


def test_round_trip_and_damaged_dict():
    calibration = SexCalibration(female=(1.1, -3.0), male=(0.95, 4.5))
    assert SexCalibration.from_dict(calibration.to_dict()) == calibration
    with pytest.raises(ModelBundleError, match="calibration is damaged"):
        SexCalibration.from_dict({"female": {"slope": 1.0}})
    bad = calibration.to_dict()
    bad["male"]["slope"] = float("nan")
    with pytest.raises(ModelBundleError, match="not a number"):
        SexCalibration.from_dict(bad)


def test_calibrations_compose():
    first = SexCalibration(female=(1.1, -3.0), male=(0.9, 6.0))
    second = SexCalibration(female=(1.0, 9.0), male=(1.2, -2.0))
    months = np.array([30.0, 120.0, 200.0, 60.0])
    male = np.array([False, True, False, True])
    np.testing.assert_allclose(first.then(second).apply(months, male),
                               second.apply(first.apply(months, male), male))
