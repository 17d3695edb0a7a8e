/** Pulumi mocks that record every resource's inputs, and helpers to wait for them. */
import * as pulumi from '@pulumi/pulumi';
import { PULUMI_TYPE_MAPPINGS, parsePulumiType } from '../../../components/policy/adapter.js';

export interface RecordedResource {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
}

export interface MockRecorder {
  resources: RecordedResource[];
  logs: Array<{ severity: string; message: string }>;
  byType(type: string): RecordedResource[];
  one(type: string, name?: string): RecordedResource;
}

const recorder: MockRecorder = {
  resources: [],
  logs: [],
  byType(type) {
    return this.resources.filter((resource) => resource.type === type);
  },
  one(type, name) {
    const found = this.resources.filter((resource) => resource.type === type && (name === undefined || resource.name === name));
    if (found.length !== 1)
      throw new Error(
        `expected one ${type}${name ? ` named ${name}` : ''}, found ${found.length}: ${this.resources.map((r) => `${r.type}/${r.name}`).join(', ')}`,
      );
    return found[0];
  },
};

let installed = false;

/** Install the mocks once per worker (preview mode: what `pulumi preview` would send) and reset the records. */
export async function useMocks(): Promise<MockRecorder> {
  if (!installed) {
    installed = true;
    await pulumi.runtime.setMocks(
      {
        newResource(args) {
          recorder.resources.push({ type: args.type, name: args.name, inputs: unwrapSecrets(args.inputs) as Record<string, unknown> });
          const azureName = (args.inputs.vmName ??
            args.inputs.vmScaleSetName ??
            args.inputs.vmExtensionName ??
            args.inputs.vmssExtensionName ??
            args.name) as string;
          // ARM-shaped ids, as Azure returns them (rules match assignments to VMs by id).
          const parsed = parsePulumiType(args.type);
          const armType = (parsed && PULUMI_TYPE_MAPPINGS[parsed.key]?.armType) ?? args.type.replace(/:/g, '/');
          return { id: `/subscriptions/sub/resourceGroups/rg/providers/${armType}/${azureName}`, state: { ...args.inputs, name: azureName } };
        },
        call(args) {
          return args.inputs;
        },
      },
      'patchwise-test',
      'test',
      false,
    );
    const log = pulumi.log as unknown as Record<string, (message: string) => Promise<void>>;
    for (const severity of ['warn', 'info', 'error']) {
      const original = log[severity];
      log[severity] = (message: string, ...rest: unknown[]) => {
        recorder.logs.push({ severity, message });
        return (original as (...args: unknown[]) => Promise<void>).call(pulumi.log, message, ...rest).catch(() => undefined);
      };
    }
  }
  recorder.resources.length = 0;
  recorder.logs.length = 0;
  return recorder;
}

/** Resolves when an Output has a value (so every input that depends on it was sent to the mocks). */
export function settle<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    output.apply((value) => {
      resolve(value);
      return value;
    });
    // An apply that throws rejects the output's inner promise: surface it.
    (output as unknown as { promise(): Promise<T> }).promise().catch(reject);
  });
}

/** Wait until the registrations scheduled so far reached the mocks. */
export async function flush(): Promise<void> {
  for (let index = 0; index < 20; index++) await new Promise((resolve) => setImmediate(resolve));
}

/** The inputs a resource of `type` named `name` was registered with, once `output` (of the component) settled. */
export async function registeredInputs(recorder: MockRecorder, output: pulumi.Output<unknown>, type: string, name: string): Promise<Record<string, unknown>> {
  await settle(output);
  await flush();
  return recorder.one(type, name).inputs;
}

/** The error `create` throws (a component rejecting its arguments at construction). */
export function thrown(create: () => void): Error {
  try {
    create();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

/**
 * Run `create` (which registers resources whose inputs fail in an apply) and return the messages
 * of the errors the registrations reject with: what `pulumi preview` prints before it fails.
 * The runtime leaves those rejections unhandled, so they are captured here instead of failing the run.
 */
export async function deferredFailures(create: () => void, settleMs = 300): Promise<string[]> {
  const previous = process.listeners('unhandledRejection');
  process.removeAllListeners('unhandledRejection');
  const messages: string[] = [];
  const capture = (reason: unknown) => {
    messages.push(reason instanceof Error ? reason.message : String(reason));
  };
  process.on('unhandledRejection', capture);
  try {
    create();
    const deadline = Date.now() + 5_000;
    while (messages.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    await new Promise((resolve) => setTimeout(resolve, settleMs));
  } finally {
    process.removeListener('unhandledRejection', capture);
    for (const listener of previous) process.on('unhandledRejection', listener as (...args: unknown[]) => void);
  }
  return [...new Set(messages)];
}

/** Inputs as the mocks receive them, with secrets replaced by their values (tests compare plain data). */
export function unwrapSecrets(value: unknown): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(unwrapSecrets);
  const record = value as Record<string, unknown>;
  if (record['4dabf18193072939515e22adb298388d'] === '1b47061264138c4ac30d75fd1eb44270') return unwrapSecrets(record.value);
  return Object.fromEntries(Object.entries(record).map(([key, entry]) => [key, unwrapSecrets(entry)]));
}
