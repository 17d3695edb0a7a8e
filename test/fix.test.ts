/**
 * --fix: every invalid fixture round-trips to a file in which the fixed findings are gone, only
 * the fixed properties changed, and values from parameters, variables or expressions are left alone.
 */
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { structuredPatch } from 'diff';
import { describe, expect, it } from 'vitest';
import { ALL_RULES } from '../rules/index.js';
import { parseConfig, resolveSettings } from '../src/engine/config.js';
import { applyFixes } from '../src/engine/fixes.js';
import { lintTemplate } from '../src/engine/lint.js';
import type { Finding } from '../src/engine/finding.js';
import { runCli } from './helpers/cli.js';
import { armFixtures } from './helpers/fixtures.js';
import { FIXTURES, TODAY } from './helpers/lint-fixture.js';

const run = runCli;

function invalidFixtures(): string[] {
  return armFixtures('invalid').map((name) => join(FIXTURES, name));
}

const STRICT = resolveSettings(parseConfig('{ "extends": "patchwise:strict" }', 'patchwise.config.json'), ALL_RULES);
const lint = (file: string, text: string, settings?: typeof STRICT): Finding[] =>
  lintTemplate({ file, text }, { rules: ALL_RULES, today: TODAY, settings }).findings;
const key = (finding: Finding) => `${finding.ruleId} ${finding.messageId} ${finding.resource?.name} ${finding.path}`;

/** Property names a fix edits: the last key of each fixed finding's path. */
function fixedKeys(findings: Finding[]): string[] {
  return findings
    .filter((f) => f.fix)
    .map((f) =>
      (f.path ?? '')
        .split('.')
        .pop()!
        .replace(/\[\d+\]$/, ''),
    );
}

describe('--fix round-trips every invalid fixture', () => {
  const cases = invalidFixtures().map((path) => [path.slice(FIXTURES.length + 1), path] as const);

  it.each(cases)('%s', (name, path) => {
    const text = readFileSync(path, 'utf8');
    const before = lint(name, text);
    const fixable = before.filter((finding) => finding.fix && !finding.suppressed);
    if (fixable.length === 0) return;
    const { text: fixed } = applyFixes(
      text.replace(/^\uFEFF/, ''),
      fixable.map((finding) => finding.fix!),
    );
    const after = lint(name, fixed);
    // The fixed findings are gone (same rule at the same path).
    for (const finding of fixable) {
      expect(
        after.some((other) => other.ruleId === finding.ruleId && other.path === finding.path && other.resource?.name === finding.resource?.name),
        `${finding.ruleId} ${finding.path}`,
      ).toBe(false);
    }
    // Nothing else changed: every changed line names a fixed property, or is only punctuation.
    const keys = fixedKeys(fixable);
    const inserted = fixable.flatMap((finding) => finding.fix!.edits.flatMap((edit) => edit.content.split(/\r?\n/).map((part) => part.trim())));
    const patch = structuredPatch('a', 'b', text, fixed, '', '', { context: 0 });
    for (const hunk of patch.hunks) {
      // A property that only gained or lost its trailing comma (a neighbour was added) is unchanged.
      const bare = (text: string) => text.slice(1).trim().replace(/,$/, '');
      const removed = new Set(hunk.lines.filter((line) => line.startsWith('-')).map(bare));
      const added = new Set(hunk.lines.filter((line) => line.startsWith('+')).map(bare));
      for (const line of hunk.lines) {
        const content = line.slice(1).trim();
        if (content === '' || /^[{}[\],]+$/.test(content)) continue;
        if ((line.startsWith('-') && added.has(bare(line))) || (line.startsWith('+') && removed.has(bare(line)))) continue;
        const explained =
          keys.some((key) => content.includes(`"${key}"`)) ||
          (line.startsWith('+') && inserted.some((part) => part && content.startsWith(part.replace(/,$/, ''))));
        expect(explained, `unexpected change: ${line}`).toBe(true);
      }
    }
  });
});

