/**
 * What `--help` shows beyond the options: examples, exit codes and where the docs are, for each
 * command; and the width the help text is wrapped to.
 */
import type { Argv } from 'yargs';
import type { CliIO } from './io.js';

interface CommandHelp {
  examples: ReadonlyArray<readonly [command: string, description: string]>;
  exitCodes: string;
}

const DOCS = 'Documentation: README.md and docs/ in the package (node_modules/patchwise), or https://github.com/patchwise-dev/patchwise#readme';

export const COMMAND_HELP: Record<'patchwise' | 'lint' | 'plan' | 'convert' | 'rules' | 'explain' | 'merge' | 'init', CommandHelp> = {
  patchwise: {
    examples: [
      ['$0 lint infra', 'lint the ARM templates in a folder'],
      ['$0 plan infra --inventory fleet.inventory.json', 'preview the order in which Azure patches the fleet'],
      ['$0 explain guest-patching/windows-automatic-updates', "show a rule's documentation"],
    ],
    exitCodes:
      'Exit codes: 0 success; 1 lint found error findings (or more warnings than --max-warnings), or the plan has an error-level risk; 2 usage or configuration error.',
  },
  lint: {
    examples: [
      ['$0 lint', 'every ARM template below the working directory'],
      ['$0 lint infra/ main.json --parameters main.prod.parameters.json', 'files and folders, with a parameters file'],
      ['$0 lint infra --format sarif --output patchwise.sarif', 'SARIF for GitHub code scanning'],
      ['$0 lint main.json --baseline-ref origin/main', 'also report changes Azure does not allow after creation'],
      ['$0 lint infra --fix-dry-run', 'show the automatic fixes as a diff'],
      ['cat main.json | $0 lint - --stdin-filename main.json', 'lint standard input (an editor integration)'],
      ["$0 lint 'infra/**/*.json' --rule 'guest-patching/*'", 'a glob of files, one group of rules'],
      ['$0 lint --shard 2/4 --format json -o shard-2.json', 'one job of a CI matrix (join with patchwise merge)'],
    ],
    exitCodes: 'Exit codes: 0 no error findings; 1 error findings, or more warnings than --max-warnings; 2 usage or configuration error.',
  },
  plan: {
    examples: [
      ['$0 plan infra --inventory fleet.inventory.json --start 2026-12-08', 'the rollout of one monthly patch release'],
      ['$0 plan infra --scenario os-image-upgrade --format markdown --output plan.md', 'a pull-request comment with a Gantt chart'],
      ['$0 plan infra --baseline-ref origin/main', 'what a change does to the rollout'],
    ],
    exitCodes:
      'Exit codes: 0 the plan has no error-level risk; 1 it has one (the rollout stops on an injected failure, or takes more than 30 days); 2 usage error (bad options or dates, an unreadable inventory, a template that cannot be parsed).',
  },
  rules: {
    examples: [
      ['$0 rules', 'every rule, its severity and whether it can fix'],
      ['$0 rules --coverage', 'which rules cover each requirement of the specification'],
    ],
    exitCodes: 'Exit codes: 0 listed; 2 usage error.',
  },
  merge: {
    examples: [
      ['$0 merge shard-*.json --format sarif -o patchwise.sarif', 'one SARIF log from the JSON reports of lint --shard jobs'],
      ['$0 merge shard-*.json', 'one summary of every shard, for the log'],
    ],
    exitCodes:
      'Exit codes: 0 no error findings in the merged reports; 1 error findings (or more warnings than --max-warnings); 2 a report that cannot be read.',
  },
  init: {
    examples: [
      ['$0 init', 'write patchwise.config.json'],
      ['$0 init --github --pre-commit', 'also a GitHub workflow and a pre-commit entry'],
    ],
    exitCodes: 'Exit codes: 0 written (existing files are kept without --force); 2 usage error.',
  },
  convert: {
    examples: [
      ['$0 convert azuredeploy.json --out infra', 'write a Pulumi TypeScript project on the patchwise components'],
      ['$0 convert azuredeploy.json --out infra --parameters azuredeploy.parameters.json --stack prod', 'with the stack config example from a parameters file'],
    ],
    exitCodes: 'Exit codes: 0 written; 2 not a template, an earlier conversion in --out (use --force), or a usage error.',
  },
  explain: {
    examples: [['$0 explain guest-patching/windows-automatic-updates', "print the rule's page"]],
    exitCodes: 'Exit codes: 0 printed; 2 unknown rule id (similar ids are suggested) or usage error.',
  },
};

/** Adds a command's examples, exit codes and documentation pointer to its `--help`. */
export function withHelp<T>(argv: Argv<T>, command: keyof typeof COMMAND_HELP): Argv<T> {
  const help = COMMAND_HELP[command];
  let described = argv;
  for (const [example, description] of help.examples) described = described.example(example, description);
  return described.epilogue(`${help.exitCodes}\n\n${DOCS}`);
}

const DEFAULT_WIDTH = 100;
const MAX_TERMINAL_WIDTH = 120;

/** `COLUMNS` when set (pipes, CI logs, tests), else the terminal's width up to 120 columns, else 100. */
export function helpWidth(io: CliIO, terminalColumns: number | undefined = process.stdout.columns): number {
  const columns = Number.parseInt(io.env.COLUMNS ?? '', 10);
  if (columns > 0) return columns;
  return terminalColumns ? Math.min(terminalColumns, MAX_TERMINAL_WIDTH) : DEFAULT_WIDTH;
}
