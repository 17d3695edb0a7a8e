/** Helpers of the credentials and schedules rules: SAS expiry parsing (never printing the signature) and time zones. */
import { describe, expect, it } from 'vitest';
import { ALL_RULES } from '../../rules/index.js';
import { lintTemplate } from '../../src/engine/lint.js';
import { parseSasTime, findSasTokens } from '../../src/model/facts/index.js';
import { toIana, windowsTimeZone, windowsZonesForIana } from '../../src/catalog/time-zones.js';
import { TODAY, fixtureInput, lintFixture } from '../helpers/lint-fixture.js';

describe('SAS tokens', () => {
  const signature = 'ZmFrZVNpZ25hdHVyZVNob3VsZE5ldmVyQmVQcmludGVk';

  it('never puts the signature (or the URI) into a message', () => {
    const findings = lintFixture('rules/credentials/sas-expiry/invalid/custom-script.json');
    expect(findings.length).toBe(3);
    for (const finding of findings) {
      expect(finding.message).not.toContain(signature);
      expect(finding.message).not.toMatch(/sig=/i);
      expect(finding.message).not.toContain('blob.core.windows.net');
      expect(JSON.stringify(finding)).not.toContain(signature);
    }
    expect(findings.map((finding) => finding.message)).toContainEqual(expect.stringContaining('the SAS token in settings.fileUris[0] expired on 2025-01-31'));
  });

  it('uses the horizon: 0 days turns the warning off, 60 days adds the 2026-12 token only', () => {
    const run = (sasHorizonDays: number) =>
      lintTemplate(fixtureInput('rules/credentials/sas-expiry/invalid/custom-script.json'), { rules: ALL_RULES, today: TODAY, sasHorizonDays }).findings.map(
        (finding) => finding.severity,
      );
    expect(run(0).sort()).toEqual(['error', 'error']);
    expect(run(60).sort()).toEqual(['error', 'error', 'warning']);
  });

  it('reads SAS expiry formats and ignores URIs without a signature or with an unknown value', () => {
    expect(parseSasTime('2025-01-31')?.toISOString()).toBe('2025-01-31T00:00:00.000Z');
    expect(parseSasTime('2025-01-31T10:20Z')?.toISOString()).toBe('2025-01-31T10:20:00.000Z');
    expect(parseSasTime('2025-01-31T10:20:30.5Z')?.toISOString()).toBe('2025-01-31T10:20:30.000Z');
    expect(parseSasTime('2025-02-30')).toBeUndefined();
    expect(parseSasTime('tomorrow')).toBeUndefined();
    expect(findSasTokens({ a: 'https://x.blob.core.windows.net/c/b?se=2020-01-01' }, [])).toEqual([]);
    expect(findSasTokens({ a: ['see https://x/c?se=2020-01-01T00%3A00Z&sig=abc and more'] }, ['settings'])).toMatchObject([
      { path: ['settings', 'a', 0], expiryText: '2020-01-01T00:00Z' },
    ]);
    // Each token keeps its own path (the walk extends one path array in place).
    expect(
      findSasTokens({ a: ['https://x/c?se=2020-01-01&sig=1'], b: { c: 'no query', d: 'https://y/d?sig=2&se=2021-01-01' } }, ['protectedSettings']).map(
        (token) => token.path,
      ),
    ).toEqual([
      ['protectedSettings', 'a', 0],
      ['protectedSettings', 'b', 'd'],
    ]);
  });
});

describe('time zones', () => {
  it('knows Windows names without case, and maps IANA names', () => {
    expect(windowsTimeZone('w. europe standard time')).toBe('W. Europe Standard Time');
    expect(windowsTimeZone('UTC')).toBe('UTC');
    expect(windowsTimeZone('Europe/Berlin')).toBeUndefined();
    expect(windowsZonesForIana('Europe/Berlin')).toEqual(['W. Europe Standard Time']);
    expect(toIana('Pacific Standard Time')).toBe('America/Los_Angeles');
    expect(toIana('Nowhere Standard Time')).toBeUndefined();
  });
});
