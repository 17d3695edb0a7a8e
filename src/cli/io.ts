/** The process surface commands use, so tests can run them in memory. */
import { redactSecrets } from '../report/redact.js';

export interface CliIO {
  cwd: string;
  env: Record<string, string | undefined>;
  stdout(text: string): void;
  stderr(text: string): void;
  /** True when stdout is a terminal (colour allowed unless NO_COLOR). */
  stdoutIsTTY: boolean;
  /** True when stderr is a terminal (a progress line for long runs). */
  stderrIsTTY?: boolean;
  /** All of standard input (`patchwise lint -`). */
  readStdin?(): Promise<string>;
}

export function processIO(): CliIO {
  // A closed pipe (`patchwise lint | head`) is the reader's choice, not an error worth a stack
  // trace: the rest of the output is dropped, and the run ends with the exit code of what it found.
  // (Exiting from this handler used `process.exitCode ?? 0`, which is 0 when the error arrives
  // before the command has returned its code.)
  let stdoutClosed = false;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
    stdoutClosed = true;
  });
  return {
    cwd: process.cwd(),
    env: process.env,
    stdout: (text) => {
      if (!stdoutClosed) process.stdout.write(text);
    },
    stderr: (text) => process.stderr.write(text),
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
  };
}

/** Colour only on a terminal, never with NO_COLOR (any non-empty value), always with FORCE_COLOR. */
export function useColor(io: CliIO, toFile: boolean): boolean {
  if (io.env.NO_COLOR) return false;
  if (toFile) return false;
  if (io.env.FORCE_COLOR && io.env.FORCE_COLOR !== '0') return true;
  return io.stdoutIsTTY;
}

/**
 * The output boundary: whatever a command prints passes through the secret patterns here, on top
 * of the per-field redaction of the formatters (defence in depth: a message nobody thought of).
 */
export function redactingIO(io: CliIO): CliIO {
  return { ...io, stdout: (text) => io.stdout(redactSecrets(text)), stderr: (text) => io.stderr(redactSecrets(text)) };
}
