// Benchmark: wall time and peak memory of `patchwise lint` on each hostile template of the
// reliability audit (test/hostile/cases.ts), one process per case so a hang or an OOM is measured,
// not suffered (`timeout` ends it). Peak RSS comes from /usr/bin/time -v when it exists.
// Usage: npm run bench:hostile [-- --cli path/to/patchwise.js --timeout 60 --only id,id]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { HOSTILE_CASES } from '../test/hostile/cases.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values: options } = parseArgs({
  options: { cli: { type: 'string', default: join(root, 'bin', 'patchwise.js') }, timeout: { type: 'string', default: '60' }, only: { type: 'string' } },
});
const timeoutSeconds = Number(options.timeout);
const only = options.only ? new Set(options.only.split(',')) : undefined;
const timeBinary = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const dir = mkdtempSync(join(tmpdir(), 'patchwise-hostile-'));

console.log(`cli: ${options.cli}; timeout ${timeoutSeconds} s`);
console.log('case'.padEnd(26), 'size'.padStart(9), 'wall'.padStart(9), 'peak RSS'.padStart(10), ' exit  findings');
try {
  for (const hostile of HOSTILE_CASES) {
    if (only && !only.has(hostile.id)) continue;
    const file = join(dir, `${hostile.id}.json`);
    const text = hostile.text();
    writeFileSync(file, text);
    const command = [options.cli, 'lint', file, '--format', 'json'];
    const started = process.hrtime.bigint();
    // `timeout` ends the whole run (node too) and /usr/bin/time still reports its peak memory.
    const limited = ['timeout', String(timeoutSeconds), process.execPath, ...command];
    const run = spawnSync(timeBinary ?? limited[0], timeBinary ? ['-v', ...limited] : limited.slice(1), { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    const wall = Number(process.hrtime.bigint() - started) / 1e9;
    const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(run.stderr ?? '')?.[1];
    const status = timeBinary ? Number(/Exit status: (\d+)/.exec(run.stderr ?? '')?.[1]) : run.status;
    const exit = status === 124 ? `killed at ${timeoutSeconds} s` : String(status);
    let findings = '';
    try {
      const report = JSON.parse(run.stdout) as { findings: Array<{ ruleId: string; severity: string }> };
      const counts = new Map<string, number>();
      for (const finding of report.findings)
        counts.set(`${finding.severity[0]}:${finding.ruleId}`, (counts.get(`${finding.severity[0]}:${finding.ruleId}`) ?? 0) + 1);
      findings = [...counts].map(([key, count]) => `${key}×${count}`).join(' ');
    } catch {
      findings = (run.stderr ?? '').split('\n').find((line) => line.includes('error')) ?? '';
    }
    const size = `${(text.length / 1e6).toFixed(2)} MB`;
    const memory = rss ? `${(Number(rss) / 1024).toFixed(0)} MB` : '-';
    console.log(
      hostile.id.padEnd(26),
      size.padStart(9),
      `${wall.toFixed(2)} s`.padStart(9),
      memory.padStart(10),
      ` ${exit.padEnd(5)} ${findings.slice(0, 160)}`,
    );
    rmSync(file);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
