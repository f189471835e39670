"""Without a display, ``boneage`` says so in one line and points to the command line, where
Qt would abort with several lines and a hint to reinstall."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from app.display import display_problem, platform_failure
from tests.conftest import REPO


@pytest.mark.parametrize(("environ", "platform", "refused"), [
    ({}, "linux", True),
    ({"QT_QPA_PLATFORM": "xcb"}, "linux", True),
    ({"DISPLAY": ":0"}, "linux", False),
    ({"WAYLAND_DISPLAY": "wayland-0"}, "linux", False),
    ({"QT_QPA_PLATFORM": "offscreen"}, "linux", False),
    ({}, "win32", False),
    ({}, "darwin", False),
])
def test_display_problem(environ, platform, refused):
    problem = display_problem(environ, platform)
    assert (problem is not None) == refused
    if refused:
        assert "boneage predict" in problem and "QT_QPA_PLATFORM=offscreen" in problem


def test_platform_failure_tells_a_silent_display_from_missing_libraries():
    silent = platform_failure(["qt.qpa.xcb: could not connect to display :9"], {"DISPLAY": ":9"})
    assert silent.startswith("The display :9 does not answer")
    missing = platform_failure(['Could not load the Qt platform plugin "xcb"'], {"DISPLAY": ":0"})
    assert "libxcb-xinerama0" in missing and "boneage predict" in missing


def _window(environ: dict[str, str]) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    return subprocess.run([sys.executable, "-m", "app"], cwd=REPO, env={**env, **environ},
                          capture_output=True, text=True, timeout=60)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11/Wayland displays: Linux")
def test_no_display_is_one_line():
    run = _window({})
    assert run.returncode == 1 and run.stdout == ""
    assert run.stderr.startswith("boneage: No display") and len(run.stderr.splitlines()) == 1


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11/Wayland displays: Linux")
def test_display_that_does_not_answer_is_one_line_not_an_abort():
    """Qt itself finds this one (or that its plugin's libraries are missing)."""
    run = _window({"DISPLAY": ":93", "QT_QPA_PLATFORM": "xcb"})
    assert run.returncode == 1, run.stderr  # not 134, Qt's abort
    assert run.stderr.startswith("boneage: The ") and "Reinstalling" not in run.stderr
    assert len(run.stderr.splitlines()) == 1
