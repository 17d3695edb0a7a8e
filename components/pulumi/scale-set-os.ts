/** The OS configuration of a scale set's VM profile: the planned patch settings plus the user's Linux login settings. */
import * as pulumi from '@pulumi/pulumi';
import type { LinuxSettingsArgs } from './virtual-machine.js';

/** `windowsConfiguration` or `linuxConfiguration` (undefined for the other key) from a plan. */
export function osConfigurationInput<P extends { osConfigurationKey: string; osConfiguration: object }>(
  plan: pulumi.Output<P>,
  linuxArgs: pulumi.Input<LinuxSettingsArgs> | undefined,
  key: 'windowsConfiguration' | 'linuxConfiguration',
): pulumi.Output<Record<string, unknown> | undefined> {
  return pulumi.all([plan, pulumi.output(linuxArgs ?? {})]).apply(([planned, linux]) => {
    if (planned.osConfigurationKey !== key) return undefined;
    const login =
      key === 'linuxConfiguration'
        ? Object.fromEntries(
            Object.entries({ disablePasswordAuthentication: linux.disablePasswordAuthentication, ssh: linux.sshPublicKeys ? { publicKeys: linux.sshPublicKeys } : undefined }).filter(
              ([, value]) => value !== undefined,
            ),
          )
        : {};
    return { ...login, ...planned.osConfiguration };
  });
}
