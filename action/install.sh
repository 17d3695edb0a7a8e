#!/usr/bin/env bash
# Install patchwise for the action: a version from npm, or the action's own copy (built from its lock file).
set -euo pipefail
if [ -n "${PATCHWISE_VERSION:-}" ]; then
  prefix="${RUNNER_TEMP:-/tmp}/patchwise"
  npm install --no-save --no-audit --no-fund --prefix "$prefix" "patchwise@${PATCHWISE_VERSION}"
  echo "PATCHWISE_BIN=$prefix/node_modules/patchwise/bin/patchwise.js" >> "$GITHUB_ENV"
else
  (cd "$GITHUB_ACTION_PATH" && npm ci --no-audit --no-fund)
  echo "PATCHWISE_BIN=$GITHUB_ACTION_PATH/bin/patchwise.js" >> "$GITHUB_ENV"
fi
