"""Shared fixtures: synthetic images written in every supported encoding, the shared RSNA data
(skipped with a reason where absent), and a tiny exported bundle for TensorFlow-side tests."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parent.parent
SHARED_DATA = REPO.parent / "shared" / "data"
RSNA_100PX = SHARED_DATA / "rsna-boneage-100px"
FULLRES = SHARED_DATA / "rsna-fullres-samples"


def synthetic_radiograph(height: int = 130, width: int = 100, seed: int = 0) -> np.ndarray:
    """An 8-bit 'hand-like' test image: a bright blob on a dark field, with some texture."""
    rng = np.random.default_rng(seed)
    yy, xx = np.mgrid[0:height, 0:width]
    dy = (yy - height * 0.55) / (height * 0.3)
    dx = (xx - width / 2) / (width * 0.25)
    blob = np.exp(-(dy**2 + dx**2))
    img = 20 + 200 * blob + rng.normal(0, 8, (height, width))
    return np.clip(img, 0, 255).astype(np.uint8)


@pytest.fixture(scope="session")
def rsna_100px() -> Path:
    if not (RSNA_100PX / "boneage-training-dataset.csv").exists():
        pytest.skip(f"shared RSNA data not found at {RSNA_100PX} (only in the project's workspace)")
    return RSNA_100PX


@pytest.fixture(scope="session")
def fullres() -> Path:
    if not (FULLRES / "labels.csv").exists():
        pytest.skip(f"shared full-resolution samples not found at {FULLRES}")
    return FULLRES


@pytest.fixture(scope="session")
def tiny_bundle(tmp_path_factory: pytest.TempPathFactory):
    """An untrained 32 px custom CNN exported as a real bundle (ONNX + Keras + bundle.json)."""
    pytest.importorskip("tensorflow", reason="the train extra (TensorFlow) is not installed")
    from model.preprocessing import PreprocessConfig
    from model.training.architectures import build_model
    from model.training.export import export_bundle

    out = tmp_path_factory.mktemp("bundle")
    keras_model = build_model("custom_cnn", input_size=32, filters=(4, 8, 8, 8))
    keras_model.save(out / "model.keras")
    return export_bundle(out / "model.keras", out, PreprocessConfig(input_size=32),
                         name="tiny-test", version="0", architecture="custom_cnn")
