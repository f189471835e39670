"""The bone-age chart: reference mean and +/-2 SD band against chronological age, for one sex,
with the patient's point and, when there is one, the bone age's 90 % interval as a bar. Qt-free
(a matplotlib Figure), so the window embeds it and the report saves it as an image.

The figure is laid out again (tight layout) at the first draw at each new size, so the axis
labels are never clipped at any panel size; matplotlib's own layout engines redo that at every
draw, which doubled the cost of each redraw on the GUI thread. Its text follows the interface
language through a :class:`app.wording.Wording`.
"""

from __future__ import annotations

from typing import ClassVar

from matplotlib.figure import Figure
from matplotlib.layout_engine import TightLayoutEngine
from matplotlib.ticker import MultipleLocator

from app.reference import load_reference
from app.wording import ENGLISH, Wording
from model.i18n import QT_TRANSLATE_NOOP

CONTEXT = "Chart"
BAND = QT_TRANSLATE_NOOP("Chart", "±2 SD")
MEAN = QT_TRANSLATE_NOOP("Chart", "reference mean")
PATIENT = QT_TRANSLATE_NOOP("Chart", "patient")
PATIENT_INTERVAL = QT_TRANSLATE_NOOP("Chart", "patient, 90 % interval")
X_LABEL = QT_TRANSLATE_NOOP("Chart", "Chronological age (years)")
Y_LABEL = QT_TRANSLATE_NOOP("Chart", "Bone age (years)")
TITLE_GIRLS = QT_TRANSLATE_NOOP("Chart", "Greulich & Pyle / Brush reference, girls")
TITLE_BOYS = QT_TRANSLATE_NOOP("Chart", "Greulich & Pyle / Brush reference, boys")


class FitOnResize(TightLayoutEngine):
    """Tight layout, computed only when the figure's size has changed since the last one.

    The window builds a new chart at every result and every change of sex, so the margins a
    tight layout found are also kept per size and wording (:attr:`_margins`): the next chart
    with the same texts at the same size reuses them instead of measuring every label again,
    which was most of the time from a click on Predict to the result on screen.
    """

    _margins: ClassVar[dict[tuple, dict[str, float]]] = {}

    def __init__(self) -> None:
        super().__init__()
        self._laid_out_at: tuple[float, float] | None = None

    def execute(self, fig: Figure) -> None:  # type: ignore[override]
        size = (fig.bbox.width, fig.bbox.height)
        if size == self._laid_out_at:
            return
        self._laid_out_at = size
        texts = tuple(t.get_text() for ax in fig.axes
                      for t in (ax.title, ax.xaxis.label, ax.yaxis.label))
        key = (size, texts)
        known = self._margins.get(key)
        if known is not None:
            fig.subplots_adjust(**known)
            return
        super().execute(fig)
        params = fig.subplotpars
        self._margins[key] = {"left": params.left, "right": params.right,
                              "bottom": params.bottom, "top": params.top}


def growth_chart(sex: str, chronological_months: float | None = None,
                 bone_age_months: float | None = None, width_in: float = 4.2,
                 height_in: float = 3.2, dpi: int = 100,
                 interval: tuple[float, float] | None = None,
                 wording: Wording = ENGLISH) -> Figure:
    """Lines keep their English labels (``get_label``) for tests; the legend shows them in
    the interface language."""
    def say(text: str) -> str:
        return wording.translate(CONTEXT, text)

    ref = load_reference()[sex]
    fig = Figure(figsize=(width_in, height_in), dpi=dpi, layout=FitOnResize())
    ax = fig.add_subplot(1, 1, 1)
    years = ref.ages / 12
    band = ax.fill_between(years, (ref.means - 2 * ref.sds) / 12, (ref.means + 2 * ref.sds) / 12,
                           color="tab:blue", alpha=0.18, lw=0, label="±2 SD")
    (mean,) = ax.plot(years, ref.means / 12, color="tab:blue", lw=1.5, label="reference mean")
    handles, names = [band, mean], [say(BAND), say(MEAN)]
    if chronological_months is not None and bone_age_months is not None:
        x, y = chronological_months / 12, bone_age_months / 12
        if interval is not None:  # drawn as given, whether or not it holds the point
            low, high = sorted(interval)
            ax.vlines(x, low / 12, high / 12, colors="tab:red", lw=1.5, label="patient interval")
            ax.plot([x, x], [low / 12, high / 12], "_", color="tab:red", ms=9)
        (point,) = ax.plot([x], [y], "o", color="tab:red", ms=7, label="patient")
        handles.append(point)
        names.append(say(PATIENT_INTERVAL if interval is not None else PATIENT))
    ax.plot([0, 18], [0, 18], color="gray", lw=0.8, ls=":")
    ax.set(xlim=(0, 18), ylim=(0, 19.5), xlabel=say(X_LABEL), ylabel=say(Y_LABEL),
           title=say(TITLE_BOYS if sex == "male" else TITLE_GIRLS))
    ax.title.set_fontsize(9)
    for axis in (ax.xaxis, ax.yaxis):  # whole years: no decimal point to localise
        axis.set_major_locator(MultipleLocator(3))
    ax.grid(alpha=0.3)
    ax.legend(handles, names, loc="upper left", fontsize=8, frameon=False)
    return fig
