/**
 * A Pulumi program as a user writes it, run under Pulumi's mocks and compiled both as CommonJS and
 * as an ES module: `example.ts` is the repository's examples/program.ts importing from
 * 'patchwise/pulumi', the installed package. Prints what the program registered.
 */
import * as pulumi from '@pulumi/pulumi';
import { PatchedVirtualMachine, PatchwiseConfigError } from 'patchwise/pulumi';
import { deploy } from './example.js';

interface Registered {
  type: string;
  name: string;
  inputs: Record<string, any>;
}

const registered: Registered[] = [];

/** Mocks receive secrets (the whole osProfile, as it holds the password) wrapped: print their values. */
function revealSecrets(value: unknown): any {
  if (Array.isArray(value)) return value.map(revealSecrets);
  if (value === null || typeof value !== 'object') return value;
  const object = value as Record<string, unknown>;
  if (pulumi.runtime.specialSigKey in object && object[pulumi.runtime.specialSigKey] === pulumi.runtime.specialSecretSig) return revealSecrets(object.value);
  return Object.fromEntries(Object.entries(object).map(([key, entry]) => [key, revealSecrets(entry)]));
}

function createStack(): string {
  deploy({
    resourceGroupName: 'rg',
    location: 'westeurope',
    subnetId: '/subscriptions/sub/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/vnet/subnets/default',
    windowsNicId: '/subscriptions/sub/resourceGroups/rg/providers/Microsoft.Network/networkInterfaces/app-win-nic',
    linuxNicId: '/subscriptions/sub/resourceGroups/rg/providers/Microsoft.Network/networkInterfaces/app-linux-nic',
    adminPassword: pulumi.secret('not-a-real-password-1!'),
    sshPublicKey: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIExampleKey',
  });
  // Misuse fails at construction, with an error class the program can catch.
  try {
    new PatchedVirtualMachine('wrong', {
      resourceGroupName: 'rg',
      os: 'Windows',
      vmSize: 'Standard_D2s_v5',
      networkInterfaceIds: ['nic'],
      image: { publisher: 'MicrosoftWindowsServer', offer: 'WindowsServer', sku: '2019-datacenter' },
      adminUsername: 'azureuser',
      adminPassword: 'not-a-real-password-1!',
      patching: { mode: 'platform', hotpatch: true },
    });
    return 'no error';
  } catch (error) {
    return error instanceof PatchwiseConfigError ? error.message : `unexpected: ${String(error)}`;
  }
}

async function main(): Promise<void> {
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        registered.push({ type: args.type, name: args.name, inputs: revealSecrets(args.inputs) });
        return { id: `${args.name}-id`, state: args.inputs };
      },
      call: (args) => args.inputs,
    },
    'consumer',
    'test',
    true,
  );
  const misuse = createStack();
  // The mocks answer asynchronously: report once every registration has been made.
  process.once('beforeExit', () => {
    process.stdout.write(`${JSON.stringify({ misuse, registered })}\n`);
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
