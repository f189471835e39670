"""Score the predictor on a labelled set: metrics, per-image predictions and two plots.

``boneage evaluate`` and the end of ``boneage train`` both call :func:`evaluate_records`, which
goes through :class:`model.predictor.Predictor`, the same code the app runs.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from model.dataset import Record
from model.metrics import regression_metrics
from model.predictor import Predictor


def evaluate_records(
    predictor: Predictor, records: Sequence[Record], out_dir: str | Path | None = None
) -> dict[str, Any]:
    true = np.array([r.bone_age_months for r in records])
    male = np.array([r.male for r in records])
    pred = predictor.predict_files([r.path for r in records], male.tolist())
    metrics = regression_metrics(true, pred, male)
    metrics["model"] = predictor.bundle.label
    if out_dir is not None:
        out_dir = Path(out_dir)
        out_dir.mkdir(parents=True, exist_ok=True)
        write_predictions(out_dir / "predictions.csv", records, pred)
        (out_dir / "metrics.json").write_text(json.dumps(metrics, indent=2) + "\n")
        plot_agreement(true, pred, male, out_dir, metrics)
    return metrics


def write_predictions(path: Path, records: Sequence[Record], pred: np.ndarray) -> None:
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "male", "boneage", "predicted_months", "error_months"])
        for r, p in zip(records, pred, strict=True):
            writer.writerow(
                [r.image_id, r.male, r.bone_age_months, f"{p:.2f}", f"{p - r.bone_age_months:.2f}"]
            )


def plot_agreement(
    true: np.ndarray, pred: np.ndarray, male: np.ndarray, out_dir: Path, metrics: dict[str, Any]
) -> None:
    """Predicted-vs-true scatter and a Bland-Altman plot, as PNG files in ``out_dir``."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    colours = np.where(male, "tab:blue", "tab:red")
    fig, ax = plt.subplots(figsize=(5.5, 5.5), dpi=110)
    ax.scatter(true, pred, s=6, c=colours, alpha=0.5, linewidths=0)
    lim = (0, max(240.0, float(true.max()), float(pred.max())))
    ax.plot(lim, lim, "k--", lw=1)
    ax.set(xlim=lim, ylim=lim, xlabel="Reference bone age (months)",
           ylabel="Predicted bone age (months)",
           title=f"n={metrics['n']}  MAE={metrics['mae_months']:.2f}  R²={metrics['r2']:.3f}")
    ax.scatter([], [], c="tab:red", label="female")
    ax.scatter([], [], c="tab:blue", label="male")
    ax.legend(loc="upper left")
    fig.tight_layout()
    fig.savefig(out_dir / "predicted_vs_true.png")
    plt.close(fig)

    mean = (true + pred) / 2
    diff = pred - true
    bias, sd = float(diff.mean()), float(diff.std(ddof=1)) if diff.size > 1 else 0.0
    fig, ax = plt.subplots(figsize=(6.5, 4.5), dpi=110)
    ax.scatter(mean, diff, s=6, c=colours, alpha=0.5, linewidths=0)
    for y, style in ((bias, "-"), (bias + 1.96 * sd, "--"), (bias - 1.96 * sd, "--")):
        ax.axhline(y, color="k", ls=style, lw=1)
    ax.set(xlabel="Mean of predicted and reference (months)",
           ylabel="Predicted - reference (months)",
           title=f"Bland-Altman: bias {bias:+.2f}, 95% limits {bias - 1.96 * sd:+.1f} "
                 f"to {bias + 1.96 * sd:+.1f}")
    fig.tight_layout()
    fig.savefig(out_dir / "bland_altman.png")
    plt.close(fig)
