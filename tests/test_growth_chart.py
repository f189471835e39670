"""The chart draws the reference band for the right sex and the patient's point."""

from __future__ import annotations

import numpy as np
import pytest

from app.growth_chart import growth_chart
from app.reference import load_reference


@pytest.mark.parametrize("sex", ["female", "male"])
def test_chart_has_band_mean_and_point(sex, tmp_path):
    fig = growth_chart(sex, 120.0, 130.0)
    ax = fig.axes[0]
    mean_line = next(line for line in ax.lines if line.get_label() == "reference mean")
    np.testing.assert_allclose(mean_line.get_ydata(), load_reference()[sex].means / 12)
    point = next(line for line in ax.lines if line.get_label() == "patient")
    assert (point.get_xdata()[0], point.get_ydata()[0]) == pytest.approx((10.0, 130 / 12))
    assert ("boys" if sex == "male" else "girls") in ax.get_title()
    fig.savefig(tmp_path / "chart.png")
    assert (tmp_path / "chart.png").stat().st_size > 5000


def test_chart_without_patient():
    ax = growth_chart("female").axes[0]
    assert not [line for line in ax.lines if line.get_label() == "patient"]


def test_interval_bar_and_french_labels():
    from app.wording import Wording

    french = {"Chronological age (years)": "Âge chronologique (ans)",
              "patient, 90 % interval": "patient, intervalle à 90 %"}
    fig = growth_chart("male", 120.0, 150.0, interval=(155.0, 130.0),  # even out of order
                       wording=Wording(lambda _c, t: french.get(t, t)))
    ax = fig.axes[0]
    bar = next(c for c in ax.collections if c.get_label() == "patient interval")
    (segment,) = bar.get_segments()
    np.testing.assert_allclose(segment[:, 1], [130 / 12, 155 / 12])
    assert ax.get_xlabel() == "Âge chronologique (ans)"
    assert "patient, intervalle à 90 %" in [t.get_text() for t in ax.get_legend().get_texts()]


@pytest.mark.parametrize("size_in", [(4.2, 3.2), (3.0, 2.4), (6.0, 2.6)])
def test_labels_stay_inside_at_any_size(size_in):
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    fig = growth_chart("female", 120.0, 130.0, interval=(110.0, 150.0))
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    fig.set_size_inches(*size_in)  # what a resized window panel does
    canvas.draw()
    renderer = canvas.get_renderer()
    ax = fig.axes[0]
    for text in (ax.xaxis.label, ax.yaxis.label, ax.title):
        box = text.get_window_extent(renderer)
        assert box.x0 >= 0 and box.y0 >= 0, text.get_text()
        assert box.x1 <= fig.bbox.width + 0.5 and box.y1 <= fig.bbox.height + 0.5, text.get_text()
    assert fig.get_layout_engine()._laid_out_at == (fig.bbox.width, fig.bbox.height)
