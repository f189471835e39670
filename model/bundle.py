"""The model bundle: a folder holding the ONNX network, the Keras original and ``bundle.json``
(preprocessing settings, identity, checksums, validation metrics).

The bundle is self-describing so that the predictor takes every setting from it. Loading it
refuses, with one message a user can act on, anything that could give a wrong number without
an error: a damaged or swapped network file (its SHA-256), a setting edited by hand after the
bundle was written (``settings_sha256``, a digest over every key of ``bundle.json`` that is not
merely descriptive, so that keys added later are covered without touching this file), and
settings that do not fit the network (input names and image size, one output), read from the
ONNX file's declared shapes.

The digest guards against accidents (an edited file, a copied setting), not against someone
set on forging a bundle: :func:`write_metadata` seals any settings it is given.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from model.errors import ModelBundleError
from model.onnx_graph import FLOAT, GraphSignature, OnnxFormatError, graph_signature
from model.preprocessing import PreprocessConfig
from model.resources import resource_path

BUNDLE_FILE = "bundle.json"
ONNX_FILE = "model.onnx"
KERAS_FILE = "model.keras"
#: 2: ``settings_sha256`` seals the settings (format 1 had only the network's checksum).
FORMAT_VERSION = 2
#: Keys of bundle.json that describe the model and change no number it gives: free to edit,
#: not covered by ``settings_sha256``. Every other key, present or future, is covered.
DESCRIPTIVE_KEYS = frozenset({
    "settings_sha256", "name", "version", "trained_with", "validation_metrics",
    "validation_metrics_network_only", "validation_extras", "calibration_check", "adapted_from",
})
#: The inputs the predictor feeds, by name: the image (N, S, S, 1) and the sex code (N, 1).
INPUT_NAMES = ("image", "sex")
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
        """Short digest of every setting (``settings_sha256``): two bundles sharing one ONNX
        file but not their settings must not look the same next to a result."""
        return str(self.metadata["settings_sha256"])[:6]

    @property
    def label(self) -> str:
        """Short identity shown next to every result: name, version, checksum prefix of the
        network, digest of its settings."""
        return f"{self.name} {self.version} ({self.onnx_sha256[:12]}/{self.settings_digest})"


def settings_sha256(meta: dict[str, Any]) -> str:
    """SHA-256 of every key of ``meta`` outside :data:`DESCRIPTIVE_KEYS`, in canonical JSON."""
    covered = {key: value for key, value in meta.items() if key not in DESCRIPTIVE_KEYS}
    text = json.dumps(covered, sort_keys=True, separators=(",", ":"), allow_nan=False)
    return hashlib.sha256(text.encode()).hexdigest()


def write_metadata(directory: str | Path, meta: dict[str, Any]) -> Path:
    """Write ``bundle.json`` with its settings sealed. Scripts that add settings to a bundle
    (calibration, thresholds) write through here, so that the bundle still loads."""
    meta = {key: value for key, value in meta.items() if key != "settings_sha256"}
    meta["settings_sha256"] = settings_sha256(meta)
    path = Path(directory) / BUNDLE_FILE
    path.write_text(json.dumps(meta, indent=2) + "\n")
    return path


def _shape(dims: tuple[int | None, ...]) -> str:
    return "[" + ", ".join("?" if d is None else str(d) for d in dims) + "]"


def check_network_fits(signature: GraphSignature, preprocessing: PreprocessConfig,
                       input_names: list[str]) -> None:
    """Raise ValueError, saying what differs, when the settings do not fit the network."""
    declared = {tensor.name: tensor for tensor in signature.inputs}
    if sorted(input_names) != sorted(INPUT_NAMES):
        raise ValueError(f"input_names {input_names} are not the predictor's "
                         f"{list(INPUT_NAMES)}")
    if sorted(declared) != sorted(input_names):
        raise ValueError(f"the network's inputs are {sorted(declared)}, the bundle says "
                         f"{sorted(input_names)}")
    size = preprocessing.input_size
    expected = {"image": (size, size, 1), "sex": (1,)}
    for name, tail in expected.items():
        dims = declared[name].dims
        fits = len(dims) == len(tail) + 1 and all(
            d is None or d == t for d, t in zip(dims[1:], tail, strict=True))
        if not fits:
            raise ValueError(f"the network's {name} input is {_shape(dims)}, the settings need "
                             f"{_shape((None, *tail))} (input_size {size})")
    if len(signature.outputs) != 1:
        raise ValueError(f"the network has {len(signature.outputs)} outputs, not one bone age")
    out_dims = signature.outputs[0].dims
    if len(out_dims) != 2 or out_dims[1] not in (None, 1):
        raise ValueError(f"the network's output is {_shape(out_dims)}, not one bone age per "
                         "image")
    wrong_type = [t.name for t in (*signature.inputs, *signature.outputs) if t.elem_type != FLOAT]
    if wrong_type:
        raise ValueError(f"the network's {', '.join(wrong_type)} are not 32-bit floats")


def _check_format(directory: Path, version: object) -> None:
    """First of all, since another format may name its keys differently."""
    if version == 1:
        raise ModelBundleError(
            f"The model bundle in {directory} has the earlier format 1, whose settings are not "
            "sealed by a digest: write it again with this version (a developer can check its "
            "settings, then run  python scripts/seal_bundle.py FOLDER)")
    if version != FORMAT_VERSION:
        raise ModelBundleError(f"The model bundle format {version} is not supported "
                               f"(this version reads format {FORMAT_VERSION})")


def load_bundle(directory: str | Path | None = None, verify: bool = True) -> ModelBundle:
    """Read and check a bundle. Raises ModelBundleError with a reason a user can act on.

    ``verify=False`` skips only the network's checksum; the settings digest and the fit of
    the settings to the network are always checked (both are cheap)."""
    directory = Path(directory) if directory is not None else DEFAULT_BUNDLE_DIR
    meta_path = directory / BUNDLE_FILE
    if not meta_path.is_file():
        raise ModelBundleError(f"No model bundle in {directory} ({BUNDLE_FILE} is missing)")
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        if not isinstance(meta, dict):
            raise TypeError("not a JSON object")
        _check_format(directory, meta.get("format_version"))
        bundle = ModelBundle(
            directory=directory,
            name=meta["name"],
            version=meta["version"],
            architecture=meta["architecture"],
            preprocessing=PreprocessConfig.from_dict(meta["preprocessing"]),
            onnx_sha256=meta["onnx_sha256"],
            metadata=meta,
        )
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ModelBundleError(f"The model description {meta_path} is damaged: {exc}") from None
    try:
        digest_ok = meta.get("settings_sha256") == settings_sha256(meta)
    except ValueError:  # NaN or infinity among the settings
        digest_ok = False
    if not digest_ok:
        raise ModelBundleError(
            f"The settings in {meta_path} do not match their digest (settings_sha256): "
            "the file was edited after the model was written. Reinstall the application, "
            "or write the bundle again.")
    if not bundle.onnx_path.is_file():
        raise ModelBundleError(f"The model file {bundle.onnx_path} is missing")
    try:
        network = bundle.onnx_path.read_bytes()
    except OSError as exc:
        raise ModelBundleError(f"The model file {bundle.onnx_path} cannot be read: {exc}") from None
    if verify and hashlib.sha256(network).hexdigest() != bundle.onnx_sha256:
        raise ModelBundleError(
            f"The model file {bundle.onnx_path.name} does not match its checksum: "
            "it is damaged or was replaced. Reinstall the application."
        )
    try:
        check_network_fits(graph_signature(network), bundle.preprocessing,
                           meta.get("input_names", list(INPUT_NAMES)))
    except OnnxFormatError as exc:
        raise ModelBundleError(
            f"The model file {bundle.onnx_path.name} is not a usable ONNX network ({exc})"
        ) from None
    except (ValueError, TypeError) as exc:
        raise ModelBundleError(
            f"The settings in {meta_path} do not fit the network in "
            f"{bundle.onnx_path.name}: {exc}") from None
    return bundle


def write_bundle(
    directory: str | Path,
    name: str,
    version: str,
    architecture: str,
    preprocessing: PreprocessConfig,
    extra: dict[str, Any] | None = None,
) -> ModelBundle:
    """Write ``bundle.json`` (sealed) for a folder that already holds ``model.onnx``."""
    directory = Path(directory)
    onnx_sha = sha256_of(directory / ONNX_FILE)
    meta: dict[str, Any] = {
        "format_version": FORMAT_VERSION,
        "name": name,
        "version": version,
        "architecture": architecture,
        "preprocessing": preprocessing.to_dict(),
        "onnx_sha256": onnx_sha,
        "input_names": list(INPUT_NAMES),
        **(extra or {}),
    }
    write_metadata(directory, meta)
    return load_bundle(directory)
