#!/usr/bin/env bash
# The rollout plan of the pull request against its base branch, as markdown for the comment.
# Plan risks (exit 1) are for the reviewer, not a failure; a broken input (exit 2) is said in the comment.
set -uo pipefail
bin="${PATCHWISE_BIN:?install step missing}"
read -r -a paths <<< "${PATCHWISE_PATHS:-.}"
args=(plan "${paths[@]}" --format markdown --output patchwise-plan.md)
[ -n "${PATCHWISE_CONFIG:-}" ] && args+=(--config "$PATCHWISE_CONFIG")
if [ -n "${GITHUB_BASE_REF:-}" ] && git rev-parse --verify --quiet "origin/${GITHUB_BASE_REF}^{commit}" > /dev/null; then
  args+=(--baseline-ref "origin/${GITHUB_BASE_REF}")
else
  echo "patchwise: origin/${GITHUB_BASE_REF:-<base>} not fetched (use actions/checkout with fetch-depth: 0): planning without a baseline"
fi
node "$bin" "${args[@]}" 2> patchwise-plan.err
code=$?
cat patchwise-plan.err >&2
if [ "$code" -ge 2 ]; then
  { echo '## patchwise rollout plan'; echo; echo 'The plan could not be made:'; echo; echo '```'; head -c 4000 patchwise-plan.err; echo '```'; } > patchwise-plan.md
fi
exit 0
