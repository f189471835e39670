"""Train the "check image" classifier (model/image_check.py) and measure what it flags.

Fitting data (seed 1): upright hands = a fixed seeded subset of the run's *training* split
(never a shared full-resolution id), jittered; turned and inverted copies of the same films;
non-hands = synthetic patterns and the first list of scikit-image pictures (model/
check_negatives.py). A second, disjoint seeded subset of training films sets the threshold on
the hand probability (at most ``--false-flag`` of them flagged). Measured (seed 2) on what the
fit never saw: new synthetic patterns, held-out scikit-image pictures and faces, turned and
inverted copies of validation films, every validation film as it is, and every shared
full-resolution film read from its file and reduced as the predictor reduces it. With
``--spread`` the rotation spread is added (the predictor runs), giving the flag rate of the
whole "check image" on real films.

The classifier does not depend on the bone-age network: when only the network changes, run with
``--register`` to re-enter the existing file and its checksum in bundle.json (export rewrites
that file) and measure again without retraining.

Usage: PYTHONPATH=. python scripts/fit_image_check.py RUN BUNDLE [--write | --register]
       [--spread]
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from model import check_negatives as neg
from model.bundle import BUNDLE_FILE, load_bundle, sha256_of, write_metadata
from model.dataset import Record, read_labels, read_split
from model.image_check import CHECK_FILE, CLASSES, REASONS, ImageChecker, features
from model.image_io import read_grayscale
from model.preprocessing import PreprocessConfig

SHARED = Path("../shared/data")
FULLRES_SETS = {"raw": SHARED / "rsna-fullres-raw", "samples": SHARED / "rsna-fullres-samples"}
FIT_FILMS, THRESHOLD_FILMS = 4000, 1500


def film(record: Record) -> np.ndarray:
    return read_grayscale(record.path)


def make_set(films: list[np.ndarray], pictures: list[np.ndarray], rng: np.random.Generator,
             per_pattern: int, per_picture: int, config: PreprocessConfig
             ) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Features, class indices and the finer category of every example."""
    feats, labels, kinds = [], [], []

    def add(image: np.ndarray, cls: str, kind: str) -> None:
        feats.append(features(image, config))
        labels.append(CLASSES.index(cls))
        kinds.append(kind)

    for f in films:
        add(neg.jitter_film(f, rng), "hand", "hand")
        turn = str(rng.choice(list(neg.TURNS)))
        add(neg.TURNS[turn](neg.jitter_film(f, rng)), neg.TURN_CLASS[turn], turn)
    # Inverted and upside-down films are the hardest; give them a second draw each.
    for f in films[: len(films) // 2]:
        for turn in ("inverted", "rotated_180"):
            add(neg.TURNS[turn](neg.jitter_film(f, rng)), neg.TURN_CLASS[turn], turn)
    for kind, maker in neg.SYNTHETIC.items():
        for _ in range(per_pattern):
            add(maker(rng), "not_hand", kind)
    for picture in pictures:
        for _ in range(per_picture):
            add(neg.crop_of(picture, rng), "not_hand", "photograph")
    return np.stack(feats), np.array(labels), kinds


def train_mlp(x: np.ndarray, y: np.ndarray, hidden: int, epochs: int, seed: int
              ) -> ImageChecker:
    """Softmax over one ReLU layer, Adam, class-balanced cross-entropy, weight decay."""
    rng = np.random.default_rng(seed)
    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-3
    xs = ((x - mean) / scale).astype(np.float32)
    n, d = xs.shape
    k = len(CLASSES)
    weights = n / (k * np.bincount(y, minlength=k).astype(np.float32))
    params = [rng.normal(0, np.sqrt(2 / d), (d, hidden)).astype(np.float32),
              np.zeros(hidden, np.float32),
              rng.normal(0, np.sqrt(1 / hidden), (hidden, k)).astype(np.float32),
              np.zeros(k, np.float32)]
    m = [np.zeros_like(p) for p in params]
    v = [np.zeros_like(p) for p in params]
    lr, decay, step = 2e-3, 1e-3, 0
    for epoch in range(epochs):
        order = rng.permutation(n)
        for start in range(0, n, 128):
            batch = order[start:start + 128]
            xb, yb = xs[batch], y[batch]
            h = np.maximum(xb @ params[0] + params[1], 0)
            logits = h @ params[2] + params[3]
            logits -= logits.max(axis=1, keepdims=True)
            p = np.exp(logits)
            p /= p.sum(axis=1, keepdims=True)
            g = p.copy()
            g[np.arange(len(yb)), yb] -= 1
            g *= (weights[yb] / len(yb))[:, None]
            grads = [None, None, h.T @ g, g.sum(axis=0)]
            gh = (g @ params[2].T) * (h > 0)
            grads[0], grads[1] = xb.T @ gh, gh.sum(axis=0)
            step += 1
            rate = lr * 0.5 * (1 + np.cos(np.pi * epoch / epochs))
            for i, (param, grad) in enumerate(zip(params, grads, strict=True)):
                if i in (0, 2):
                    grad = grad + decay * param
                m[i] = 0.9 * m[i] + 0.1 * grad
                v[i] = 0.999 * v[i] + 0.001 * grad * grad
                mh, vh = m[i] / (1 - 0.9 ** step), v[i] / (1 - 0.999 ** step)
                param -= rate * mh / (np.sqrt(vh) + 1e-8)
    return ImageChecker(mean.astype(np.float32), scale.astype(np.float32), *params,
                        threshold=0.5)


def rates(checker: ImageChecker, feats: np.ndarray, kinds: list[str]) -> dict[str, dict]:
    """Per category: how many, the share flagged, and the most common reason given."""
    verdicts = checker.verdicts(checker.probabilities(feats))
    out = {}
    for kind in dict.fromkeys(kinds):
        got = [v for v, k in zip(verdicts, kinds, strict=True) if k == kind]
        flagged = [v for v in got if v != "hand"]
        top = max(set(flagged), key=flagged.count) if flagged else ""
        out[kind] = {"n": len(got), "flagged": round(len(flagged) / len(got), 4),
                     "main_reason": REASONS.get(top, "")}
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("run", type=Path, help="run folder with split.csv (and config.json)")
    parser.add_argument("bundle", type=Path, help="bundle folder")
    parser.add_argument("--images", type=Path, default=SHARED / "rsna-boneage-100px")
    parser.add_argument("--false-flag", type=float, default=0.005,
                        help="share of threshold-setting hand films the check may flag")
    parser.add_argument("--hidden", type=int, default=64)
    parser.add_argument("--epochs", type=int, default=40)
    parser.add_argument("--spread", action="store_true",
                        help="also run the predictor for the rotation-spread flag on real films")
    action = parser.add_mutually_exclusive_group()
    action.add_argument("--write", action="store_true", help="train, save, register")
    action.add_argument("--register", action="store_true",
                        help="keep the existing file: measure it and enter it in bundle.json")
    args = parser.parse_args()
    started = time.time()

    cfg_path = args.run / "config.json"
    cfg = json.loads(cfg_path.read_text()) if cfg_path.exists() else {}
    records = read_labels(cfg.get("csv", args.images / "boneage-training-dataset.csv"),
                          cfg.get("images", args.images / "boneage-training-dataset"))
    train, val = read_split(args.run / "split.csv", records)
    fullres = {name: read_labels(folder / "labels.csv", folder / "images")
               for name, folder in FULLRES_SETS.items() if (folder / "labels.csv").exists()}
    fullres_ids = {r.image_id for rs in fullres.values() for r in rs}
    config = load_bundle(args.bundle).preprocessing
    path = args.bundle / CHECK_FILE

    if args.register:
        checker = ImageChecker.load(path)
        with np.load(path) as stored:
            fit_ids = {str(i) for i in stored["fit_ids"]} if "fit_ids" in stored else set()
    else:
        rng = np.random.default_rng(1)
        pool = [r for r in train if r.image_id not in fullres_ids]
        order = rng.permutation(len(pool))
        fit_films = [pool[i] for i in order[:FIT_FILMS]]
        threshold_films = [pool[i] for i in order[FIT_FILMS:FIT_FILMS + THRESHOLD_FILMS]]
        fit_ids = {r.image_id for r in fit_films}
        pictures = neg.skimage_pictures(neg.SKIMAGE_FIT, neg.FACES_FIT)
        x, y, _ = make_set([film(r) for r in fit_films], pictures, rng, 1000, 60, config)
        print(f"Fitting on {len(y)} examples: " + ", ".join(
            f"{c} {n}" for c, n in zip(CLASSES, np.bincount(y), strict=True)))
        checker = train_mlp(x, y, args.hidden, args.epochs, seed=1)
        hand_p = checker.probabilities(np.stack([features(film(r), config)
                                                 for r in threshold_films]))[:, 0]
        threshold = float(min(0.5, np.quantile(hand_p, args.false_flag)))
        checker = ImageChecker(checker.mean, checker.scale, checker.w1, checker.b1,
                               checker.w2, checker.b2, threshold)
        print(f"Threshold on the hand probability: {threshold:.4f} "
              f"({len(threshold_films)} training-split films not fitted on)")

    # Measured on what the fit never saw (seed 2).
    rng = np.random.default_rng(2)
    held_val = [r for r in val if r.image_id not in fullres_ids and r.image_id not in fit_ids]
    test_films = [film(held_val[i]) for i in rng.permutation(len(held_val))[:600]]
    pictures = neg.skimage_pictures(neg.SKIMAGE_TEST, neg.FACES_TEST)
    x_test, _, kinds = make_set(test_films, pictures, rng, 300, 40, config)
    report: dict[str, object] = {"negatives_and_turned (unseen)": rates(checker, x_test, kinds)}
    real: dict[str, tuple[list[Record], Callable[[Record], np.ndarray]]] = {
        "rsna_100px_validation": (held_val, film)}
    for name, rs in fullres.items():
        real[f"fullres_{name}"] = (rs, film)
    flags: dict[str, list[str]] = {}
    for name, (rs, read) in real.items():
        feats = np.stack([features(read(r), config) for r in rs])
        flags[name] = checker.verdicts(checker.probabilities(feats))
        report[name] = rates(checker, feats, ["real film"] * len(rs))["real film"]
    if args.spread:
        from model.image_check import spread_limit
        from model.predictor import Predictor
        from model.tta import spread_table

        predictor = Predictor(args.bundle)
        limit = spread_limit(predictor.bundle)
        for name, (rs, _) in real.items():
            cache = args.run / "interval_predictions.csv" if name.startswith("rsna") else None
            spreads = spread_table(predictor, rs, cache)
            unstable = [spreads[r.image_id][1] > limit for r in rs]
            either = [u or f != "hand" for u, f in zip(unstable, flags[name], strict=True)]
            report[name].update(unstable=round(float(np.mean(unstable)), 4),
                                flagged_either=round(float(np.mean(either)), 4))

    print(json.dumps(report, indent=1))
    if args.write or args.register:
        if args.write:
            checker.save(path)
            with np.load(path) as stored:
                arrays = dict(stored)
            arrays["fit_ids"] = np.array(sorted(fit_ids, key=int), dtype=np.int64)
            np.savez_compressed(path, **arrays)
        meta_path = args.bundle / BUNDLE_FILE
        meta = json.loads(meta_path.read_text())
        meta["image_check"] = {
            "file": CHECK_FILE, "sha256": sha256_of(path), "classes": list(CLASSES),
            "threshold": checker.threshold,
            "method": "one-hidden-layer classifier on image features (model/image_check.py), "
                      "independent of the bone-age network",
            "report": report}
        write_metadata(args.bundle, meta)
        print(f"Wrote {path.name} and its entry in {meta_path}")
    print(f"{time.time() - started:.0f} s")


if __name__ == "__main__":
    main()
