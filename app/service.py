"""The predictor service the window talks to: loads the bundled model once and predicts.

Qt-free, so the same object serves the command line, the tests and the window's worker thread.
"""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np

from model.bundle import ModelBundle, load_bundle
from model.image_check import spread_limit
from model.occlusion import occlusion_map, overlay, to_image_frame
from model.predictor import Prediction, Predictor
from model.tta import Spread


def predict_with_stability(predictor: Predictor, image: np.ndarray,
                           sex: str) -> tuple[Prediction, Spread]:
    """One film's Prediction (flagged, with its reason, when its look or its stability under
    small rotations fails the image check) and that rotation spread: the one path the window,
    the batch and the command line share. The spread is made of the bone age's own network
    runs, so it costs nothing."""
    prediction, values = predictor.predict_image_with_rotations(image, sex)
    return prediction, Spread.of(values, prediction.bone_age_months)


class PredictorService:
    def __init__(self, bundle_dir: str | Path | None = None) -> None:
        self.bundle_dir = bundle_dir
        self._predictor: Predictor | None = None
        self._lock = threading.Lock()

    def load(self) -> ModelBundle:
        """Load (once) and return the bundle; raises ModelBundleError with a clear reason."""
        with self._lock:
            if self._predictor is None:
                self._predictor = Predictor(load_bundle(self.bundle_dir))
            return self._predictor.bundle

    def switch(self, bundle_dir: str | Path | None) -> ModelBundle:
        """Use another bundle (``None``: the bundled model). The current model stays in use
        unless the new one loads, so a bad folder never leaves the window without a model."""
        predictor = Predictor(load_bundle(bundle_dir))
        with self._lock:
            self._predictor = predictor
            self.bundle_dir = bundle_dir
        return predictor.bundle

    @property
    def predictor(self) -> Predictor:
        self.load()
        assert self._predictor is not None
        return self._predictor

    def predict(self, image: np.ndarray, sex: str) -> Prediction:
        return self.predictor.predict_image(image, sex)

    def predict_with_spread(self, image: np.ndarray, sex: str) -> tuple[Prediction, Spread]:
        """The predictor's own answer (bone age, interval, check-image flag) plus the spread
        under small rotations, kept only as a stability check."""
        return predict_with_stability(self.predictor, image, sex)

    @property
    def spread_limit_months(self) -> float:
        return spread_limit(self.predictor.bundle)

    def heatmap_overlay(self, image: np.ndarray, sex: str) -> np.ndarray:
        """RGB picture of the radiograph with its occlusion-sensitivity map."""
        heat = occlusion_map(self.predictor, image, sex)
        frame = to_image_frame(heat, image.shape, self.predictor.config.resize_mode)
        return overlay(image, frame)

    def network_view(self, image: np.ndarray) -> np.ndarray:
        """The image as the network receives it, before its in-graph z-score."""
        return self.predictor.prepare(image)
