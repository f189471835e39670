#!/usr/bin/env bash
# Refresh resources/translations/boneage_fr.ts from the source (existing translations are kept)
# and compile it to the .qm file the app loads. Needs Qt's lrelease (Debian: qttools5-dev-tools).
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v lrelease >/dev/null && [ ! -x /usr/lib/qt5/bin/lrelease ]; then
  apt-get update -qq && apt-get install -y -qq --no-install-recommends qttools5-dev-tools
fi
lrelease_bin=$(command -v lrelease || echo /usr/lib/qt5/bin/lrelease)
pylupdate5 -noobsolete $(git ls-files 'app/*.py' 'model/*.py') \
  -ts resources/translations/boneage_fr.ts
"$lrelease_bin" resources/translations/boneage_fr.ts -qm resources/translations/boneage_fr.qm
