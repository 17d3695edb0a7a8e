/**
 * The plan as a pull-request comment: what the change does (with --baseline), a summary table, a
 * Mermaid Gantt chart of phases and waves, the risks and the resources outside the rollout.
 */
import { describeResource } from '../diff.js';
import type { Plan } from '../types.js';
import { describeTargets, shortTime, where } from './shared.js';

const MAX_GANTT_WAVES = 60;
const MAX_ROWS = 50;

/** Table cells: no pipes or line breaks, no HTML. */
function cell(text: string | number): string {
  return String(text).replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/[<>]/g, (c) => (c === '<' ? '&lt;' : '&gt;')).replace(/\r?\n/g, ' ');
}

/** Mermaid task names: no colons, hashes or semicolons (they end the name). */
function task(text: string): string {
  return text.replace(/[:#;]/g, ' ').replace(/\s+/g, ' ').trim();
}

export function renderMarkdown(plan: Plan): string {
  const s = plan.summary;
  const out: string[] = [];
  out.push(`## patchwise plan: ${plan.scenario}`, '');
  if (plan.diff) {
    const d = plan.diff;
    out.push('### What this change does', '');
    const items: string[] = [];
    for (const id of d.entered) items.push(`- ➕ enters the platform rollout: \`${cell(describeResource(id))}\``);
    for (const id of d.left) items.push(`- ➖ leaves the platform rollout: \`${cell(describeResource(id))}\``);
    for (const phase of d.phasesChanged) items.push(`- phase ${phase.index}: ${cell(phase.before.join(', ') || '(none)')} → ${cell(phase.after.join(', ') || '(none)')}`);
    for (const row of d.wavesChanged) items.push(`- ${cell(row.region)}: ${row.before} → ${row.after} waves`);
    for (const risk of d.newRisks) items.push(`- ⚠️ new risk \`${risk.id}\`: ${cell(risk.message)}`);
    for (const risk of d.resolvedRisks) items.push(`- ✅ resolved \`${risk.id}\`: ${cell(risk.message)}`);
    if (d.durationHours.before !== d.durationHours.after) items.push(`- duration: ${d.durationHours.before} h → ${d.durationHours.after} h`);
    out.push(...(items.length > 0 ? items : ['No change to the rollout.']), '');
  }
  out.push('| | |', '| --- | --- |');
  out.push(`| release | ${plan.start.slice(0, 10)} |`);
  out.push(`| targets | ${s.targets} in ${s.regions} regions |`);
  out.push(`| phases / waves | ${s.phases} / ${s.waves} |`);
  out.push(`| ends | ${shortTime(s.end)} UTC (${s.durationHours} h${s.withinThirtyDays ? '' : ', more than 30 days'}) |`);
  out.push(`| outcome | ${s.status}${s.stoppedAt ? `: ${cell(s.stoppedAt.reason)}` : ''} |`);
  out.push(`| risks | ${s.risks.error} errors, ${s.risks.warning} warnings, ${s.risks.info} notes |`);
  out.push(`| not in the rollout | ${s.excluded} |`, '');

  if (plan.waves.length > 0) {
    out.push('```mermaid', 'gantt', `  title ${task(`${plan.scenario} from ${plan.start.slice(0, 10)} (UTC)`)}`, '  dateFormat YYYY-MM-DD HH:mm', '  axisFormat %m-%d %H:%M');
    let shown = 0;
    for (const phase of plan.phases) {
      out.push(`  section Phase ${phase.index}`);
      for (const wave of plan.waves.filter((w) => w.phase === phase.index)) {
        if (shown >= MAX_GANTT_WAVES) break;
        const state = wave.status === 'stopped' ? 'crit, ' : wave.status === 'not-reached' ? 'done, ' : '';
        out.push(`  ${task(`W${wave.index} ${where(wave)} (${wave.targets.length})`)} :${state}w${wave.index}, ${shortTime(wave.start)}, ${shortTime(wave.end)}`);
        shown += 1;
      }
    }
    out.push('```');
    if (plan.waves.length > MAX_GANTT_WAVES) out.push('', `_The chart shows the first ${MAX_GANTT_WAVES} of ${plan.waves.length} waves._`);
    out.push('');
    out.push('<details><summary>Waves</summary>', '', '| wave | phase | where | start (UTC) | end | status | targets |', '| --- | --- | --- | --- | --- | --- | --- |');
    for (const wave of plan.waves.slice(0, MAX_ROWS)) {
      out.push(`| ${wave.index} | ${wave.phase} | ${cell(where(wave))} | ${shortTime(wave.start)} | ${shortTime(wave.end)} | ${wave.status} | ${cell(describeTargets(wave.targets))}${wave.pauseMinutes ? ` (after a ${wave.pauseMinutes} min pause)` : ''}${wave.targets.every((target) => target.maxSurge) ? ' (maxSurge: capacity kept)' : ''} |`);
    }
    if (plan.waves.length > MAX_ROWS) out.push(`| … | | | | | | ${plan.waves.length - MAX_ROWS} more |`);
    out.push('', '</details>', '');
  }

  out.push('### Risks', '');
  if (plan.risks.length === 0) out.push('None found.');
  else {
    out.push('| severity | risk | what | requirements |', '| --- | --- | --- | --- |');
    for (const risk of plan.risks) out.push(`| ${risk.severity} | \`${risk.id}\` | ${cell(risk.message)} | ${risk.requirements.join(', ')} |`);
  }
  out.push('');
  if (plan.failures.length > 0) {
    out.push('### Unhealthy after the update', '', '| target | wave | rollback |', '| --- | --- | --- |');
    for (const failure of plan.failures.slice(0, MAX_ROWS)) out.push(`| ${cell(failure.target)} | ${failure.wave} | ${failure.rollback} |`);
    out.push('');
  }
  if (plan.retries && plan.retries.length > 0) {
    out.push('### Retried in the next off-peak window (GP18)', '', '| target | failed in wave | retry (UTC) |', '| --- | --- | --- |');
    for (const retry of plan.retries.slice(0, MAX_ROWS)) out.push(`| ${cell(retry.target)} | ${retry.wave} | ${shortTime(retry.start)} → ${shortTime(retry.end)} |`);
    out.push('');
  }
  out.push('### Not in the platform rollout', '');
  if (plan.excluded.length === 0) out.push('Every resource is in the rollout.');
  else {
    out.push('| resource | file | reason |', '| --- | --- | --- |');
    for (const entry of plan.excluded.slice(0, MAX_ROWS)) out.push(`| ${cell(entry.name)} | ${cell(entry.file)} | ${cell(entry.reason)} |`);
    if (plan.excluded.length > MAX_ROWS) out.push(`| … | | ${plan.excluded.length - MAX_ROWS} more |`);
  }
  out.push('');
  if (plan.calendar && plan.calendar.length > 0) {
    const months = plan.calendar[0].months.map((month) => month.month);
    out.push('### Hotpatch calendar', '', `| VM | ${months.join(' | ')} |`, `| --- |${months.map(() => ' --- |').join('')}`);
    for (const entry of plan.calendar.slice(0, MAX_ROWS)) {
      out.push(`| ${cell(entry.name)} | ${entry.months.map((month) => (month.kind === 'baseline' ? 'baseline 🔄' : month.kind === 'unplanned-baseline' ? 'unplanned 🔄' : 'hotpatch')).join(' | ')} |`);
    }
    out.push('', '🔄 = reboot. Baselines in January, April, July and October; hotpatch months need no reboot (HP4).', '');
  }
  if (plan.monteCarlo) {
    const mc = plan.monteCarlo;
    out.push('### Monte Carlo', '', `${mc.runs} runs, seed ${mc.seed}, failure probability ${mc.probability}: the rollout stopped in **${mc.stopped}** runs (${(mc.stopRate * 100).toFixed(1)}%).`, '');
    if (mc.stops.length > 0) {
      out.push('| phase | region | stops |', '| --- | --- | --- |');
      for (const stop of mc.stops.slice(0, 20)) out.push(`| ${stop.phase} | ${cell(stop.region)} | ${stop.count} |`);
      out.push('');
    }
  }
  out.push(`<sub>Phase order: ${plan.model.phaseOrder === 'inventory' ? 'from the inventory' : 'patchwise model (Azure does not publish its own)'}; off-peak default ${plan.model.offPeakDefault} local time; ${plan.model.updateMinutes} min per update + ${plan.model.healthGateMinutes} min health gate.</sub>`);
  return `${out.join('\n')}\n`;
}
