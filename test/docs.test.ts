/** Every rule has a documentation page, and the requirement table matches the specification. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ALL_RULES } from '../rules/index.js';
import { REQUIREMENTS } from '../src/catalog/requirements.js';
import { CORE_RULES } from '../src/engine/core-rules.js';
import { REPO_ROOT, SHARED } from './helpers/lint-fixture.js';

const allIds = [...ALL_RULES.map((rule) => rule.id), ...Object.values(CORE_RULES).map((rule) => rule.id)];

describe('rule documentation', () => {
  it.each(allIds)('%s has a page that names its requirements', (id) => {
    const page = join(REPO_ROOT, 'docs', 'rules', `${id}.md`);
    expect(existsSync(page), page).toBe(true);
    const text = readFileSync(page, 'utf8');
    expect(text.startsWith(`# ${id}\n`)).toBe(true);
    const rule = ALL_RULES.find((candidate) => candidate.id === id);
    for (const requirement of rule?.requirements ?? []) expect(text).toContain(requirement);
  });

  it('rule ids are unique and every rule names known requirement ids and has messages', () => {
    expect(new Set(allIds).size).toBe(allIds.length);
    const known = new Set(REQUIREMENTS.map((requirement) => requirement.id));
    for (const rule of ALL_RULES) {
      expect(rule.requirements.length, rule.id).toBeGreaterThan(0);
      for (const requirement of rule.requirements) expect(known.has(requirement), `${rule.id}: ${requirement}`).toBe(true);
      expect(Object.keys(rule.messages).length, rule.id).toBeGreaterThan(0);
    }
  });
});

describe.skipIf(!existsSync(join(SHARED, 'spec', 'requirements.md')))('requirement table', () => {
  it('matches spec/requirements.md (ids and kinds)', () => {
    const spec = readFileSync(join(SHARED, 'spec', 'requirements.md'), 'utf8');
    const rows = [...spec.matchAll(/^\| ((?:GP|OU|EU|HP|AF|CF)\d+) \| ([A-Z ]+) \|/gm)].map((match) => ({ id: match[1], kinds: match[2].trim().split(/\s+/) }));
    expect(rows.length).toBeGreaterThan(60);
    expect(REQUIREMENTS.map(({ id, kinds }) => ({ id, kinds }))).toEqual(rows);
  });
});

describe('requirement coverage', () => {
  it('every lint requirement (kind L) of the specification is covered by a rule', () => {
    const covered = new Set(ALL_RULES.flatMap((rule) => rule.requirements));
    const missing = REQUIREMENTS.filter((requirement) => requirement.kinds.includes('L') && !covered.has(requirement.id)).map((requirement) => requirement.id);
    expect(missing).toEqual([]);
  });
});
