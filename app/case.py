"""The state of one patient case, without Qt.

The window renders from this object and calls its operations; it never keeps its own copy of
the image, the sex or the result. Each change bumps a generation number, so a prediction that
finishes after the user changed the image or the sex is recognised as stale and dropped: a
number is never shown next to a case it was not computed for.

One film is one patient: opening a film starts a new case, so the previous child's name, ID,
sex and dates never follow the next film (a film read as the wrong sex can move by years). Only
what the file itself carries (a DICOM's patient tags) fills the new case.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import Enum
from pathlib import Path

import numpy as np

from app.reference import OUTSIDE, Assessment, assess, chronological_age_months, load_reference
from app.wording import ENGLISH, Wording
from model.dicom_io import DicomInfo, is_dicom, read_dicom
from model.errors import ImageReadError
from model.i18n import QT_TRANSLATE_NOOP
from model.image_io import read_grayscale
from model.predictor import Prediction
from model.tta import Spread

Listener = Callable[["Case"], None]


class ExamDateSource(str, Enum):
    """Where the exam date came from, said next to it (a default must not pass as a fact)."""

    TODAY = "today"
    DICOM = "DICOM StudyDate"
    ENTERED = "entered"


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
        self.exam_date_source = ExamDateSource.TODAY
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
        """Read a file; on failure keep the previous case as it was and report why.

        A film that opens starts a new patient: name, ID, sex and dates are cleared, then
        filled from what a DICOM file carries (the user can change them).
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
        self._clear_patient(info)
        self._inputs_changed()
        self._changed()
        return True

    def _clear_patient(self, info: DicomInfo | None = None) -> None:
        self.sex = info.sex if info else None
        self.patient_name = info.patient_name if info else ""
        self.patient_id = info.patient_id if info else ""
        self.birth_date = info.birth_date if info else None
        if info is not None and info.exam_date is not None:
            self.exam_date, self.exam_date_source = info.exam_date, ExamDateSource.DICOM
        else:
            self.exam_date, self.exam_date_source = date.today(), ExamDateSource.TODAY

    def new_patient(self) -> None:
        """File > New patient: an empty case (no film, no patient details, no result)."""
        self.image = None
        self.error, self.error_exc = None, None
        self._clear_patient()
        self._inputs_changed()
        self._changed()

    def set_patient(self, name: str, patient_id: str) -> None:
        self.patient_name, self.patient_id = name.strip(), patient_id.strip()
        self._changed()

    def set_dates(self, birth_date: date | None, exam_date: date | None = None) -> None:
        """Dates change the comparison with the reference, not the bone age itself. No exam
        date means today; one the user changed is theirs ("entered")."""
        self.birth_date = birth_date
        if exam_date is None:
            self.exam_date, self.exam_date_source = date.today(), ExamDateSource.TODAY
        elif exam_date != self.exam_date:
            self.exam_date, self.exam_date_source = exam_date, ExamDateSource.ENTERED
        self._changed()

    @property
    def chronological_months(self) -> float | None:
        if self.birth_date is None or self.date_problem is not None:
            return None
        return chronological_age_months(self.birth_date, self.exam_date)

    @property
    def date_problem(self) -> str | None:
        """Dates that cannot be right, refused rather than computed with."""
        today = date.today()
        if self.exam_date > today:
            return QT_TRANSLATE_NOOP("Case", "The exam date is in the future.")
        if self.birth_date is not None and self.birth_date > today:
            return QT_TRANSLATE_NOOP("Case", "The date of birth is in the future.")
        if self.birth_date is not None and self.exam_date < self.birth_date:
            return QT_TRANSLATE_NOOP("Case", "The exam date is before the date of birth.")
        return None

    @property
    def outside_reference(self) -> tuple[float, float] | None:
        """The reference table's age range (months) when the child's age is outside it."""
        chrono, sex = self.chronological_months, self.result.sex if self.result else self.sex
        if chrono is None or sex is None:
            return None
        lo, hi = load_reference()[sex].range_months
        return None if lo <= chrono <= hi else (lo, hi)

    @property
    def interval(self) -> tuple[float, float] | None:
        r = self.result
        if r is None or r.interval_low_months is None or r.interval_high_months is None:
            return None
        return r.interval_low_months, r.interval_high_months

    @property
    def assessment(self) -> Assessment | None:
        chrono = self.chronological_months
        if self.result is None or chrono is None:
            return None
        return assess(self.result.bone_age_months, chrono, self.result.sex, self.interval)

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

    def summary(self, wording: Wording = ENGLISH) -> str:
        """Plain-text result for the clipboard, with the interval and the flag beside the
        number so a pasted bone age never travels without its uncertainty."""
        if self.result is None or self.image is None:
            return ""
        r, w = self.result, wording

        def line(label: str, value: str) -> str:
            return w.labelled(w.say(label), value)

        lines = [line(FILE, self.image.path.name)]
        if self.patient_name:
            lines.append(line(PATIENT, self.patient_name))
        if self.patient_id:
            lines.append(line(PATIENT_ID, self.patient_id))
        lines += [line(SEX, w.sex(r.sex)),
                  line(BONE_AGE, f"{w.years_months(r.bone_age_months)} "
                                 f"({w.months(r.bone_age_months)})")]
        interval = self.interval
        lines.append(line(INTERVAL_90, w.interval(*interval) if interval
                          else w.say(NO_INTERVAL)))
        if r.check_image:
            lines.append(line(CHECK_IMAGE, w.translate("ImageCheck", r.check_reason)
                              if r.check_reason else w.say(CHECK_IMAGE_DEFAULT)))
        if self.spread is not None:
            lines.append(line(STABILITY, w.say(STABILITY_VALUE).format(
                w.number(self.spread.low_months, 1), w.number(self.spread.high_months, 1))))
        if self.birth_date is not None:
            lines.append(line(BORN, w.date_text(self.birth_date)))
        lines.append(line(EXAM, f"{w.date_text(self.exam_date)} "
                                f"({w.say(EXAM_SOURCE[self.exam_date_source])})"))
        a = self.assessment
        if a is not None:
            chrono = a.chronological_months
            lines.append(line(CHRONOLOGICAL, f"{w.years_months(chrono)} ({w.months(chrono)}); "
                              + w.say(DIFFERENCE).format(w.signed(a.difference_months, 1))))
            label = w.translate("Reference", a.classification)
            if a.classification == OUTSIDE:
                lines.append(line(SDS_GP, label))
            else:
                assert a.sds is not None
                lines.append(line(SDS_GP, f"{w.signed(a.sds, 2)}, {label}"))
        lines += [line(MODEL, r.model_label), w.say(RESEARCH_ONLY)]
        return "\n".join(lines)


