"""``--out``: the command line writes its results to a file itself, so that nobody needs shell
redirection (which a frozen Windows app under Wine 8 does not survive)."""

from __future__ import annotations

import json

import cv2

from app.cli import main
from tests.conftest import synthetic_radiograph


def test_predict_json_lines_to_a_file(tmp_path, capsys):
    good, bad = tmp_path / "hand.png", tmp_path / "notes.png"
    cv2.imwrite(str(good), synthetic_radiograph())
    bad.write_text("not an image")
    out = tmp_path / "results.jsonl"
    rc = main(["predict", str(good), str(bad), "--sex", "female", "--json", "--out", str(out)])
    printed, err = capsys.readouterr()
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert rc == 1 and [r["file"] for r in rows] == [str(good), str(bad)]
    assert rows[0]["bone_age_months"] > 0 and rows[1]["error"]
    assert printed == f"2 images, 1 with an error: {out}\n"  # the results are not echoed
    assert "notes.png" in err  # the error still reaches the screen


def test_predict_text_to_a_file_matches_the_screen(tmp_path, capsys):
    image = tmp_path / "hand.png"
    cv2.imwrite(str(image), synthetic_radiograph())
    assert main(["predict", str(image), "--sex", "male"]) == 0
    screen = capsys.readouterr().out
    out = tmp_path / "results.txt"
    assert main(["predict", str(image), "--sex", "male", "--out", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == screen and "months)" in screen


def test_unwritable_out_is_one_line(tmp_path, capsys):
    image = tmp_path / "hand.png"
    cv2.imwrite(str(image), synthetic_radiograph())
    assert main(["predict", str(image), "--sex", "male", "--out", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("boneage: ") and len(err.strip().splitlines()) == 1
