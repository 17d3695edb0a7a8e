/**
 * `patchwise init`: start a repository off with a configuration file, and on request a GitHub
 * workflow and a pre-commit entry. An existing file is never replaced without `--force`.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { CONFIG_FILE_NAME } from '../engine/config.js';
import { packageVersion } from '../engine/package-info.js';
import type { CliIO } from './io.js';
import { writeReport } from './write-file.js';

export interface InitArgs {
  github: boolean;
  preCommit: boolean;
  force: boolean;
}

const CONFIG = {
  $schema: './node_modules/patchwise/schemas/config.schema.json',
  extends: 'patchwise:recommended',
  rules: {},
  ignore: ['**/node_modules/**'],
  suppressions: [],
};

export function workflowText(): string {
  return `# patchwise: lint Azure VM update-management settings and preview the rollout plan.
name: patchwise
on:
  pull_request:
  push:
    branches: [main]
permissions:
  contents: read
  security-events: write   # upload SARIF to code scanning
  pull-requests: write     # the rollout plan comment
jobs:
  patchwise:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0     # the plan compares with the pull request's base
      - uses: patchwise-dev/patchwise@v${packageVersion()}
        with:
          paths: .
          fail-on: error
`;
}

export function preCommitText(): string {
  return `repos:
  - repo: https://github.com/patchwise-dev/patchwise
    rev: v${packageVersion()}
    hooks:
      - id: patchwise-lint
`;
}

export function runInit(args: InitArgs, io: CliIO): number {
  const files: Array<[string, string]> = [[CONFIG_FILE_NAME, `${JSON.stringify(CONFIG, null, 2)}\n`]];
  if (args.github) files.push([join('.github', 'workflows', 'patchwise.yml'), workflowText()]);
  if (args.preCommit) files.push(['.pre-commit-config.yaml', preCommitText()]);
  let kept = 0;
  for (const [name, text] of files) {
    const path = join(io.cwd, name);
    if (existsSync(path) && !args.force) {
      io.stderr(`patchwise: ${name} exists: kept (use --force to replace it)\n`);
      kept += 1;
      continue;
    }
    // As a report is written: atomically, never through a link out of the repository, a clear error when it cannot be.
    writeReport(path, text, { cwd: io.cwd, inputs: [], option: null });
    io.stdout(`wrote ${name}\n`);
  }
  if (kept > 0 && args.preCommit && !args.force) io.stderr(`patchwise: to add the hook by hand, put this in .pre-commit-config.yaml:\n${preCommitText()}`);
  return 0;
}
