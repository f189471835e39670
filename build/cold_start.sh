#!/usr/bin/env bash
# Cold start of a frozen build, three times: from launch to the line the app prints once its
# window is shown with the model loaded (and the reference chart drawn), and to process exit.
# The exit time also holds the one-file app deleting its unpacked files, which is not start-up.
# Usage: build/cold_start.sh COMMAND... (e.g. dist/BoneAge, or wine dist/BoneAge/BoneAge.exe)
# With RESET set, that shell command runs before each launch, outside the timing: under Wine,
# RESET="wineserver -k; wineserver -w" makes each launch start Wine's server afresh, as the
# first launch after logging in would (the warm figure is the one without RESET).
set -euo pipefail
for i in 1 2 3; do
  if [ -n "${RESET:-}" ]; then bash -c "$RESET" >/dev/null 2>&1 || true; fi
  t0=$(date +%s%N)
  "$@" gui --quit-after 1 </dev/null 2>&1 | while IFS= read -r line; do
    case "$line" in
      *"window ready"*) echo "  run $i: usable window after $(( ($(date +%s%N) - t0) / 1000000 )) ms ($line)" ;;
    esac
  done
  echo "  run $i: process exit after $(( ($(date +%s%N) - t0) / 1000000 )) ms (the window stays 1 s)"
done
