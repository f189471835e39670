"""Occlusion sensitivity on a bundle whose network only looks at one corner."""

from __future__ import annotations

import numpy as np
import pytest

from model.occlusion import occlusion_map
from model.predictor import Predictor
from tests.conftest import synthetic_radiograph


class _CornerBackend:
    """Predicts from the mean of the top-left quarter only."""

    def run(self, images, sexes):
        q = images.shape[1] // 4
        return images[:, :q, :q, 0].mean(axis=(1, 2)) * 0.1 + 0.5


def test_map_highlights_the_region_the_network_uses(tiny_bundle):
    predictor = Predictor(tiny_bundle)
    predictor.backend = _CornerBackend()
    heat = occlusion_map(predictor, synthetic_radiograph() / 255.0, "male")
    size = predictor.config.input_size
    assert heat.shape == (size, size) and heat.dtype == np.float32
    assert heat.min() >= 0 and heat.max() == pytest.approx(1.0)
    q = size // 4
    assert heat[:q, :q].mean() > 5 * heat[size // 2:, size // 2:].mean()


def test_real_network_gives_a_finite_map(tiny_bundle):
    heat = occlusion_map(Predictor(tiny_bundle), synthetic_radiograph() / 255.0, "female")
    assert np.isfinite(heat).all() and heat.max() <= 1.0
