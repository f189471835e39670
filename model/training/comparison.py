"""The architecture comparison: every registered network trained under one budget on one
split, then measured the same way (validation accuracy through the app's predictor, size,
training speed, prediction latency), written as a CSV and a Markdown table.

The budget is wall-clock minutes, not epochs: on a CPU, VGG16 takes many times longer per
image than the custom CNN, and a clinic's question is what a given machine-time buys. Each
network gets a full learning-rate schedule inside its minutes (``cosine-time``).
"""

from __future__ import annotations

import csv
import json
import re
import statistics
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from model.bundle import load_bundle
from model.predictor import Predictor
from model.training.architectures import ARCHITECTURES, imagenet_weights_file
from model.training.run import TrainConfig, backbone_defaults, train

#: The seed paper's validation MAE on RSNA (months), for the table beside ours.
SEED_MAE_MONTHS = {"custom_cnn": 10.38, "vgg16": 15.88, "efficientnetb0": 14.72,
                   "mobilenetv2": 16.46}
DEFAULT_ARCHS = ("custom_cnn", "vgg16", "efficientnetb0", "mobilenetv2")
RESULTS_START = "<!-- comparison results: start (written by boneage compare) -->"
RESULTS_END = "<!-- comparison results: end -->"


@dataclass
class CompareSettings:
    csv: str
    images: str
    out: str
    archs: Sequence[str] = DEFAULT_ARCHS
    img_size: int = 64
    minutes: float = 8.0
    steps_per_epoch: int = 100
    batch_size: int = 32
    seed: int = 42
    weights: str = "none"
    exclude: str | None = None
    limit: int | None = None
    #: How a backbone trains (see TrainConfig); None: the default for its starting weights
    #: (``backbone_defaults``). The custom CNN has no backbone and ignores them.
    warmup_epochs: int | None = None
    backbone_lr_factor: float | None = None
    backbone_bn: str | None = None


def starting_weights(settings: CompareSettings, arch: str) -> str:
    """"none" or "imagenet" for one architecture. ``auto`` takes ImageNet where its weights are
    on this machine and trains from scratch otherwise, so that one comparison can put a
    pretrained network beside the others without failing on the weights it cannot have."""
    if arch == "custom_cnn" or settings.weights == "none":
        return "none"
    if settings.weights == "auto":
        return "imagenet" if imagenet_weights_file(arch, settings.img_size).is_file() else "none"
    return settings.weights


def _run_config(settings: CompareSettings, arch: str) -> TrainConfig:
    weights = starting_weights(settings, arch)
    backbone: dict[str, Any] = {}
    if arch != "custom_cnn":
        backbone = backbone_defaults(weights)
        given = {"warmup_epochs": settings.warmup_epochs,
                 "backbone_lr_factor": settings.backbone_lr_factor,
                 "backbone_bn": settings.backbone_bn}
        backbone.update({k: v for k, v in given.items() if v is not None})
    return TrainConfig(
        csv=settings.csv, images=settings.images, out=str(Path(settings.out) / arch), arch=arch,
        img_size=settings.img_size, epochs=100_000, batch_size=settings.batch_size,
        seed=settings.seed, patience=100_000, exclude=settings.exclude, limit=settings.limit,
        max_minutes=settings.minutes, weights=weights,
        steps_per_epoch=settings.steps_per_epoch, schedule="cosine-time", **backbone,
    )


def latency_ms(predictor: Predictor, repeats: int = 30) -> float:
    """Median milliseconds for one preprocessed film, with the bundle's flip and rotation
    averaging, as ``boneage predict`` runs it."""
    size = predictor.config.input_size
    image = np.random.default_rng(0).random((1, size, size)).astype(np.float32)
    sex = np.array([1.0])
    predictor.run_prepared(image, sex)
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        predictor.run_prepared(image, sex)
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def measure_run(run: Path, settings: CompareSettings) -> dict[str, Any]:
    """One row of the table from a finished run folder."""
    from model.training.export import load_keras

    metrics = json.loads((run / "val_metrics.json").read_text())
    bundle = load_bundle(run / "bundle")
    size = bundle.preprocessing.input_size
    backend = "opencv"
    try:
        predictor = Predictor(bundle, backend=backend)
        predictor.run_prepared(np.zeros((1, size, size), np.float32), np.array([0.0]))
    except Exception:
        backend = "onnxruntime"
        predictor = Predictor(bundle, backend=backend)
    with (run / "epoch_seconds.csv").open(newline="") as handle:
        epoch_seconds = [float(r["seconds"]) for r in csv.DictReader(handle)]
    images_per_epoch = settings.steps_per_epoch * settings.batch_size
    config = json.loads((run / "config.json").read_text())
    return {
        "architecture": bundle.architecture,
        "val_mae_months": round(metrics["mae_months"], 2),
        "val_rmse_months": round(metrics["rmse_months"], 2),
        "val_r2": round(metrics["r2"], 3),
        "parameters": int(load_keras(bundle.keras_path).count_params()),
        "onnx_mb": round(bundle.onnx_path.stat().st_size / 1e6, 2),
        "training_minutes": round(sum(epoch_seconds) / 60, 1),
        "images_seen": int(len(epoch_seconds) * images_per_epoch),
        "seconds_per_epoch_of_train_split": round(
            statistics.median(epoch_seconds) * _train_images(run) / images_per_epoch, 1),
        "predictor_ms_per_image": round(latency_ms(predictor), 2),
        "predictor_backend": backend,
        "seed_val_mae_months": SEED_MAE_MONTHS.get(bundle.architecture),
        "weights": config.get("weights", "none"),
        "input_px": size,
        **_fullres_scores(run),
    }


