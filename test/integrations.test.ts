/**
 * patchwise where teams run it, simulated end to end with the built CLI: the pre-commit hook as
 * pre-commit invokes it (the hook's entry plus the staged files its `files` pattern selects), and
 * the GitHub Action's scripts in a pull-request checkout, with a local stand-in for GitHub's API.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { REPO_ROOT } from './helpers/lint-fixture.js';
import { scratchFolder, TEMPLATE_SCHEMA, windowsVmTemplate, writeFiles } from './helpers/scratch.js';

const BIN = join(REPO_ROOT, 'bin', 'patchwise.js');
const built = existsSync(join(REPO_ROOT, 'dist', 'cli', 'main.js'));
const valid = JSON.stringify(windowsVmTemplate(), null, 2);
const failing = JSON.stringify(
  windowsVmTemplate({ windowsConfiguration: { provisionVMAgent: true, enableAutomaticUpdates: false, patchSettings: { patchMode: 'AutomaticByOS' } } }),
  null,
  2,
);

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.email=ci@example.com', '-c', 'user.name=ci', ...args], { cwd, encoding: 'utf8' });
}

function gitRepo(files: Record<string, string>): string {
  const dir = scratchFolder();
  git(dir, 'init', '-q', '-b', 'main');
  writeFiles(dir, files);
  git(dir, 'add', '.');
  git(dir, 'commit', '-qm', 'base');
  return dir;
}

describe.skipIf(!built)('pre-commit hook', () => {
  const hooks = parse(readFileSync(join(REPO_ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as Array<{ id: string; entry: string; files: string; language: string }>;
  const hook = hooks.find((entry) => entry.id === 'patchwise-lint')!;

  /** What pre-commit runs: the entry's words, then the staged files the hook's pattern matches (in batches). */
  function runHook(dir: string, batches = 1): Array<{ code: number; stdout: string; stderr: string }> {
    const staged = git(dir, 'diff', '--cached', '--name-only').split('\n').filter(Boolean);
    const pattern = new RegExp(hook.files);
    const files = staged.filter((file) => pattern.test(file));
    const [command, ...words] = hook.entry.split(' ');
    expect(command).toBe('patchwise');
    const size = Math.ceil(files.length / batches);
    const runs = [];
    for (let start = 0; start < files.length; start += size) {
      const run = spawnSync(process.execPath, [BIN, ...words, ...files.slice(start, start + size)], {
        cwd: dir,
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1' },
      });
      runs.push({ code: run.status ?? -1, stdout: run.stdout, stderr: run.stderr });
    }
    return runs;
  }

  it('is a node hook named patchwise-lint that matches JSON files', () => {
    expect(hook).toMatchObject({ id: 'patchwise-lint', language: 'node', entry: 'patchwise lint' });
    expect(new RegExp(hook.files).test('infra/main.json')).toBe(true);
    expect(new RegExp(hook.files).test('README.md')).toBe(false);
  });

  it('blocks a commit with a broken or failing template, and passes once they are fixed', () => {
    const dir = gitRepo({ 'README.md': '# x\n' });
    writeFiles(dir, {
      'infra/a.json': valid,
      'infra/b.json': `{"$schema": "${TEMPLATE_SCHEMA}",\n "resources": [`,
      'package.json': '{"name": "x"}',
      'infra/c.json': failing,
      'notes.md': 'x',
    });
    git(dir, 'add', '.');
    const [blocked] = runHook(dir);
    expect(blocked.code).toBe(1);
    expect(blocked.stdout).toMatch(/infra\/b\.json\n\s+2:\d+\s+error\s+invalid JSON/);
    expect(blocked.stdout).toContain('guest-patching/windows-automatic-updates');
    expect(blocked.stderr).toContain('skipped package.json: not an ARM deployment template');
    // Split over two processes, as pre-commit may: each batch still fails on what it holds.
    expect(runHook(dir, 2).some((run) => run.code === 1)).toBe(true);
    writeFiles(dir, { 'infra/b.json': valid, 'infra/c.json': valid });
    git(dir, 'add', '.');
    const passed = runHook(dir);
    expect(passed.every((run) => run.code === 0)).toBe(true);
  });

  it('passes a commit with no template in it (package.json, tsconfig.json), with a note', () => {
    const dir = gitRepo({ 'README.md': '# x\n' });
    writeFiles(dir, { 'package.json': '{"name": "x"}', 'tsconfig.json': '{ "compilerOptions": {} }' });
    git(dir, 'add', '.');
    const [run] = runHook(dir);
    expect(run.stderr).toContain('skipped package.json: not an ARM deployment template');
    expect(run.code).toBe(0);
  });
});

