"""Keras to ONNX, so that the app and the predictor run without TensorFlow."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from model.bundle import KERAS_FILE, ONNX_FILE, ModelBundle, write_bundle
from model.preprocessing import PreprocessConfig
from model.training.tf_support import import_tensorflow

tf = import_tensorflow()
import keras  # noqa: E402

import model.training.architectures  # noqa: E402,F401 - registers the custom layers for loading


def load_keras(path: str | Path) -> keras.Model:
    return keras.models.load_model(path, compile=False)


def _fix_normalisation_constants(keras_model: keras.Model) -> None:
    """Turn each Normalization layer's mean and variance into plain constants.

    The layer computes them as tensors when it is built, outside any traced call, so the ONNX
    exporter captures them as extra graph inputs (EfficientNetB0's input normalisation came
    out as two inputs besides image and sex, and the bundle refused the file). As NumPy
    arrays they are folded into the graph like any weight.
    """
    for layer in keras_model._flatten_layers(include_self=False):
        if isinstance(layer, keras.layers.Normalization) and layer.mean is not None:
            layer.mean = keras.ops.convert_to_numpy(layer.mean)
            layer.variance = keras.ops.convert_to_numpy(layer.variance)


def export_onnx(keras_model: keras.Model, onnx_path: str | Path) -> Path:
    """Write the model as ONNX (Keras 3's exporter, via tf2onnx)."""
    onnx_path = Path(onnx_path)
    _fix_normalisation_constants(keras_model)
    # A freshly loaded functional model has no traced call yet, which the exporter needs.
    size = keras_model.inputs[0].shape[1]
    keras_model([tf.zeros((1, size, size, 1)), tf.zeros((1, 1))], training=False)
    keras_model.export(str(onnx_path), format="onnx", verbose=False)
    return onnx_path


def export_bundle(
    keras_path: str | Path,
    out_dir: str | Path,
    preprocessing: PreprocessConfig,
    name: str,
    version: str,
    architecture: str,
    extra: dict[str, Any] | None = None,
) -> ModelBundle:
    """Make a complete bundle folder from a trained ``.keras`` file."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    network = load_keras(keras_path)
    # The bundle keeps the network without the optimizer's state: a checkpoint with Adam's
    # moments is three times the size (43 against 14 MB for EfficientNet-Lite0), and nothing
    # that reads a bundle (export, fine-tuning, the comparison) resumes that optimizer.
    network.save(out_dir / KERAS_FILE)
    export_onnx(network, out_dir / ONNX_FILE)
    return write_bundle(out_dir, name, version, architecture, preprocessing, extra)


def export_run(run_dir: str | Path, out_dir: str | Path, name: str | None = None) -> ModelBundle:
    """Export the best epoch of a training run, with the run's own preprocessing settings."""
    import json

    from model import __version__
    from model.training.run import TrainConfig

    run_dir = Path(run_dir)
    config_path = run_dir / "config.json"
    if not config_path.exists():
        raise FileNotFoundError(f"{run_dir} is not a training run (no config.json)")
    cfg = TrainConfig(**json.loads(config_path.read_text()))
    metrics_path = run_dir / "val_metrics.json"
    extra: dict[str, Any] = {"trained_with": {"config": json.loads(config_path.read_text())}}
    if metrics_path.exists():
        extra["validation_metrics"] = json.loads(metrics_path.read_text())
    ensemble_path = run_dir / "ensemble.json"
    if ensemble_path.exists():  # a run made by model.training.ensemble: say what it averages
        extra["ensemble"] = json.loads(ensemble_path.read_text())
    return export_bundle(run_dir / "best.keras", out_dir, cfg.preprocessing(),
                         name=name or f"boneage-{cfg.arch}", version=__version__,
                         architecture=cfg.arch, extra=extra)
