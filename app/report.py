"""What goes in the one-page report, as HTML, without Qt: the view layer only renders it to PDF.

Keeping the content here lets it be tested headless and keeps the wording of the report in one
place (fields, comparison with the reference, model identity, citation, research-use notice).
"""

from __future__ import annotations

from datetime import date
from html import escape

from app.case import Case
from app.reference import CITATION
from model import __version__

NOTICE = "Research and education use only. Not a medical device."
CHART_IMAGE = "chart.png"
RADIOGRAPH_IMAGE = "radiograph.png"
HEATMAP_IMAGE = "heatmap.png"


def _row(label: str, value: str) -> str:
    return f"<tr><td><b>{escape(label)}</b></td><td>{escape(value)}</td></tr>"


def report_html(case: Case, model_label: str, with_heatmap: bool = False,
                today: date | None = None) -> str:
    """HTML for the report; images are referenced by the names above."""
    if case.result is None or case.image is None:
        raise ValueError("there is no result to report")
    r = case.result
    rows = [
        _row("Patient", case.patient_name or "—"),
        _row("Patient ID", case.patient_id or "—"),
        _row("Sex", r.sex),
        _row("Date of birth", case.birth_date.isoformat() if case.birth_date else "not given"),
        _row("Exam date", case.exam_date.isoformat()),
        _row("Radiograph", case.image.path.name),
        _row("Bone age", f"{r.years_months} ({r.bone_age_months:.1f} months)"),
    ]
    if case.spread is not None:
        rows.append(_row("Range under small rotations",
                         f"{case.spread.low_months:.1f} – {case.spread.high_months:.1f} months"))
    chrono = case.chronological_months
    a = case.assessment
    if chrono is not None:
        rows.append(_row("Chronological age", f"{chrono:.1f} months"))
    if a is not None:
        rows.append(_row("Bone age − chronological age", f"{a.difference_months:+.1f} months"))
        rows.append(_row("SDS (Greulich & Pyle)",
                         f"{a.sds:+.2f} ({a.classification})" if a.sds is not None
                         else a.classification))
    images = f'<img src="{RADIOGRAPH_IMAGE}" height="330">'
    if with_heatmap:
        images += f'&nbsp;<img src="{HEATMAP_IMAGE}" height="330">'
    images += f'&nbsp;<img src="{CHART_IMAGE}" height="330">'
    return (
        "<html><body style='font-family: sans-serif; font-size: 12pt'>"
        "<h2>Bone age report</h2>"
        f"<table cellspacing='2' cellpadding='3'>{''.join(rows)}</table>"
        f"<p>{images}</p>"
        f"<p><small>Model: {escape(model_label)} (BoneAge {__version__}). "
        f"Reference: {escape(CITATION)} Training data: RSNA Pediatric Bone Age Challenge 2017 "
        "(Halabi SS et al., Radiology 2018; 290(2):498-503).</small></p>"
        f"<p><b>{NOTICE}</b></p>"
        f"<p><small>Printed {(today or date.today()).isoformat()}.</small></p>"
        "</body></html>"
    )
