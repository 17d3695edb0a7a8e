/** Run the CLI in memory (no process, no colour) with the fixtures' reference date. */
import { main } from '../../src/cli/main.js';
import type { CliIO } from '../../src/cli/io.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runCli(args: string[], cwd: string): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const io: CliIO = { cwd, env: {}, stdout: (text) => void (stdout += text), stderr: (text) => void (stderr += text), stdoutIsTTY: false };
  const code = await main([...args, '--today', '2026-11-23'], io);
  return { code, stdout, stderr };
}
