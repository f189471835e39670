"""What a pretrained EfficientNet-Lite0 costs against the custom CNN, before any long run:
training images per second on this CPU (the real input pipeline, augmentation included), and
for an exported bundle the ONNX size, OpenCV DNN's agreement with ONNX Runtime and the
predictor's milliseconds per film.

Every time is given twice: wall-clock, and the process's CPU time. On a machine busy with
other work (a training run in the background) the wall-clock figures measure the scheduler
more than the network; CPU time per image is what the network costs, and the predictor is
timed on one thread so that its CPU milliseconds are the single-core wall time of a quiet
machine (the app uses two threads, so its wall time is at most this).

The networks' accuracy is not measured here (that needs the long runs of
scripts/run_comparison.sh); the bundles exported here have an untrained head, which changes
neither their size nor their speed.

Usage: python benchmarks/pretrained_cost.py [--steps 40] [--sizes 100,128] [--skip-train]
       [--skip-export] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from pathlib import Path

import numpy as np

from model.dataset import read_labels
from model.predictor import Predictor
from model.preprocessing import PreprocessConfig
from model.training.architectures import HEAD_LAYERS, build_model, imagenet_weights_file
from model.training.export import export_bundle
from model.training.pipeline import make_dataset
from model.training.run import BackboneScaledAdam, pretrained_backbone, set_backbone_phase

DATA = Path("../shared/data/rsna-boneage-100px")


def _lite_weights(size: int) -> str:
    return "imagenet" if imagenet_weights_file("efficientnet_lite0", size).is_file() else "none"


def _model(arch: str, size: int):
    if arch == "custom_cnn":  # the bundled model's layout
        return build_model(arch, input_size=size, convs_per_block=(1, 1, 1, 1))
    return build_model(arch, input_size=size, weights=_lite_weights(size))


def train_speed(arch: str, size: int, phase: str, steps: int,
                records: list) -> tuple[float, float]:
    """Training images per second over ``steps`` batches of 32 with the bundled recipe's
    input pipeline (augmentation included), once the first 15 batches have traced the graph
    and filled the in-memory cache of decoded images (``records`` is 10 batches' worth), as in
    every epoch of a real run after the first. Returns images per wall-clock second and CPU
    milliseconds per image (all threads)."""
    import keras

    keras.utils.set_random_seed(0)
    model = _model(arch, size)
    backbone = pretrained_backbone(model)
    optimizer = keras.optimizers.Adam(1e-3)
    if backbone is not None:
        set_backbone_phase(backbone, phase, "frozen")
        if phase == "train":
            optimizer = BackboneScaledAdam(1e-3, backbone_factor=0.1, head_layers=HEAD_LAYERS)
    model.compile(optimizer=optimizer, loss="mae")
    prep = PreprocessConfig(input_size=size, source_size=(100, 100))
    data = make_dataset(records, prep, 32, training=True, seed=0, repeat=True,
                        export_augment=True)
    stamps: list[tuple[float, float]] = []

    class Stamp(keras.callbacks.Callback):
        def on_train_batch_end(self, batch: int, logs: dict | None = None) -> None:
            stamps.append((time.perf_counter(), time.process_time()))

    model.fit(data, epochs=1, steps_per_epoch=steps + 15, verbose=0, callbacks=[Stamp()])
    wall = stamps[-1][0] - stamps[14][0]
    cpu = stamps[-1][1] - stamps[14][1]
    return 32 * steps / wall, 1000 * cpu / (32 * steps)


def export_cost(arch: str, size: int, out: Path) -> dict:
    """ONNX MB, OpenCV-vs-ONNX-Runtime agreement and ms per film of an exported bundle, with
    flip averaging only (2 passes, as the comparison table) and with the bundled model's
    flip and five rotations (10 passes)."""
    model = _model(arch, size)
    keras_path = out / f"{arch}-{size}.keras"
    model.save(keras_path)
    row: dict = {"architecture": arch, "input_px": size}
    for label, angles in (("flip", ()), ("flip_5_rotations", (-6.0, -3.0, 0.0, 3.0, 6.0))):
        prep = PreprocessConfig(input_size=size, source_size=(100, 100),
                                rotation_tta_degrees=angles)
        bundle = export_bundle(keras_path, out / f"{arch}-{size}-{label}", prep,
                               name=f"cost-{arch}", version="0", architecture=arch)
        row["onnx_mb"] = round(bundle.onnx_path.stat().st_size / 1e6, 2)
        opencv = Predictor(bundle, backend="opencv", threads=1)
        films = np.random.default_rng(1).random((8, size, size)).astype(np.float32)
        codes = np.array([0.0, 1.0] * 4)
        ours = opencv.run_prepared(films, codes)
        reference = Predictor(bundle, backend="onnxruntime").run_prepared(films, codes)
        row[f"opencv_vs_onnxruntime_months_{label}"] = float(np.abs(ours - reference).max())
        wall, cpu = [], []
        for _ in range(31):
            start, start_cpu = time.perf_counter(), time.process_time()
            opencv.run_prepared(films[:1], codes[:1])
            wall.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
        row[f"opencv_ms_per_film_{label}"] = round(statistics.median(wall[1:]), 2)
        row[f"opencv_cpu_ms_per_film_{label}"] = round(statistics.median(cpu[1:]), 2)
    return row


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--steps", type=int, default=40)
    parser.add_argument("--sizes", default="100,128")
    parser.add_argument("--skip-train", action="store_true")
    parser.add_argument("--skip-export", action="store_true")
    parser.add_argument("--json", default=None)
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    report: dict = {"load_average_at_start": os.getloadavg(), "cpus": os.cpu_count(),
                    "lite0_weights": {s: _lite_weights(s) for s in sizes}}
    if not args.skip_train:
        records = read_labels(DATA / "boneage-training-dataset.csv",
                              DATA / "boneage-training-dataset")[:320]
        speeds = []
        for size in sizes:
            for arch, phase in (("custom_cnn", "train"), ("efficientnet_lite0", "warmup"),
                                ("efficientnet_lite0", "train")):
                ips, cpu_ms = train_speed(arch, size, phase, args.steps, records)
                speeds.append({"architecture": arch, "input_px": size, "phase": phase,
                               "images_per_s": round(ips, 1),
                               "cpu_ms_per_image": round(cpu_ms, 1)})
                print(f"train {arch:<19}{size:>4} px  {phase:<7}{ips:8.1f} images/s "
                      f"{cpu_ms:8.1f} CPU ms/image", flush=True)
        report["train_speed"] = speeds
    if not args.skip_export:
        rows = []
        with tempfile.TemporaryDirectory(prefix="boneage-cost-") as tmp:
            for arch, size in [("custom_cnn", 100)] + [("efficientnet_lite0", s) for s in sizes]:
                rows.append(export_cost(arch, size, Path(tmp)))
                print("export " + ", ".join(f"{k} {v}" for k, v in rows[-1].items()), flush=True)
        report["export"] = rows
    report["load_average_at_end"] = os.getloadavg()
    print(f"load average {report['load_average_at_start']} -> {report['load_average_at_end']}")
    if args.json:
        Path(args.json).write_text(json.dumps(report, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