def _fullres_scores(run: Path) -> dict[str, float | None]:
    """MAE and bias on all shared full-resolution films, where ``benchmarks/robustness.py``
    has scored the run's bundle into ``robustness.json`` (scripts/run_comparison.sh does)."""
    path = run / "robustness.json"
    scores = json.loads(path.read_text())["fullres"]["all"] if path.exists() else {}
    return {"fullres_mae_months": scores.get("mae_months"),
            "fullres_bias_months": scores.get("bias_months")}


def _train_images(run: Path) -> int:
    with (run / "split.csv").open(newline="") as handle:
        return sum(1 for row in csv.DictReader(handle) if row["subset"] == "train")


def run_comparison(settings: CompareSettings, doc: str | Path | None = None,
                   log: Any = print) -> list[dict[str, Any]]:
    """Train what is missing (a finished architecture is reused, an interrupted one resumes),
    then measure every run and write ``comparison.csv`` (and ``doc`` with a CSV copy beside
    it, when given)."""
    out = Path(settings.out)
    out.mkdir(parents=True, exist_ok=True)
    rows = []
    for arch in settings.archs:
        run = out / arch
        if not (run / "val_metrics.json").exists():
            if arch not in ARCHITECTURES:
                # A folder name of a run trained elsewhere (scripts/run_comparison.sh names a
                # second input size efficientnet_lite0-128): measured once finished, never
                # trained from here.
                raise SystemExit(f"{run} holds no finished run and {arch!r} is no "
                                 "architecture to train")
            log(f"== {arch}: training for {settings.minutes:g} minutes")
            train(_run_config(settings, arch))
        rows.append(measure_run(run, settings))
        log(f"== {arch}: " + ", ".join(f"{k} {v}" for k, v in rows[-1].items()))
    write_csv(out / "comparison.csv", rows)
    if doc is not None:
        write_doc(Path(doc), rows, settings)
        write_csv(Path(doc).with_suffix(".csv"), rows)  # the published table, beside the doc
    return rows


def write_csv(path: Path, rows: list[dict[str, Any]]) -> None:
    with path.open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def results_markdown(rows: list[dict[str, Any]], settings: CompareSettings) -> str:
    sizes = sorted({r.get("input_px", settings.img_size) for r in rows})
    lines = [
        f"Budget: {settings.minutes:g} minutes of training per network, input "
        f"{'/'.join(map(str, sizes))} px, batch {settings.batch_size}, epochs of "
        f"{settings.steps_per_epoch} steps, weights: {settings.weights}, seed {settings.seed}.",
        "",
        "| architecture | weights | input px | val MAE (months) | RMSE | R² "
        "| full-res MAE | full-res bias | parameters | ONNX MB | training minutes "
        "| images seen | s per pass over the training split | predictor ms/film "
        "| seed paper MAE |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in sorted(rows, key=lambda r: r["val_mae_months"]):
        seed = r["seed_val_mae_months"]
        lines.append(
            f"| {r['architecture']} | {r.get('weights', 'none')} | "
            f"{r.get('input_px', settings.img_size)} | {r['val_mae_months']:.2f} | "
            f"{r['val_rmse_months']:.2f} | {r['val_r2']:.3f} | "
            f"{_optional(r.get('fullres_mae_months'))} | "
            f"{_optional(r.get('fullres_bias_months'), '+.2f')} | "
            f"{r['parameters']:,} | {r['onnx_mb']:.2f} | {r['training_minutes']:.0f} | "
            f"{r['images_seen']:,} | {r['seconds_per_epoch_of_train_split']:.0f} | "
            f"{r['predictor_ms_per_image']:.2f} ({r['predictor_backend']}) | "
            f"{'' if seed is None else f'{seed:.2f}'} |")
    return "\n".join(lines)


def _optional(value: float | None, spec: str = ".2f") -> str:
    return "" if value is None else format(value, spec)


def write_doc(path: Path, rows: list[dict[str, Any]], settings: CompareSettings) -> None:
    """Replace the results block of ``path`` and keep the prose around it, so that a rerun
    updates the figures without losing the discussion."""
    block = f"{RESULTS_START}\n{results_markdown(rows, settings)}\n{RESULTS_END}"
    if path.exists():
        text = path.read_text()
        pattern = re.compile(re.escape(RESULTS_START) + ".*?" + re.escape(RESULTS_END), re.S)
        text = pattern.sub(lambda _: block, text) if pattern.search(text) else text + "\n" + block
    else:
        text = f"# Model comparison\n\nWritten by `boneage compare`.\n\n{block}\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text if text.endswith("\n") else text + "\n")
