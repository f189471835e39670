"""Bone age for a folder of radiographs: one output row per input row, whatever goes wrong.

Qt-free: ``boneage predict FOLDER --sexes CSV`` and the window's batch dialog share it. A row
with a missing or unreadable file, a sex or a date that cannot be read gets its ``error`` and
the other rows their answers; the output CSV ends with a summary line, so a file cut short is
recognisable. Values follow the interface language (:class:`app.wording.Wording`); the column
names stay the same in every language so that scripts can read them.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from app.reference import assess, chronological_age_months
from app.service import predict_with_stability
from app.wording import ENGLISH, Wording
from model.dicom_io import DICOM_EXTENSIONS, DicomInfo, is_dicom, read_dicom
from model.errors import BoneAgeError
from model.i18n import QT_TRANSLATE_NOOP
from model.image_io import SUPPORTED_EXTENSIONS, read_grayscale
from model.predictor import Predictor

OUTPUT_COLUMNS = ["file", "sex", "birth_date", "exam_date", "exam_date_source",
                  "bone_age_months", "bone_age", "interval_low_months", "interval_high_months",
                  "check_image", "check_reason", "stability_low_months",
                  "stability_high_months", "chronological_age_months", "difference_months",
                  "sds", "classification", "model", "error"]
SEXES = {"f": "female", "female": "female", "m": "male", "male": "male"}
CONTEXT = "Batch"
NO_FILE = QT_TRANSLATE_NOOP("Batch", "no file name in this row")
NO_SEX = QT_TRANSLATE_NOOP("Batch", "no sex given for this image (F or M)")
NOT_LISTED = QT_TRANSLATE_NOOP("Batch", "this image has no row in the sexes CSV")
BAD_SEX = QT_TRANSLATE_NOOP("Batch", "sex “{0}” is not F, M, female or male")
BAD_DATE = QT_TRANSLATE_NOOP("Batch", "{0}: {1}")
DATE_PROBLEM = QT_TRANSLATE_NOOP("Batch", "no comparison with the chronological age: {0}")
EXAM_BEFORE_BIRTH = QT_TRANSLATE_NOOP("Batch", "the exam date is before the date of birth")
EXAM_IN_FUTURE = QT_TRANSLATE_NOOP("Batch", "the exam date is in the future")
UNEXPECTED = QT_TRANSLATE_NOOP("Batch", "unexpected error ({0}): {1}")
MISSING_COLUMNS = QT_TRANSLATE_NOOP("Batch", "{0} needs the columns file and sex")
SOURCE_CSV = QT_TRANSLATE_NOOP("Batch", "CSV")
SOURCE_DICOM = QT_TRANSLATE_NOOP("Batch", "DICOM StudyDate")
SOURCE_TODAY = QT_TRANSLATE_NOOP("Batch", "today (none given)")
YES = QT_TRANSLATE_NOOP("Batch", "yes")
NO = QT_TRANSLATE_NOOP("Batch", "no")
SUMMARY = QT_TRANSLATE_NOOP("Batch", "# {0} of {1} rows done: {2} answered; {3} with an error")
SUMMARY_CANCELLED = QT_TRANSLATE_NOOP(
    "Batch", "# cancelled after {0} of {1} rows: {2} answered; {3} with an error")


@dataclass(frozen=True)
class BatchItem:
    """One input row (or an image of the folder that has none). ``problem``: what is wrong
    with the row itself, already worded; the row is answered with it as its error."""

    path: Path
    sex: str | None
    birth_date: date | None = None
    exam_date: date | None = None
    problem: str = ""
    sex_text: str = ""  # as written, for the output when it could not be read
    birth_text: str = ""
    exam_text: str = ""


@dataclass(frozen=True)
class BatchSummary:
    total: int
    done: int
    failed: int
    cancelled: bool = False

    @property
    def answered(self) -> int:
        return self.done - self.failed

    def line(self, wording: Wording = ENGLISH) -> str:
        template = SUMMARY_CANCELLED if self.cancelled else SUMMARY
        return wording.translate(CONTEXT, template).format(self.done, self.total,
                                                           self.answered, self.failed)


def _say(wording: Wording, text: str) -> str:
    return wording.translate(CONTEXT, text)


def _sniff_delimiter(sample: str) -> str:
    """Comma, semicolon (what French spreadsheets write) or tab, from the header line."""
    header = sample.splitlines()[0] if sample else ""
    return max(",;\t", key=header.count) if header else ","


def _read_row(row: dict[str, str | None], folder: Path, wording: Wording) -> BatchItem:
    def cell(name: str) -> str:
        return (row.get(name) or "").strip()

    name, sex_text = cell("file"), cell("sex")
    birth_text, exam_text = cell("birth_date"), cell("exam_date")
    problems = []
    sex = SEXES.get(sex_text.lower())
    if not name:
        problems.append(_say(wording, NO_FILE))
    if not sex_text:
        problems.append(_say(wording, NO_SEX))
    elif sex is None:
        problems.append(_say(wording, BAD_SEX).format(sex_text))
    dates: dict[str, date | None] = {}
    for column, text in (("birth_date", birth_text), ("exam_date", exam_text)):
        dates[column] = None
        if text:
            try:
                dates[column] = wording.parse_date(text)
            except ValueError as exc:
                problems.append(_say(wording, BAD_DATE).format(column, exc))
    return BatchItem(folder / name, sex, dates["birth_date"], dates["exam_date"],
                     "; ".join(problems), sex_text, birth_text, exam_text)


def read_sex_table(csv_path: str | Path, folder: str | Path,
                   wording: Wording = ENGLISH) -> list[BatchItem]:
    """The CSV's rows in order, one item each: ``file`` (a name in the folder) and ``sex``
    (F, M, female or male, any case), optional ``birth_date`` and ``exam_date`` (ISO or the
    language's own form). A row that cannot be read becomes an item with its ``problem``;
    images of the folder without a row are added at the end, so none silently vanishes.
    Raises ValueError only when the file itself cannot serve (missing columns)."""
    folder, csv_path = Path(folder), Path(csv_path)
    with csv_path.open(newline="", encoding="utf-8-sig") as handle:
        text = handle.read()
    lines = text.splitlines()
    reader = csv.DictReader(lines, delimiter=_sniff_delimiter(text))
    fields = {f.strip().lower() for f in reader.fieldnames or []}
    if not {"file", "sex"} <= fields:
        raise ValueError(_say(wording, MISSING_COLUMNS).format(csv_path.name))
    items = []
    for row in reader:
        row = {(k or "").strip().lower(): v for k, v in row.items()}
        if not any((v or "").strip() for v in row.values() if isinstance(v, str)):
            continue  # a blank line is not a row
        items.append(_read_row(row, folder, wording))
    listed = {item.path.name for item in items}
    extensions = set(SUPPORTED_EXTENSIONS) | set(DICOM_EXTENSIONS)
    for path in sorted(folder.iterdir()):
        if path.is_file() and path.suffix.lower() in extensions and path.name not in listed:
            items.append(BatchItem(path, None, problem=_say(wording, NOT_LISTED)))
    return items


def _signed(wording: Wording, value: float, decimals: int) -> str:
    """A signed number a spreadsheet reads back: ASCII minus (not the typographic one)."""
    return ("+" if value >= 0 else "") + wording.number(value, decimals)


def _read_film(path: Path) -> tuple[object, DicomInfo | None]:
    with path.open("rb") as handle:
        head = handle.read(132)
    if is_dicom(head):
        return read_dicom(path)
    return read_grayscale(path), None


def predict_item(predictor: Predictor, item: BatchItem,
                 wording: Wording = ENGLISH) -> dict[str, object]:
    """The output row for one item. Never raises: whatever fails is the row's ``error``."""
    w = wording
    row: dict[str, object] = dict.fromkeys(OUTPUT_COLUMNS, "")
    row.update(file=item.path.name, sex=item.sex or item.sex_text,
               birth_date=w.date_text(item.birth_date) if item.birth_date else item.birth_text,
               exam_date=w.date_text(item.exam_date) if item.exam_date else item.exam_text,
               model=predictor.bundle.label)
    if item.problem:
        row["error"] = item.problem
        return row
    assert item.sex is not None
    try:
        try:
            image, info = _read_film(item.path)
        except OSError:
            image, info = read_grayscale(item.path), None  # raises ImageReadError, worded
        prediction, spread = predict_with_stability(predictor, image, item.sex)  # type: ignore[arg-type]
    except (BoneAgeError, ValueError) as exc:
        row["error"] = w.error(exc)
        return row
    except Exception as exc:  # a batch never dies on one row
        row["error"] = _say(w, UNEXPECTED).format(type(exc).__name__, exc)
        return row
    p = prediction
    row.update(bone_age_months=w.number(p.bone_age_months, 1),
               bone_age=w.years_months(p.bone_age_months),
               check_image=_say(w, YES if p.check_image else NO),
               check_reason=w.translate("ImageCheck", p.check_reason) if p.check_image else "",
               stability_low_months=w.number(spread.low_months, 1),
               stability_high_months=w.number(spread.high_months, 1))
    interval = None
    if p.interval_low_months is not None and p.interval_high_months is not None:
        interval = (p.interval_low_months, p.interval_high_months)
        row.update(interval_low_months=w.number(interval[0], 1),
                   interval_high_months=w.number(interval[1], 1))
    exam, source = item.exam_date, SOURCE_CSV
    if exam is None:
        exam, source = ((info.exam_date, SOURCE_DICOM) if info and info.exam_date
                        else (date.today(), SOURCE_TODAY))
    row.update(exam_date=w.date_text(exam), exam_date_source=_say(w, source))
    if item.birth_date is not None:
        if exam < item.birth_date or exam > date.today():
            problem = EXAM_BEFORE_BIRTH if exam < item.birth_date else EXAM_IN_FUTURE
            row["error"] = _say(w, DATE_PROBLEM).format(_say(w, problem))
            return row
        chrono = chronological_age_months(item.birth_date, exam)
        a = assess(p.bone_age_months, chrono, p.sex, interval)
        row.update(chronological_age_months=w.number(chrono, 1),
                   difference_months=_signed(w, a.difference_months, 1),
                   sds="" if a.sds is None else _signed(w, a.sds, 2),
                   classification=w.translate("Reference", a.classification))
    return row


def run_batch(predictor: Predictor, items: list[BatchItem], out_csv: str | Path,
              progress: Callable[[Iterator[BatchItem]], Iterator[BatchItem]] | None = None,
              wording: Wording = ENGLISH, stop: Callable[[], bool] | None = None,
              on_row: Callable[[int], None] | None = None) -> BatchSummary:
    """Write the output CSV row by row (flushed, so a stop keeps what is done), then the
    summary line. ``stop`` is asked before each row; ``on_row`` gets the rows done so far."""
    done = failed = 0
    cancelled = False
    with Path(out_csv).open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=OUTPUT_COLUMNS,
                                delimiter=wording.csv_delimiter)
        writer.writeheader()
        for item in (progress or iter)(iter(items)):
            if stop is not None and stop():
                cancelled = True
                break
            row = predict_item(predictor, item, wording)
            writer.writerow(row)
            handle.flush()
            done += 1
            failed += bool(row["error"])
            if on_row is not None:
                on_row(done)
        summary = BatchSummary(len(items), done, failed, cancelled)
        handle.write(summary.line(wording) + "\n")
    return summary
