"""Metrics checked against values computed by hand."""

from __future__ import annotations

import numpy as np
import pytest

from model.metrics import regression_metrics


def test_hand_computed_example():
    true = np.array([10.0, 20.0, 30.0, 40.0])
    pred = np.array([12.0, 18.0, 33.0, 40.0])  # errors +2, -2, +3, 0
    m = regression_metrics(true, pred, male=np.array([True, False, True, False]))
    assert m["n"] == 4
    assert m["mae_months"] == pytest.approx(7 / 4)
    assert m["rmse_months"] == pytest.approx(np.sqrt(17 / 4))
    assert m["bias_months"] == pytest.approx(3 / 4)
    assert m["r2"] == pytest.approx(1 - 17 / 500)  # SS_tot = 225+25+25+225
    assert m["within_12_months"] == 1.0
    assert m["mae_by_sex"] == {"female": pytest.approx(1.0), "male": pytest.approx(2.5)}
    assert m["mae_by_age_band"] == {"0-2y": pytest.approx(2.0), "2-4y": pytest.approx(1.5)}


def test_age_bands_and_within_12():
    true = np.array([5.0, 30.0, 100.0])
    pred = np.array([5.0, 50.0, 100.0])
    m = regression_metrics(true, pred)
    assert m["mae_by_age_band"] == {"0-2y": 0.0, "2-4y": 20.0, "8-10y": 0.0}
    assert m["within_12_months"] == pytest.approx(2 / 3)
    assert "mae_by_sex" not in m


def test_rejects_mismatched_input():
    with pytest.raises(ValueError):
        regression_metrics(np.array([1.0, 2.0]), np.array([1.0]))
    with pytest.raises(ValueError):
        regression_metrics(np.array([]), np.array([]))
