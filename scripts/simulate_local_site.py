"""Make a simulated local site from films the bundled model never trained on, to show what
`boneage finetune` does (and does not do).

From the bundled model's own validation split (rebuilt from the settings stored in its
bundle.json), a sex- and age-balanced sample of N films is written twice, in the RSNA layout:

- ``unshifted/``: the films and labels as they are (the control: nothing to adapt to);
- ``shifted/``: the same films with a systematic site difference:
  * exposure: a different response curve (gamma 0.6, contrast squeezed to 70 %, lifted base);
  * film border: the film shrunk to 86 % inside a gray border with a bright edge line, as
    another cassette or scanner would frame it;
  * labels: +OFFSET months, i.e. the site's readers (or its population's reference standard)
    read every film older than RSNA's readers did.

With ``--components``, two more sets separate the two kinds of shift: ``labels-only/`` (films
as they are, labels +OFFSET) and ``images-only/`` (shifted films, labels as they are).

Usage: python scripts/simulate_local_site.py OUT_DIR [--n 300] [--offset 9] [--seed 7]
           [--bundle resources/model] [--components]
"""

from __future__ import annotations

import argparse
import csv
import json
import shutil
from pathlib import Path

import cv2
import numpy as np

from model.bundle import load_bundle
from model.dataset import Record, read_labels, stratified_split
from model.image_io import read_grayscale

GAMMA = 0.6
CONTRAST = 0.7
BASE = 0.12
INNER_SCALE = 0.86
BORDER_LEVEL = 0.45


def validation_records(bundle_dir: str | None) -> list[Record]:
    """The bundled model's validation split, rebuilt exactly as its training run made it."""
    config = load_bundle(bundle_dir).metadata["trained_with"]["config"]
    records = read_labels(config["csv"], config["images"])
    if config.get("exclude"):
        with open(config["exclude"], newline="") as handle:
            excluded = {row["id"].strip() for row in csv.DictReader(handle)}
        records = [r for r in records if r.image_id not in excluded]
    _, val = stratified_split(records, config["val_fraction"], config["seed"])
    return val


def shift_image(image: np.ndarray) -> np.ndarray:
    """The site's look: another exposure curve and another film border ([0, 1] in and out)."""
    exposed = BASE + CONTRAST * np.power(np.clip(image, 0, 1), GAMMA)
    h, w = exposed.shape
    inner = cv2.resize(exposed, (round(w * INNER_SCALE), round(h * INNER_SCALE)),
                       interpolation=cv2.INTER_AREA)
    framed = np.full_like(exposed, BORDER_LEVEL)
    top, left = (h - inner.shape[0]) // 2, (w - inner.shape[1]) // 2
    framed[top:top + inner.shape[0], left:left + inner.shape[1]] = inner
    cv2.rectangle(framed, (1, 1), (w - 2, h - 2), 0.95, 1)
    return np.clip(framed, 0, 1)


def write_site(folder: Path, records: list[Record], offset: float, shifted: bool) -> None:
    """One site in the RSNA layout: ``shifted`` changes the films, ``offset`` the labels."""
    images = folder / "images"
    images.mkdir(parents=True, exist_ok=True)
    with (folder / "labels.csv").open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "boneage", "male"])
        for r in records:
            if shifted:
                picture = shift_image(read_grayscale(r.path))
                cv2.imwrite(str(images / f"{r.image_id}.png"),
                            np.round(picture * 255).astype(np.uint8))
            else:
                shutil.copyfile(r.path, images / f"{r.image_id}.png")
            age = float(np.clip(r.bone_age_months + offset, 1, 240))
            writer.writerow([r.image_id, f"{age:g}", r.male])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out")
    parser.add_argument("--n", type=int, default=300)
    parser.add_argument("--offset", type=float, default=9.0, help="label offset in months")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--bundle", default=None)
    parser.add_argument("--components", action="store_true",
                        help="also write labels-only/ and images-only/")
    args = parser.parse_args()
    val = validation_records(args.bundle)
    _, sample = stratified_split(val, args.n / len(val), args.seed)
    out = Path(args.out)
    write_site(out / "unshifted", sample, 0.0, shifted=False)
    write_site(out / "shifted", sample, args.offset, shifted=True)
    if args.components:
        write_site(out / "labels-only", sample, args.offset, shifted=False)
        write_site(out / "images-only", sample, 0.0, shifted=True)
    (out / "site.json").write_text(json.dumps({
        "images": len(sample), "from": "the bundled model's validation split",
        "label_offset_months": args.offset, "gamma": GAMMA, "contrast": CONTRAST,
        "base": BASE, "inner_scale": INNER_SCALE, "border_level": BORDER_LEVEL,
        "seed": args.seed}, indent=2) + "\n")
    print(f"Wrote {len(sample)} films per site under {out}")


if __name__ == "__main__":
    main()
