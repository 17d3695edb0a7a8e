/** PatchSchedule under Pulumi mocks: the exact maintenance configuration for each intent, the CF9 errors, and its use by PatchedVirtualMachine. */
import * as pulumi from '@pulumi/pulumi';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  PatchedVirtualMachine,
  PatchSchedule,
  PatchwiseConfigError,
  isRecurrence,
  planPatchSchedule,
  type PatchScheduleArgs,
} from '../../components/pulumi/index.js';
import { deferredFailures, flush, registeredInputs, settle, thrown, useMocks, type MockRecorder } from './helpers/mocks.js';

const CONFIGURATION = 'azure-native:maintenance:MaintenanceConfiguration';
const WEEKLY = { start: '2026-12-12 22:00', duration: '03:00', timeZone: 'W. Europe Standard Time', recurEvery: '1Week Saturday' };

let mocks: MockRecorder;
beforeEach(async () => {
  mocks = await useMocks();
});

function args(extra: Partial<PatchScheduleArgs> = {}): PatchScheduleArgs {
  return { resourceGroupName: 'rg', location: 'westeurope', resourceName: 'weekly', window: WEEKLY, ...extra };
}

async function create(name: string, scheduleArgs: PatchScheduleArgs): Promise<Record<string, unknown>> {
  return registeredInputs(mocks, new PatchSchedule(name, scheduleArgs).maintenanceConfigurationId, CONFIGURATION, name);
}

describe('PatchSchedule: inputs per intent', () => {
  it('a weekly window: scope InGuestPatch, the window as given, Critical and Security for both OS, reboot if required', async () => {
    expect(await create('weekly', args())).toEqual({
      resourceGroupName: 'rg',
      location: 'westeurope',
      resourceName: 'weekly',
      maintenanceScope: 'InGuestPatch',
      visibility: 'Custom',
      extensionProperties: { InGuestPatchMode: 'User' },
      startDateTime: '2026-12-12 22:00',
      duration: '03:00',
      timeZone: 'W. Europe Standard Time',
      recurEvery: '1Week Saturday',
      installPatches: {
        rebootSetting: 'IfRequired',
        windowsParameters: { classificationsToInclude: ['Critical', 'Security'] },
        linuxParameters: { classificationsToInclude: ['Critical', 'Security'] },
      },
    });
    expect(mocks.one('patchwise:azure:PatchSchedule', 'weekly').inputs).toEqual({});
  });

  it('only a start: the documented defaults (03:00, UTC, 1Week Saturday)', async () => {
    const inputs = await create('defaults', { resourceGroupName: 'rg', window: { start: '2026-12-12 22:00' } });
    expect(inputs).toMatchObject({ startDateTime: '2026-12-12 22:00', duration: '03:00', timeZone: 'UTC', recurEvery: '1Week Saturday' });
    expect(inputs.expirationDateTime).toBeUndefined();
  });

  it('a monthly window with an expiration, its own selections and no reboot; the time zone in the catalog spelling', async () => {
    const inputs = await create(
      'monthly',
      args({
        window: {
          start: '2027-01-10 01:00',
          duration: '01:30',
          timeZone: 'pacific standard time',
          recurEvery: 'Month Second Tuesday Offset4',
          expiration: '2028-01-01 00:00',
        },
        reboot: 'Never',
        windows: { classifications: ['Critical', 'Security', 'UpdateRollup'], kbNumbersToExclude: ['KB5034441'], excludeKbsRequiringReboot: true },
        linux: { classifications: ['Security'], packageNameMasksToExclude: ['kernel*'] },
      }),
    );
    expect(inputs).toMatchObject({
      startDateTime: '2027-01-10 01:00',
      duration: '01:30',
      timeZone: 'Pacific Standard Time',
      recurEvery: 'Month Second Tuesday Offset4',
      expirationDateTime: '2028-01-01 00:00',
      installPatches: {
        rebootSetting: 'Never',
        windowsParameters: {
          classificationsToInclude: ['Critical', 'Security', 'UpdateRollup'],
          kbNumbersToExclude: ['KB5034441'],
          excludeKbsRequiringReboot: true,
        },
        linuxParameters: { classificationsToInclude: ['Security'], packageNameMasksToExclude: ['kernel*'] },
      },
    });
  });

  it('Output arguments resolve to the same inputs', async () => {
    const inputs = await create('late-ok', args({ window: pulumi.output(WEEKLY), reboot: pulumi.output('Always' as const) }));
    expect(inputs).toMatchObject({ startDateTime: '2026-12-12 22:00', recurEvery: '1Week Saturday', installPatches: { rebootSetting: 'Always' } });
  });

  it('an expiration already past is logged (the lint rule says warning), not refused', async () => {
    await create('expired', args({ window: { start: '2020-01-04 22:00', expiration: '2020-06-01 00:00' } }));
    const warnings = mocks.logs.filter((log) => log.severity === 'warn').map((log) => log.message);
    expect(warnings).toEqual([
      expect.stringContaining('PatchSchedule expired: window.expiration (CF9): maintenanceWindow.expirationDateTime 2020-06-01 00:00 is in the past'),
    ]);
  });
});

