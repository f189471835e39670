"""Speed figures for the model core, printed (never asserted in tests).

- preprocessing ms per image: a 100 px film and a 1600x2080 film (read + resize);
- predictor ms per image: ONNX Runtime (the app's path) and, when TensorFlow is installed,
  Keras on the same bundle, single images;
- training images per second on this machine (one short fit of the bundled architecture).

Usage: python benchmarks/benchmark.py [--bundle DIR] [--repeats N] [--skip-training]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import cv2
import numpy as np

from model.bundle import load_bundle
from model.image_io import read_grayscale
from model.predictor import BACKENDS, Predictor
from model.preprocessing import prepare_image

REPO = Path(__file__).resolve().parent.parent


def timed_ms(fn: Callable[[], object], repeats: int, warmup: int = 3) -> tuple[float, float]:
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples), min(samples)


def sample_films(folder: Path) -> tuple[Path, Path]:
    """A 100 px and a 1600x2080 film: the shared samples when present, else synthetic ones."""
    shared = REPO.parent / "shared" / "data"
    small = shared / "rsna-boneage-100px" / "boneage-training-dataset" / "1377.png"
    large = shared / "rsna-fullres-samples" / "images" / "1437.png"
    if small.exists() and large.exists():
        return small, large
    rng = np.random.default_rng(0)
    cv2.imwrite(str(folder / "small.png"), (rng.random((100, 100)) * 255).astype(np.uint8))
    cv2.imwrite(str(folder / "large.png"), (rng.random((2080, 1600)) * 255).astype(np.uint8))
    return folder / "small.png", folder / "large.png"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", default=None)
    parser.add_argument("--repeats", type=int, default=30)
    parser.add_argument("--skip-training", action="store_true")
    args = parser.parse_args()

    bundle = load_bundle(args.bundle)
    cfg = bundle.preprocessing
    print(f"Machine: {platform.machine()}, {os.cpu_count()} CPU(s), "
          f"Python {platform.python_version()}")
    print(f"Model: {bundle.label}, input {cfg.input_size}px ({cfg.resize_mode}), "
          f"flip TTA {'on' if cfg.flip_tta else 'off'}")
    with tempfile.TemporaryDirectory() as tmp:
        small, large = sample_films(Path(tmp))
        print("\nPreprocessing (read + resize), ms per image, median / best:")
        for label, path in (("100x100 film", small), ("1600x2080 film", large)):
            med, best = timed_ms(lambda p=path: prepare_image(read_grayscale(p), cfg), args.repeats)
            print(f"  {label:<16} {med:8.2f} / {best:.2f}")

        predictors = {name: Predictor(bundle, backend=name) for name in BACKENDS}
        predictor = predictors["onnxruntime"]
        prepared = predictor.prepare(read_grayscale(small))[None]
        sex = np.array([1.0])
        passes = (2 if cfg.flip_tta else 1) * max(1, len(cfg.rotation_tta_degrees))
        print(f"\nPredictor, one image, ms (preprocessed input; the bundle's flip and rotation "
              f"averaging: {passes} network passes), median / best:")
        for name, p in predictors.items():
            med, best = timed_ms(lambda p=p: p.run_prepared(prepared, sex), args.repeats)
            print(f"  ONNX via {name:<12} {med:8.2f} / {best:.2f}")
        print("Predictor, whole file (read + preprocess + network), ms, median / best:")
        for name, p in predictors.items():
            for label, path in (("100x100 film", small), ("1600x2080 film", large)):
                med, best = timed_ms(lambda p=p, f=path: p.predict_file(f, "male"), args.repeats)
                print(f"  {name:<12} {label:<16} {med:8.2f} / {best:.2f}")
        rng = np.random.default_rng(1)
        batch = np.stack([predictor.prepare(rng.random((130, 100)).astype(np.float32))
                          for _ in range(64)])
        codes = rng.integers(0, 2, 64).astype(np.float32)
        diff = np.abs(predictors["onnxruntime"].run_prepared(batch, codes)
                      - predictors["opencv"].run_prepared(batch, codes)).max()
        print(f"Parity, ONNX Runtime vs OpenCV DNN on 64 inputs: max |diff| {diff:.5f} months")
        try:
            from model.training.export import load_keras
        except Exception as exc:  # the train extra is optional
            print(f"  Keras             skipped ({exc})")
            keras_model = None
        else:
            keras_model = load_keras(bundle.keras_path)
            x = prepared[..., None].astype(np.float32)
            s = sex[:, None].astype(np.float32)
            flip = cfg.flip_tta

            def keras_once() -> None:
                xx = np.concatenate([x, x[:, :, ::-1]]) if flip else x
                ss = np.concatenate([s, s]) if flip else s
                keras_model.predict_on_batch([xx, ss])

            med, best = timed_ms(keras_once, args.repeats)
            print(f"  Keras (TF), flip-averaged (2 passes, no rotations) {med:8.2f} / {best:.2f}")

        if args.skip_training or keras_model is None:
            return
        import keras

        from model.training.architectures import build_model
        from model.training.run import TrainConfig, make_loss

        settings = TrainConfig(**bundle.metadata["trained_with"]["config"])
        model = build_model(settings.arch, input_size=cfg.input_size,
                            convs_per_block=tuple(settings.convs_per_block),
                            pooling=settings.pooling)
        model.compile(optimizer=keras.optimizers.Adam(1e-3),
                      loss=make_loss(settings.loss, cfg.age_scale_months))
        n, batch = 1024, settings.batch_size  # enough steps for a steady figure
        rng = np.random.default_rng(0)
        xs = rng.random((n, cfg.input_size, cfg.input_size, 1)).astype(np.float32)
        ss = rng.integers(0, 2, (n, 1)).astype(np.float32)
        ys = rng.random((n, 1)).astype(np.float32)
        model.fit([xs, ss], ys, batch_size=batch, epochs=1, verbose=0)  # warm-up and tracing
        start = time.perf_counter()
        model.fit([xs, ss], ys, batch_size=batch, epochs=2, verbose=0)
        rate = 2 * n / (time.perf_counter() - start)
        print(f"\nTraining ({settings.arch}, batch {batch}, network step only): "
              f"{rate:.1f} images/s")


if __name__ == "__main__":
    main()
