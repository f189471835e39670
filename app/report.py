"""What goes in the one-page report, as HTML, without Qt: the view layer only renders it to PDF.

Keeping the content here lets it be tested headless and keeps the wording of the report in one
place. Labels are marked for translation; the window passes ``tr`` (its translator) and
``number`` (its locale's number format), and the defaults give the English report.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from html import escape

from app.case import Case
from app.reference import CITATION
from model import __version__
from model.i18n import QT_TRANSLATE_NOOP

NOTICE = QT_TRANSLATE_NOOP("Report", "Research and education use only. Not a medical device.")
TITLE = QT_TRANSLATE_NOOP("Report", "Bone age report")
MODEL = QT_TRANSLATE_NOOP("Report", "Model")
REFERENCE = QT_TRANSLATE_NOOP("Report", "Reference")
TRAINING_DATA = QT_TRANSLATE_NOOP("Report", "Training data")
PRINTED = QT_TRANSLATE_NOOP("Report", "Printed")
CHART_IMAGE = "chart.png"
RADIOGRAPH_IMAGE = "radiograph.png"
HEATMAP_IMAGE = "heatmap.png"
Translate = Callable[[str], str]
FormatNumber = Callable[[float, int], str]
FormatDate = Callable[[date], str]


def _identity(text: str) -> str:
    return text


def _plain_number(value: float, decimals: int) -> str:
    return f"{value:.{decimals}f}"


def _iso_date(value: date) -> str:
    return value.isoformat()


def report_html(case: Case, model_label: str, with_heatmap: bool = False,
                today: date | None = None, tr: Translate = _identity,
                number: FormatNumber = _plain_number, years_months: str | None = None,
                date_text: FormatDate = _iso_date) -> str:
    """HTML for the report; images are referenced by the names above."""
    if case.result is None or case.image is None:
        raise ValueError("there is no result to report")
    r = case.result
    months = tr(QT_TRANSLATE_NOOP("Report", "months"))
    female, male = QT_TRANSLATE_NOOP("Report", "female"), QT_TRANSLATE_NOOP("Report", "male")

    def row(label: str, value: str) -> str:
        return f"<tr><td><b>{escape(tr(label))}</b></td><td>{escape(value)}</td></tr>"

    def signed(value: float, decimals: int) -> str:
        return ("+" if value >= 0 else "−") + number(abs(value), decimals)

    rows = [
        row(QT_TRANSLATE_NOOP("Report", "Patient"), case.patient_name or "—"),
        row(QT_TRANSLATE_NOOP("Report", "Patient ID"), case.patient_id or "—"),
        row(QT_TRANSLATE_NOOP("Report", "Sex"), tr(female if r.sex == "female" else male)),
        row(QT_TRANSLATE_NOOP("Report", "Date of birth"),
            date_text(case.birth_date) if case.birth_date
            else tr(QT_TRANSLATE_NOOP("Report", "not given"))),
        row(QT_TRANSLATE_NOOP("Report", "Exam date"), date_text(case.exam_date)),
        row(QT_TRANSLATE_NOOP("Report", "Radiograph"), case.image.path.name),
        row(QT_TRANSLATE_NOOP("Report", "Bone age"),
            f"{years_months or r.years_months} ({number(r.bone_age_months, 1)} {months})"),
    ]
    if case.spread is not None:
        rows.append(row(QT_TRANSLATE_NOOP("Report", "Range under small rotations"),
                        f"{number(case.spread.low_months, 1)} – "
                        f"{number(case.spread.high_months, 1)} {months}"))
    chrono = case.chronological_months
    a = case.assessment
    if chrono is not None:
        rows.append(row(QT_TRANSLATE_NOOP("Report", "Chronological age"),
                        f"{number(chrono, 1)} {months}"))
    if a is not None:
        rows.append(row(QT_TRANSLATE_NOOP("Report", "Bone age − chronological age"),
                        f"{signed(a.difference_months, 1)} {months}"))
        label = tr(a.classification)
        rows.append(row(QT_TRANSLATE_NOOP("Report", "SDS (Greulich & Pyle)"),
                        f"{signed(a.sds, 2)} ({label})" if a.sds is not None else label))
    images = f'<img src="{RADIOGRAPH_IMAGE}" height="330">'
    if with_heatmap:
        images += f'&nbsp;<img src="{HEATMAP_IMAGE}" height="330">'
    images += f'&nbsp;<img src="{CHART_IMAGE}" height="330">'
    return (
        "<html><body style='font-family: sans-serif; font-size: 12pt'>"
        f"<h2>{escape(tr(TITLE))}</h2>"
        f"<table cellspacing='2' cellpadding='3'>{''.join(rows)}</table>"
        f"<p>{images}</p>"
        f"<p><small>{escape(tr(MODEL))}: "
        f"{escape(model_label)} (BoneAge {__version__}). "
        f"{escape(tr(REFERENCE))}: {escape(CITATION)} "
        f"{escape(tr(TRAINING_DATA))}: "
        "RSNA Pediatric Bone Age Challenge 2017 "
        "(Halabi SS et al., Radiology 2018; 290(2):498-503).</small></p>"
        f"<p><b>{escape(tr(NOTICE))}</b></p>"
        f"<p><small>{escape(tr(PRINTED))} "
        f"{date_text(today or date.today())}.</small></p>"
        "</body></html>"
    )
