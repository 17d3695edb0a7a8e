/** "Did you mean …?" for options, rule ids and schema properties. */
import { describe, expect, it } from 'vitest';
import { didYouMean, editDistance, similarNames } from '../src/similar-names.js';

const RULES = ['guest-patching/api-version', 'os-upgrade/api-version', 'guest-patching/rhel-packagekit', 'health/probe-required'];

describe('editDistance', () => {
  it.each([
    ['', '', 0],
    ['abc', '', 3],
    ['formt', 'format', 1],
    ['kitten', 'sitting', 3],
    ['flaw', 'lawn', 2],
  ])('%s -> %s: %i', (a, b, distance) => {
    expect(editDistance(a, b)).toBe(distance);
    expect(editDistance(b, a)).toBe(distance);
  });
});

describe('similarNames', () => {
  it.each([
    ['guest-patching/rhel-packagkit', ['guest-patching/rhel-packagekit']],
    ['rhel-packagekit', ['guest-patching/rhel-packagekit']],
    ['api-versoin', ['guest-patching/api-version', 'os-upgrade/api-version']],
    ['API-VERSION', ['guest-patching/api-version', 'os-upgrade/api-version']],
    ['health/probe-requird', ['health/probe-required']],
    ['zzzzzz', []],
    ['ab', []],
  ])('%s -> %j', (typed, expected) => {
    expect(similarNames(typed, RULES)).toEqual(expected);
  });

  it('says nothing when nothing is near, and quotes the names otherwise', () => {
    expect(didYouMean('zzzzzz', RULES)).toBe('');
    expect(didYouMean('rhel-packagekit', RULES)).toBe("; did you mean 'guest-patching/rhel-packagekit'?");
  });
});
