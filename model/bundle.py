"""The model bundle: a folder holding the ONNX network, the Keras original and ``bundle.json``
(preprocessing settings, identity, checksums, validation metrics).

The bundle is self-describing so that the predictor takes every setting from it and a damaged
or swapped network file is caught by its checksum before it can produce a number.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from model.errors import ModelBundleError
from model.preprocessing import PreprocessConfig
from model.resources import resource_path

BUNDLE_FILE = "bundle.json"
ONNX_FILE = "model.onnx"
KERAS_FILE = "model.keras"
FORMAT_VERSION = 1
#: The bundled model, in a source checkout, an installed wheel and a frozen app alike.
DEFAULT_BUNDLE_DIR = resource_path("model")


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


@dataclass
class ModelBundle:
    directory: Path
    name: str
    version: str
    architecture: str
    preprocessing: PreprocessConfig
    onnx_sha256: str
    metadata: dict[str, Any] = field(default_factory=dict)

    @property
    def onnx_path(self) -> Path:
        return self.directory / ONNX_FILE

    @property
    def keras_path(self) -> Path:
        return self.directory / KERAS_FILE

    @property
    def settings_digest(self) -> str:
        """Short digest of everything besides the network that changes the numbers
        (preprocessing, calibration): two bundles sharing one ONNX file but not these
        settings must not look the same next to a result."""
        settings = {"preprocessing": self.preprocessing.to_dict(),
                    "calibration": self.metadata.get("calibration")}
        text = json.dumps(settings, sort_keys=True)
        return hashlib.sha256(text.encode()).hexdigest()[:6]

    @property
    def label(self) -> str:
        """Short identity shown next to every result: name, version, checksum prefix of the
        network, digest of its settings."""
        return f"{self.name} {self.version} ({self.onnx_sha256[:12]}/{self.settings_digest})"


def load_bundle(directory: str | Path | None = None, verify: bool = True) -> ModelBundle:
    """Read and check a bundle. Raises ModelBundleError with a reason a user can act on."""
    directory = Path(directory) if directory is not None else DEFAULT_BUNDLE_DIR
    meta_path = directory / BUNDLE_FILE
    if not meta_path.is_file():
        raise ModelBundleError(f"No model bundle in {directory} ({BUNDLE_FILE} is missing)")
    try:
        meta = json.loads(meta_path.read_text())
        bundle = ModelBundle(
            directory=directory,
            name=meta["name"],
            version=meta["version"],
            architecture=meta["architecture"],
            preprocessing=PreprocessConfig.from_dict(meta["preprocessing"]),
            onnx_sha256=meta["onnx_sha256"],
            metadata=meta,
        )
    except (ValueError, KeyError, TypeError) as exc:
        raise ModelBundleError(f"The model description {meta_path} is damaged: {exc}") from None
    if meta.get("format_version") != FORMAT_VERSION:
        raise ModelBundleError(
            f"The model bundle format {meta.get('format_version')} is not supported "
            f"(this version reads format {FORMAT_VERSION})"
        )
    if not bundle.onnx_path.is_file():
        raise ModelBundleError(f"The model file {bundle.onnx_path} is missing")
    if verify and sha256_of(bundle.onnx_path) != bundle.onnx_sha256:
        raise ModelBundleError(
            f"The model file {bundle.onnx_path.name} does not match its checksum: "
            "it is damaged or was replaced. Reinstall the application."
        )
    return bundle


def write_bundle(
    directory: str | Path,
    name: str,
    version: str,
    architecture: str,
    preprocessing: PreprocessConfig,
    extra: dict[str, Any] | None = None,
) -> ModelBundle:
    """Write ``bundle.json`` for a folder that already holds ``model.onnx``."""
    directory = Path(directory)
    onnx_sha = sha256_of(directory / ONNX_FILE)
    meta: dict[str, Any] = {
        "format_version": FORMAT_VERSION,
        "name": name,
        "version": version,
        "architecture": architecture,
        "preprocessing": preprocessing.to_dict(),
        "onnx_sha256": onnx_sha,
        "input_names": ["image", "sex"],
        **(extra or {}),
    }
    (directory / BUNDLE_FILE).write_text(json.dumps(meta, indent=2) + "\n")
    return load_bundle(directory)
