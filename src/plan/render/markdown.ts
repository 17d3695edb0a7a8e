/**
 * The plan as a pull-request comment that summarises (D4): the verdict and grouped risks first,
 * what the change does (with --baseline), a complete phase table, the largest share of anything
 * down at once, coverage over time and reboots, a Gantt chart with one bar per region, then
 * details. Every table is capped with "and N more", every cell is cut, and blocks that would pass
 * the size budget are left out: the comment stays under GitHub's 65,536-character limit for any
 * fleet; the whole plan is in `--format json`.
 */
import { describeResource } from '../diff.js';
import type { Plan, Wave } from '../types.js';
import { describeGroupChange, describeTargets, duration, groupExclusions, groupRisks, shortTime, verdict, where } from './shared.js';

/** Characters of the comment at most (GitHub rejects more than 65,536). */
export const MARKDOWN_BUDGET = 60_000;
const MAX_CELL = 200;
const MAX_REGIONS_CELL = 4_000;
const MAX_ROWS = 30;
const MAX_RISK_GROUPS = 15;
const MAX_DIFF_ITEMS = 40;
const MAX_GANTT_REGIONS = 80;
const JSON_HINT = 'the full plan is in `--format json`';

/** Table cells: no pipes or line breaks, no HTML, at most MAX_CELL characters. */
function cell(text: string | number, max = MAX_CELL): string {
  const value = String(text);
  const cut = value.length > max ? `${value.slice(0, max - 1)}…` : value;
  return cut
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/[<>]/g, (c) => (c === '<' ? '&lt;' : '&gt;'))
    .replace(/[\r\n\u2028\u2029]+/g, ' ');
}

