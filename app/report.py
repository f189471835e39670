"""What goes in the one-page report, as HTML, without Qt: the view layer only renders it to PDF.

Keeping the content here lets it be tested headless and keeps the wording of the report in one
place. Every label is marked for translation and written through a :class:`app.wording.Wording`
(the window passes its language's; the default gives the English report). The bone age never
appears without its 90 % interval and the "check image" flag, and the page leaves room for the
reader's own interpretation and signature: the number is an aid to a reading, not the reading.
"""

from __future__ import annotations

import io
from datetime import date
from html import escape

import numpy as np
from matplotlib.figure import Figure

from app.case import EXAM_SOURCE, Case
from app.reference import CITATION, OUTSIDE, load_reference
from app.wording import ENGLISH, Wording
from model import __version__
from model.i18n import QT_TRANSLATE_NOOP

CONTEXT = "Report"
NOTICE = QT_TRANSLATE_NOOP("Report", "Research and education use only. Not a medical device.")
TITLE = QT_TRANSLATE_NOOP("Report", "Bone age report")
MODEL = QT_TRANSLATE_NOOP("Report", "Model")
REFERENCE = QT_TRANSLATE_NOOP("Report", "Reference")
TRAINING_DATA = QT_TRANSLATE_NOOP("Report", "Training data")
PRINTED = QT_TRANSLATE_NOOP("Report", "Printed")
MONTHS = QT_TRANSLATE_NOOP("Report", "months")
INTERPRETATION = QT_TRANSLATE_NOOP("Report", "Interpretation (reader)")
SIGNATURE = QT_TRANSLATE_NOOP("Report", "Name, signature and date")
CHART_IMAGE = "chart.png"
RADIOGRAPH_IMAGE = "radiograph.png"
HEATMAP_IMAGE = "heatmap.png"
HEAT_SCALE_IMAGE = "heat-scale.png"
IMAGE_HEIGHT = 330
HEAT_SCALE_WIDTH = 240
TRAINING_SET = ("RSNA Pediatric Bone Age Challenge 2017 (Halabi SS et al., Radiology 2018; "
                "290(2):498-503).")


def _say(wording: Wording, text: str) -> str:
    return wording.translate(CONTEXT, text)


def heat_scale_png(wording: Wording = ENGLISH) -> bytes:
    """The heatmap's colour scale (OpenCV's JET, as model.occlusion.overlay draws it), with
    words at its ends, as a PNG for the report: HEAT_SCALE_WIDTH pixels wide, shown 1:1 on
    the report's 150 dpi page so its words keep their size."""
    fig = Figure(figsize=(HEAT_SCALE_WIDTH / 150, 0.45), dpi=150, layout="tight")
    ax = fig.add_subplot(1, 1, 1)
    ax.imshow(np.linspace(0, 1, 256)[None, :], aspect="auto", cmap="jet", extent=(0, 1, 0, 1))
    ax.set_yticks([])
    ax.set_xticks([0, 1], [_say(wording, QT_TRANSLATE_NOOP("Report", "no effect")),
                           _say(wording, QT_TRANSLATE_NOOP("Report", "most effect"))],
                  fontsize=7)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    return buffer.getvalue()