describe('PatchSchedule: misuse fails at construction (CF9)', () => {
  const cases: Array<[string, Partial<PatchScheduleArgs>, string]> = [
    [
      'a window longer than 3:55',
      { window: { ...WEEKLY, duration: '04:00' } },
      'window.duration (CF9): maintenanceWindow.duration 04:00 is outside the range of InGuestPatch schedules: between 01:30 and 03:55',
    ],
    [
      'a window shorter than 1:30',
      { window: { ...WEEKLY, duration: '01:00' } },
      'window.duration (CF9): maintenanceWindow.duration 01:00 is outside the range',
    ],
    [
      'a duration not in HH:mm',
      { window: { ...WEEKLY, duration: 'PT3H' } },
      "window.duration (CF9): maintenanceWindow.duration 'PT3H' is not a duration in HH:mm format",
    ],
    [
      'a recurrence under 6 hours',
      { window: { ...WEEKLY, recurEvery: '4Hours' } },
      "window.recurEvery (CF9): maintenanceWindow.recurEvery '4Hours' repeats every 4 hours: InGuestPatch schedules repeat at most every 6 hours",
    ],
    [
      'a recurrence outside the grammar',
      { window: { ...WEEKLY, recurEvery: 'Every Saturday' } },
      "window.recurEvery (CF9): 'Every Saturday' is not in the documented recurrence grammar",
    ],
    [
      'an offset beyond 6 days',
      { window: { ...WEEKLY, recurEvery: 'Month Last Sunday Offset-7' } },
      "window.recurEvery (CF9): maintenanceWindow.recurEvery 'Month Last Sunday Offset-7' has offset -7 days",
    ],
    [
      'a start not in yyyy-MM-dd HH:mm',
      { window: { ...WEEKLY, start: '2026-12-12T22:00:00Z' } },
      "window.start (CF9): maintenanceWindow.startDateTime '2026-12-12T22:00:00Z' is not a date-time in the format yyyy-MM-dd HH:mm",
    ],
    ['no start', { window: { duration: '03:00' } as never }, 'window.start (CF9): an InGuestPatch schedule needs the date and time of its first window'],
    [
      'an expiration before the start',
      { window: { ...WEEKLY, expiration: '2026-12-01 00:00' } },
      'window.expiration (CF9): maintenanceWindow.expirationDateTime 2026-12-01 00:00 is not after startDateTime 2026-12-12 22:00',
    ],
    [
      'an IANA time zone',
      { window: { ...WEEKLY, timeZone: 'Europe/Berlin' } },
      "window.timeZone (CF9): maintenanceWindow.timeZone 'Europe/Berlin' is an IANA name: maintenance configurations take Windows time-zone names, here 'W. Europe Standard Time'",
    ],
    [
      'an unknown time zone',
      { window: { ...WEEKLY, timeZone: 'Mars Standard Time' } },
      "window.timeZone (CF9): maintenanceWindow.timeZone 'Mars Standard Time' is not a Windows time-zone name",
    ],
    [
      'an invalid reboot setting',
      { reboot: 'Sometimes' as never },
      "reboot (CF9): installPatches.rebootSetting 'Sometimes' is not valid: use IfRequired, Never or Always",
    ],
    [
      'a Windows classification that does not exist',
      { windows: { classifications: ['Critical', 'Drivers' as never] } },
      "windows.classifications[1] (CF9): 'Drivers' is not a Windows update classification",
    ],
    [
      'a Linux classification of Windows',
      { linux: { classifications: ['UpdateRollup' as never] } },
      "linux.classifications[0] (CF9): 'UpdateRollup' is not a Linux update classification: use Critical, Security, Other",
    ],
    ['a selection that installs nothing', { linux: { classifications: [] } }, 'linux.classifications (CF9): an empty list installs no Linux package'],
  ];
  it.each(cases)('%s', (_, extra, message) => {
    const error = thrown(() => new PatchSchedule('bad', args(extra)));
    expect(error).toBeInstanceOf(PatchwiseConfigError);
    expect((error as PatchwiseConfigError).requirement).toBe('CF9');
    expect(error.message).toContain(`PatchSchedule bad: ${message}`);
  });

  it('Output arguments are checked in the apply, and the configuration is not registered', async () => {
    const messages = await deferredFailures(() => {
      new PatchSchedule('late', args({ window: pulumi.output({ ...WEEKLY, duration: '05:00' }) }));
    });
    expect(messages).toEqual([expect.stringContaining('PatchSchedule late: window.duration (CF9): maintenanceWindow.duration 05:00 is outside the range')]);
    await flush();
    expect(mocks.byType(CONFIGURATION)).toEqual([]);
  });

  it('the escape hatch creates the configuration as asked and logs a warning', async () => {
    const inputs = await create('allowed', args({ window: { ...WEEKLY, duration: '04:30' }, unsafeAllowInvalid: ['CF9'] }));
    expect(inputs.duration).toBe('04:30');
    expect(mocks.logs.filter((log) => log.severity === 'warn').map((log) => log.message)).toEqual([
      expect.stringContaining('PatchSchedule allowed: window.duration (CF9)'),
    ]);
  });
});

