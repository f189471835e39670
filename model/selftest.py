"""A self-check the frozen app can run without a screen or any file: load the bundled model,
predict a built-in synthetic input, and report the number, so that a build can be compared with
the source tree to 0.01 months."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np

from model.bundle import load_bundle
from model.predictor import Predictor


def check_image(height: int = 260, width: int = 200) -> np.ndarray:
    """Deterministic hand-sized test pattern (no randomness: identical on every platform)."""
    yy, xx = np.mgrid[0:height, 0:width].astype(np.float64)
    blob = np.exp(-(((yy - height * 0.55) / (height * 0.3)) ** 2
                    + ((xx - width / 2) / (width * 0.25)) ** 2))
    stripes = 0.05 * np.sin(xx / 3.0) * np.cos(yy / 5.0)
    return np.clip(0.08 + 0.8 * blob + stripes, 0, 1).astype(np.float32)


def run_self_test(bundle_dir: str | Path | None = None) -> dict[str, object]:
    bundle = load_bundle(bundle_dir)
    predictor = Predictor(bundle)
    result = {
        "model": bundle.label,
        "backend": predictor.backend.name,
        "female_months": round(predictor.predict_image(check_image(), "female").bone_age_months, 3),
        "male_months": round(predictor.predict_image(check_image(), "male").bone_age_months, 3),
    }
    result["ok"] = all(np.isfinite([result["female_months"], result["male_months"]]))
    return result


def main_self_test(out: str | None = None, bundle_dir: str | None = None,
                   extra_checks: dict[str, object] | None = None) -> int:
    result = run_self_test(bundle_dir)
    if extra_checks:
        result.update(extra_checks)
        result["ok"] = bool(result["ok"]) and all(
            v is not False for v in extra_checks.values())
    text = json.dumps(result)
    print(text)
    if out:
        Path(out).write_text(text + "\n")
    return 0 if result["ok"] else 1
