"""Properties of the one preprocessing shared by training and inference."""

from __future__ import annotations

import numpy as np
import pytest

from model.preprocessing import (
    PreprocessConfig,
    encode_sex,
    fit_to_square,
    format_years_months,
    prepare_image,
    scale_age,
    unscale_age,
    zscore,
)


def _rectangle(h: int, w: int) -> np.ndarray:
    return np.ones((h, w), np.float32)


def test_pad_keeps_aspect_and_centres():
    out = fit_to_square(_rectangle(200, 100), 64, "pad")
    assert out.shape == (64, 64)
    cols = np.flatnonzero(out.max(axis=0) > 0.5)
    rows = np.flatnonzero(out.max(axis=1) > 0.5)
    assert len(rows) == 64  # the long side fills the square
    assert len(cols) == 32  # 200x100 keeps its 2:1 ratio
    assert cols[0] == 16 and cols[-1] == 47  # centred, black padding either side
    assert np.all(out[:, :16] == 0) and np.all(out[:, 48:] == 0)


def test_pad_landscape_pads_top_and_bottom():
    out = fit_to_square(_rectangle(50, 100), 40, "pad")
    rows = np.flatnonzero(out.max(axis=1) > 0.5)
    assert len(rows) == 20 and rows[0] == 10


def test_stretch_fills_the_square():
    out = fit_to_square(_rectangle(200, 100), 64, "stretch")
    assert out.shape == (64, 64) and np.all(out > 0.99)


def test_source_aspect_unsquashes_square_images_only():
    square = fit_to_square(_rectangle(100, 100), 130, "pad", source_aspect=100 / 130)
    assert len(np.flatnonzero(square.max(axis=0) > 0.5)) == 100
    tall = fit_to_square(_rectangle(200, 100), 64, "pad", source_aspect=100 / 130)
    assert len(np.flatnonzero(tall.max(axis=0) > 0.5)) == 32  # already a real aspect: untouched


def test_downscale_preserves_mean_brightness():
    rng = np.random.default_rng(0)
    img = rng.random((2080, 1600)).astype(np.float32)
    out = fit_to_square(img, 112, "stretch")
    assert abs(out.mean() - img.mean()) < 1e-3


def test_prepare_image_uses_config():
    cfg = PreprocessConfig(input_size=48, resize_mode="pad")
    assert prepare_image(_rectangle(20, 10), cfg).shape == (48, 48)


def test_rejects_colour_and_unknown_mode():
    with pytest.raises(ValueError, match="2-D"):
        fit_to_square(np.zeros((10, 10, 3)), 8)
    with pytest.raises(ValueError, match="resize mode"):
        fit_to_square(np.zeros((10, 10)), 8, "crop")  # type: ignore[arg-type]


def test_zscore_reference():
    rng = np.random.default_rng(1)
    z = zscore(rng.random((32, 32)) * 5 + 3)
    assert abs(z.mean()) < 1e-5 and abs(z.std() - 1) < 1e-4
    np.testing.assert_allclose(zscore(np.full((8, 8), 0.7)), 0, atol=1e-3)  # no blow-up


@pytest.mark.parametrize(("value", "code"), [("female", 0.0), ("Male", 1.0), ("F", 0.0),
                                             (True, 1.0), (0, 0.0), (1.0, 1.0)])
def test_encode_sex(value, code):
    assert encode_sex(value) == code


@pytest.mark.parametrize("value", ["", "unknown", None, 2, 0.5])
def test_encode_sex_rejects_missing_or_invalid(value):
    with pytest.raises(ValueError, match="female"):
        encode_sex(value)


def test_age_scaling_round_trip():
    cfg = PreprocessConfig(age_scale_months=240.0)
    ages = np.array([1.0, 120.0, 228.0])
    assert np.all((scale_age(ages, cfg) >= 0) & (scale_age(ages, cfg) <= 1))
    np.testing.assert_allclose(unscale_age(scale_age(ages, cfg), cfg), ages, rtol=1e-6)


def test_config_round_trip_and_unknown_keys():
    cfg = PreprocessConfig(input_size=96, resize_mode="pad", source_aspect=0.77)
    assert PreprocessConfig.from_dict(cfg.to_dict()) == cfg
    with pytest.raises(ValueError, match="unknown preprocessing"):
        PreprocessConfig.from_dict({**cfg.to_dict(), "clahe": True})


@pytest.mark.parametrize(("months", "text"), [(136, "11 years 4 months"), (12, "1 year 0 months"),
                                              (13.4, "1 year 1 month"), (0, "0 years 0 months")])
def test_years_months(months, text):
    assert format_years_months(months) == text


def test_rotations_on_the_first_grid_and_each_other_grid_once_unturned():
    from model.preprocessing import tta_pairs

    angles = (-6.0, 0.0, 6.0)
    assert tta_pairs(3, angles, first_grid_only=False) == [
        (g, r) for r in range(3) for g in range(3)]
    assert tta_pairs(3, angles, first_grid_only=True) == [
        (0, 0), (0, 1), (0, 2), (1, 1), (2, 1)]
    # One grid (a film of the copies' own size): every rotation, as without the option.
    assert tta_pairs(1, angles, first_grid_only=True) == [(0, 0), (0, 1), (0, 2)]
    # Without an unturned angle, the extra grids take the smallest turn.
    assert tta_pairs(2, (4.0, -2.0), first_grid_only=True) == [(0, 0), (0, 1), (1, 1)]