describe('recurrence grammar', () => {
  it.each([
    '6Hours',
    '12 Hours',
    'Day',
    '3Days',
    'Week',
    '1Week Saturday',
    '2Weeks Saturday,Sunday',
    'Month',
    '2Months',
    'Month day23,day24',
    'Month Last Sunday',
    'Month Fourth Monday',
    'Month Last Sunday Offset-3',
    'Month Third Sunday Offset6',
  ])('accepts %s', (value) => {
    expect(isRecurrence(value)).toBe(true);
  });
  it.each(['', 'Weekly', '0Days', 'Week Caturday', 'Month day32', 'Month Fifth Monday', 'Month Last Sunday Offset', 'Days 3'])('rejects %j', (value) => {
    expect(isRecurrence(value)).toBe(false);
  });
  it('hour and offset ranges are left to the lint rule (one message per problem)', () => {
    expect(planPatchSchedule({ window: { start: '2026-12-12 22:00', recurEvery: '2Hours' } }).violations.map((violation) => violation.argument)).toEqual([
      'window.recurEvery',
    ]);
  });
});

describe('PatchSchedule with PatchedVirtualMachine', () => {
  const vmArgs = (patching: ConstructorParameters<typeof PatchedVirtualMachine>[1]['patching']) => ({
    resourceGroupName: 'rg',
    location: 'westeurope',
    vmName: 'lin1',
    os: 'Linux' as const,
    image: { publisher: 'Canonical', offer: '0001-com-ubuntu-server-jammy', sku: '22_04-lts-gen2' },
    vmSize: 'Standard_D2s_v5',
    networkInterfaceIds: ['/nic/lin1'],
    adminUsername: 'azureuser',
    linux: { disablePasswordAuthentication: true },
    patching,
  });

  it('the VM takes maintenanceConfigurationId: bypass flag and an assignment to the configuration', async () => {
    const schedule = new PatchSchedule('weekly', args());
    const vm = new PatchedVirtualMachine(
      'lin-weekly',
      vmArgs({ mode: 'platform', schedule: { maintenanceConfigurationId: schedule.maintenanceConfigurationId } }),
    );
    await settle(vm.configurationAssignment!.id);
    await flush();
    const id = await settle(schedule.maintenanceConfigurationId);
    expect(id).toBe('/subscriptions/sub/resourceGroups/rg/providers/Microsoft.Maintenance/maintenanceConfigurations/weekly');
    expect(mocks.one('azure-native:maintenance:ConfigurationAssignment').inputs.maintenanceConfigurationId).toBe(id);
    const linux = (mocks.one('azure-native:compute:VirtualMachine', 'lin-weekly').inputs.osProfile as Record<string, Record<string, unknown>>)
      .linuxConfiguration;
    expect(linux.patchSettings).toEqual({
      patchMode: 'AutomaticByPlatform',
      assessmentMode: 'AutomaticByPlatform',
      automaticByPlatformSettings: { bypassPlatformSafetyChecksOnUserSchedule: true },
    });
  });

  it('an id known only after deployment does not defer the VM checks: a schedule without platform mode still throws at construction', () => {
    const schedule = new PatchSchedule('weekly-2', args({ resourceName: 'weekly-2' }));
    const error = thrown(
      () =>
        new PatchedVirtualMachine('lin-bad', vmArgs({ mode: 'image-default', schedule: { maintenanceConfigurationId: schedule.maintenanceConfigurationId } })),
    );
    expect(error.message).toContain(
      "PatchedVirtualMachine lin-bad: patching.schedule (CF2): bypassPlatformSafetyChecksOnUserSchedule is true, but patchMode is 'ImageDefault': Customer Managed Schedules need patchMode AutomaticByPlatform",
    );
  });
});
