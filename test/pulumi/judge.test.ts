/** The judge's tables name rules and messages that exist: a renamed rule or messageId must not leave them silently stale. */
import { describe, expect, it } from 'vitest';
import { ALL_RULES } from '../../rules/index.js';
import { applicationHealthRuleArguments } from '../../components/pulumi/extension-plan.js';
import { NOT_REFUSED } from '../../components/pulumi/judge.js';
import { SCALE_SET_RULE_ARGUMENTS } from '../../components/pulumi/scale-set-plan.js';
import { patchingRuleArguments } from '../../components/pulumi/vm-patching.js';

const RULES = new Map(ALL_RULES.map((rule) => [rule.id, rule]));

/** `rule` or `rule:messageId` → the rule, when it (and the message) exist. */
function ruleOf(key: string) {
  const [id, messageId] = key.split(':');
  const rule = RULES.get(id);
  return rule && (messageId === undefined || messageId in rule.messages) ? rule : undefined;
}

describe('judge tables', () => {
  it.each(ALL_RULES.filter((rule) => rule.messageRequirements).map((rule) => [rule.id, rule] as const))(
    '%s: messageRequirements name its messages and its requirements',
    (_id, rule) => {
      for (const [messageId, requirements] of Object.entries(rule.messageRequirements ?? {})) {
        expect(rule.messages).toHaveProperty(messageId);
        for (const requirement of requirements ?? []) expect(rule.requirements).toContain(requirement);
      }
    },
  );

  it.each([
    ...NOT_REFUSED,
    ...Object.keys(patchingRuleArguments()),
    ...Object.keys(applicationHealthRuleArguments('settings')),
    ...Object.keys(SCALE_SET_RULE_ARGUMENTS),
  ])('%s names a rule (and message) that exist', (key) => {
    expect(ruleOf(key), key).toBeDefined();
  });
});
