"""Adapting a bundled model to a local site's films: recalibration, then fine-tuning, both
judged by k-fold cross-validation on the local set before one of them is written as a bundle.

A local set is small (100-300 images), so every number here is a cross-validated one: each
fold's images are predicted by a recalibration or a network that never saw them. The final
bundle is then fitted on the whole local set with the method that won.
"""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

from model import __version__
from model.bundle import KERAS_FILE, ONNX_FILE, ModelBundle, load_bundle, write_bundle
from model.dataset import Record, stratified_split
from model.metrics import regression_metrics
from model.predictor import Predictor
from model.preprocessing import PreprocessConfig, rotate_prepared
from model.recalibration import SexCalibration
from model.training.architectures import HEAD_LAYERS, LAST_BLOCK_PREFIXES
from model.training.pipeline import load_prepared, make_dataset
from model.training.tf_support import import_tensorflow

tf = import_tensorflow()
import keras  # noqa: E402

from model.training.export import export_bundle, load_keras  # noqa: E402
from model.training.run import make_loss  # noqa: E402

METHODS = ("unchanged", "recalibrated", "fine-tuned")


@dataclass
class FinetuneSettings:
    folds: int = 5
    seed: int = 42
    batch_size: int = 16
    head_epochs: int = 30
    block_epochs: int = 30
    head_learning_rate: float = 3e-4
    block_learning_rate: float = 1e-4
    patience: int = 6
    inner_val_fraction: float = 0.2
    loss: str = "huber"


def kfold_assignments(records: Sequence[Record], folds: int, seed: int) -> np.ndarray:
    """Fold number of each record, balanced for sex and age: records sorted by sex then age
    (ties in a seeded order) are dealt to the folds in turn from a seeded start."""
    if folds < 2 or folds > len(records):
        raise ValueError(f"cannot make {folds} folds from {len(records)} images")
    rng = np.random.default_rng(seed)
    ties = rng.permutation(len(records))
    order = sorted(range(len(records)),
                   key=lambda i: (records[i].male, records[i].bone_age_months, ties[i]))
    assignment = np.empty(len(records), int)
    start = int(rng.integers(folds))
    for rank, i in enumerate(order):
        assignment[i] = (rank + start) % folds
    return assignment


def _set_trainable(model: keras.Model, prefixes: tuple[str, ...]) -> int:
    """Open the layers whose names start with one of ``prefixes``; batch norm stays frozen
    (inference mode), because a few hundred images cannot re-estimate its statistics."""
    opened = 0

    def walk(layer: keras.layers.Layer) -> None:
        nonlocal opened
        if isinstance(layer, keras.Model) and layer is not model:
            layer.trainable = True
            for inner in layer.layers:
                walk(inner)
            return
        wanted = layer.name.startswith(prefixes)
        wanted = wanted and not isinstance(layer, keras.layers.BatchNormalization)
        layer.trainable = wanted
        opened += int(wanted and bool(layer.weights))

    model.trainable = True
    for layer in model.layers:
        walk(layer)
    return opened


def _fit_stage(
    model: keras.Model, prefixes: tuple[str, ...], learning_rate: float, epochs: int,
    train_ds: tf.data.Dataset, val_ds: tf.data.Dataset, settings: FinetuneSettings,
    age_scale: float,
) -> int:
    _set_trainable(model, prefixes)
    model.compile(optimizer=keras.optimizers.Adam(learning_rate),
                  loss=make_loss(settings.loss, age_scale), metrics=["mae"])
    stop = keras.callbacks.EarlyStopping(monitor="val_mae", patience=settings.patience,
                                         restore_best_weights=True)
    history = model.fit(train_ds, validation_data=val_ds, epochs=epochs, callbacks=[stop],
                        verbose=0)
    return len(history.history.get("loss", []))


def finetune_network(
    base_keras: str | Path, architecture: str, records: Sequence[Record],
    prep: PreprocessConfig, settings: FinetuneSettings,
) -> tuple[keras.Model, dict[str, int]]:
    """Head first, then the last block with the head, each at a low rate with the training
    augmentation and early stopping on an inner validation split of ``records``."""
    keras.utils.set_random_seed(settings.seed)
    inner_train, inner_val = stratified_split(list(records), settings.inner_val_fraction,
                                              settings.seed)
    train_ds = make_dataset(inner_train, prep, settings.batch_size, training=True,
                            seed=settings.seed)
    val_ds = make_dataset(inner_val, prep, settings.batch_size, training=False)
    model = load_keras(base_keras)
    last_block = LAST_BLOCK_PREFIXES.get(architecture)
    if last_block is None:
        raise ValueError(f"fine-tuning does not know the last block of {architecture!r}")
    epochs = {
        "head": _fit_stage(model, HEAD_LAYERS, settings.head_learning_rate,
                           settings.head_epochs, train_ds, val_ds, settings,
                           prep.age_scale_months),
        "last_block": _fit_stage(model, HEAD_LAYERS + last_block, settings.block_learning_rate,
                                 settings.block_epochs, train_ds, val_ds, settings,
                                 prep.age_scale_months),
    }
    return model, epochs


