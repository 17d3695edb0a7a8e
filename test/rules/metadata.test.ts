/**
 * Rule metadata that other parts rely on: a rule that looks beyond its own resource (the model,
 * a target's linked extensions or parent) must say so with `crossResource`, because the Pulumi
 * policy pack runs it as a stack policy instead of a per-resource one.
 */
import { describe, expect, it } from 'vitest';
import { ALL_RULES } from '../../rules/index.js';
import { prepareTemplate } from '../../src/engine/lint.js';
import { resourcesOfKind } from '../../src/engine/runner.js';
import { TODAY, fixtureInput, validAndInvalidFixtures } from '../helpers/lint-fixture.js';

/** Rule ids seen reading the model or another resource through a target, over every fixture. */
function rulesReachingOtherResources(): Set<string> {
  const reaching = new Set<string>();
  for (const name of validAndInvalidFixtures()) {
    const prepared = prepareTemplate(fixtureInput(name), undefined, { rules: [] });
    const model = prepared.model;
    if (!model) continue;
    for (const rule of ALL_RULES) {
      for (const kind of rule.targets) {
        for (const target of resourcesOfKind(model, kind)) {
          const watched = new Proxy(target, {
            get(object, key, receiver) {
              if (key === 'extensions' || key === 'parent') reaching.add(rule.id);
              return Reflect.get(object, key, receiver);
            },
          });
          const context = {
            get model() {
              reaching.add(rule.id);
              return model;
            },
            previous: undefined,
            hasBaseline: false,
            options: { today: TODAY, sasHorizonDays: 30 },
            report() {},
          };
          try {
            rule.check(watched as never, context as never);
          } catch {
            // internal errors are tested elsewhere
          }
        }
      }
    }
  }
  return reaching;
}

describe('rule metadata', () => {
  const reaching = rulesReachingOtherResources();

  it.each(ALL_RULES.map((rule) => [rule.id, rule] as const))('%s declares crossResource exactly when it looks beyond its resource', (id, rule) => {
    expect(rule.crossResource === true, `${id}: crossResource`).toBe(reaching.has(id));
  });
});