FILE = QT_TRANSLATE_NOOP("Wording", "File")
PATIENT = QT_TRANSLATE_NOOP("Wording", "Patient")
PATIENT_ID = QT_TRANSLATE_NOOP("Wording", "Patient ID")
SEX = QT_TRANSLATE_NOOP("Wording", "Sex")
BONE_AGE = QT_TRANSLATE_NOOP("Wording", "Bone age")
INTERVAL_90 = QT_TRANSLATE_NOOP("Wording", "90 % interval")
NO_INTERVAL = QT_TRANSLATE_NOOP("Wording", "not available for this model")
CHECK_IMAGE = QT_TRANSLATE_NOOP("Wording", "CHECK IMAGE")
CHECK_IMAGE_DEFAULT = QT_TRANSLATE_NOOP(
    "Wording", "this film does not look like the left-hand radiographs the model knows")
STABILITY = QT_TRANSLATE_NOOP("Wording", "Stability check (small rotations)")
STABILITY_VALUE = QT_TRANSLATE_NOOP("Wording", "{0}–{1} months; not the precision")
BORN = QT_TRANSLATE_NOOP("Wording", "Date of birth")
EXAM = QT_TRANSLATE_NOOP("Wording", "Exam date")
EXAM_SOURCE = {
    ExamDateSource.TODAY: QT_TRANSLATE_NOOP("Wording", "today, no exam date given"),
    ExamDateSource.DICOM: QT_TRANSLATE_NOOP("Wording", "from the DICOM StudyDate"),
    ExamDateSource.ENTERED: QT_TRANSLATE_NOOP("Wording", "entered"),
}
CHRONOLOGICAL = QT_TRANSLATE_NOOP("Wording", "Chronological age")
DIFFERENCE = QT_TRANSLATE_NOOP("Wording", "bone age − chronological age {0} months")
SDS_GP = QT_TRANSLATE_NOOP("Wording", "SDS (Greulich & Pyle)")
MODEL = QT_TRANSLATE_NOOP("Wording", "Model")
RESEARCH_ONLY = QT_TRANSLATE_NOOP("Wording", "Research use only, not a medical device.")
