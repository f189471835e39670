"""The bone-age chart: reference mean and +/-2 SD band against chronological age, for one sex,
with the patient's point. Qt-free (a matplotlib Figure), so the window embeds it and the report
saves it as an image."""

from __future__ import annotations

from matplotlib.figure import Figure

from app.reference import load_reference


def growth_chart(sex: str, chronological_months: float | None = None,
                 bone_age_months: float | None = None, width_in: float = 4.2,
                 height_in: float = 3.2, dpi: int = 100) -> Figure:
    ref = load_reference()[sex]
    fig = Figure(figsize=(width_in, height_in), dpi=dpi)
    ax = fig.add_subplot(1, 1, 1)
    years = ref.ages / 12
    ax.fill_between(years, (ref.means - 2 * ref.sds) / 12, (ref.means + 2 * ref.sds) / 12,
                    color="tab:blue", alpha=0.18, lw=0, label="±2 SD")
    ax.plot(years, ref.means / 12, color="tab:blue", lw=1.5, label="reference mean")
    if chronological_months is not None and bone_age_months is not None:
        ax.plot([chronological_months / 12], [bone_age_months / 12], "o", color="tab:red",
                ms=7, label="patient")
    ax.plot([0, 18], [0, 18], color="gray", lw=0.8, ls=":")
    ax.set(xlim=(0, 18), ylim=(0, 19.5), xlabel="Chronological age (years)",
           ylabel="Bone age (years)",
           title=f"Greulich & Pyle / Brush reference, {'boys' if sex == 'male' else 'girls'}")
    ax.title.set_fontsize(9)
    ax.grid(alpha=0.3)
    ax.legend(loc="upper left", fontsize=8, frameon=False)
    fig.tight_layout()
    return fig
