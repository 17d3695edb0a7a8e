/**
 * Starts a policy pack the way `pulumi preview --policy-pack DIR` does, without the Pulumi CLI:
 * the nodejs language host resolves `@pulumi/pulumi/cmd/run-policy-pack` from the pack's folder
 * and runs `node <that> <engine address> .` in it; the runner `require()`s the pack, whose
 * `new PolicyPack(…)` starts the analyzer's gRPC server and prints its port. The engine then asks
 * the analyzer over gRPC, as `PolicyPackClient` does here (loopback only).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';

export interface PolicyInfo {
  name: string;
  enforcementLevel: number;
}

export interface Violation {
  policy: string;
  message: string;
}

export interface PolicyPackClient {
  info(): Promise<{ name: string; version: string; policies: PolicyInfo[] }>;
  analyze(resource: { type: string; name: string; props: Record<string, unknown> }): Promise<Violation[]>;
  stop(): void;
}

/** Runs the pack in `packDir` with Pulumi's runner; rejects with the runner's output when it exits instead of serving. */
export async function startPolicyPack(packDir: string): Promise<PolicyPackClient> {
  // As the language host does: resolve the runner from the pack's folder (Node's lookup walks up).
  const requireFromPack = createRequire(join(packDir, 'index.js'));
  const runner = requireFromPack.resolve('@pulumi/pulumi/cmd/run-policy-pack');
  // The engine address is unused until a policy reports through the engine's log.
  const child = spawn(process.execPath, [runner, '127.0.0.1:1', '.'], { cwd: packDir, stdio: ['ignore', 'pipe', 'pipe'] });
  const port = await servedPort(child);
  return connect(requireFromPack, port, child);
}

function servedPort(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    let settled = false;
    const settle = (action: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      action();
    };
    const fail = (why: string) =>
      settle(() => {
        child.kill();
        reject(new Error(`policy pack did not start: ${why}\nstdout: ${stdout}\nstderr: ${stderr}`));
      });
    const timer = setTimeout(() => fail('no port printed within 30 s'), 30_000);
    child.stderr!.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const port = /^(\d+)\s*$/m.exec(stdout)?.[1];
      if (port) settle(() => resolve(Number(port)));
    });
    child.on('exit', (code) => fail(`the runner exited with code ${code}`));
  });
}

/* The generated gRPC stubs are untyped CommonJS: describe just what is used. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- gRPC message objects of @pulumi/policy, untyped
type Message = Record<string, (...args: unknown[]) => any>;
type Stub = Record<string, (request: unknown, callback: (error: Error | null, response: Message) => void) => void>;

function connect(requireFromPack: NodeRequire, port: number, child: ChildProcess): PolicyPackClient {
  // The stubs and gRPC of the @pulumi/pulumi the pack runs with, so messages are of the same classes.
  const requireFromPulumi = createRequire(requireFromPack.resolve('@pulumi/pulumi'));
  const grpc = requireFromPulumi('@grpc/grpc-js');
  const analyzerRpc = requireFromPulumi('@pulumi/pulumi/proto/analyzer_grpc_pb');
  const analyzerProto = requireFromPulumi('@pulumi/pulumi/proto/analyzer_pb');
  const { Empty } = requireFromPulumi('google-protobuf/google/protobuf/empty_pb');
  const { Struct } = requireFromPulumi('google-protobuf/google/protobuf/struct_pb');
  const client = new analyzerRpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure()) as Stub & { close(): void };
  const call = (method: string, request: unknown) =>
    new Promise<Message>((resolve, reject) => client[method](request, (error, response) => (error ? reject(error) : resolve(response))));

  return {
    async info() {
      const response = await call('getAnalyzerInfo', new Empty());
      const policies = (response.getPoliciesList() as Message[]).map((policy) => ({ name: policy.getName(), enforcementLevel: policy.getEnforcementlevel() }));
      return { name: response.getName(), version: response.getVersion(), policies };
    },
    async analyze(resource) {
      const request = new analyzerProto.AnalyzeRequest();
      request.setType(resource.type);
      request.setName(resource.name);
      request.setUrn(`urn:pulumi:test::consumer::${resource.type}::${resource.name}`);
      request.setProperties(Struct.fromJavaScript(resource.props));
      // The CLI always sends resource options; the analyzer refuses a request without them.
      request.setOptions(new analyzerProto.AnalyzerResourceOptions());
      const response = await call('analyze', request);
      return (response.getDiagnosticsList() as Message[]).map((diagnostic) => ({ policy: diagnostic.getPolicyname(), message: diagnostic.getMessage() }));
    },
    stop() {
      client.close();
      child.kill();
    },
  };
}
