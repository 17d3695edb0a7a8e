#!/usr/bin/env bash
# Lint once to JSON, then turn that report into SARIF (code scanning) and workflow annotations
# with `patchwise merge`. Outputs: errors, warnings, sarif, result (pass/fail per fail-on).
set -uo pipefail
bin="${PATCHWISE_BIN:?install step missing}"
read -r -a paths <<< "${PATCHWISE_PATHS:-.}"
args=(lint "${paths[@]}" --format json --output patchwise-report.json)
[ -n "${PATCHWISE_CONFIG:-}" ] && args+=(--config "$PATCHWISE_CONFIG")
node "$bin" "${args[@]}"
code=$?
errors=0
warnings=0
broken=0
if [ -f patchwise-report.json ]; then
  node "$bin" merge patchwise-report.json --format sarif --output "${PATCHWISE_SARIF:-patchwise.sarif}" || true
  node "$bin" merge patchwise-report.json --format github || true
  read -r errors warnings broken < <(node -e 'const r=JSON.parse(require("fs").readFileSync("patchwise-report.json","utf8"));console.log(r.summary.errors,r.summary.warnings,r.findings.filter((f)=>(f.ruleId==="parse-error"||f.ruleId==="internal-error")&&!f.suppressed).length)')
  echo "sarif=${PATCHWISE_SARIF:-patchwise.sarif}" >> "${GITHUB_OUTPUT:-/dev/null}"
fi
result=pass
case "${PATCHWISE_FAIL_ON:-error}" in
  # A file patchwise could not read or lint fails even here: the gate never passes what it did not check.
  none) { [ "$code" -ge 2 ] || [ "$broken" -gt 0 ]; } && result=fail ;;
  warning) { [ "$code" -ne 0 ] || [ "$warnings" -gt 0 ]; } && result=fail ;;
  *) [ "$code" -ne 0 ] && result=fail ;;
esac
{
  echo "errors=$errors"
  echo "warnings=$warnings"
  echo "result=$result"
} >> "${GITHUB_OUTPUT:-/dev/null}"
echo "patchwise: $errors error(s), $warnings warning(s); exit code $code; fail-on ${PATCHWISE_FAIL_ON:-error}: $result"
exit 0