def predict_keras(model: keras.Model, records: Sequence[Record],
                  prep: PreprocessConfig) -> np.ndarray:
    """Months for each record, computed as the predictor does (same preparation, flip and
    rotation averaging), for the cross-validation folds that are never exported."""
    prepared = np.stack([load_prepared(str(r.path), prep)[..., 0] for r in records])
    s = np.array([[float(r.male)] for r in records], np.float32)
    outs = []
    for angle in prep.rotation_tta_degrees or (0.0,):
        x = np.stack([rotate_prepared(image, angle) for image in prepared])[..., None]
        out = model.predict([x, s], verbose=0, batch_size=64)[:, 0]
        if prep.flip_tta:
            out = (out + model.predict([x[:, :, ::-1], s], verbose=0, batch_size=64)[:, 0]) / 2
        outs.append(out)
    months = np.mean([np.clip(o * prep.age_scale_months, 0.0, prep.age_scale_months)
                      for o in outs], axis=0)
    return months.astype(float)


def _summary(maes: list[float]) -> dict[str, float]:
    values = np.asarray(maes, float)
    return {"mean": float(values.mean()), "sd": float(values.std(ddof=1)) if values.size > 1
            else 0.0, "min": float(values.min()), "max": float(values.max())}


def cross_validate(
    bundle: ModelBundle, records: Sequence[Record], settings: FinetuneSettings,
    base: np.ndarray, log: Any = print,
) -> dict[str, Any]:
    """MAE of each method on each held-out fold, and the pooled out-of-fold metrics.
    ``base``: the base bundle's predictions for ``records`` (its predictor, as the app runs it)."""
    prep = bundle.preprocessing
    true = np.array([r.bone_age_months for r in records])
    male = np.array([r.male for r in records])
    folds = kfold_assignments(records, settings.folds, settings.seed)
    out_of_fold = {m: np.zeros(len(records)) for m in METHODS}
    per_fold: dict[str, list[float]] = {m: [] for m in METHODS}
    for k in range(settings.folds):
        test, train = folds == k, folds != k
        started = time.monotonic()
        calibration = SexCalibration.fit(base[train], true[train], male[train])
        train_records = [r for r, t in zip(records, train, strict=True) if t]
        test_records = [r for r, t in zip(records, test, strict=True) if t]
        network, _ = finetune_network(bundle.keras_path, bundle.architecture, train_records,
                                      prep, settings)
        out_of_fold["unchanged"][test] = base[test]
        out_of_fold["recalibrated"][test] = calibration.apply(base[test], male[test])
        out_of_fold["fine-tuned"][test] = predict_keras(network, test_records, prep)
        for method in METHODS:
            per_fold[method].append(float(np.mean(np.abs(out_of_fold[method][test] - true[test]))))
        log(f"fold {k + 1}/{settings.folds} (n={int(test.sum())}, "
            f"{time.monotonic() - started:.0f} s): " + ", ".join(
                f"{m} {per_fold[m][-1]:.2f}" for m in METHODS))
        keras.backend.clear_session()
    return {
        "folds": settings.folds,
        "fold_mae_months": per_fold,
        "fold_mae_summary": {m: _summary(v) for m, v in per_fold.items()},
        "out_of_fold_metrics": {m: regression_metrics(true, out_of_fold[m], male)
                                for m in METHODS},
    }