/** Mermaid task names: no colons, hashes or semicolons (they end the name). */
function task(text: string): string {
  return text.replace(/[:#;]/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 80);
}

/** Blocks added in order while they fit the budget; the ones left out are named at the end. */
class Comment {
  private readonly blocks: string[] = [];
  private size = 0;
  private readonly omitted: string[] = [];

  constructor(private readonly budget: number) {}

  add(name: string, lines: readonly string[]): void {
    if (lines.length === 0) return;
    const block = `${lines.join('\n')}\n`;
    // Keep room for the closing note.
    if (this.size + block.length > this.budget - 600) {
      this.omitted.push(name);
      return;
    }
    this.blocks.push(block);
    this.size += block.length;
  }

  text(footer: string): string {
    const note = this.omitted.length > 0 ? `\n_Left out to stay under GitHub's comment size limit: ${this.omitted.join(', ')}; ${JSON_HINT}._\n` : '';
    return `${this.blocks.join('\n')}${note}\n${footer}\n`;
  }
}

export function renderMarkdown(plan: Plan, budget = MARKDOWN_BUDGET): string {
  const comment = new Comment(budget);
  const s = plan.summary;
  const mark = s.stoppedAt || s.risks.error > 0 ? '❌' : s.targets === 0 ? 'ℹ️' : s.risks.warning > 0 ? '⚠️' : '✅';
  comment.add('verdict', [`## patchwise plan: ${plan.scenario}`, '', `${mark} ${cell(verdict(plan))}`]);
  comment.add('risks', risks(plan));
  if (plan.diff) comment.add('the change', change(plan));
  comment.add('phases', phases(plan));
  comment.add('exposure', exposure(plan));
  comment.add('chart', gantt(plan));
  comment.add('waves', waves(plan));
  comment.add('failures', failures(plan));
  comment.add('retries', retries(plan));
  comment.add('excluded resources', excluded(plan));
  comment.add('hotpatch calendar', calendar(plan));
  comment.add('Monte Carlo', monteCarlo(plan));
  const footer = `<sub>Release ${plan.start.slice(0, 10)}. Phase order: ${plan.model.phaseOrder === 'inventory' ? 'from the inventory' : 'patchwise model (Azure does not publish its own)'}; off-peak default ${plan.model.offPeakDefault} local time; ${plan.model.updateMinutes} min per update + ${plan.model.healthGateMinutes} min health gate. Exact days and times are illustrative: Azure's day for a VM varies month to month (AF8).</sub>`;
  return comment.text(footer);
}

function risks(plan: Plan): string[] {
  if (plan.risks.length === 0) return ['### Risks', '', 'None found.'];
  const groups = groupRisks(plan.risks);
  const out = ['### Risks', '', '| severity | risk | count | example | requirements |', '| --- | --- | --- | --- | --- |'];
  for (const group of groups.slice(0, MAX_RISK_GROUPS))
    out.push(`| ${group.severity} | \`${group.id}\` | ${group.count} | ${cell(group.example.message)} | ${cell(group.requirements.join(', '))} |`);
  if (groups.length > MAX_RISK_GROUPS) out.push(`| … | and ${groups.length - MAX_RISK_GROUPS} more kinds | | | |`);
  return out;
}

function change(plan: Plan): string[] {
  const d = plan.diff!;
  const items: string[] = [];
  for (const id of d.entered) items.push(`- ➕ enters the platform rollout: \`${cell(describeResource(id))}\``);
  for (const id of d.left) items.push(`- ➖ leaves the platform rollout: \`${cell(describeResource(id))}\``);
  for (const group of d.groupsChanged ?? []) items.push(`- 🔧 ${cell(describeGroupChange(group))}`);
  for (const move of d.targetsMoved ?? [])
    items.push(
      `- 🚚 \`${cell(describeResource(move.target))}\` moves ${move.field === 'updateDomain' ? 'update domain' : move.field} ${cell(move.before)} → ${cell(move.after)}`,
    );
  for (const phase of d.phasesChanged)
    items.push(`- phase ${phase.index}: ${cell(phase.before.join(', ') || '(none)')} → ${cell(phase.after.join(', ') || '(none)')}`);
  for (const row of d.wavesChanged) items.push(`- ${cell(row.region)}: ${row.before} → ${row.after} waves`);
  for (const risk of d.newRisks) items.push(`- ⚠️ new risk \`${risk.id}\`: ${cell(risk.message)}`);
  for (const risk of d.resolvedRisks) items.push(`- ✅ resolved \`${risk.id}\`: ${cell(risk.message)}`);
  if (d.durationHours.before !== d.durationHours.after) items.push(`- duration: ${duration(d.durationHours.before)} → ${duration(d.durationHours.after)}`);
  const shown = items.slice(0, MAX_DIFF_ITEMS);
  if (items.length > MAX_DIFF_ITEMS) shown.push(`- … and ${items.length - MAX_DIFF_ITEMS} more changes (${JSON_HINT}, \`diff\`)`);
  return ['### What this change does', '', ...(items.length > 0 ? shown : ['No change to the rollout.'])];
}

function phases(plan: Plan): string[] {
  if (plan.phases.length === 0) return [];
  const shares = new Map((plan.insights?.phases ?? []).map((phase) => [phase.index, phase]));
  const out = [
    '### Phases',
    '',
    '| phase | regions | targets | % of fleet | exposed when it ends | start (UTC) | end | duration | status |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const phase of plan.phases) {
    const share = shares.get(phase.index);
    const hours = Math.round(((Date.parse(phase.end) - Date.parse(phase.start)) / 3_600_000) * 10) / 10;
    // Every region of every phase: Azure has about 60 regions, so the cell stays small.
    out.push(
      `| ${phase.index} | ${cell(phase.regions.join(', '), MAX_REGIONS_CELL)} | ${share?.targets ?? ''} | ${share ? `${share.percentOfFleet}%` : ''} | ${share ? `${share.cumulativePercent}%` : ''} | ${shortTime(phase.start)} | ${shortTime(phase.end)} | ${duration(hours)} | ${phase.status} |`,
    );
  }
  return out;
}

function exposure(plan: Plan): string[] {
  const insights = plan.insights;
  if (!insights || plan.summary.targets === 0) return [];
  const c = insights.coverageHours;
  const at = (hours: number | null) => (hours === null ? 'not reached' : duration(hours));
  const out = [
    '### Exposure',
    '',
    `- **Coverage**: 50% of the targets updated after ${at(c.p50)}, 90% after ${at(c.p90)}, 100% after ${at(c.p100)}.`,
    `- **Reboots**: ${insights.reboots.yes} targets reboot, ${insights.reboots.ifRequired} more if a patch needs it; at most ${insights.peakConcurrent} targets update at once.`,
  ];
  if (insights.largestShareDown.length > 0) {
    out.push('- **Largest share down at once**:');
    for (const share of insights.largestShareDown.slice(0, 5))
      out.push(
        `  - ${share.kind} ${cell(share.name)}: ${share.down} of ${share.of} (${share.percent}%)${share.kind !== 'zone' && share.percent > 20 && share.of > 1 ? ' ⚠️' : ''}`,
      );
  }
  return out;
}

/** One bar per region of each phase: every phase and region shows, whatever the number of waves. */
function gantt(plan: Plan): string[] {
  if (plan.waves.length === 0) return [];
  const spans = new Map<string, { phase: number; region: string; start: string; end: string; statuses: Set<Wave['status']>; waves: number }>();
  for (const wave of plan.waves) {
    const key = `${wave.phase}|${wave.region}`;
    const span = spans.get(key);
    if (!span) spans.set(key, { phase: wave.phase, region: wave.region, start: wave.start, end: wave.end, statuses: new Set([wave.status]), waves: 1 });
    else {
      if (wave.start < span.start) span.start = wave.start;
      if (wave.end > span.end) span.end = wave.end;
      span.statuses.add(wave.status);
      span.waves += 1;
    }
  }
  const out = [
    '```mermaid',
    'gantt',
    `  title ${task(`${plan.scenario} from ${plan.start.slice(0, 10)} (UTC)`)}`,
    '  dateFormat YYYY-MM-DD HH:mm',
    '  axisFormat %m-%d %H:%M',
  ];
  let shown = 0;
  for (const phase of plan.phases) {
    const bars = [...spans.values()].filter((span) => span.phase === phase.index);
    if (bars.length === 0 || shown >= MAX_GANTT_REGIONS) continue;
    out.push(`  section Phase ${phase.index}`);
    for (const span of bars) {
      if (shown >= MAX_GANTT_REGIONS) break;
      // Not-reached waves are not styled as done: they never ran.
      const reached = span.statuses.has('completed') || span.statuses.has('stopped');
      const state = span.statuses.has('stopped') ? 'crit, ' : '';
      out.push(
        `  ${task(`${span.region} (${span.waves} waves)${reached ? '' : ' not reached'}`)} :${state}p${phase.index}r${shown}, ${shortTime(span.start)}, ${shortTime(span.end)}`,
      );
      shown += 1;
    }
  }
  out.push('```');
  if (shown < spans.size) out.push('', `_The chart shows ${shown} of ${spans.size} region bars; ${JSON_HINT}._`);
  return out;
}

function waves(plan: Plan): string[] {
  if (plan.waves.length === 0) return [];
  const out = [
    '<details><summary>Waves</summary>',
    '',
    '| wave | phase | where | start (UTC) | end | status | targets |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const wave of plan.waves.slice(0, MAX_ROWS)) {
    const notes = `${wave.pauseMinutes ? ` (after a ${wave.pauseMinutes} min pause)` : ''}${wave.targets.every((target) => target.maxSurge) ? ' (maxSurge: capacity kept)' : ''}`;
    out.push(
      `| ${wave.index} | ${wave.phase} | ${cell(where(wave))} | ${shortTime(wave.start)} | ${shortTime(wave.end)} | ${wave.status} | ${cell(`${wave.targets.length} × ${describeTargets(wave.targets)}${notes}`)} |`,
    );
  }
  if (plan.waves.length > MAX_ROWS) out.push(`| … | | | | | | and ${plan.waves.length - MAX_ROWS} more waves |`);
  out.push('', '</details>');
  return out;
}

function failures(plan: Plan): string[] {
  if (plan.failures.length === 0) return [];
  const out = ['### Unhealthy after the update', '', '| target | wave | rollback |', '| --- | --- | --- |'];
  for (const failure of plan.failures.slice(0, MAX_ROWS)) out.push(`| ${cell(failure.target)} | ${failure.wave} | ${failure.rollback} |`);
  if (plan.failures.length > MAX_ROWS) out.push(`| … and ${plan.failures.length - MAX_ROWS} more | | |`);
  return out;
}

function retries(plan: Plan): string[] {
  if (!plan.retries || plan.retries.length === 0) return [];
  const out = ['### Retried in the next off-peak window (GP18)', '', '| target | failed in wave | retry (UTC) |', '| --- | --- | --- |'];
  for (const retry of plan.retries.slice(0, MAX_ROWS))
    out.push(`| ${cell(retry.target)} | ${retry.wave} | ${shortTime(retry.start)} → ${shortTime(retry.end)} |`);
  if (plan.retries.length > MAX_ROWS) out.push(`| … and ${plan.retries.length - MAX_ROWS} more | | |`);
  return out;
}

function excluded(plan: Plan): string[] {
  if (plan.excluded.length === 0) return ['### Not in the platform rollout', '', 'Every resource is in the rollout.'];
  const groups = groupExclusions(plan.excluded);
  const out = ['### Not in the platform rollout', '', '| resources | reason | examples |', '| --- | --- | --- |'];
  for (const group of groups.slice(0, MAX_ROWS))
    out.push(
      `| ${group.names.length} | ${cell(group.reason)} | ${cell(group.names.slice(0, 3).join(', ') + (group.names.length > 3 ? ` and ${group.names.length - 3} more` : ''))} |`,
    );
  if (groups.length > MAX_ROWS) out.push(`| … | and ${groups.length - MAX_ROWS} more reasons | |`);
  return out;
}

/** VMs with the same calendar share a row (D13). */
function calendar(plan: Plan): string[] {
  if (!plan.calendar || plan.calendar.length === 0) return [];
  const months = plan.calendar[0].months.map((month) => month.month);
  const rows = new Map<string, string[]>();
  for (const entry of plan.calendar) {
    const key = entry.months.map((month) => month.kind).join(',');
    const names = rows.get(key);
    if (names) names.push(entry.name);
    else rows.set(key, [entry.name]);
  }
  const label = (kind: string) => (kind === 'baseline' ? 'baseline 🔄' : kind === 'unplanned-baseline' ? 'unplanned 🔄' : 'hotpatch');
  const out = ['### Hotpatch calendar', '', `| VMs | ${months.join(' | ')} |`, `| --- |${months.map(() => ' --- |').join('')}`];
  for (const [key, names] of [...rows].slice(0, MAX_ROWS))
    out.push(`| ${cell(`${names.length}: ${names.slice(0, 3).join(', ')}${names.length > 3 ? ' …' : ''}`)} | ${key.split(',').map(label).join(' | ')} |`);
  if (rows.size > MAX_ROWS) out.push(`| and ${rows.size - MAX_ROWS} more calendars |${months.map(() => ' |').join('')}`);
  out.push(
    '',
    '🔄 = reboot. Baselines in January, April, July and October; hotpatch months install security hotpatches without a reboot, but non-security, .NET and non-Windows updates may still reboot (HP4).',
  );
  return out;
}

function monteCarlo(plan: Plan): string[] {
  const mc = plan.monteCarlo;
  if (!mc) return [];
  const out = [
    '### Monte Carlo',
    '',
    `**Independent failures** (each target fails its health gate with probability ${mc.probability}): ${mc.runs} runs, seed ${mc.seed}; the rollout stopped in **${mc.stopped}** runs (${(mc.stopRate * 100).toFixed(1)}%)${mc.caughtInLastPhase ? `, ${mc.caughtInLastPhase} of them in the last phase (nothing left to protect)` : ''}.`,
  ];
  if (mc.stops.length > 0) {
    out.push('', '| phase | region (first breach in time) | stops |', '| --- | --- | --- |');
    for (const stop of mc.stops.slice(0, 20)) out.push(`| ${stop.phase} | ${cell(stop.region)} | ${stop.count} |`);
  }
  const c = mc.correlated;
  if (c) {
    out.push(
      '',
      `**Correlated failures** (each of the ${c.cohorts} releases — same image, or same extension versions — is bad with probability ${c.probability}; all its targets fail together): a bad release in ${c.badRuns} runs; caught before the last phase in ${c.stoppedBeforeLastPhase}; targets updated with the bad release before the stop: mean ${c.exposed.mean}, 90th percentile ${c.exposed.p90}, max ${c.exposed.max}${c.caughtIn.length > 0 ? `; caught in ${c.caughtIn.map((entry) => `phase ${entry.phase} (${entry.count})`).join(', ')}` : ''}.`,
    );
  }
  out.push('', '_Monte Carlo never changes the plan above or its exit code._');
  return out;
}
