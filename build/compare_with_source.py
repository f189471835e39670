"""A frozen build must give the source tree's numbers: compare what the frozen program wrote
(``self-test --out`` or ``predict --json --out``) with the same command run from the source
tree, to 0.01 months. Exit status 1, saying which numbers differ, when they do not.

Usage (from the repository root; stdlib only, so any python3 runs it):
  python3 build/compare_with_source.py --python PY self-test FROZEN.json
  python3 build/compare_with_source.py --python PY predict FROZEN.jsonl --sex SEX FILE...
PY is a Python with the runtime dependencies; it runs ``-m app`` on this checkout.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOLERANCE_MONTHS = 0.01


def source(python: str, *args: str) -> str:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run([python, "-m", "app", *args], cwd=ROOT, env=env, check=True,
                          capture_output=True, text=True).stdout


def compare_self_test(python: str, frozen_path: Path) -> list[str]:
    frozen = json.loads(frozen_path.read_text())
    ours = json.loads(source(python, "self-test").strip().splitlines()[-1])
    problems = [] if frozen.get("ok") else ["the frozen self-test is not ok"]
    if frozen["model"] != ours["model"]:
        problems.append(f"model: frozen {frozen['model']}, source {ours['model']}")
    for key in ("female_months", "male_months"):
        diff = abs(frozen[key] - ours[key])
        print(f"  {key}: frozen {frozen[key]:.3f}, source {ours[key]:.3f}, |diff| {diff:.4f}")
        if diff > TOLERANCE_MONTHS:
            problems.append(f"{key} differs by {diff:.4f} months")
    return problems


def compare_predict(python: str, frozen_path: Path, sex: str, files: list[str]) -> list[str]:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "source.jsonl"
        source(python, "predict", *files, "--sex", sex, "--json", "--out", str(out))
        ours = [json.loads(line) for line in out.read_text().splitlines()]
    frozen = [json.loads(line) for line in frozen_path.read_text(encoding="utf-8").splitlines()]
    if len(frozen) != len(ours):
        return [f"{len(frozen)} frozen results for {len(ours)} source results"]
    problems, worst = [], 0.0
    for f, s in zip(frozen, ours, strict=True):
        name = Path(s["file"]).name
        if f["bone_age_months"] is None or s["bone_age_months"] is None:
            problems.append(f"{name}: frozen error {f['error']!r}, source error {s['error']!r}")
            continue
        diff = abs(f["bone_age_months"] - s["bone_age_months"])
        worst = max(worst, diff)
        if diff > TOLERANCE_MONTHS:
            problems.append(f"{name}: frozen {f['bone_age_months']}, source "
                            f"{s['bone_age_months']}")
    print(f"  {len(ours)} {sex} films: largest |frozen - source| {worst:.3f} months")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--python", default=sys.executable)
    sub = parser.add_subparsers(dest="what", required=True)
    st = sub.add_parser("self-test")
    st.add_argument("frozen")
    pr = sub.add_parser("predict")
    pr.add_argument("frozen")
    pr.add_argument("--sex", required=True, choices=("female", "male"))
    pr.add_argument("files", nargs="+")
    args = parser.parse_args()
    if args.what == "self-test":
        problems = compare_self_test(args.python, Path(args.frozen))
    else:
        problems = compare_predict(args.python, Path(args.frozen), args.sex, args.files)
    for problem in problems:
        print(f"  MISMATCH {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