describe('--fix never trades one finding for another', () => {
  // Every fix of every fixture, with the strict preset too (its fixes must respect the API version).
  const cases = invalidFixtures().flatMap((path) =>
    (['recommended', 'strict'] as const).map((preset) => [path.slice(FIXTURES.length + 1), preset, path] as const),
  );

  it.each(cases)('%s (%s)', (name, preset, path) => {
    const settings = preset === 'strict' ? STRICT : undefined;
    const text = readFileSync(path, 'utf8');
    const before = lint(name, text, settings);
    const fixable = before.filter((finding) => finding.fix && !finding.suppressed);
    if (fixable.length === 0) return;
    const { text: fixed } = applyFixes(
      text.replace(/^\uFEFF/, ''),
      fixable.map((finding) => finding.fix!),
    );
    const known = new Set(before.map(key));
    const created = lint(name, fixed, settings).filter((finding) => !known.has(key(finding)));
    expect(created.map((finding) => `${key(finding)}: ${finding.message}`)).toEqual([]);
  });
});

describe('a property added after one with a trailing comment', () => {
  // The comment describes the property it follows: it must not move to the added one.
  const name = 'rules/extensions/auto-upgrade-minor-version/invalid/vm-extension-resource.json';
  it.each([
    ['a line comment', '// keep it current', '\n', '  ', ''],
    ['a block comment', '/* keep it current */', '\n', '  ', ''],
    ['a line comment, CRLF and tabs', '// keep it current', '\r\n', '\t', ''],
    ['a suppression comment', '// patchwise-disable-line extensions/automatic-upgrade-supported checked by hand', '\n', '  ', ''],
    ['a line comment after a trailing comma', '// keep it current', '\n', '  ', ','],
  ])('%s stays on its line', (_, comment, eol, indent, trailingComma) => {
    const text = readFileSync(join(FIXTURES, name), 'utf8')
      .replace('"enableAutomaticUpgrade": true', `"enableAutomaticUpgrade": true${trailingComma} ${comment}`)
      .replace(/ {2}/g, indent)
      .replace(/\n/g, eol);
    const fixable = lint(name, text).filter((finding) => finding.fix && !finding.suppressed);
    expect(fixable.map((finding) => finding.ruleId)).toEqual(['extensions/auto-upgrade-minor-version']);
    const { text: fixed } = applyFixes(
      text,
      fixable.map((finding) => finding.fix!),
    );
    const property = indent.repeat(4);
    expect(fixed).toContain(`${property}"enableAutomaticUpgrade": true, ${comment}${eol}${property}"autoUpgradeMinorVersion": true${trailingComma}${eol}`);
    expect(
      lint(name, fixed)
        .filter((finding) => !finding.suppressed && finding.ruleId !== 'suppression/unused')
        .map((finding) => finding.ruleId),
    ).toEqual([]);
  });
});

describe('a property added to an object written on one line', () => {
  // Only the added property changes: the line is not laid out again (a minified template stayed one line).
  const name = 'rules/extensions/auto-upgrade-minor-version/invalid/vm-extension-resource.json';
  const original = readFileSync(join(FIXTURES, name), 'utf8');
  it.each([
    ['a minified template', JSON.stringify(JSON.parse(original)), ',"autoUpgradeMinorVersion":true}'],
    [
      'an object on one line',
      original.replace(/"properties": \{\s+"publisher": "Microsoft\.Azure\.KeyVault",[^}]*\}/, (block) => block.replace(/\s*\n\s*/g, ' ')),
      '"enableAutomaticUpgrade": true, "autoUpgradeMinorVersion": true }',
    ],
  ])('%s stays on its line', (_, text, expected) => {
    const fixable = lint(name, text).filter((finding) => finding.fix && !finding.suppressed);
    expect(fixable.map((finding) => finding.ruleId)).toEqual(['extensions/auto-upgrade-minor-version']);
    const { text: fixed } = applyFixes(
      text,
      fixable.map((finding) => finding.fix!),
    );
    expect(fixed).toContain(expected);
    expect(fixed.split('\n').length).toBe(text.split('\n').length);
    expect(lint(name, fixed).filter((finding) => finding.fix)).toEqual([]);
  });
});

