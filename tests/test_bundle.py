"""Bundle round trip and the checks that keep a damaged model from producing a number."""

from __future__ import annotations

import json
import shutil

import pytest

from model.bundle import BUNDLE_FILE, DEFAULT_BUNDLE_DIR, ONNX_FILE, load_bundle, write_bundle
from model.errors import ModelBundleError
from model.preprocessing import PreprocessConfig

#: The bundled network's input size (the settings written below must fit the network).
BUNDLED_SIZE = load_bundle(DEFAULT_BUNDLE_DIR).preprocessing.input_size


@pytest.fixture()
def fake_bundle_dir(tmp_path):
    """The bundled network with settings of its own: a bundle as export writes one."""
    shutil.copyfile(DEFAULT_BUNDLE_DIR / ONNX_FILE, tmp_path / ONNX_FILE)
    cfg = PreprocessConfig(input_size=BUNDLED_SIZE, resize_mode="pad", source_aspect=0.77,
                           flip_tta=False)
    extra = {"validation_metrics": {"n": 3}}
    write_bundle(tmp_path, "test-model", "1.2.3", "custom_cnn", cfg, extra)
    return tmp_path


def test_round_trip_keeps_preprocessing(fake_bundle_dir):
    bundle = load_bundle(fake_bundle_dir)
    assert bundle.preprocessing == PreprocessConfig(
        input_size=BUNDLED_SIZE, resize_mode="pad", source_aspect=0.77, flip_tta=False)
    assert bundle.name == "test-model" and bundle.version == "1.2.3"
    assert bundle.metadata["validation_metrics"] == {"n": 3}
    assert bundle.label.startswith("test-model 1.2.3 (")


def test_label_tells_settings_apart(fake_bundle_dir):
    """Same network, different calibration: the label next to a result must differ."""
    from model.recalibration import SexCalibration

    plain = load_bundle(fake_bundle_dir)
    write_bundle(fake_bundle_dir, "test-model", "1.2.3", "custom_cnn", plain.preprocessing,
                 {"calibration": SexCalibration(female=(1.0, 2.0)).to_dict()})
    calibrated = load_bundle(fake_bundle_dir)
    assert calibrated.onnx_sha256 == plain.onnx_sha256
    assert calibrated.label != plain.label
    assert calibrated.label.split("(")[1][:12] == plain.onnx_sha256[:12]


def test_checksum_mismatch_is_refused(fake_bundle_dir):
    (fake_bundle_dir / ONNX_FILE).write_bytes(b"tampered")
    with pytest.raises(ModelBundleError, match="checksum"):
        load_bundle(fake_bundle_dir)


def test_missing_pieces(tmp_path, fake_bundle_dir):
    with pytest.raises(ModelBundleError, match="missing"):
        load_bundle(tmp_path / "nowhere")
    copy = tmp_path / "copy"
    shutil.copytree(fake_bundle_dir, copy)
    (copy / ONNX_FILE).unlink()
    with pytest.raises(ModelBundleError, match="missing"):
        load_bundle(copy)


@pytest.mark.parametrize("damage", ["not json", '{"name": "x"}', "unknown-setting"])
def test_damaged_description(fake_bundle_dir, damage):
    meta_path = fake_bundle_dir / BUNDLE_FILE
    if damage == "unknown-setting":
        meta = json.loads(meta_path.read_text())
        meta["preprocessing"]["histogram_equalise"] = True
        meta_path.write_text(json.dumps(meta))
    else:
        meta_path.write_text(damage)
    with pytest.raises(ModelBundleError):
        load_bundle(fake_bundle_dir)


def test_the_bundled_model_is_intact():
    bundle = load_bundle()  # the one shipped in resources/model, checksum verified
    assert bundle.preprocessing.input_size > 0
    assert bundle.keras_path.exists()
    metrics = bundle.metadata["validation_metrics"]
    assert metrics["n"] > 1000 and 0 < metrics["mae_months"] < metrics["rmse_months"]
    assert bundle.metadata["trained_with"]["config"]["img_size"] == bundle.preprocessing.input_size
