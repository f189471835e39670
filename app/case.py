"""The state of one patient case, without Qt.

The window renders from this object and calls its operations; it never keeps its own copy of
the image, the sex or the result. Each change bumps a generation number, so a prediction that
finishes after the user changed the image or the sex is recognised as stale and dropped: a
number is never shown next to a case it was not computed for.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from model.errors import ImageReadError
from model.image_io import read_grayscale
from model.predictor import Prediction

Listener = Callable[["Case"], None]


@dataclass(frozen=True)
class LoadedImage:
    path: Path
    pixels: np.ndarray  # float32 grayscale in [0, 1]

    @property
    def size_text(self) -> str:
        h, w = self.pixels.shape
        return f"{w} x {h} px"


class Case:
    def __init__(self) -> None:
        self.image: LoadedImage | None = None
        self.sex: str | None = None
        self.result: Prediction | None = None
        self.error: str | None = None
        self.busy = False
        self.generation = 0
        self._listeners: list[Listener] = []

    # -- observers -------------------------------------------------------------------------
    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def _changed(self) -> None:
        for listener in self._listeners:
            listener(self)

    def _inputs_changed(self) -> None:
        self.generation += 1
        self.result = None
        self.busy = False

    # -- operations ------------------------------------------------------------------------
    def load_image(self, path: str | Path) -> bool:
        """Read a file; on failure keep the previous image and report why."""
        try:
            pixels = read_grayscale(path)
        except ImageReadError as exc:
            self.error = str(exc)
            self._changed()
            return False
        self.image = LoadedImage(Path(path), pixels)
        self.error = None
        self._inputs_changed()
        self._changed()
        return True

    def set_sex(self, sex: str | None) -> None:
        if sex not in (None, "female", "male"):
            raise ValueError(f"sex must be 'female' or 'male', not {sex!r}")
        if sex == self.sex:
            return
        self.sex = sex
        self._inputs_changed()
        self._changed()

    def report_error(self, message: str) -> None:
        self.error = message
        self._changed()

    # -- prediction ------------------------------------------------------------------------
    @property
    def missing(self) -> str | None:
        """What the user still has to provide before Predict makes sense, or None."""
        if self.image is None and self.sex is None:
            return "Open a radiograph and choose the sex."
        if self.image is None:
            return "Open a radiograph."
        if self.sex is None:
            return "Choose the sex."
        return None

    @property
    def can_predict(self) -> bool:
        return self.missing is None and not self.busy

    def start_prediction(self) -> int:
        """Mark the case busy and return the generation the result must belong to."""
        if self.missing is not None:
            raise RuntimeError(self.missing)
        self.busy = True
        self.error = None
        self._changed()
        return self.generation

    def finish_prediction(self, generation: int, result: Prediction) -> bool:
        """Store a result unless the inputs changed since it was started."""
        if generation != self.generation:
            return False
        self.result = result
        self.busy = False
        self._changed()
        return True

    def fail_prediction(self, generation: int, message: str) -> None:
        if generation != self.generation:
            return
        self.busy = False
        self.error = message
        self._changed()

    def summary(self) -> str:
        """Plain-text result for the clipboard."""
        if self.result is None or self.image is None:
            return ""
        r = self.result
        return (f"File: {self.image.path.name}\nSex: {r.sex}\n"
                f"Bone age: {r.years_months} ({r.bone_age_months:.1f} months)\n"
                f"Model: {r.model_label}\nResearch use only, not a medical device.")
