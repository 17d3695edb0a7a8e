/** `patchwise convert <template> --out DIR`: an ARM template → a Pulumi TypeScript project on the patchwise components. */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { packageVersion } from '../engine/package-info.js';
import { BicepSupport } from './bicep-support.js';
import { displayPath, UsageError } from './files.js';
import type { CliIO } from './io.js';
import { readOptionFile, readParametersOption } from './template-inputs.js';
import { writeReport } from './write-file.js';

export interface ConvertArgs {
  template: string;
  out: string;
  parameters?: string;
  stack?: string;
  project?: string;
  /** Overwrite the files of an earlier conversion. */
  force?: boolean;
  /** YYYY-MM-DD: the date schedule checks use. */
  today?: string;
}

export async function runConvert(args: ConvertArgs, io: CliIO): Promise<number> {
  const today = args.today === undefined ? undefined : new Date(`${args.today}T00:00:00Z`);
  if (today && (!/^\d{4}-\d{2}-\d{2}$/.test(args.today!) || Number.isNaN(today.getTime())))
    throw new UsageError(`--today takes a date as YYYY-MM-DD, not '${args.today}'`);
  const templatePath = resolve(io.cwd, args.template);
  const input = readOptionFile('template', templatePath, io.cwd);
  const parameters = args.parameters ? readParametersOption(resolve(io.cwd, args.parameters), io.cwd) : undefined;
  // A .bicep file is read natively (lowered to its ARM template, local modules included).
  const bicep = await BicepSupport.load([templatePath], io.cwd);
  // ts-morph and the converter load only for this command.
  const { convertTemplate, ConvertError } = await import('../../components/convert/convert.js');
  let conversion;
  try {
    conversion = convertTemplate(input, {
      parameters,
      stack: args.stack,
      project: args.project,
      patchwiseVersion: `^${packageVersion()}`,
      today,
      reader: bicep?.readerFor(templatePath),
    });
  } catch (error) {
    if (error instanceof ConvertError) throw new UsageError(error.message);
    throw error;
  }
  const out = resolve(io.cwd, args.out);
  if (!args.force && existsSync(join(out, 'index.ts')))
    throw new UsageError(`${displayPath(join(out, 'index.ts'), io.cwd)} exists: use --force to overwrite it, or another --out folder`);
  const inputs = [templatePath, ...(args.parameters ? [resolve(io.cwd, args.parameters)] : [])];
  for (const [name, text] of Object.entries(conversion.files)) {
    writeReport(join(out, name), text, { cwd: io.cwd, inputs, option: null });
  }
  const { summary } = conversion;
  io.stderr(
    `patchwise: converted ${input.file} to ${displayPath(out, io.cwd) || '.'}: ${summary.components} component(s), ${summary.plain} azure-native resource(s), ` +
      `${summary.notConverted} kept as TODO, ${summary.todos.length} value(s) to translate by hand (TODO(patchwise) in index.ts)\n`,
  );
  return 0;
}
