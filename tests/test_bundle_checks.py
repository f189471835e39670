"""A bundle whose settings were edited after it was written, or do not fit its network, is
refused with one clear message (command line and File > Open model...), never a traceback."""

from __future__ import annotations

import copy
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.cli import main
from model.bundle import (
    BUNDLE_FILE,
    DEFAULT_BUNDLE_DIR,
    DESCRIPTIVE_KEYS,
    ONNX_FILE,
    load_bundle,
    sha256_of,
    write_metadata,
)
from model.errors import ModelBundleError
from model.onnx_graph import read_graph_signature

#: Another value of the same kind for settings whose values come from a fixed list.
CHOICES = {"resize_mode": "pad", "source_resample": "area"}


def _meta() -> dict[str, Any]:
    return json.loads((DEFAULT_BUNDLE_DIR / BUNDLE_FILE).read_text())


def _leaves(value: Any, path: tuple = ()) -> Iterator[tuple]:
    """Path of every leaf setting, into objects and lists alike."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _leaves(item, (*path, index))
    else:
        yield path


def _edited(value: Any, key: Any) -> Any:
    if key in CHOICES:
        return CHOICES[key]
    if isinstance(value, bool):
        return not value
    if isinstance(value, int):
        return value + 1
    if isinstance(value, float):
        return value + 0.5
    if isinstance(value, str):
        return value + "0"
    return {"source_size": [100, 100], "source_aspect": 0.77}.get(key, 1)


def _sealed_settings() -> list[tuple]:
    meta = _meta()
    return [path for key in meta if key not in DESCRIPTIVE_KEYS and key != "format_version"
            for path in _leaves(meta[key], (key,))]


def _bundle_with(folder: Path, meta: dict[str, Any], seal: bool = False) -> Path:
    folder.mkdir(exist_ok=True)
    shutil.copyfile(DEFAULT_BUNDLE_DIR / ONNX_FILE, folder / ONNX_FILE)
    if seal:
        write_metadata(folder, meta)
    else:
        (folder / BUNDLE_FILE).write_text(json.dumps(meta, indent=2))
    return folder


def test_the_bundled_model_covers_its_settings():
    """Every setting of the shipped bundle.json is covered (preprocessing, calibration,
    thresholds, input names, the network's checksum), the descriptive keys are not."""
    paths = _sealed_settings()
    tops = {p[0] for p in paths}
    assert {"preprocessing", "calibration", "tta_sd_p99_months", "onnx_sha256",
            "input_names", "architecture"} <= tops
    covered_preprocessing = {p[1] for p in paths if p[0] == "preprocessing"}
    assert {"input_size", "source_size", "source_resample", "sampling_offsets",
            "rotation_tta_degrees", "flip_tta", "age_scale_months"} <= covered_preprocessing


@pytest.mark.parametrize("path", _sealed_settings(), ids=lambda p: ".".join(map(str, p)))
def test_each_edited_setting_is_refused(tmp_path, path):
    meta = _meta()
    holder = meta
    for step in path[:-1]:
        holder = holder[step]
    holder[path[-1]] = _edited(holder[path[-1]], path[-1] if len(path) > 1 else path[0])
    folder = _bundle_with(tmp_path / "edited", meta)
    with pytest.raises(ModelBundleError, match="do not match their digest"):
        load_bundle(folder)


@pytest.mark.parametrize("change", ["add interval table", "add image_check", "drop threshold"])
def test_added_or_removed_settings_are_refused(tmp_path, change):
    """Keys that later versions add are covered without this code knowing them."""
    meta = _meta()
    if change == "add interval table":
        meta["interval"] = {"coverage": 0.9, "half_width_months": [[0, 12.0], [120, 14.0]]}
    elif change == "add image_check":
        meta["image_check"] = {"mean_range": [0.1, 0.6]}
    else:
        del meta["tta_sd_p99_months"]
    with pytest.raises(ModelBundleError, match="digest"):
        load_bundle(_bundle_with(tmp_path / "b", meta))
    assert load_bundle(_bundle_with(tmp_path / "sealed", meta, seal=True))


def test_descriptive_keys_may_change(tmp_path):
    meta = _meta()
    meta["name"] = "renamed"
    meta["validation_metrics"]["mae_months"] = 1.0
    meta["trained_with"] = {"note": "edited"}
    bundle = load_bundle(_bundle_with(tmp_path / "b", meta))
    assert bundle.label.startswith("renamed ") and bundle.settings_digest == _meta()[
        "settings_sha256"][:6]


def test_settings_must_fit_the_network(tmp_path):
    """Sealed, but wrong for the network: the image size, the input names."""
    meta = _meta()
    size = load_bundle(DEFAULT_BUNDLE_DIR).preprocessing.input_size
    meta["preprocessing"]["input_size"] = 64
    with pytest.raises(ModelBundleError,
                       match=rf"do not fit .*image input is \[\?, {size}, {size}, 1\]"):
        load_bundle(_bundle_with(tmp_path / "size", meta, seal=True))
    meta = _meta()
    meta["input_names"] = ["picture", "sex"]
    with pytest.raises(ModelBundleError, match="do not fit"):
        load_bundle(_bundle_with(tmp_path / "names", meta, seal=True))
    meta = _meta()
    meta["input_names"] = ["sex", "image"]  # the order does not matter: inputs go by name
    assert load_bundle(_bundle_with(tmp_path / "order", meta, seal=True))


def test_a_file_that_is_not_onnx_is_refused(tmp_path):
    folder = _bundle_with(tmp_path / "b", _meta())
    (folder / ONNX_FILE).write_bytes(b"\x0a\xff\xff\xff\xff\xff" + b"checksummed junk")
    meta = _meta()
    meta["onnx_sha256"] = sha256_of(folder / ONNX_FILE)
    write_metadata(folder, meta)
    with pytest.raises(ModelBundleError, match="not a usable ONNX network"):
        load_bundle(folder)


def test_format_1_bundle_says_how_to_seal_it(tmp_path):
    meta = _meta()
    meta["format_version"] = 1
    del meta["settings_sha256"]
    with pytest.raises(ModelBundleError, match=r"earlier format 1.*seal_bundle"):
        load_bundle(_bundle_with(tmp_path / "old", meta))


def test_graph_reader_agrees_with_the_onnx_package():
    onnx = pytest.importorskip("onnx", reason="the onnx package (train extra) is not installed")
    graph = onnx.load(str(DEFAULT_BUNDLE_DIR / ONNX_FILE)).graph
    weights = {t.name for t in graph.initializer}

    def dims(value_info):
        return tuple(d.dim_value or None for d in value_info.type.tensor_type.shape.dim)

    ours = read_graph_signature(DEFAULT_BUNDLE_DIR / ONNX_FILE)
    assert [(t.name, t.dims) for t in ours.inputs] == [
        (v.name, dims(v)) for v in graph.input if v.name not in weights]
    assert [(t.name, t.dims) for t in ours.outputs] == [(v.name, dims(v)) for v in graph.output]


def test_network_with_two_outputs_is_refused(tmp_path):
    onnx = pytest.importorskip("onnx", reason="the onnx package (train extra) is not installed")
    model = onnx.load(str(DEFAULT_BUNDLE_DIR / ONNX_FILE))
    model.graph.output.append(copy.deepcopy(model.graph.output[0]))
    model.graph.output[1].name = "second"
    folder = _bundle_with(tmp_path / "two", _meta())
    onnx.save(model, str(folder / ONNX_FILE))
    meta = _meta()
    meta["onnx_sha256"] = sha256_of(folder / ONNX_FILE)
    write_metadata(folder, meta)
    with pytest.raises(ModelBundleError, match="2 outputs"):
        load_bundle(folder)


def test_command_line_gives_one_line_and_exit_1(tmp_path, capsys):
    """The issue's case: input_size edited from 80 to 64 by hand."""
    meta = _meta()
    meta["preprocessing"]["input_size"] = 64
    folder = _bundle_with(tmp_path / "edited", meta)
    image = tmp_path / "hand.png"
    shutil.copyfile(DEFAULT_BUNDLE_DIR / "history.png", image)
    assert main(["predict", str(image), "--sex", "male", "--model", str(folder)]) == 1
    out, err = capsys.readouterr()
    assert out == "" and len(err.strip().splitlines()) == 1
    assert err.startswith("boneage: The settings in") and "digest" in err


def test_open_model_dialog_names_the_problem(qtbot, tmp_path, monkeypatch):
    pytest.importorskip("PyQt5", reason="PyQt5 is not installed")
    from PyQt5.QtCore import QSettings
    from PyQt5.QtWidgets import QMessageBox

    from app.qt.controller import Controller
    from app.qt.main_window import MainWindow
    from app.service import PredictorService

    window = MainWindow()
    qtbot.addWidget(window)
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat)
    controller = Controller(window, PredictorService(), settings)
    assert controller.load_model(show_dialog=False)
    meta = _meta()
    meta["preprocessing"]["input_size"] = 64
    warned = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: warned.append(a[2]))
    assert not controller.open_model(str(_bundle_with(tmp_path / "edited", meta)))
    assert len(warned) == 1 and "do not match their digest" in warned[0]
    assert controller.service.predictor.bundle.directory == DEFAULT_BUNDLE_DIR
