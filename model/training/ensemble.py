"""Several trained networks as one: a run folder whose network is the mean of its members'.

Two networks that err differently read a film better on average than either, and the
members are merged into a single Keras graph (one ONNX file, one forward pass per batch), so
the predictor, the bundle format and every script that installs a run are unchanged. The
members must share the split and the preprocessing: their validation figures would otherwise
mean nothing, and the one preprocessing the bundle records would be wrong for one of them.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from model.training.export import load_keras
from model.training.tf_support import import_tensorflow

tf = import_tensorflow()
import keras  # noqa: E402

#: Settings that may differ between members: how each was trained, not what it reads.
TRAINING_ONLY = {
    "out", "epochs", "learning_rate", "patience", "max_minutes", "stop_after", "init_from",
    "warmup_epochs", "backbone_lr_factor", "backbone_bn", "schedule", "age_balance",
    "average_from_epoch", "steps_per_epoch", "loss", "dropout", "batch_size", "seed",
    "export_augment", "weights", "augment_scale", "split_seed",
}


def merge_networks(networks: Sequence[keras.Model]) -> keras.Model:
    """One model (inputs ``image`` and ``sex``) whose output is the mean of the members'."""
    if len(networks) < 2:
        raise ValueError("an ensemble needs at least two networks")
    shape = tuple(networks[0].inputs[0].shape[1:])
    for network in networks[1:]:
        if tuple(network.inputs[0].shape[1:]) != shape:
            raise ValueError(f"members read different input sizes: {shape} and "
                             f"{tuple(network.inputs[0].shape[1:])}")
    image = keras.Input(shape, name="image")
    sex = keras.Input((1,), name="sex")
    # Each member under its own name (the originals share one), its layers untouched.
    members = [keras.Model(n.inputs, n.output, name=f"member_{i}")
               for i, n in enumerate(networks)]
    output = keras.layers.Average(name="ensemble_mean")([m([image, sex]) for m in members])
    return keras.Model([image, sex], output, name="ensemble")


def _reading_settings(config: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in config.items() if k not in TRAINING_ONLY}


def make_ensemble_run(runs: Sequence[str | Path], out: str | Path,
                      flip_tta: bool | None = None) -> Path:
    """A run folder (``config.json``, ``split.csv``, ``best.keras``, ``history.png``,
    ``ensemble.json``) for the members' best epochs averaged, ready for ``boneage export``
    and ``scripts/install_bundle.sh``; refused when the members were validated on different
    splits or read films differently.

    ``flip_tta=False`` drops the mirrored pass the members were exported with, so that two
    members cost a click what one did with its mirror and an ensemble can be judged at the
    bundle's own cost (measured 2026-12-08 and not adopted: the model card's "Variants
    tried"). ``None`` keeps the members' own setting."""
    runs = [Path(r) for r in runs]
    out = Path(out)
    configs = [json.loads((r / "config.json").read_text()) for r in runs]
    splits = [(r / "split.csv").read_bytes() for r in runs]
    for run, config, split in zip(runs[1:], configs[1:], splits[1:], strict=True):
        if split != splits[0]:
            raise ValueError(f"{run} was split differently from {runs[0]}")
        if _reading_settings(config) != _reading_settings(configs[0]):
            raise ValueError(f"{run} reads films differently from {runs[0]}")
    out.mkdir(parents=True, exist_ok=True)
    merged = merge_networks([load_keras(r / "best.keras") for r in runs])
    merged.save(out / "best.keras")
    config = dict(configs[0], out=str(out))
    if flip_tta is not None:
        config["flip_tta"] = flip_tta
    (out / "config.json").write_text(json.dumps(config, indent=2) + "\n")
    (out / "split.csv").write_bytes(splits[0])
    if (runs[-1] / "history.png").exists():
        shutil.copyfile(runs[-1] / "history.png", out / "history.png")
    members = []
    for run, member in zip(runs, configs, strict=True):
        metrics = run / "val_metrics.json"
        members.append({"run": str(run), "config": member,
                        "val_metrics": json.loads(metrics.read_text())
                        if metrics.exists() else None})
    (out / "ensemble.json").write_text(json.dumps({"members": members}, indent=2) + "\n")
    return out


def score_ensemble_run(run: str | Path) -> dict[str, Any]:
    """Export the ensemble run's bundle and score it on the validation split, as ``train``
    does for a trained run (``bundle/``, ``validation/``, ``val_metrics.json``)."""
    from model.dataset import read_labels, read_split
    from model.evaluation import evaluate_records
    from model.predictor import Predictor
    from model.training.export import export_run

    run = Path(run)
    config = json.loads((run / "config.json").read_text())
    _, val_records = read_split(run / "split.csv", read_labels(config["csv"], config["images"]))
    bundle = export_run(run, run / "bundle")
    metrics = evaluate_records(Predictor(bundle), val_records, run / "validation")
    (run / "val_metrics.json").write_text(json.dumps(metrics, indent=2) + "\n")
    return metrics
