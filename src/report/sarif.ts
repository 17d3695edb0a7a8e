/**
 * SARIF 2.1.0 for GitHub code scanning: rules with help links, results with physical locations,
 * stable partial fingerprints (alerts survive moved lines), suppressed findings as suppressions.
 */
import { createHash } from '../lazy-builtins.js';
import type { Finding, Severity } from '../engine/finding.js';
import { repositoryPath, type Formatter } from './types.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/**
 * What identifies a finding across commits (lines move): rule, file from the repository root,
 * resource, property, and which of the rule's messages (one rule can say two things about one
 * property). Engine findings without a message id use the message.
 */
export function fingerprint(finding: Finding, file = finding.file): string {
  const detail = finding.messageId ?? (finding.path ? '' : finding.message);
  const identity = [finding.ruleId, file, finding.resource?.type ?? '', finding.resource?.name ?? '', finding.path ?? '', detail].join('\u0000');
  return createHash('sha256').update(identity).digest('hex').slice(0, 32);
}

/**
 * A repository path as a relative URI: each segment percent-encoded, so `#`, `?` and a `:` in a
 * file name are part of the path, not a fragment, a query or a scheme.
 */
function artifactUri(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}

export const sarif: Formatter = (result, options) => {
  const ruleIndex = new Map(result.rules.map((rule, index) => [rule.id, index]));
  const rules = result.rules.map((rule) => ({
    id: rule.id,
    name: rule.id.replace(/(^|[/-])(\w)/g, (_, __: string, ch: string) => ch.toUpperCase()),
    shortDescription: { text: rule.summary },
    fullDescription: { text: rule.summary },
    helpUri: rule.docsUrl,
    help: { text: `${rule.summary}. See ${rule.docsUrl}`, markdown: `${rule.summary}. [Documentation](${rule.docsUrl})` },
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: { tags: ['azure', 'update-management', ...rule.requirements] },
  }));
  const results = result.findings.map((finding) => {
    const file = repositoryPath(finding.file, options);
    const region: Record<string, number> = { startLine: finding.line, startColumn: finding.column };
    if (finding.endLine !== undefined) region.endLine = finding.endLine;
    if (finding.endColumn !== undefined) region.endColumn = finding.endColumn;
    const entry: Record<string, unknown> = {
      ruleId: finding.ruleId,
      level: LEVEL[finding.severity],
      message: { text: finding.message },
      locations: [
        {
          physicalLocation: { artifactLocation: { uri: artifactUri(file), uriBaseId: '%SRCROOT%' }, region },
          ...(finding.resource
            ? {
                logicalLocations: [
                  {
                    name: finding.resource.name,
                    fullyQualifiedName: `${finding.resource.type}/${finding.resource.name}${finding.path ? `:${finding.path}` : ''}`,
                    kind: 'resource',
                  },
                ],
              }
            : {}),
        },
      ],
      partialFingerprints: { 'patchwiseFinding/v1': fingerprint(finding, file) },
      properties: { requirements: finding.requirements, ...(finding.path ? { path: finding.path } : {}) },
    };
    // SARIF needs at least one replacement: a fix whose edits are withheld (a secret) is described only in JSON.
    if (finding.fix && finding.fix.edits.length > 0) {
      entry.fixes = [
        {
          description: { text: finding.fix.description },
          artifactChanges: [
            {
              artifactLocation: { uri: artifactUri(file), uriBaseId: '%SRCROOT%' },
              replacements: finding.fix.edits.map((edit) => ({
                deletedRegion: { charOffset: edit.offset, charLength: edit.length },
                insertedContent: { text: edit.content },
              })),
            },
          ],
        },
      ];
    }
    const index = ruleIndex.get(finding.ruleId);
    if (index !== undefined) entry.ruleIndex = index;
    if (finding.suppressed) {
      entry.suppressions = [
        {
          kind: finding.suppressed.kind === 'inline' ? 'inSource' : 'external',
          status: 'accepted',
          ...(finding.suppressed.reason ? { justification: finding.suppressed.reason } : {}),
        },
      ];
    }
    return entry;
  });
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'patchwise',
            version: result.version,
            semanticVersion: result.version,
            informationUri: 'https://github.com/patchwise-dev/patchwise',
            rules,
          },
        },
        originalUriBaseIds: {
          '%SRCROOT%': { description: { text: 'The root of the repository (git work tree) patchwise ran in; the working directory outside a repository.' } },
        },
        results,
        columnKind: 'utf16CodeUnits',
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};
