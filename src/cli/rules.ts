/** `patchwise rules` (the rule table, `--coverage` of requirements) and `patchwise explain RULE`. */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REQUIREMENTS } from '../catalog/requirements.js';
import { CORE_RULES } from '../engine/core-rules.js';
import { packageRoot } from '../engine/package-info.js';
import { docsUrl } from '../engine/rule.js';
import { presetSetting } from '../engine/severity.js';
import { UsageError } from './files.js';
import type { CliIO } from './io.js';
import { didYouMean } from '../similar-names.js';

interface Listed {
  id: string;
  severity: string;
  requirements: readonly string[];
  summary: string;
  strictOnly?: boolean;
  fixable?: boolean;
}

async function listedRules(): Promise<Listed[]> {
  const { ALL_RULES } = await import('../../rules/index.js');
  return [
    ...ALL_RULES.map((rule) => ({
      id: rule.id,
      severity: presetSetting(rule, 'recommended') === 'off' ? `off (strict: ${presetSetting(rule, 'strict')})` : presetSetting(rule, 'recommended'),
      requirements: rule.requirements,
      summary: rule.summary,
      fixable: rule.fixable === true,
    })),
    ...Object.values(CORE_RULES),
  ];
}

export async function runRulesCommand(args: { coverage: boolean; json: boolean }, io: CliIO): Promise<number> {
  const rules = await listedRules();
  if (args.coverage) return printCoverage(rules, args.json, io);
  if (args.json) {
    io.stdout(
      `${JSON.stringify(
        rules.map((rule) => ({ ...rule, docsUrl: docsUrl(rule.id) })),
        null,
        2,
      )}\n`,
    );
    return 0;
  }
  const idWidth = Math.max(...rules.map((rule) => rule.id.length));
  const severityWidth = Math.max(...rules.map((rule) => rule.severity.length));
  const requirementWidth = Math.max(12, ...rules.map((rule) => rule.requirements.join(',').length));
  const lines = rules.map(
    (rule) =>
      `${rule.id.padEnd(idWidth)}  ${rule.severity.padEnd(severityWidth)}  ${(rule.requirements.join(',') || '-').padEnd(requirementWidth)}  ${(rule.fixable ? 'yes' : '').padEnd(3)}  ${rule.summary}`,
  );
  io.stdout(`${'rule'.padEnd(idWidth)}  ${'severity'.padEnd(severityWidth)}  ${'requirements'.padEnd(requirementWidth)}  fix  summary\n${lines.join('\n')}\n`);
  return 0;
}

/** Which lint requirements (kind L) are covered by which rules; exit 0 either way (it is a report). */
function printCoverage(rules: Listed[], json: boolean, io: CliIO): number {
  const lint = REQUIREMENTS.filter((requirement) => requirement.kinds.includes('L'));
  const rows = lint.map((requirement) => ({
    id: requirement.id,
    rules: rules.filter((rule) => rule.requirements.includes(requirement.id)).map((rule) => rule.id),
    summary: requirement.summary,
  }));
  const covered = rows.filter((row) => row.rules.length > 0).length;
  if (json) {
    io.stdout(`${JSON.stringify({ covered, total: rows.length, requirements: rows }, null, 2)}\n`);
    return 0;
  }
  const lines = rows.map(
    (row) => `${row.rules.length ? '✔' : '✖'} ${row.id.padEnd(5)} ${row.rules.length ? row.rules.join(', ') : `not covered yet: ${row.summary}`}`,
  );
  io.stdout(`${lines.join('\n')}\n\n${covered} of ${rows.length} lint requirements (kind L) covered by rules\n`);
  return 0;
}

export async function runExplain(args: { rule: string }, io: CliIO): Promise<number> {
  const rules = await listedRules();
  const rule = rules.find((candidate) => candidate.id === args.rule);
  if (!rule) {
    throw new UsageError(
      `unknown rule '${args.rule}'${didYouMean(
        args.rule,
        rules.map((candidate) => candidate.id),
      )} (see 'patchwise rules')`,
    );
  }
  const page = join(packageRoot(), 'docs', 'rules', `${rule.id}.md`);
  if (existsSync(page)) io.stdout(readFileSync(page, 'utf8'));
  else io.stdout(`${rule.id} (${rule.severity})\n\n${rule.summary}\n\nRequirements: ${rule.requirements.join(', ') || '-'}\n`);
  io.stdout(`\n${docsUrl(rule.id)}\n`);
  return 0;
}
