/** `patchwise plan [paths..]`: the rollout plan preview (issue 4; the engine lives in src/plan/). */
import type { CliIO } from './io.js';
import { UsageError } from './files.js';

export interface PlanArgs {
  paths: string[];
  scenario: 'guest-patching' | 'os-image-upgrade' | 'extension-upgrade' | 'hotpatch-calendar';
  format: 'text' | 'markdown' | 'json';
  output?: string;
  start?: string;
  inventory?: string;
  seed?: number;
  runs?: number;
  parameters?: string;
  baseline?: string;
  baselineRef?: string;
  config?: string;
}

export async function runPlan(_args: PlanArgs, _io: CliIO): Promise<number> {
  throw new UsageError('plan is not available yet in this build');
}
