/**
 * The command line. The only place that knows about the process: arguments, exit codes, output.
 * Commands load their modules on demand so `--version` and `--help` stay fast, and nothing here
 * ever loads Pulumi.
 */
import { ConfigError } from '../engine/config.js';
import { packageVersion } from '../engine/package-info.js';
import { DEFAULT_SAS_HORIZON_DAYS } from '../engine/rule.js';
import { UsageError } from './files.js';
import { FORMATS } from '../report/formats.js';
import { neutralizeControls } from '../report/neutralize.js';
import { PLAN_FORMATS, SCENARIOS } from '../plan/types.js';
import { helpWidth, withHelp } from './help.js';
import { processIO, redactingIO, type CliIO } from './io.js';
import { withoutHelpCache, yargs } from './yargs.js';
import { editDistance } from '../similar-names.js';

/** Exit codes: 0 no error findings, 1 error findings (or too many warnings), 2 usage or configuration error. */
export async function main(argv: string[], rawIO: CliIO = processIO()): Promise<number> {
  const io = redactingIO(rawIO);
  let exitCode = 0;
  // yargs drops a lone '-' (standard input): turn it into --stdin, which only lint takes.
  if (argv.includes('-')) {
    if (argv[0] !== 'lint') return reportError(new UsageError("standard input ('-') is read by 'patchwise lint' only"), io);
    argv = [...argv.filter((arg) => arg !== '-'), '--stdin'];
  }
  const parser = withHelp(yargs(argv), 'patchwise')
    // yargs translates its own words after LANG/LC_ALL ("Unbekanntes Argument"): patchwise speaks
    // English throughout, and the suggestions below read yargs' English messages.
    .locale('en')
    .scriptName('patchwise')
    .usage('$0 <command> [options]')
    .version(packageVersion())
    .strict()
    .exitProcess(false)
    .wrap(helpWidth(io))
    // Throwing stops yargs before a command handler runs with arguments that failed validation.
    .fail((message, error) => {
      throw error ?? new CommandLineError(message);
    })
    .command(
      'lint [paths..]',
      'Lint ARM templates and Pulumi TypeScript programs (files, or folders searched for them)',
      (command) =>
        withHelp(command, 'lint')
          .positional('paths', {
            type: 'string',
            array: true,
            default: [] as string[],
            describe: 'Templates, programs or folders (default: the working directory)',
          })
          .option('format', { alias: 'f', choices: FORMATS, default: 'stylish' as const, describe: 'Output format' })
          .option('output', { alias: 'o', type: 'string', describe: 'Write the report to a file instead of stdout' })
          .option('config', { alias: 'c', type: 'string', describe: 'Config file (default: patchwise.config.json found upward)' })
          .option('max-warnings', { type: 'number', describe: 'Exit 1 when there are more warnings than this' })
          .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'Report errors only' })
          .option('parameters', { alias: 'p', type: 'string', describe: 'Parameters file (default: <template>.parameters.json beside each template)' })
          .option('baseline', { type: 'string', describe: 'Previous version of the template (file, or folder with the same layout) for change rules' })
          .option('baseline-ref', { type: 'string', describe: 'Git revision holding the previous version of each linted file' })
          .option('today', { type: 'string', describe: 'Date to check expiries against (YYYY-MM-DD, default: today)' })
          .option('sas-horizon', { type: 'number', default: DEFAULT_SAS_HORIZON_DAYS, describe: 'Warn about SAS tokens that expire within this many days' })
          .option('inventory', { type: 'string', describe: 'Inventory file (facts templates do not hold, e.g. Linux agent versions)' })
          .option('allowed-values', {
            type: 'boolean',
            default: true,
            describe: 'Evaluate the rules for every allowedValues entry of the parameters that decide them (--no-allowed-values: defaults only, faster)',
          })
          .option('fix', { type: 'boolean', default: false, describe: 'Apply the automatic fixes to the files (atomically, formatting kept)' })
          .option('fix-dry-run', { type: 'boolean', default: false, describe: 'Print the fixes as a unified diff instead of writing them' })
          .option('stdin', { type: 'boolean', default: false, hidden: true, describe: "Read one template from standard input (written as '-')" })
          .option('stdin-filename', {
            type: 'string',
            describe: "Name of the template read from standard input ('-'): shown in findings, and its parameters file is found beside it",
          })
          .option('rule', { type: 'string', array: true, describe: 'Run only these rules (ids or globs, repeatable)' })
          .option('skip-rule', { type: 'string', array: true, describe: 'Do not run these rules (ids or globs, repeatable)' })
          .option('print-config', { type: 'string', describe: 'Print the configuration that applies to FILE and exit' })
          .option('shard', {
            type: 'string',
            describe: 'Lint only shard i of n of the files (i/n, for CI job matrices; join the reports with patchwise merge)',
          })
          .option('cache', { type: 'boolean', default: false, describe: 'Reuse the results of files that did not change (kept in --cache-location)' })
          .option('cache-location', { type: 'string', describe: 'Folder of the cache (default: .patchwise-cache)' }),
      async (args) => {
        const { runLint } = await import('./lint.js');
        exitCode = await runLint(
          {
            paths: args.paths ?? [],
            format: args.format,
            output: args.output,
            config: args.config,
            maxWarnings: args['max-warnings'],
            quiet: args.quiet,
            parameters: args.parameters,
            baseline: args.baseline,
            baselineRef: args['baseline-ref'],
            today: args.today,
            sasHorizon: args['sas-horizon'],
            inventory: args.inventory,
            fix: args.fix,
            allowedValues: args['allowed-values'],
            fixDryRun: args['fix-dry-run'],
            stdin: args.stdin,
            stdinFilename: args['stdin-filename'],
            rule: args.rule,
            skipRule: args['skip-rule'],
            printConfig: args['print-config'],
            shard: args.shard,
            cache: args.cache,
            cacheLocation: args['cache-location'],
          },
          io,
        );
      },
    )
    .command(
      'merge <reports..>',
      'Join the reports of lint --shard jobs (JSON reports into any format, SARIF logs into SARIF)',
      (command) =>
        withHelp(command, 'merge')
          .positional('reports', { type: 'string', array: true, demandOption: true, describe: 'Reports written by patchwise lint --format json (or sarif)' })
          .option('format', { alias: 'f', choices: FORMATS, default: 'stylish' as const, describe: 'Output format' })
          .option('output', { alias: 'o', type: 'string', describe: 'Write the merged report to a file instead of stdout' })
          .option('max-warnings', { type: 'number', describe: 'Exit 1 when there are more warnings than this' }),
      async (args) => {
        const { runMerge } = await import('./merge.js');
        exitCode = await runMerge({ reports: args.reports ?? [], format: args.format, output: args.output, maxWarnings: args['max-warnings'] }, io);
      },
    )
    .command(
      'init',
      'Write patchwise.config.json (and, on request, a GitHub workflow and a pre-commit entry)',
      (command) =>
        withHelp(command, 'init')
          .option('github', { type: 'boolean', default: false, describe: 'Also write .github/workflows/patchwise.yml' })
          .option('pre-commit', { type: 'boolean', default: false, describe: 'Also write .pre-commit-config.yaml with the patchwise-lint hook' })
          .option('force', { type: 'boolean', default: false, describe: 'Replace files that exist' }),
      async (args) => {
        const { runInit } = await import('./init.js');
        exitCode = runInit({ github: args.github, preCommit: args['pre-commit'], force: args.force }, io);
      },
    )
    .command(
      'plan [paths..]',
      'Simulate the order in which Azure patches or upgrades the fleet the templates describe',
      (command) =>
        withHelp(command, 'plan')
          .positional('paths', { type: 'string', array: true, default: [] as string[], describe: 'Templates or folders (default: the working directory)' })
          .option('scenario', { choices: SCENARIOS, default: 'guest-patching' as const, describe: 'What to simulate' })
          .option('format', { alias: 'f', choices: PLAN_FORMATS, default: 'text' as const, describe: 'Output format' })
          .option('output', { alias: 'o', type: 'string', describe: 'Write the plan to a file instead of stdout' })
          .option('start', { type: 'string', describe: 'Monthly patch release the simulation starts from (YYYY-MM-DD, default: the next second Tuesday)' })
          .option('inventory', { type: 'string', describe: 'Inventory file: instance counts, update domains, time zones, off-peak windows, failures' })
          .option('seed', { type: 'number', describe: 'Seed for anything random (failures, Monte Carlo)' })
          .option('runs', { type: 'number', describe: 'Monte Carlo: simulate N seeded runs and report how often and where the rollout stops' })
          .option('parameters', { alias: 'p', type: 'string', describe: 'Parameters file (default: <template>.parameters.json beside each template)' })
          .option('baseline', { type: 'string', describe: 'Previous version of the templates: show how the change moves the plan' })
          .option('baseline-ref', { type: 'string', describe: 'Git revision holding the previous version of each file' })
          .option('config', { alias: 'c', type: 'string', describe: 'Config file (default: patchwise.config.json found upward)' }),
      async (args) => {
        const { runPlan } = await import('./plan.js');
        exitCode = await runPlan(
          {
            paths: args.paths ?? [],
            scenario: args.scenario,
            format: args.format,
            output: args.output,
            start: args.start,
            inventory: args.inventory,
            seed: args.seed,
            runs: args.runs,
            parameters: args.parameters,
            baseline: args.baseline,
            baselineRef: args['baseline-ref'],
            config: args.config,
          },
          io,
        );
      },
    )
    .command(
      'convert <template>',
      'Convert an ARM template or Bicep file into a Pulumi TypeScript program built on the patchwise components',
      (command) =>
        withHelp(command, 'convert')
          .positional('template', { type: 'string', demandOption: true, describe: 'ARM template (JSON) or .bicep file' })
          .option('out', { type: 'string', demandOption: true, describe: 'Folder for the Pulumi project' })
          .option('parameters', { alias: 'p', type: 'string', describe: 'Parameters file: its values go to the stack config example' })
          .option('stack', { type: 'string', default: 'dev', describe: 'Stack name of the config example' })
          .option('project', { type: 'string', describe: 'Pulumi project name (default: from the template file name)' })
          .option('force', { type: 'boolean', default: false, describe: 'Overwrite the files of an earlier conversion' })
          .option('today', { type: 'string', describe: 'Date the schedule checks use (YYYY-MM-DD, default: today)' }),
      async (args) => {
        const { runConvert } = await import('./convert.js');
        exitCode = await runConvert(
          {
            template: args.template,
            out: args.out,
            parameters: args.parameters,
            stack: args.stack,
            project: args.project,
            force: args.force,
            today: args.today,
          },
          io,
        );
      },
    )
    .command(
      'rules',
      'List the rules (or, with --coverage, which requirements they cover)',
      (command) =>
        withHelp(command, 'rules')
          .option('coverage', { type: 'boolean', default: false, describe: 'Show which lint requirements of the specification rules cover' })
          .option('json', { type: 'boolean', default: false, describe: 'Print JSON' }),
      async (args) => {
        const { runRulesCommand } = await import('./rules.js');
        exitCode = await runRulesCommand({ coverage: args.coverage, json: args.json }, io);
      },
    )
    .command(
      'explain <rule>',
      "Show a rule's documentation",
      (command) =>
        withHelp(command, 'explain').positional('rule', {
          type: 'string',
          demandOption: true,
          describe: 'Rule id, e.g. guest-patching/windows-automatic-updates',
        }),
      async (args) => {
        const { runExplain } = await import('./rules.js');
        exitCode = await runExplain({ rule: args.rule }, io);
      },
    )
    .demandCommand(1, 'Name a command: lint, plan, convert, rules, explain, merge or init')
    .recommendCommands()
    .help()
    .alias('help', 'h');

  try {
    await withoutHelpCache(parser).parseAsync();
  } catch (error) {
    return reportError(error, io);
  }
  return exitCode;
}

