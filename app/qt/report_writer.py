"""Render the report HTML (app.report) to a one-page PDF with Qt's own PDF writer."""

from __future__ import annotations

import io
from pathlib import Path

import numpy as np
from PyQt5.QtCore import QMarginsF, QSizeF, QUrl
from PyQt5.QtGui import QImage, QPageLayout, QPageSize, QPdfWriter, QTextDocument

from app.case import Case
from app.growth_chart import growth_chart
from app.qt.image_view import gray_to_qimage
from app.report import (
    CHART_IMAGE,
    HEAT_SCALE_IMAGE,
    HEATMAP_IMAGE,
    RADIOGRAPH_IMAGE,
    heat_scale_png,
    report_html,
)
from app.wording import ENGLISH, Wording


def _thumbnail(pixels: np.ndarray, height: int = 600) -> QImage:
    image = gray_to_qimage(pixels)
    return image.scaledToHeight(min(height, image.height()))


def write_pdf(path: str | Path, case: Case, model_label: str,
              heatmap_rgb: np.ndarray | None = None, wording: Wording = ENGLISH) -> Path:
    """``wording`` writes the report (chart included) in the interface language."""
    path = Path(path)
    assert case.image is not None and case.result is not None
    doc = QTextDocument()
    doc.setHtml(report_html(case, model_label, with_heatmap=heatmap_rgb is not None,
                            wording=wording))
    doc.addResource(QTextDocument.ImageResource, QUrl(RADIOGRAPH_IMAGE),
                    _thumbnail(case.image.pixels))
    if heatmap_rgb is not None:
        rgb = np.ascontiguousarray(heatmap_rgb)
        h, w, _ = rgb.shape
        heat = QImage(rgb.data, w, h, 3 * w, QImage.Format_RGB888).copy()
        doc.addResource(QTextDocument.ImageResource, QUrl(HEATMAP_IMAGE),
                        heat.scaledToHeight(min(600, h)))
        doc.addResource(QTextDocument.ImageResource, QUrl(HEAT_SCALE_IMAGE),
                        QImage.fromData(heat_scale_png(wording), "PNG"))
    buffer = io.BytesIO()
    chrono = case.chronological_months
    growth_chart(case.result.sex, chrono,
                 case.result.bone_age_months if chrono is not None else None,
                 interval=case.interval if chrono is not None else None, wording=wording
                 ).savefig(buffer, format="png", dpi=150)
    doc.addResource(QTextDocument.ImageResource, QUrl(CHART_IMAGE),
                    QImage.fromData(buffer.getvalue(), "PNG"))
    writer = QPdfWriter(str(path))
    writer.setPageLayout(QPageLayout(QPageSize(QPageSize.A4), QPageLayout.Portrait,
                                     QMarginsF(15, 15, 15, 15), QPageLayout.Millimeter))
    writer.setResolution(150)
    writer.setTitle(wording.translate("Report", "Bone age report"))
    writer.setCreator("BoneAge")
    layout = writer.pageLayout().paintRectPixels(writer.resolution())
    doc.setPageSize(QSizeF(layout.width(), layout.height()))
    doc.print_(writer)
    return path
