import { isApplicationHealthExtension } from '../../src/catalog/extensions.js';
import { canonical, isKnown, isObject } from '../../src/model/field.js';
import type { JsonPath } from '../../src/model/source.js';
import { isUnknown } from '../../src/model/unknown.js';
import { defineRule } from '../../src/engine/rule.js';

const PROTOCOLS = ['http', 'https', 'tcp'] as const;
const RANGES: Array<{ key: string; min: number; max: number }> = [
  { key: 'intervalInSeconds', min: 5, max: 60 },
  { key: 'numberOfProbes', min: 1, max: 24 },
  { key: 'gracePeriod', min: 0, max: 14400 },
];

/** A number as ARM passes it: a JSON number or a string of digits. */
function asNumber(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) return Number(value);
  return undefined;
}

/** Written and not empty (an empty requestPath is what module templates write for tcp). */
function written(value: unknown): boolean {
  return value !== undefined && value !== null && value !== '';
}

export default defineRule({
  id: 'health/application-health-settings',
  severity: 'error',
  requirements: ['CF6'],
  targets: ['extension'],
  summary: 'Application Health extension settings: protocol, port, requestPath, probe interval and count, grace period, version',
  fixable: true,
  messages: {
    protocol: "Application Health extension protocol '{{value}}' is not one of http, https, tcp",
    tcpPort: 'the Application Health extension with protocol tcp needs settings.port (the port to open a TCP connection to)',
    requestPathMissing: 'the Application Health extension with protocol {{protocol}} needs settings.requestPath (the path to request, e.g. /health)',
    requestPathTcp: 'settings.requestPath is not allowed with protocol tcp: remove it (or use http/https)',
    outOfRange: 'Application Health extension settings.{{property}} is {{value}}: it must be from {{min}} to {{max}}',
    version: "Application Health extension typeHandlerVersion '{{value}}' does not exist: use 1.0 (binary health states) or 2.0 (rich health states)",
    protocolMissing: "the Application Health extension needs settings.protocol: 'http', 'https' or 'tcp'",
    port: 'Application Health extension settings.port {{value}} is not a port: use 1-65535',
    gracePeriodV1: "settings.gracePeriod needs rich health states: typeHandlerVersion '2.0' (this extension uses {{version}})",
  },
  check(extension, context) {
    if (!isKnown(extension.publisher) || !isKnown(extension.type) || !isApplicationHealthExtension(extension.publisher.value, extension.type.value)) return;

    const version = extension.typeHandlerVersion;
    if (isKnown(version) && !/^\s*[12](\.0)?\s*$/.test(version.value)) {
      context.report({ path: version.path, messageId: 'version', data: { value: version.value } });
    }

    const settings = extension.settings.value;
    if (!isObject(settings)) return;
    const base: JsonPath = [...extension.propertiesPath, 'settings'];
    const at = (key: string): JsonPath => [...base, key];

    for (const { key, min, max } of RANGES) {
      const value = asNumber(settings[key]);
      if (value !== undefined && (value < min || value > max)) {
        context.report({ path: at(key), messageId: 'outOfRange', data: { property: key, value, min, max } });
      }
    }
    const portNumber = asNumber(settings.port);
    if (portNumber !== undefined && !(Number.isInteger(portNumber) && portNumber >= 1 && portNumber <= 65535)) {
      context.report({ path: at('port'), messageId: 'port', data: { value: portNumber } });
    }
    // gracePeriod belongs to rich health states (CF6): version 1.x ignores it.
    if (written(settings.gracePeriod) && isKnown(version) && /^\s*1(\.\d+)?\s*$/.test(version.value)) {
      context.report({ path: at('gracePeriod'), messageId: 'gracePeriodV1', data: { version: version.value } });
    }

    const rawProtocol = settings.protocol;
    // Not written: the extension cannot probe (a settings object that is known, without the key).
    if (rawProtocol === undefined || rawProtocol === null) return context.report({ path: base, messageId: 'protocolMissing' });
    if (typeof rawProtocol !== 'string') return; // unknown
    const protocol = canonical(rawProtocol, PROTOCOLS);
    if (!protocol) {
      context.report({ path: at('protocol'), messageId: 'protocol', data: { value: rawProtocol } });
      return;
    }
    const port = settings.port;
    const requestPath = settings.requestPath;
    if (protocol === 'tcp') {
      if (!written(port)) context.report({ path: at('protocol'), messageId: 'tcpPort' });
      if (written(requestPath) && !isUnknown(requestPath)) {
        context.report({
          path: at('requestPath'),
          messageId: 'requestPathTcp',
          fix: { description: 'Remove settings.requestPath', path: at('requestPath'), value: undefined },
        });
      }
    } else if (!written(requestPath)) {
      context.report({ path: at('protocol'), messageId: 'requestPathMissing', data: { protocol } });
    }
  },
});
