"""Seal a bundle's settings with their digest (``settings_sha256``), e.g. to bring a bundle of
the earlier format 1 to format 2, or after a deliberate, checked edit of a setting.

Usage: python scripts/seal_bundle.py BUNDLE_DIR

It writes the preprocessing with every field spelt out (the defaults a field had when it was
absent), leaves the network's checksum as it is (it refuses a bundle whose ``model.onnx`` does
not match it), and then loads the bundle, which checks that its settings fit its network.
Nothing is retrained and no number a user sees changes.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from model.bundle import (
    BUNDLE_FILE,
    FORMAT_VERSION,
    ONNX_FILE,
    load_bundle,
    sha256_of,
    write_metadata,
)
from model.preprocessing import PreprocessConfig


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    folder = Path(sys.argv[1])
    meta = json.loads((folder / BUNDLE_FILE).read_text(encoding="utf-8"))
    if sha256_of(folder / ONNX_FILE) != meta["onnx_sha256"]:
        print(f"{folder / ONNX_FILE} does not match the bundle's checksum: not sealed",
              file=sys.stderr)
        return 1
    meta["format_version"] = FORMAT_VERSION
    meta["preprocessing"] = PreprocessConfig.from_dict(meta["preprocessing"]).to_dict()
    write_metadata(folder, meta)
    bundle = load_bundle(folder)
    print(f"Sealed {folder / BUNDLE_FILE}: {bundle.label}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
