/** JUnit XML: a test suite per file, a failing test case per error or warning, a passing one per clean file. */
import type { Finding } from '../engine/finding.js';
import type { Formatter } from './types.js';

export function escapeXml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

export const junit: Formatter = (result) => {
  const byFile = new Map<string, Finding[]>();
  for (const finding of result.findings) byFile.set(finding.file, [...(byFile.get(finding.file) ?? []), finding]);
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  for (const [file, findings] of byFile) {
    const cases = findings.map((finding) => {
      const name = escapeXml(`${finding.ruleId} ${finding.resource?.name ?? ''} ${finding.path ?? ''}`.trim());
      const where = `${finding.file}:${finding.line}:${finding.column}`;
      const message = escapeXml(finding.message);
      if (finding.suppressed)
        return `    <testcase name="${name}" classname="${escapeXml(file)}"><skipped message="${escapeXml(`suppressed: ${finding.suppressed.reason ?? finding.suppressed.kind}`)}"/></testcase>`;
      if (finding.severity === 'info')
        return `    <testcase name="${name}" classname="${escapeXml(file)}"><system-out>${escapeXml(where)} ${message}</system-out></testcase>`;
      failures += 1;
      return `    <testcase name="${name}" classname="${escapeXml(file)}"><failure type="${finding.severity}" message="${message}">${escapeXml(where)} ${message}</failure></testcase>`;
    });
    tests += cases.length;
    const fileFailures = findings.filter((finding) => !finding.suppressed && finding.severity !== 'info').length;
    suites.push(`  <testsuite name="${escapeXml(file)}" tests="${cases.length}" failures="${fileFailures}" errors="0">\n${cases.join('\n')}\n  </testsuite>`);
  }
  if (suites.length === 0) {
    tests = 1;
    suites.push(
      `  <testsuite name="patchwise" tests="1" failures="0" errors="0">\n    <testcase name="${result.summary.files} file(s) linted" classname="patchwise"/>\n  </testsuite>`,
    );
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="patchwise" tests="${tests}" failures="${failures}">\n${suites.join('\n')}\n</testsuites>\n`;
};
