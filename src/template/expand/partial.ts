/**
 * allowedValues variants: the body of an instance whose identity is unchanged but whose body read
 * a varied parameter, built from the default pass's body. Only the top-level values, and the
 * members of `properties`, whose reads include a varied parameter are expanded again; the others
 * are shared with the default pass (its values are never modified). A copy loop of 25 VMs varied
 * on `imageSku` then evaluates 25 `storageProfile`s, not 25 whole bodies.
 */
import type { JsonPath } from '../json.js';
import { setOrigin } from '../origin.js';
import { defineProperty, isObject, type Json } from './context.js';
import type { Frame } from './frame.js';
import type { ArmScope } from './scope.js';
import { expandValue } from './values.js';

/** The body, and the read paths (dotted prefixes) expanded again; undefined when only a whole expansion is exact. */
export function partialBody(
  frame: Frame,
  declaration: Json,
  path: JsonPath,
  scope: ArmScope,
  previous: Json,
  changed: readonly string[],
): { body: Json; redone: string[] } | undefined {
  const touches = (prefix: string) => changed.some((read) => read === prefix || read.startsWith(`${prefix}.`));
  const keys = Object.keys(previous);
  // Every changed read must fall under a key of the body (the header's name and apiVersion are compared by the caller).
  if (!changed.every((read) => keys.some((key) => key !== 'name' && key !== 'apiVersion' && (read === key || read.startsWith(`${key}.`))))) return undefined;
  const body: Json = {};
  const redone: string[] = [];
  for (const key of keys) {
    if (key === 'name' || key === 'apiVersion' || !touches(key)) defineProperty(body, key, previous[key]);
    else if (key === 'properties' && !changed.includes(key) && isObject(declaration.properties) && isObject(previous.properties)) {
      defineProperty(body, key, partialProperties(frame, declaration.properties, previous.properties, [...path, key], scope, touches, redone));
    } else {
      defineProperty(body, key, expandValue(frame, declaration[key], [...path, key], scope, 0, false));
      redone.push(key);
    }
  }
  setOrigin(body, { document: frame.document, path });
  return { body, redone };
}

function partialProperties(
  frame: Frame,
  properties: Json,
  previous: Json,
  path: JsonPath,
  scope: ArmScope,
  touches: (prefix: string) => boolean,
  redone: string[],
): unknown {
  // A property copy loop makes members that are not keys of the declaration: expand it whole.
  if (Object.keys(properties).some((key) => key.toLowerCase() === 'copy')) {
    redone.push('properties');
    return expandValue(frame, properties, path, scope, 0, false);
  }
  const out: Json = {};
  for (const key of Object.keys(previous)) {
    if (!touches(`properties.${key}`)) defineProperty(out, key, previous[key]);
    else {
      defineProperty(out, key, expandValue(frame, properties[key], [...path, key], scope, 1, false));
      redone.push(`properties.${key}`);
    }
  }
  // As expandValue anchors a body's top-level values.
  setOrigin(out, { document: frame.document, path: path.slice() });
  return out;
}
