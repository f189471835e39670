"""The state of one patient case, without Qt.

The window renders from this object and calls its operations; it never keeps its own copy of
the image, the sex or the result. Each change bumps a generation number, so a prediction that
finishes after the user changed the image or the sex is recognised as stale and dropped: a
number is never shown next to a case it was not computed for.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np

from app.reference import Assessment, assess, chronological_age_months
from model.dicom_io import DicomInfo, is_dicom, read_dicom
from model.errors import ImageReadError
from model.i18n import QT_TRANSLATE_NOOP
from model.image_io import read_grayscale
from model.predictor import Prediction
from model.tta import Spread

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
        self.error_exc: ImageReadError | None = None  # kept so the window can translate it
        self.busy = False
        self.generation = 0
        self.spread: Spread | None = None
        self.patient_name = ""
        self.patient_id = ""
        self.birth_date: date | None = None
        self.exam_date: date = date.today()
        self._listeners: list[Listener] = []

    # -- observers -------------------------------------------------------------------------
    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def unsubscribe(self, listener: Listener) -> None:
        self._listeners.remove(listener)

    def _changed(self) -> None:
        for listener in self._listeners:
            listener(self)

    def _inputs_changed(self) -> None:
        self.generation += 1
        self.result = None
        self.spread = None
        self.busy = False

    # -- operations ------------------------------------------------------------------------
    def load_image(self, path: str | Path) -> bool:
        """Read a file; on failure keep the previous image and report why.

        A DICOM file also fills the sex and the dates it carries; the user can change them.
        """
        info: DicomInfo | None = None
        try:
            with open(path, "rb") as handle:
                head = handle.read(132)
        except OSError:
            head = b""
        try:
            if is_dicom(head):
                pixels, info = read_dicom(path)
            else:
                pixels = read_grayscale(path)
        except ImageReadError as exc:
            self.error, self.error_exc = str(exc), exc
            self._changed()
            return False
        self.image = LoadedImage(Path(path), pixels)
        self.error, self.error_exc = None, None
        if info is not None:
            self.sex = info.sex or self.sex
            self.birth_date = info.birth_date or self.birth_date
            self.exam_date = info.exam_date or self.exam_date
        self._inputs_changed()
        self._changed()
        return True

    def set_patient(self, name: str, patient_id: str) -> None:
        self.patient_name, self.patient_id = name.strip(), patient_id.strip()
        self._changed()

    def set_dates(self, birth_date: date | None, exam_date: date | None = None) -> None:
        """Dates change the comparison with the reference, not the bone age itself."""
        self.birth_date = birth_date
        self.exam_date = exam_date or date.today()
        self._changed()

    @property
    def chronological_months(self) -> float | None:
        if self.birth_date is None or self.exam_date < self.birth_date:
            return None
        return chronological_age_months(self.birth_date, self.exam_date)

    @property
    def date_problem(self) -> str | None:
        if self.birth_date is not None and self.exam_date < self.birth_date:
            return QT_TRANSLATE_NOOP("Case", "The exam date is before the date of birth.")
        return None

    @property
    def assessment(self) -> Assessment | None:
        chrono = self.chronological_months
        if self.result is None or chrono is None:
            return None
        return assess(self.result.bone_age_months, chrono, self.result.sex)

    def set_sex(self, sex: str | None) -> None:
        if sex not in (None, "female", "male"):
            raise ValueError(f"sex must be 'female' or 'male', not {sex!r}")
        if sex == self.sex:
            return
        self.sex = sex
        self._inputs_changed()
        self._changed()

    def model_changed(self) -> bool:
        """Another model is in use: a shown result (or one on its way) is now stale.
        Returns whether there was a result, so the window can predict again."""
        had_result = self.result is not None or self.busy
        self._inputs_changed()
        self._changed()
        return had_result

    def report_error(self, message: str) -> None:
        self.error, self.error_exc = message, None
        self._changed()

    # -- prediction ------------------------------------------------------------------------
    @property
    def missing(self) -> str | None:
        """What the user still has to provide before Predict makes sense, or None."""
        if self.image is None and self.sex is None:
            return QT_TRANSLATE_NOOP("Case", "Open a radiograph and choose the sex.")
        if self.image is None:
            return QT_TRANSLATE_NOOP("Case", "Open a radiograph.")
        if self.sex is None:
            return QT_TRANSLATE_NOOP("Case", "Choose the sex.")
        return None

    @property
    def can_predict(self) -> bool:
        return self.missing is None and not self.busy

    def start_prediction(self) -> int:
        """Mark the case busy and return the generation the result must belong to."""
        if self.missing is not None:
            raise RuntimeError(self.missing)
        self.busy = True
        self.error, self.error_exc = None, None
        self._changed()
        return self.generation

    def finish_prediction(self, generation: int, result: Prediction,
                          spread: Spread | None = None) -> bool:
        """Store a result unless the inputs changed since it was started."""
        if generation != self.generation:
            return False
        self.result = result
        self.spread = spread
        self.busy = False
        self._changed()
        return True

    def fail_prediction(self, generation: int, message: str) -> None:
        if generation != self.generation:
            return
        self.busy = False
        self.error, self.error_exc = message, None
        self._changed()

    def summary(self) -> str:
        """Plain-text result for the clipboard."""
        if self.result is None or self.image is None:
            return ""
        r = self.result
        lines = [f"File: {self.image.path.name}", f"Sex: {r.sex}",
                 f"Bone age: {r.years_months} ({r.bone_age_months:.1f} months)"]
        if self.spread is not None:
            lines.append(f"Range under small rotations: {self.spread.low_months:.1f}"
                         f"-{self.spread.high_months:.1f} months")
        a = self.assessment
        if a is not None:
            lines.append(f"Chronological age: {a.chronological_months:.1f} months; "
                         f"difference {a.difference_months:+.1f} months")
            lines.append("SDS (Greulich & Pyle): "
                         + (f"{a.sds:+.2f}, {a.classification}" if a.sds is not None
                            else a.classification))
        lines += [f"Model: {r.model_label}", "Research use only, not a medical device."]
        return "\n".join(lines)
