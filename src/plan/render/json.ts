/** The plan as JSON: the public contract documented by schemas/plan.schema.json. */
import type { Plan } from '../types.js';

export function renderJson(plan: Plan): string {
  return `${JSON.stringify(plan, null, 2)}\n`;
}