/** A command line that yargs rejected (unknown option, bad choice, missing command). */
class CommandLineError extends Error {
  override name = 'YError';
}

function reportError(error: unknown, io: CliIO): number {
  if (error instanceof UsageError || error instanceof ConfigError) {
    io.stderr(`patchwise: ${error.message}\n`);
    return 2;
  }
  // yargs validation errors (unknown options, bad choices) arrive here too.
  if (error instanceof Error && error.name === 'YError') {
    io.stderr(`patchwise: ${error.message}\n${suggestOptions(error.message)}Run 'patchwise --help' for usage.\n`);
    return 2;
  }
  // A bug: one line that says so; the stack only when asked for (it may quote template text).
  const detail = io.env.PATCHWISE_DEBUG ? `\n${(error as Error)?.stack ?? ''}` : ' (set PATCHWISE_DEBUG=1 for the stack trace)';
  io.stderr(
    `patchwise: internal error: ${neutralizeControls((error as Error)?.message ?? String(error))}${detail}\nThis is a bug in patchwise: please report it.\n`,
  );
  return 2;
}

/** Every long option of every command, for "did you mean" on a mistyped one. */
const KNOWN_OPTIONS = [
  'format',
  'output',
  'config',
  'max-warnings',
  'quiet',
  'parameters',
  'baseline',
  'baseline-ref',
  'today',
  'sas-horizon',
  'inventory',
  'allowed-values',
  'no-allowed-values',
  'fix',
  'fix-dry-run',
  'stdin-filename',
  'rule',
  'skip-rule',
  'print-config',
  'shard',
  'cache',
  'cache-location',
  'scenario',
  'start',
  'seed',
  'runs',
  'coverage',
  'json',
  'github',
  'pre-commit',
  'force',
  'help',
  'version',
];

function suggestOptions(message: string): string {
  const unknown = /^Unknown arguments?: (.+)$/m.exec(message);
  if (!unknown) return '';
  const suggestions = unknown[1]
    .split(', ')
    .filter((name) => !/[A-Z]/.test(name)) // yargs also lists the camel-case spelling of each
    .map((name) => {
      const best = KNOWN_OPTIONS.map((option) => ({ option, distance: editDistance(name, option) })).sort((a, b) => a.distance - b.distance)[0];
      return best && best.distance <= Math.max(1, Math.floor(name.length / 3)) ? `Did you mean --${best.option} (not ${name})?\n` : '';
    });
  return suggestions.join('');
}
