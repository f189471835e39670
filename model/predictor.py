"""The predictor service: one file or array plus a sex in, a bone age out.

This is the only path from an image to a number, used by the app, ``boneage predict`` and
``boneage evaluate`` alike, so the accuracy measured by ``evaluate`` is the accuracy of the app.
It runs the bundle's ONNX network with OpenCV's DNN module (or ONNX Runtime on request) and
never imports TensorFlow.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from model.bundle import ModelBundle, load_bundle
from model.errors import ModelBundleError
from model.image_check import check_image, load_checker
from model.image_io import read_grayscale
from model.interval import from_full_resolution, table_of
from model.preprocessing import (
    encode_sex,
    format_years_months,
    prepare_image,
    prepare_variants,
    rotate_prepared,
    trim_margins,
    tta_pairs,
    unscale_age,
)
from model.recalibration import SexCalibration

#: Rotations for the spread when the bundle does not average over rotations itself.
ROTATIONS_DEGREES = (-6.0, -3.0, 0.0, 3.0, 6.0)


@dataclass(frozen=True)
class Prediction:
    """One bone age with what a reader needs to weigh it.

    ``interval_*_months``: the bundle's 90 % prediction interval for this bone age (None when
    the bundle carries none). ``check_image``: the film does not look like what the model was
    trained on, or the answer is unstable; ``check_reason`` says which, in words.
    """

    bone_age_months: float
    sex: str
    model_label: str
    interval_low_months: float | None = None
    interval_high_months: float | None = None
    check_image: bool = False
    check_reason: str = ""

    @property
    def years_months(self) -> str:
        return format_years_months(self.bone_age_months)


class OnnxRuntimeBackend:
    """ONNX Runtime: the reference runtime for the exported graph."""

    name = "onnxruntime"

    def __init__(self, onnx_path: Path, threads: int) -> None:
        import onnxruntime as ort

        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.log_severity_level = 3
        try:
            self._session = ort.InferenceSession(
                str(onnx_path), options, providers=["CPUExecutionProvider"])
        except Exception as exc:  # ORT raises its own exception types for a bad graph
            raise ModelBundleError(f"The model file cannot be loaded: {exc}") from None
        inputs = self._session.get_inputs()
        if len(inputs) != 2:
            raise ModelBundleError(f"The model has {len(inputs)} inputs; expected image and sex")
        # Keras names the ONNX inputs after its Input layers; rank tells them apart regardless.
        by_rank = {len(i.shape): i.name for i in inputs}
        self._image_name, self._sex_name = by_rank[4], by_rank[2]

    def run(self, images: np.ndarray, sexes: np.ndarray) -> np.ndarray:
        feeds = {self._image_name: images, self._sex_name: sexes}
        return self._session.run(None, feeds)[0][:, 0]


class OpenCvDnnBackend:
    """OpenCV's DNN module: already a dependency, so it adds nothing to a frozen app."""

    name = "opencv"

    def __init__(self, onnx_path: Path, threads: int) -> None:
        import cv2

        cv2.setNumThreads(threads)
        try:
            self._net = cv2.dnn.readNetFromONNX(str(onnx_path))
        except cv2.error as exc:
            raise ModelBundleError(f"The model file cannot be loaded: {exc}") from None
        self._lock = threading.Lock()  # a cv2.dnn.Net must not run two forwards at once
        self._error = cv2.error

    def run(self, images: np.ndarray, sexes: np.ndarray) -> np.ndarray:
        with self._lock:
            try:
                self._net.setInput(images, "image")
                self._net.setInput(sexes, "sex")
                return np.asarray(self._net.forward()).reshape(-1)
            except self._error as exc:
                # load_bundle checks that the settings fit the network; this is the last line
                # of defence, so that a network OpenCV cannot run still gets one clear line.
                raise ModelBundleError(f"The model cannot run: {exc}") from None


BACKENDS = {"onnxruntime": OnnxRuntimeBackend, "opencv": OpenCvDnnBackend}
#: OpenCV's DNN module: the same numbers as ONNX Runtime (within 0.001 months), fast enough
#: (a few ms a film), and nothing to add to the frozen app, where ONNX Runtime would cost tens
#: of MB. ONNX Runtime remains available (``BONEAGE_BACKEND=onnxruntime``) as a cross-check.
DEFAULT_BACKEND = "opencv"


