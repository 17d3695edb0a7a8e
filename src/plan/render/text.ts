/** The plan as a timeline for a terminal. */
import { describeResource } from '../diff.js';
import type { Plan } from '../types.js';
import { describeTargets, shortTime, where } from './shared.js';

const MAX_WAVES_PER_PHASE = 40;

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
  lines.push(`${s.targets} targets in ${s.regions} regions, ${s.phases} phases, ${s.waves} waves; ends ${shortTime(s.end)} after ${s.durationHours} h${s.withinThirtyDays ? '' : ' (more than 30 days)'}; ${s.status}`);
  lines.push('');
  for (const phase of plan.phases) {
    lines.push(`Phase ${phase.index} [${phase.status}] ${shortTime(phase.start)} → ${shortTime(phase.end)}  ${phase.regions.join(', ')}`);
    const waves = plan.waves.filter((wave) => wave.phase === phase.index);
    for (const wave of waves.slice(0, MAX_WAVES_PER_PHASE)) {
      const mark = wave.status === 'completed' ? ' ' : wave.status === 'stopped' ? '!' : '-';
      lines.push(`  ${mark} wave ${String(wave.index).padStart(3)}  ${shortTime(wave.start)} → ${shortTime(wave.end).slice(11)}  ${where(wave).padEnd(24)} ${wave.targets.length} × ${describeTargets(wave.targets)}${timing(wave)}`);
    }
    if (waves.length > MAX_WAVES_PER_PHASE) lines.push(`    … ${waves.length - MAX_WAVES_PER_PHASE} more waves (use --format json for all)`);
  }
  if (plan.summary.stoppedAt) lines.push('', `Stopped: ${plan.summary.stoppedAt.reason} (phase ${plan.summary.stoppedAt.phase}, wave ${plan.summary.stoppedAt.wave})`);
  for (const failure of plan.failures.slice(0, 20)) lines.push(`  unhealthy: ${failure.target} (wave ${failure.wave}, rollback: ${failure.rollback})`);
  if (plan.retries) {
    lines.push('', 'Retried in the next off-peak window (GP18):');
    for (const retry of plan.retries.slice(0, 20)) lines.push(`  ${retry.target} (failed in wave ${retry.wave}): ${shortTime(retry.start)} → ${shortTime(retry.end).slice(11)}`);
    if (plan.retries.length > 20) lines.push(`  … ${plan.retries.length - 20} more`);
  }
  if (plan.risks.length > 0) {
    lines.push('', 'Risks:');
    for (const risk of plan.risks) lines.push(`  ${risk.severity.padEnd(7)} ${risk.id}: ${risk.message} [${risk.requirements.join(', ')}]`);
  }
  if (plan.excluded.length > 0) {
    lines.push('', 'Not in the platform rollout:');
    for (const entry of plan.excluded) lines.push(`  ${entry.name} (${entry.file}): ${entry.reason}`);
  }
  if (plan.calendar) {
    lines.push('', 'Hotpatch calendar (B baseline with reboot, U unplanned baseline, h hotpatch without reboot):');
    const months = plan.calendar[0]?.months.map((month) => month.month) ?? [];
    if (months.length > 0) lines.push(`  ${''.padEnd(24)} ${months.map((month) => month.slice(2)).join(' ')}`);
    for (const entry of plan.calendar.slice(0, 50)) {
      lines.push(`  ${entry.name.padEnd(24)} ${entry.months.map((month) => (month.kind === 'baseline' ? 'B' : month.kind === 'unplanned-baseline' ? 'U' : 'h').padEnd(5)).join(' ')}`);
    }
  }
  if (plan.monteCarlo) {
    const mc = plan.monteCarlo;
    lines.push('', `Monte Carlo: ${mc.runs} runs (seed ${mc.seed}, failure probability ${mc.probability}): stopped in ${mc.stopped} (${(mc.stopRate * 100).toFixed(1)}%)`);
    for (const stop of mc.stops.slice(0, 10)) lines.push(`  phase ${stop.phase} ${stop.region}: ${stop.count}`);
  }
  if (plan.diff) {
    const d = plan.diff;
    lines.push('', 'Change against the baseline:');
    for (const id of d.entered) lines.push(`  + enters the rollout: ${describeResource(id)}`);
    for (const id of d.left) lines.push(`  - leaves the rollout: ${describeResource(id)}`);
    for (const phase of d.phasesChanged) lines.push(`  ~ phase ${phase.index}: ${phase.before.join(', ') || '(none)'} → ${phase.after.join(', ') || '(none)'}`);
    for (const row of d.wavesChanged) lines.push(`  ~ ${row.region}: ${row.before} → ${row.after} waves`);
    for (const risk of d.newRisks) lines.push(`  ! new risk ${risk.id}: ${risk.message}`);
    for (const risk of d.resolvedRisks) lines.push(`  ✓ resolved ${risk.id}: ${risk.message}`);
    lines.push(`  duration: ${d.durationHours.before} h → ${d.durationHours.after} h`);
  }
  return `${lines.join('\n')}\n`;
}