interface Recorded {
  method: string;
  url: string;
  authorization?: string;
  body?: { body: string };
}

/** GitHub's issue-comment API, enough for the action's comment step; on loopback only. */
async function fakeGitHub(): Promise<{ url: string; requests: Recorded[]; close: () => Promise<void> }> {
  const requests: Recorded[] = [];
  const comments: Array<{ id: number; body: string }> = [{ id: 1, body: 'a reviewer said hello' }];
  const read = (request: IncomingMessage) =>
    new Promise<string>((resolve) => {
      let data = '';
      request.on('data', (chunk) => (data += chunk));
      request.on('end', () => resolve(data));
    });
  const server = createServer(async (request, response) => {
    const text = await read(request);
    const body = text ? (JSON.parse(text) as { body: string }) : undefined;
    requests.push({ method: request.method!, url: request.url!, authorization: request.headers.authorization, body });
    response.setHeader('content-type', 'application/json');
    if (request.method === 'GET' && request.url!.startsWith('/repos/octo/infra/issues/7/comments')) return void response.end(JSON.stringify(comments));
    if (request.method === 'POST' && request.url === '/repos/octo/infra/issues/7/comments') {
      comments.push({ id: 42, body: body!.body });
      response.statusCode = 201;
      return void response.end(JSON.stringify({ id: 42 }));
    }
    const patch = /^\/repos\/octo\/infra\/issues\/comments\/(\d+)$/.exec(request.url!);
    if (request.method === 'PATCH' && patch) {
      comments.find((comment) => comment.id === Number(patch[1]))!.body = body!.body;
      return void response.end(JSON.stringify({ id: Number(patch[1]) }));
    }
    response.statusCode = 404;
    response.end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return { url: `http://127.0.0.1:${address.port}`, requests, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

function runScript(command: string[], cwd: string, env: Record<string, string>): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(command[0], command.slice(1), { cwd, env: { ...process.env, NO_COLOR: '1', ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

describe.skipIf(!built)('GitHub Action', () => {
  const action = parse(readFileSync(join(REPO_ROOT, 'action.yml'), 'utf8')) as {
    inputs: Record<string, unknown>;
    runs: { using: string; steps: Array<{ run?: string; uses?: string; env?: Record<string, string> }> };
  };

  it('is a composite action whose steps run scripts that exist, with inputs passed through the environment', () => {
    expect(action.runs.using).toBe('composite');
    for (const step of action.runs.steps) {
      for (const script of step.run?.match(/action\/[\w.-]+/g) ?? []) expect(existsSync(join(REPO_ROOT, script)), script).toBe(true);
      // Inputs never go into a shell line (a path with `$(…)` would run): only into env.
      expect(step.run ?? '').not.toMatch(/\$\{\{\s*inputs\./);
    }
    expect(Object.keys(action.inputs)).toEqual(expect.arrayContaining(['paths', 'config', 'fail-on', 'plan']));
  });

  it('a pull request run: SARIF and annotations, the plan against the base as one comment updated on the next push, the gate fails on errors', async () => {
    const dir = gitRepo({ 'infra/main.json': valid });
    const base = git(dir, 'rev-parse', 'HEAD').trim();
    git(dir, 'update-ref', 'refs/remotes/origin/main', base);
    git(dir, 'checkout', '-qb', 'feature');
    writeFiles(dir, { 'infra/main.json': failing });
    git(dir, 'commit', '-qam', 'change the patch mode');
    const outputs = join(dir, '..', `${Date.now()}-outputs`);
    writeFileSync(outputs, '');
    const event = join(dir, '..', `${Date.now()}-event.json`);
    writeFileSync(event, JSON.stringify({ pull_request: { number: 7 } }));
    const env = {
      PATCHWISE_BIN: BIN,
      PATCHWISE_PATHS: 'infra',
      PATCHWISE_FAIL_ON: 'error',
      PATCHWISE_SARIF: 'patchwise.sarif',
      GITHUB_OUTPUT: outputs,
      GITHUB_BASE_REF: 'main',
      GITHUB_ACTION_PATH: REPO_ROOT,
    };

    const lint = await runScript(['bash', join(REPO_ROOT, 'action', 'lint.sh')], dir, env);
    expect(lint.code).toBe(0);
    expect(lint.stdout).toMatch(/^::error file=infra\/main\.json,line=\d+/m);
    const sarif = JSON.parse(readFileSync(join(dir, 'patchwise.sarif'), 'utf8'));
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('infra/main.json');
    expect(readFileSync(outputs, 'utf8')).toMatch(/errors=1\nwarnings=0\nresult=fail/);

    const plan = await runScript(['bash', join(REPO_ROOT, 'action', 'plan.sh')], dir, env);
    expect(plan.code).toBe(0);
    const markdown = readFileSync(join(dir, 'patchwise-plan.md'), 'utf8');
    expect(markdown.length).toBeLessThan(65_536);
    expect(markdown).toMatch(/baseline|Change/i);

    const github = await fakeGitHub();
    try {
      const commentEnv = { GITHUB_API_URL: github.url, GITHUB_TOKEN: 'test-token', GITHUB_REPOSITORY: 'octo/infra', GITHUB_EVENT_PATH: event };
      const first = await runScript([process.execPath, join(REPO_ROOT, 'action', 'comment.mjs'), 'patchwise-plan.md'], dir, commentEnv);
      expect(first.stdout).toMatch(/plan comment created \(42\)/);
      const second = await runScript([process.execPath, join(REPO_ROOT, 'action', 'comment.mjs'), 'patchwise-plan.md'], dir, commentEnv);
      expect(second.stdout).toMatch(/plan comment updated \(42\)/);
      expect(github.requests.map((request) => request.method)).toEqual(['GET', 'POST', 'GET', 'PATCH']);
      expect(github.requests.every((request) => request.authorization === 'Bearer test-token')).toBe(true);
      expect(github.requests[1].body!.body.startsWith('<!-- patchwise-plan -->')).toBe(true);
    } finally {
      await github.close();
    }

    // fail-on none: findings do not fail the job; warning: a warning would.
    writeFileSync(outputs, '');
    await runScript(['bash', join(REPO_ROOT, 'action', 'lint.sh')], dir, { ...env, PATCHWISE_FAIL_ON: 'none' });
    expect(readFileSync(outputs, 'utf8')).toMatch(/result=pass/);
  });

  it('a broken template fails the gate even with fail-on none', async () => {
    const dir = gitRepo({ 'infra/main.json': `{"$schema": "${TEMPLATE_SCHEMA}",` });
    const outputs = join(dir, 'outputs');
    writeFileSync(outputs, '');
    await runScript(['bash', join(REPO_ROOT, 'action', 'lint.sh')], dir, {
      PATCHWISE_BIN: BIN,
      PATCHWISE_PATHS: 'infra',
      PATCHWISE_FAIL_ON: 'none',
      GITHUB_OUTPUT: outputs,
    });
    expect(readFileSync(outputs, 'utf8')).toMatch(/errors=1\nwarnings=0\nresult=fail/);
  });

  it('a file patchwise failed to lint (internal-error) fails the gate even with fail-on none', async () => {
    const dir = gitRepo({ 'infra/main.json': valid });
    const outputs = join(dir, 'outputs');
    writeFileSync(outputs, '');
    // A stand-in for the CLI: lint writes the report a crash on one file gives; merge does nothing.
    const report = {
      version: '0.1.0',
      findings: [
        { ruleId: 'internal-error', severity: 'error', message: 'internal error: TypeError', file: 'infra/main.json', line: 1, column: 1, requirements: [] },
      ],
      summary: { files: 1, resources: 0, errors: 1, warnings: 0, infos: 0, suppressed: 0, fixable: 0 },
    };
    writeFiles(dir, {
      'fake-cli.mjs': `import { writeFileSync } from 'node:fs';\nif (process.argv[2] === 'lint') { writeFileSync('patchwise-report.json', ${JSON.stringify(JSON.stringify(report))}); process.exit(1); }\n`,
    });
    await runScript(['bash', join(REPO_ROOT, 'action', 'lint.sh')], dir, {
      PATCHWISE_BIN: join(dir, 'fake-cli.mjs'),
      PATCHWISE_PATHS: 'infra',
      PATCHWISE_FAIL_ON: 'none',
      GITHUB_OUTPUT: outputs,
    });
    expect(readFileSync(outputs, 'utf8')).toMatch(/errors=1\nwarnings=0\nresult=fail/);
  });
});