def finetune_bundle(
    base_dir: str | Path | None, records: Sequence[Record], out_dir: str | Path,
    settings: FinetuneSettings | None = None, log: Any = print,
) -> tuple[ModelBundle, dict[str, Any]]:
    """Cross-validate both methods, then fit the better one on all ``records`` and write it
    as a new bundle (with ``MODEL_CARD.md``) in ``out_dir``."""
    settings = settings or FinetuneSettings()
    base = load_bundle(base_dir)
    if not base.keras_path.is_file():
        raise FileNotFoundError(f"{base.directory} has no {KERAS_FILE}; fine-tuning needs it")
    started = time.monotonic()
    true = np.array([r.bone_age_months for r in records])
    male = np.array([r.male for r in records])
    base_predictor = Predictor(base)
    base_pred = base_predictor.predict_files([r.path for r in records], male.tolist())
    report = cross_validate(base, records, settings, base_pred, log)
    means = {m: s["mean"] for m, s in report["fold_mae_summary"].items()}
    chosen = min(METHODS, key=lambda m: means[m])
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    extra: dict[str, Any] = {
        key: base.metadata[key] for key in ("tta_sd_p99_months",) if key in base.metadata}
    # The image check does not depend on the network, so it stays valid for the new bundle.
    # The 90 % interval does not travel: it was measured for the base model's errors.
    check = base.metadata.get("image_check")
    if check:
        shutil.copyfile(base.directory / check["file"], out_dir / check["file"])
        extra["image_check"] = check
    # The base's own calibration (if any) is part of its predictions: kept by "unchanged",
    # composed with the site's line by "recalibrated", and learnt away by fine-tuning, which
    # trains on the network's raw output.
    base_line = base_predictor.calibration
    if chosen == "fine-tuned":
        network, epochs = finetune_network(base.keras_path, base.architecture, records,
                                           base.preprocessing, settings)
        network.save(out_dir / KERAS_FILE)
        report["final_epochs"] = epochs
    else:
        for name in (ONNX_FILE, KERAS_FILE):
            shutil.copyfile(base.directory / name, out_dir / name)
        line = base_line
        if chosen == "recalibrated":
            site = SexCalibration.fit(base_pred, true, male)
            line = site if base_line is None else base_line.then(site)
        if line is not None:
            extra["calibration"] = line.to_dict()
    report.update(chosen=chosen, seconds=round(time.monotonic() - started, 1),
                  local_images=len(records), settings=asdict(settings))
    extra["adapted_from"] = {"model": base.label, "method": chosen, **report}
    name = f"{base.name}-local"
    if chosen == "fine-tuned":
        bundle = export_bundle(out_dir / KERAS_FILE, out_dir, base.preprocessing, name=name,
                               version=__version__, architecture=base.architecture, extra=extra)
    else:
        bundle = write_bundle(out_dir, name, __version__, base.architecture,
                              base.preprocessing, extra)
    (out_dir / "finetune_report.json").write_text(json.dumps(report, indent=2) + "\n")
    (out_dir / "MODEL_CARD.md").write_text(model_card(base, bundle, report))
    return bundle, report


def model_card(base: ModelBundle, bundle: ModelBundle, report: dict[str, Any]) -> str:
    """The adapted bundle's own card: where it came from and what cross-validation showed."""
    rows = "\n".join(
        f"| {m} | {s['mean']:.2f} | {s['sd']:.2f} | {s['min']:.2f}-{s['max']:.2f} | "
        f"{report['out_of_fold_metrics'][m]['bias_months']:+.2f} |"
        for m, s in report["fold_mae_summary"].items())
    settings = report["settings"]
    return f"""# {bundle.name}: {base.name} adapted to a local site

Made by `boneage finetune` from **{base.label}** on {report['local_images']} local images
({report['seconds']:.0f} s on the machine that ran it). Method kept: **{report['chosen']}**,
the lowest mean MAE over {report['folds']}-fold cross-validation on the local set.

| method | MAE mean (months) | SD over folds | range | bias |
|---|---|---|---|---|
{rows}

- *unchanged*: the base model as it is. *recalibrated*: one line per sex
  (`slope * months + intercept`) fitted on the other folds' predictions. *fine-tuned*: the
  head, then the last block with it, trained on the other folds (Adam
  {settings['head_learning_rate']:g} then {settings['block_learning_rate']:g}, the training
  augmentation, early stopping on an inner {settings['inner_val_fraction']:.0%} split, batch
  norm frozen).
- The kept method was then fitted on all local images; its own accuracy on new films from the
  site is estimated by the cross-validated figures above, not measured.
- Preprocessing is the base model's, unchanged: {base.preprocessing.to_dict()}.
- Data: the base model was trained on the RSNA Pediatric Bone Age Challenge set (see its card
  for the attribution); the local images belong to the site that supplied them.
- Intended use: research and education, not a medical device. A local adaptation is only as
  good as the local labels, and a small set can shift the model in ways these figures miss.
"""
