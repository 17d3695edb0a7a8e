/**
 * The command line. The only place that knows about the process: arguments, exit codes, output.
 * Commands load their modules on demand so `--version` and `--help` stay fast, and nothing here
 * ever loads Pulumi.
 */
import { ConfigError } from '../engine/config.js';
import { packageVersion } from '../engine/package-info.js';
import { UsageError } from './files.js';
import { helpWidth, withHelp } from './help.js';
import { processIO, type CliIO } from './io.js';
import { yargs } from './yargs.js';

export const FORMATS = ['stylish', 'json', 'sarif', 'junit', 'github', 'markdown'] as const;
export const PLAN_SCENARIOS = ['guest-patching', 'os-image-upgrade', 'extension-upgrade', 'hotpatch-calendar'] as const;
export const PLAN_FORMATS = ['text', 'markdown', 'json'] as const;

/** Exit codes: 0 no error findings, 1 error findings (or too many warnings), 2 usage or configuration error. */
export async function main(argv: string[], io: CliIO = processIO()): Promise<number> {
  let exitCode = 0;
  const parser = withHelp(yargs(argv), 'patchwise')
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
      'Lint ARM templates (files, or folders searched for templates)',
      (command) =>
        withHelp(command, 'lint')
          .positional('paths', { type: 'string', array: true, default: [] as string[], describe: 'Templates or folders (default: the working directory)' })
          .option('format', { alias: 'f', choices: FORMATS, default: 'stylish' as const, describe: 'Output format' })
          .option('output', { alias: 'o', type: 'string', describe: 'Write the report to a file instead of stdout' })
          .option('config', { alias: 'c', type: 'string', describe: 'Config file (default: patchwise.config.json found upward)' })
          .option('max-warnings', { type: 'number', describe: 'Exit 1 when there are more warnings than this' })
          .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'Report errors only' })
          .option('parameters', { alias: 'p', type: 'string', describe: 'Parameters file (default: <template>.parameters.json beside each template)' })
          .option('baseline', { type: 'string', describe: 'Previous version of the template (file, or folder with the same layout) for change rules' })
          .option('baseline-ref', { type: 'string', describe: 'Git revision holding the previous version of each linted file' })
          .option('today', { type: 'string', describe: 'Date to check expiries against (YYYY-MM-DD, default: today)' })
          .option('sas-horizon', { type: 'number', default: 30, describe: 'Warn about SAS tokens that expire within this many days' })
          .option('inventory', { type: 'string', describe: 'Inventory file (facts templates do not hold, e.g. Linux agent versions)' })
          .option('allowed-values', { type: 'boolean', default: true, describe: 'Evaluate the rules for every allowedValues entry of the parameters that decide them (--no-allowed-values: defaults only, faster)' })
          .option('fix', { type: 'boolean', default: false, describe: 'Apply the automatic fixes to the files (atomically, formatting kept)' })
          .option('fix-dry-run', { type: 'boolean', default: false, describe: 'Print the fixes as a unified diff instead of writing them' }),
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
          },
          io,
        );
      },
    )
    .command(
      'plan [paths..]',
      'Simulate the order in which Azure patches or upgrades the fleet the templates describe',
      (command) =>
        withHelp(command, 'plan')
          .positional('paths', { type: 'string', array: true, default: [] as string[], describe: 'Templates or folders (default: the working directory)' })
          .option('scenario', { choices: PLAN_SCENARIOS, default: 'guest-patching' as const, describe: 'What to simulate' })
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
      (command) => withHelp(command, 'explain').positional('rule', { type: 'string', demandOption: true, describe: 'Rule id, e.g. guest-patching/windows-automatic-updates' }),
      async (args) => {
        const { runExplain } = await import('./rules.js');
        exitCode = await runExplain({ rule: args.rule }, io);
      },
    )
    .demandCommand(1, 'Name a command: lint, plan, rules or explain')
    .help()
    .alias('help', 'h');

  try {
    await parser.parseAsync();
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
    io.stderr(`patchwise: ${error.message}\nRun 'patchwise --help' for usage.\n`);
    return 2;
  }
  throw error;
}