def report_html(case: Case, model_label: str, with_heatmap: bool = False,
                today: date | None = None, wording: Wording = ENGLISH) -> str:
    """HTML for the report; images are referenced by the names above."""
    if case.result is None or case.image is None:
        raise ValueError("there is no result to report")
    r, w = case.result, wording

    def say(text: str) -> str:
        return _say(w, text)

    def row(label: str, value: str, style: str = "") -> str:
        return (f"<tr><td><b>{escape(say(label))}</b></td>"
                f"<td{style}>{escape(value)}</td></tr>")

    rows = [
        row(QT_TRANSLATE_NOOP("Report", "Patient"), case.patient_name or "—"),
        row(QT_TRANSLATE_NOOP("Report", "Patient ID"), case.patient_id or "—"),
        row(QT_TRANSLATE_NOOP("Report", "Sex"), w.sex(r.sex)),
        row(QT_TRANSLATE_NOOP("Report", "Date of birth"),
            w.date_text(case.birth_date) if case.birth_date
            else say(QT_TRANSLATE_NOOP("Report", "not given"))),
        row(QT_TRANSLATE_NOOP("Report", "Exam date"),
            f"{w.date_text(case.exam_date)} "
            f"({w.translate('Wording', EXAM_SOURCE[case.exam_date_source])})"),
        row(QT_TRANSLATE_NOOP("Report", "Radiograph"), case.image.path.name),
        row(QT_TRANSLATE_NOOP("Report", "Bone age"),
            f"{w.years_months(r.bone_age_months)} ({w.months(r.bone_age_months)})",
            " style='font-size: 14pt; font-weight: bold'"),
    ]
    interval = case.interval
    rows.append(row(QT_TRANSLATE_NOOP("Report", "90 % interval"),
                    w.interval(*interval) if interval
                    else say(QT_TRANSLATE_NOOP("Report", "not available for this model"))))
    if r.check_image:
        reason = (w.translate("ImageCheck", r.check_reason) if r.check_reason
                  else say(QT_TRANSLATE_NOOP("Report", "unusual film")))
        rows.append(row(QT_TRANSLATE_NOOP("Report", "CHECK IMAGE"), reason,
                        " style='color: #b00020; font-weight: bold'"))
    else:
        rows.append(row(QT_TRANSLATE_NOOP("Report", "Check image"),
                        say(QT_TRANSLATE_NOOP("Report", "not flagged"))))
    if case.spread is not None:
        rows.append(row(QT_TRANSLATE_NOOP("Report", "Stability check (small rotations)"),
                        say(QT_TRANSLATE_NOOP("Report", "{0}–{1} months; not the precision"))
                        .format(w.number(case.spread.low_months, 1),
                                w.number(case.spread.high_months, 1))))
    chrono = case.chronological_months
    a = case.assessment
    if chrono is not None:
        rows.append(row(QT_TRANSLATE_NOOP("Report", "Chronological age"),
                        f"{w.years_months(int(chrono))} ({w.months(chrono)})"))
    if a is not None:
        rows.append(row(QT_TRANSLATE_NOOP("Report", "Bone age − chronological age"),
                        f"{w.signed(a.difference_months, 1)} {say(MONTHS)}"))
        label = w.translate("Reference", a.classification)
        if a.sds is None or a.classification == OUTSIDE:
            lo, hi = load_reference()[r.sex].range_months
            label = say(QT_TRANSLATE_NOOP(
                "Report", "no SDS: the age is outside the reference ({0} to {1} years)")).format(
                w.number(lo / 12, 2), w.number(hi / 12, 0))
            rows.append(row(QT_TRANSLATE_NOOP("Report", "SDS (Greulich & Pyle)"), label))
        else:
            value = f"{w.signed(a.sds, 2)} ({label})"
            if a.sds_low is not None and a.sds_high is not None:
                value += " " + say(QT_TRANSLATE_NOOP(
                    "Report", "[{0} to {1} over the 90 % interval]")).format(
                    w.signed(a.sds_low, 1), w.signed(a.sds_high, 1))
            rows.append(row(QT_TRANSLATE_NOOP("Report", "SDS (Greulich & Pyle)"), value))

    def figure(name: str, caption: str, extra: str = "") -> str:
        return (f"<td valign='top' align='center'><img src='{name}' height='{IMAGE_HEIGHT}'>"
                f"{extra}<br><br><small>{escape(caption)}</small></td>")

    cells = [figure(RADIOGRAPH_IMAGE, say(QT_TRANSLATE_NOOP("Report", "The radiograph as read")))]
    if with_heatmap:
        scale = f"<br><img src='{HEAT_SCALE_IMAGE}' width='{HEAT_SCALE_WIDTH}'>"
        cells.append(figure(HEATMAP_IMAGE, say(QT_TRANSLATE_NOOP(
            "Report", "Occlusion sensitivity: where covering the film moved the estimate")),
            scale))
    cells.append(figure(CHART_IMAGE, say(QT_TRANSLATE_NOOP(
        "Report", "The patient against the reference mean and ±2 SD band"))))
    signature = (
        "<table width='100%' border='1' cellspacing='0' cellpadding='6'>"
        f"<tr><td><b>{escape(say(INTERPRETATION))}</b><br><br><br><br></td></tr>"
        f"<tr><td>{escape(say(SIGNATURE))}<br><br></td></tr></table>")
    return (
        "<html><body style='font-family: sans-serif; font-size: 10pt'>"
        f"<h2>{escape(say(TITLE))}</h2>"
        f"<p style='color: #a05000'><b>{escape(say(NOTICE))}</b></p>"
        f"<table cellspacing='1' cellpadding='2'>{''.join(rows)}</table>"
        f"<table cellspacing='4'><tr>{''.join(cells)}</tr></table>"
        f"{signature}"
        f"<p><small>{escape(w.labelled(say(MODEL), model_label))} (BoneAge {__version__}). "
        f"{escape(w.labelled(say(REFERENCE), CITATION))} "
        f"{escape(w.labelled(say(TRAINING_DATA), TRAINING_SET))} "
        f"{escape(say(PRINTED))} {w.date_text(today or date.today())}.</small></p>"
        "</body></html>"
    )
