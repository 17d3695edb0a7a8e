/**
 * `npm run new-rule -- <group>/<name> [--requirements GP1,GP2] [--targets virtualMachine,scaleSet]`:
 * scaffolds a rule the way the registry and the rule tester expect it: the rule file, its line in
 * rules/index.ts, a docs page from docs/rules/TEMPLATE.md, a fixture folder with a first invalid
 * case and the test file. Nothing is overwritten.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

// The repository; a test points it at a scratch copy.
const ROOT = process.env.PATCHWISE_SCAFFOLD_ROOT ?? resolve(import.meta.dirname, '..');
const TARGETS = [
  'virtualMachine',
  'scaleSet',
  'extension',
  'availabilitySet',
  'loadBalancer',
  'serviceFabricCluster',
  'maintenanceConfiguration',
  'configurationAssignment',
];

function camel(name: string): string {
  return name.replace(/-(\w)/g, (_, letter: string) => letter.toUpperCase());
}

function write(path: string, text: string): void {
  const absolute = join(ROOT, path);
  mkdirSync(dirname(absolute), { recursive: true });
  writeFileSync(absolute, text, { flag: 'wx' });
  process.stdout.write(`created ${path}\n`);
}

function main(argv: string[]): number {
  const id = argv[0];
  const option = (name: string, fallback: string) => {
    const at = argv.indexOf(`--${name}`);
    return at >= 0 && argv[at + 1] ? argv[at + 1] : fallback;
  };
  if (!id || !/^[a-z]+(-[a-z]+)*\/[a-z]+(-[a-z]+)*$/.test(id)) {
    process.stderr.write(
      'usage: npm run new-rule -- <group>/<name> [--requirements GP1,GP2] [--targets virtualMachine,scaleSet]\n  (lower-case words joined by -, e.g. guest-patching/reboot-window)\n',
    );
    return 2;
  }
  const requirements = option('requirements', '').split(',').filter(Boolean);
  const targets = option('targets', 'virtualMachine').split(',');
  const unknownTarget = targets.find((target) => !TARGETS.includes(target));
  if (unknownTarget) {
    process.stderr.write(`unknown target '${unknownTarget}': one of ${TARGETS.join(', ')}\n`);
    return 2;
  }
  const files = [`rules/${id}.ts`, `docs/rules/${id}.md`, `test/rules/${id}.test.ts`, `fixtures/arm/rules/${id}/invalid/example.json`];
  const existing = files.filter((file) => existsSync(join(ROOT, file)));
  if (existing.length > 0) {
    process.stderr.write(`already there: ${existing.join(', ')}\n`);
    return 2;
  }
  const name = camel(id.split('/')[1]);
  write(
    `rules/${id}.ts`,
    `import { defineRule } from '../../src/engine/rule.js';

export default defineRule({
  id: '${id}',
  severity: 'error',
  requirements: [${requirements.map((requirement) => `'${requirement}'`).join(', ')}],
  targets: [${targets.map((entry) => `'${entry}'`).join(', ')}],
  summary: 'One line: what the rule checks',
  messages: {
    // Keyed by messageId; {{placeholders}} come from report({ data }).
    example: 'what is wrong, why it matters, and what to write instead',
  },
  check(target, context) {
    // Replace with the check: ask src/model/facts/ for domain answers, report known values only
    // (an Unknown is never an error), give a path inside the resource.
    if (target.resource.apiVersion === '') context.report({ path: ['apiVersion'], messageId: 'example' });
  },
});
`,
  );
  const registry = join(ROOT, 'rules', 'index.ts');
  let text = readFileSync(registry, 'utf8');
  const imports = [...text.matchAll(/^import .*;$/gm)];
  const last = imports[imports.length - 1];
  text = `${text.slice(0, last.index + last[0].length)}\nimport ${name} from './${id}.js';${text.slice(last.index + last[0].length)}`;
  text = text.replace(/\n\];\s*$/, `\n  ${name},\n];\n`);
  writeFileSync(registry, text);
  process.stdout.write('registered in rules/index.ts\n');
  const template = readFileSync(join(ROOT, 'docs', 'rules', 'TEMPLATE.md'), 'utf8');
  write(
    `docs/rules/${id}.md`,
    template
      .replace('{{id}}', id)
      .replace('{{severity}}', 'error')
      .replace('{{requirements}}', requirements.join(', ') || '-')
      .replace('{{targets}}', targets.join(', ')),
  );
  write(
    `fixtures/arm/rules/${id}/invalid/example.json`,
    `${JSON.stringify(
      {
        $schema: 'https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#',
        contentVersion: '1.0.0.0',
        resources: [{ type: 'Microsoft.Compute/virtualMachines', apiVersion: '2024-07-01', name: 'vm1', location: 'westeurope', properties: {} }],
      },
      null,
      2,
    )}\n`,
  );
  write(
    `test/rules/${id}.test.ts`,
    `import rule from '../../../rules/${id}.js';
import { testRule } from '../../helpers/rule-tester.js';

// Rows: \`npm run findings -- rules/${id}/invalid/<case>.json\` (review them before pasting).
testRule(rule, {
  invalid: [
    {
      fixture: 'example.json',
      errors: [{ messageId: 'example', path: 'properties', line: 1 }],
    },
  ],
});
`,
  );
  process.stdout.write(`next: edit the fixture and the rule, then npm run findings -- rules/${id}/invalid/example.json, the docs page, and npm test\n`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