describe('what --fix does not touch', () => {
  it.each([
    ['rules/guest-patching/windows-automatic-updates/invalid/copy-loop-profile-variable.json', 'the value comes from a variable'],
    ['rules/guest-patching/windows-automatic-updates/invalid/mode-from-parameter-default.json', 'the value comes from a parameter default through a variable'],
  ])('%s: no fix, %s', (name) => {
    const findings = lint(name, readFileSync(join(FIXTURES, name), 'utf8'));
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.every((finding) => !finding.fix)).toBe(true);
  });

  it('never offers a fix for change rules', async () => {
    for (const rule of ALL_RULES.filter((candidate) => candidate.id.startsWith('change/'))) {
      expect(String(rule.check)).not.toMatch(/\bfix\s*:/);
    }
  });
});

describe('patchwise lint --fix', () => {
  function workspace(): string {
    const dir = mkdtempSync(join(tmpdir(), 'patchwise-fix-'));
    for (const name of [
      'rules/guest-patching/windows-automatic-updates/invalid/manual-with-default-updates.json',
      'rules/guest-patching/vm-agent-required/invalid/platform-without-agent.json',
      'valid/windows-vm-manual.json',
    ]) {
      copyFileSync(join(FIXTURES, name), join(dir, basename(name)));
    }
    // Comments, tabs and CRLF line ends survive a fix.
    const commented = readFileSync(join(FIXTURES, 'rules/guest-patching/windows-automatic-updates/invalid/platform-updates-off.json'), 'utf8')
      .replace('"enableAutomaticUpdates": false,', '"enableAutomaticUpdates": false, // turned off by the old image\n')
      .replace(/ {2}/g, '\t')
      .replace(/\n/g, '\r\n');
    writeFileSync(join(dir, 'commented.json'), commented);
    return dir;
  }

  it('writes fixed files, keeps comments and formatting, leaves clean files untouched and exits 0 when all is fixed', async () => {
    const dir = workspace();
    const cleanBefore = statSync(join(dir, 'windows-vm-manual.json')).mtimeMs;
    const result = await run(['lint', dir, '--fix'], dir);
    expect(result.stderr).toContain('applied 3 fixes in 3 files');
    expect(result.code).toBe(0);
    const commented = readFileSync(join(dir, 'commented.json'), 'utf8');
    expect(commented).toContain('"enableAutomaticUpdates": true, // turned off by the old image');
    expect(commented).not.toMatch(/[^\r]\n/);
    expect(commented).toMatch(/^\t\t\t\t\t"windowsConfiguration"/m);
    expect(readFileSync(join(dir, 'manual-with-default-updates.json'), 'utf8')).toMatch(/"enableAutomaticUpdates": false\n/);
    expect(statSync(join(dir, 'windows-vm-manual.json')).mtimeMs).toBe(cleanBefore);
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
    // A second run has nothing left to fix.
    const again = await run(['lint', dir, '--fix'], dir);
    expect(again.stderr).toContain('applied 0 fixes in 0 files');
  });

  it('--fix-dry-run prints a unified diff and writes nothing', async () => {
    const dir = workspace();
    const before = readFileSync(join(dir, 'platform-without-agent.json'), 'utf8');
    const result = await run(['lint', dir, '--fix-dry-run'], dir);
    expect(result.stdout).toContain('--- a/platform-without-agent.json');
    expect(result.stdout).toMatch(/^-\s+"provisionVMAgent": false,$/m);
    expect(result.stdout).toMatch(/^\+\s+"provisionVMAgent": true,$/m);
    expect(readFileSync(join(dir, 'platform-without-agent.json'), 'utf8')).toBe(before);
    expect(result.stderr).toContain('dry run: nothing written');
  });

  it('SARIF carries the fixes as replacements', async () => {
    const dir = workspace();
    const result = await run(['lint', join(dir, 'platform-without-agent.json'), '--format', 'sarif'], dir);
    const log = JSON.parse(result.stdout);
    const fixes = log.runs[0].results[0].fixes;
    expect(fixes[0].description.text).toBe('set provisionVMAgent to true');
    expect(fixes[0].artifactChanges[0].replacements[0].insertedContent.text).toBe('true');
  });
});
