/** The plan as a timeline for a terminal. */
import { describeResource } from '../diff.js';
import type { Plan } from '../types.js';
import { describeGroupChange, describeTargets, duration, groupExclusions, groupRisks, shortTime, verdict, where } from './shared.js';

const MAX_WAVES_PER_PHASE = 40;
/** Risks of one id, and resources of one exclusion reason, listed one per line before "… and N more". */
const MAX_LISTED = 5;

/** Rolling-upgrade notes of a wave: the pause it waited, and maxSurge (no capacity loss). */
function timing(wave: Plan['waves'][number]): string {
  const notes: string[] = [];
  if (wave.pauseMinutes) notes.push(`after a ${wave.pauseMinutes} min pause`);
  if (wave.targets.every((target) => target.maxSurge)) notes.push('maxSurge: capacity kept');
  return notes.length > 0 ? `  (${notes.join('; ')})` : '';
}

export function renderText(plan: Plan): string {
  const s = plan.summary;
  const lines: string[] = [];
  lines.push(`Rollout plan: ${plan.scenario}, release ${plan.start.slice(0, 10)} (times UTC)`);
  const ends = s.stoppedAt?.at
    ? `stops ${shortTime(s.stoppedAt.at)} (planned end ${shortTime(s.end)})`
    : `ends ${shortTime(s.end)} after ${duration(s.durationHours)}${s.withinThirtyDays ? '' : ' (more than 30 days)'}`;
  lines.push(`${s.targets} targets in ${s.regions} regions, ${s.phases} phases, ${s.waves} waves; ${ends}; ${s.status}`);
  lines.push(verdict(plan));
  const insights = plan.insights;
  if (insights && s.targets > 0) {
    const at = (hours: number | null) => (hours === null ? 'never' : duration(hours));
    lines.push(
      `coverage: 50% after ${at(insights.coverageHours.p50)}, 90% after ${at(insights.coverageHours.p90)}, 100% after ${at(insights.coverageHours.p100)}; reboots ${insights.reboots.yes} (+${insights.reboots.ifRequired} if required); at most ${insights.peakConcurrent} at once`,
    );
  }
  lines.push('');
  for (const phase of plan.phases) {
    lines.push(`Phase ${phase.index} [${phase.status}] ${shortTime(phase.start)} → ${shortTime(phase.end)}  ${phase.regions.join(', ')}`);
    const waves = plan.waves.filter((wave) => wave.phase === phase.index);
    for (const wave of waves.slice(0, MAX_WAVES_PER_PHASE)) {
      const mark = wave.status === 'completed' ? ' ' : wave.status === 'stopped' ? '!' : '-';
      lines.push(
        `  ${mark} wave ${String(wave.index).padStart(3)}  ${shortTime(wave.start)} → ${shortTime(wave.end).slice(11)}  ${where(wave).padEnd(24)} ${wave.targets.length} × ${describeTargets(wave.targets)}${timing(wave)}`,
      );
    }
    if (waves.length > MAX_WAVES_PER_PHASE) lines.push(`    … ${waves.length - MAX_WAVES_PER_PHASE} more waves (use --format json for all)`);
  }
  if (plan.summary.stoppedAt)
    lines.push(
      '',
      `Stopped: ${plan.summary.stoppedAt.reason} (phase ${plan.summary.stoppedAt.phase}, wave ${plan.summary.stoppedAt.wave}${plan.summary.stoppedAt.at ? `, ${shortTime(plan.summary.stoppedAt.at)}` : ''})`,
    );
  for (const failure of plan.failures.slice(0, 20)) lines.push(`  unhealthy: ${failure.target} (wave ${failure.wave}, rollback: ${failure.rollback})`);
  if (plan.retries) {
    lines.push('', 'Retried in the next off-peak window (GP18):');
    for (const retry of plan.retries.slice(0, 20))
      lines.push(`  ${retry.target} (failed in wave ${retry.wave}): ${shortTime(retry.start)} → ${shortTime(retry.end).slice(11)}`);
    if (plan.retries.length > 20) lines.push(`  … ${plan.retries.length - 20} more`);
  }
  if (plan.risks.length > 0) {
    lines.push('', 'Risks:');
    for (const group of groupRisks(plan.risks)) {
      const listed = plan.risks.filter((risk) => risk.id === group.id).slice(0, MAX_LISTED);
      for (const risk of listed) lines.push(`  ${risk.severity.padEnd(7)} ${risk.id}: ${risk.message} [${risk.requirements.join(', ')}]`);
      if (group.count > listed.length) lines.push(`          … and ${group.count - listed.length} more ${group.id}`);
    }
  }
  if (plan.excluded.length > 0) {
    lines.push('', 'Not in the platform rollout:');
    for (const group of groupExclusions(plan.excluded)) {
      const files = new Map(plan.excluded.map((entry) => [entry.name, entry.file]));
      if (group.names.length <= MAX_LISTED) for (const name of group.names) lines.push(`  ${name} (${files.get(name)}): ${group.reason}`);
      else lines.push(`  ${group.names.length} resources: ${group.reason} (${group.names.slice(0, 3).join(', ')} and ${group.names.length - 3} more)`);
    }
  }
  if (plan.calendar && plan.calendar.length > 0) {
    lines.push('', 'Hotpatch calendar (B baseline with reboot, U unplanned baseline, h hotpatch without reboot):');
    const months = plan.calendar[0]?.months.map((month) => month.month) ?? [];
    if (months.length > 0) lines.push(`  ${''.padEnd(24)} ${months.map((month) => month.slice(2)).join(' ')}`);
    for (const entry of plan.calendar.slice(0, 50)) {
      lines.push(
        `  ${entry.name.padEnd(24)} ${entry.months.map((month) => (month.kind === 'baseline' ? 'B' : month.kind === 'unplanned-baseline' ? 'U' : 'h').padEnd(5)).join(' ')}`,
      );
    }
  }
  if (plan.monteCarlo) {
    const mc = plan.monteCarlo;
    lines.push(
      '',
      `Monte Carlo: ${mc.runs} runs (seed ${mc.seed}, independent failure probability ${mc.probability}): stopped in ${mc.stopped} (${(mc.stopRate * 100).toFixed(1)}%)${mc.caughtInLastPhase ? `, ${mc.caughtInLastPhase} in the last phase` : ''}`,
    );
    for (const stop of mc.stops.slice(0, 10)) lines.push(`  phase ${stop.phase} ${stop.region}: ${stop.count}`);
    const c = mc.correlated;
    if (c)
      lines.push(
        `Correlated (each of ${c.cohorts} releases bad with probability ${c.probability}): bad in ${c.badRuns} runs, caught before the last phase in ${c.stoppedBeforeLastPhase}; targets updated with a bad release: mean ${c.exposed.mean}, p90 ${c.exposed.p90}, max ${c.exposed.max}`,
      );
  }
  if (plan.diff) {
    const d = plan.diff;
    lines.push('', 'Change against the baseline:');
    for (const id of d.entered) lines.push(`  + enters the rollout: ${describeResource(id)}`);
    for (const id of d.left) lines.push(`  - leaves the rollout: ${describeResource(id)}`);
    for (const group of d.groupsChanged ?? []) lines.push(`  ~ ${describeGroupChange(group)}`);
    for (const move of d.targetsMoved ?? [])
      lines.push(`  ~ ${describeResource(move.target)} moves ${move.field === 'updateDomain' ? 'update domain' : move.field} ${move.before} → ${move.after}`);
    for (const phase of d.phasesChanged) lines.push(`  ~ phase ${phase.index}: ${phase.before.join(', ') || '(none)'} → ${phase.after.join(', ') || '(none)'}`);
    for (const row of d.wavesChanged) lines.push(`  ~ ${row.region}: ${row.before} → ${row.after} waves`);
    for (const risk of d.newRisks) lines.push(`  ! new risk ${risk.id}: ${risk.message}`);
    for (const risk of d.resolvedRisks) lines.push(`  ✓ resolved ${risk.id}: ${risk.message}`);
    if (d.durationHours.before !== d.durationHours.after) lines.push(`  duration: ${duration(d.durationHours.before)} → ${duration(d.durationHours.after)}`);
    if (lines[lines.length - 1] === 'Change against the baseline:') lines.push('  no change to the rollout');
  }
  return `${lines.join('\n')}\n`;
}