class Predictor:
    """Wraps one bundle. Create once and reuse; safe to call from a worker thread."""

    def __init__(self, bundle: ModelBundle | str | Path | None = None, threads: int = 0,
                 backend: str | None = None) -> None:
        self.bundle = bundle if isinstance(bundle, ModelBundle) else load_bundle(bundle)
        self.config = self.bundle.preprocessing
        backend = backend or os.environ.get("BONEAGE_BACKEND", DEFAULT_BACKEND)
        if backend not in BACKENDS:
            raise ValueError(f"unknown backend {backend!r}; known: {', '.join(BACKENDS)}")
        threads = threads or min(4, os.cpu_count() or 1)
        self.backend = BACKENDS[backend](self.bundle.onnx_path, threads)
        # A bundle adapted to a local site by recalibration (``boneage finetune``) carries
        # the line to apply after the network.
        stored = self.bundle.metadata.get("calibration")
        self.calibration = SexCalibration.from_dict(stored) if stored else None
        # The 90 % interval table and the image check, when the bundle has them; a damaged
        # check file is refused here, as a damaged network is.
        self.interval = table_of(self.bundle.metadata)
        load_checker(self.bundle)

    def prepare(self, image: np.ndarray) -> np.ndarray:
        """Grayscale [0, 1] image to the network's input, exactly as in training (on Pillow's
        own sampling grid when the film is reduced like the training copies)."""
        return prepare_image(image, self.config)

    def prepare_variants(self, image: np.ndarray, trimmed: bool = False) -> np.ndarray:
        """(K, S, S): the prepared film on each sampling grid the bundle averages over."""
        return prepare_variants(image, self.config, trimmed)

    def trim(self, image: np.ndarray) -> np.ndarray:
        """The film without the frame the bundle cuts (the film itself when it cuts none).
        A click trims once and passes ``trimmed=True`` on: the network's grids and the image
        check then read the same film, and a background-removed film is scanned once."""
        return trim_margins(image, self.config)

    def run_network(self, prepared: np.ndarray, sex_codes: np.ndarray) -> np.ndarray:
        """(N, S, S) prepared images and (N,) sex codes to months, each image as it is.

        With ``flip_tta`` the mirrored image is predicted too and the two are averaged; a
        bundle's calibration comes next, and the result is kept within 0 and the age scale.
        Rotation averaging is left to :meth:`run_prepared`, so that the spread under
        rotations can be computed from this.
        """
        x = np.asarray(prepared, np.float32)[..., None]
        s = np.asarray(sex_codes, np.float32).reshape(-1, 1)
        if self.config.flip_tta:
            x = np.concatenate([x, x[:, :, ::-1]], axis=0)
            s = np.concatenate([s, s], axis=0)
        out = self.backend.run(x, s)
        if self.config.flip_tta:
            out = out.reshape(2, -1).mean(axis=0)
        months = unscale_age(out, self.config)
        if self.calibration is not None:
            months = self.calibration.apply(months, np.asarray(sex_codes).reshape(-1) > 0.5)
        # A bone age is never negative, and the network's scale ends at age_scale_months; a
        # calibration line with a slope above 1 could otherwise cross either end.
        return np.clip(months, 0.0, self.config.age_scale_months)

    def run_prepared(self, prepared: np.ndarray, sex_codes: np.ndarray) -> np.ndarray:
        """(N, S, S) prepared images and (N,) sex codes to bone ages in months: the network's
        output, averaged over the bundle's rotations when it has any."""
        angles = self.config.rotation_tta_degrees
        if not angles:
            return self.run_network(prepared, sex_codes)
        prepared = np.asarray(prepared, np.float32)
        turned = np.stack([rotate_prepared(image, d) for d in angles for image in prepared])
        codes = np.tile(np.asarray(sex_codes, np.float32).reshape(-1), len(angles))
        return self.run_network(turned, codes).reshape(len(angles), -1).mean(axis=0)

    def rotation_values(self, image: np.ndarray, sex_code: float,
                        trimmed: bool = False) -> tuple[np.ndarray, float]:
        """The bone age under each small rotation (the stability check's spread is theirs),
        and the bone age: the mean over the sampling grids of each grid's mean when the
        bundle averages over rotations (the predictor's own number, at no extra cost), else
        the unrotated member."""
        own = self.config.rotation_tta_degrees
        angles = own or ROTATIONS_DEGREES
        values, centre = self._rotation_values([self.prepare_variants(image, trimmed)],
                                               [sex_code], angles)[0]
        return values, centre if own else float(values[angles.index(0.0)])

    def _rotation_values(self, films: Sequence[np.ndarray], sex_codes: Sequence[float],
                         angles: Sequence[float]) -> list[tuple[np.ndarray, float]]:
        """Per film ((K, S, S) prepared grids): the bone age at each angle and the mean over
        the grids of each grid's mean, from one network run over all the films' passes
        (:func:`tta_pairs` says which grid meets which angle). With the rotations on the
        first grid only, the values at each angle are that grid's, so their spread is one
        grid's, as on a 100 px copy, while every grid weighs the same in the bone age."""
        first_only = self.config.rotations_on_first_grid
        batch, codes, owners = [], [], []
        for grids, code in zip(films, sex_codes, strict=True):
            pairs = tta_pairs(len(grids), angles, first_only)
            batch += [rotate_prepared(grids[g], angles[r]) for g, r in pairs]
            codes += [code] * len(pairs)
            owners.append(np.asarray(pairs).reshape(-1, 2))
        months = np.asarray(self.run_network(np.stack(batch), np.asarray(codes, np.float32)),
                            np.float64)
        out, start = [], 0
        for pairs in owners:
            mine = months[start:start + len(pairs)]
            start += len(pairs)
            grid, turn = pairs[:, 0], pairs[:, 1]
            spread_from = grid == 0 if first_only else np.ones(len(pairs), bool)
            values = np.array([mine[spread_from & (turn == r)].mean()
                               for r in range(len(angles))])
            centre = float(np.mean([mine[grid == g].mean() for g in np.unique(grid)]))
            out.append((values, centre))
        return out

    def prediction(self, months: float, sex: str | bool | float,
                   image: np.ndarray | None = None, spread_sd: float | None = None,
                   trimmed: bool = False) -> Prediction:
        """Wrap a number computed from this predictor's network as a Prediction, with the
        bundle's 90 % interval and, given the film and/or its rotation spread, the image
        check. Without the film, the interval is the one for a film of the training copies'
        size (full-resolution films get a wider one). ``trimmed``: ``image`` is already
        :meth:`trim`'s output."""
        code = encode_sex(sex)
        low = high = None
        if self.interval is not None:
            full = image is not None and from_full_resolution(image.shape, self.config)
            low, high = self.interval.bounds(float(months), bool(code), full)
        flagged, reason = False, ""
        if image is not None:
            flagged, reason = check_image(image, self.bundle, spread_sd, trimmed)
        elif spread_sd is not None:
            flagged, reason = check_image(None, self.bundle, spread_sd)
        return Prediction(float(months), "male" if code else "female", self.bundle.label,
                          low, high, flagged, reason)

    def predict_image(self, image: np.ndarray, sex: str | bool | int) -> Prediction:
        """The bone age of one film with its interval and image check."""
        return self.predict_image_with_rotations(image, sex)[0]

    def predict_image_with_rotations(self, image: np.ndarray, sex: str | bool | int
                                     ) -> tuple[Prediction, np.ndarray]:
        """The Prediction and the bone age under each small rotation. The film is trimmed
        once, and the rotation spread that the stability check judges comes from the very
        network runs that give the bone age."""
        code = encode_sex(sex)
        film = self.trim(image)
        values, centre = self.rotation_values(film, code, trimmed=True)
        prediction = self.prediction(centre, code, film, float(values.std(ddof=1)),
                                     trimmed=True)
        return prediction, values

    def predict_file(self, path: str | Path, sex: str | bool | int) -> Prediction:
        """Raises ImageReadError for a bad file and ValueError for a bad sex."""
        code = encode_sex(sex)  # check the cheap input before reading the image
        return self.predict_image(read_grayscale(path), code)

    def predict_files(
        self, paths: Sequence[str | Path], sexes: Sequence[bool | int | str], batch_size: int = 32
    ) -> np.ndarray:
        """Batched prediction for evaluation; every file must be readable. Films reduced with
        several sampling grids are averaged over them, as :meth:`predict_image` does."""
        angles = self.config.rotation_tta_degrees or (0.0,)
        results = []
        for start in range(0, len(paths), batch_size):
            chunk = slice(start, start + batch_size)
            films = [self.prepare_variants(read_grayscale(p)) for p in paths[chunk]]
            codes = [encode_sex(s) for s in sexes[chunk]]
            results.append(np.array([centre for _, centre in
                                     self._rotation_values(films, codes, angles)]))
        return np.concatenate(results) if results else np.zeros(0)
