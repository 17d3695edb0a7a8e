/**
 * Requirement ids of the specification (spec/requirements.md of the project's shared material)
 * and how each is covered: L lint rule, C Pulumi component, P rollout plan, D documentation.
 * A test keeps this table in step with the specification.
 */

export type RequirementKind = 'L' | 'C' | 'P' | 'D';

export interface Requirement {
  id: string;
  kinds: RequirementKind[];
  summary: string;
}

export const REQUIREMENTS: readonly Requirement[] = [
  { id: 'GP1', kinds: ['L'], summary: 'patchSettings.patchMode values by OS. Windows (windowsConfiguration): AutomaticByPlatform, AutomaticByOS, Manual. …' },
  {
    id: 'GP2',
    kinds: ['L', 'C'],
    summary: 'Windows + AutomaticByPlatform requires windowsConfiguration.enableAutomaticUpdates = true when the VM is created (the …',
  },
  { id: 'GP3', kinds: ['L', 'C'], summary: 'Windows + AutomaticByOS requires enableAutomaticUpdates = true.' },
  { id: 'GP4', kinds: ['L', 'C'], summary: 'Windows + Manual requires enableAutomaticUpdates = false.' },
  { id: 'GP5', kinds: ['L', 'C'], summary: 'Defaults when omitted: Windows patchMode = AutomaticByOS; Linux patchMode = ImageDefault; Windows …' },
  { id: 'GP6', kinds: ['L', 'C'], summary: 'AutomaticByPlatform needs the Azure VM agent: provisionVMAgent must not be false.' },
  {
    id: 'GP7',
    kinds: ['L', 'C'],
    summary: 'AutomaticByPlatform is supported only for VMs created from supported platform images (publisher/offer/sku table in …',
  },
  { id: 'GP8', kinds: ['L'], summary: 'Use Compute API version 2020-12-01 or later for patchSettings; 2020-06-01 works for Windows VMs with limited …' },
  { id: 'GP9', kinds: ['L'], summary: 'Windows enableAutomaticUpdates can only be set when the VM is first created: a change between the previous and the …' },
  {
    id: 'GP10',
    kinds: ['L'],
    summary: 'Mode switches (Windows), judged between the previous and the new version. The 2021 seeds: Manual <-> automatic modes …',
  },
  {
    id: 'GP11',
    kinds: ['P', 'D'],
    summary: 'Only AutomaticByPlatform gets availability-first orchestration; other modes are outside the platform rollout (the …',
  },
  { id: 'GP12', kinds: ['L'], summary: 'Linux VMs need Azure Linux agent >= 2.2.53.1 (checked where an inventory or instance view gives the agent version).' },
  { id: 'GP13', kinds: ['L'], summary: 'The patch extensions Microsoft.CPlat.Core.LinuxPatchExtension / WindowsPatchExtension are installed and updated by …' },
  { id: 'GP14', kinds: ['D'], summary: 'The 2021 preview needed feature registration InGuestAutoPatchVMPreview and InGuestPatchVMPreview per subscription …' },
  { id: 'GP15', kinds: ['L'], summary: "RHEL with AutomaticByPlatform: the image's own automatic updates (packagekit) must be disabled by the user (info …" },
  {
    id: 'GP16',
    kinds: ['P', 'D'],
    summary: 'Only patches classified Critical or Security are installed; others need Update Management / Azure Update Manager.',
  },
  {
    id: 'GP17',
    kinds: ['P'],
    summary: "Patches are installed only in the VM's off-peak hours in its time zone, and only while the VM is running; a VM that …",
  },
  { id: 'GP18', kinds: ['P'], summary: 'A new rollout starts every month after the monthly patch release; patches are installed within 30 days. Assessment …' },
  {
    id: 'OU1',
    kinds: ['L', 'C'],
    summary: 'upgradePolicy.automaticOSUpgradePolicy.enableAutomaticOSUpgrade = true requires storageProfile.imageReference.version …',
  },
  {
    id: 'OU2',
    kinds: ['L', 'C'],
    summary: 'Non-Service-Fabric scale sets need an application health signal: networkProfile.healthProbe (a load balancer probe) …',
  },
  { id: 'OU3', kinds: ['L'], summary: 'Service Fabric scale sets do not support application health probes.' },
  { id: 'OU4', kinds: ['L'], summary: 'Compute API version 2018-10-01 or later.' },
  {
    id: 'OU5',
    kinds: ['L', 'C'],
    summary: 'Windows scale sets: from API 2019-03-01, osProfile.windowsConfiguration.enableAutomaticUpdates must be false when …',
  },
  {
    id: 'OU6',
    kinds: ['L', 'C'],
    summary: 'Only supported platform images (table in current-facts.md; 2020 list: Canonical UbuntuServer 16.04-LTS, 18.04-LTS …',
  },
  {
    id: 'OU7',
    kinds: ['L'],
    summary: 'External resources in the model must stay valid: an expired SAS token (se= in a URI in extension settings) fails the …',
  },
  { id: 'OU8', kinds: ['L'], summary: 'Scale sets with multiple placement groups (singlePlacementGroup = false) need the probe on a Standard load balancer.' },
  { id: 'OU9', kinds: ['L'], summary: 'The health probe should probe often: interval x count no more than 2 minutes.' },
  {
    id: 'OU10',
    kinds: ['P'],
    summary: 'Rollout: before starting, at most 20% of the scale set may be unhealthy; batches of at most 20% of instances, minimum …',
  },
  { id: 'OU11', kinds: ['P', 'D'], summary: 'A manually triggered OS upgrade (osRollingUpgrade) has no automatic rollback.' },
  { id: 'OU12', kinds: ['P'], summary: 'The first upgrade after enabling can take up to 3 hours to start; later images start within 30 minutes of release. …' },
  {
    id: 'OU13',
    kinds: ['L'],
    summary: 'Service Fabric: durability tier Silver or Gold (not Bronze); Service Fabric extension typeHandlerVersion >= 1.1; the …',
  },
  { id: 'OU14', kinds: ['D'], summary: 'The OS disk is replaced; data disks are kept; extensions and custom data scripts run again.' },
  {
    id: 'EU1',
    kinds: ['L', 'C'],
    summary: 'enableAutomaticUpgrade = true only on supported extensions (2021 list: Dependency Agent Linux/Windows, Application …',
  },
  {
    id: 'EU2',
    kinds: ['L', 'C'],
    summary: 'The setting is per extension: each extension definition (VM child resource, scale set extensionProfile) carries its own.',
  },
  { id: 'EU3', kinds: ['L', 'C'], summary: 'Set autoUpgradeMinorVersion = true with it (the documented examples do).' },
  { id: 'EU4', kinds: ['P'], summary: "After an extension upgrade the VM's health is watched; unhealthy within 5 minutes -> the previous version is …" },
  { id: 'EU5', kinds: ['P'], summary: 'Scale sets: at most 20% of VMs per batch, minimum one, batches within update domain boundaries, the same 20% health …' },
  { id: 'EU6', kinds: ['D', 'L'], summary: 'Extension sequencing (provisionAfterExtensions) applies to the first deployment only; later upgrades of each …' },
  { id: 'HP1', kinds: ['L', 'C'], summary: 'patchSettings.enableHotpatching = true only on supported images: MicrosoftWindowsServer / WindowsServer / …' },
  {
    id: 'HP2',
    kinds: ['L', 'C'],
    summary: 'Hotpatch requires patchMode = AutomaticByPlatform (and so provisionVMAgent true and enableAutomaticUpdates true).',
  },
  { id: 'HP3', kinds: ['L', 'C'], summary: 'A scale set with Uniform orchestration cannot be created from Azure Edition hotpatch images: use Flexible.' },
  {
    id: 'HP4',
    kinds: ['P'],
    summary: 'Calendar: a baseline (cumulative update, needs a reboot) every three months, hotpatches (no reboot) in the two months …',
  },
  { id: 'HP5', kinds: ['P', 'D'], summary: 'No automatic rollback of hotpatch or baseline updates.' },
  {
    id: 'AF1',
    kinds: ['P'],
    summary: 'Across regions the update moves in phases; a phase has one or more regions; the next phase starts only when eligible …',
  },
  { id: 'AF2', kinds: ['P'], summary: 'Geo-paired regions are never updated concurrently and never share a phase.' },
  { id: 'AF3', kinds: ['P'], summary: 'Within a region, VMs in different availability zones are not updated concurrently.' },
  { id: 'AF4', kinds: ['P'], summary: 'VMs not in an availability set are batched best effort so that not all VMs of a subscription update at once.' },
  { id: 'AF5', kinds: ['P'], summary: 'In an availability set, VMs are not all updated at once: update domain by update domain, never two update domains …' },
  { id: 'AF6', kinds: ['P'], summary: 'In a scale set, VMs are grouped in batches within update domain boundaries.' },
  { id: 'AF7', kinds: ['P'], summary: 'Success is measured by health after the update: platform health for VMs, the application health probe or extension …' },
  { id: 'AF8', kinds: ['P'], summary: 'Two identical VMs in different regions, or assessed at different times, may get different patch sets; the …' },
  { id: 'CF1', kinds: ['L'], summary: 'A property used with an apiVersion older than the version that introduced it is ignored by Azure: error. Table of …' },
  {
    id: 'CF2',
    kinds: ['L', 'C'],
    summary: 'bypassPlatformSafetyChecksOnUserSchedule = true ("Customer Managed Schedules") needs patchMode = AutomaticByPlatform …',
  },
  { id: 'CF3', kinds: ['L', 'C'], summary: 'Hotpatch is rejected when bypassPlatformSafetyChecksOnUserSchedule = true.' },
  { id: 'CF4', kinds: ['L', 'C'], summary: "Automatic OS image upgrade: the scale set's patchMode must not be AutomaticByPlatform; supported on Uniform …" },
  { id: 'CF5', kinds: ['L', 'C'], summary: 'patchSettings.patchMode on a scale set applies to Flexible orchestration only; Flexible scale sets with guest …' },
  {
    id: 'CF6',
    kinds: ['L', 'C'],
    summary: 'Application Health extension settings: protocol http/https/tcp; port required for tcp; requestPath required for …',
  },
  { id: 'CF7', kinds: ['L'], summary: 'rollingUpgradePolicy ranges: maxBatchInstancePercent 5-100, maxUnhealthyInstancePercent 5-100 …' },
  {
    id: 'CF8',
    kinds: ['L'],
    summary: 'Service Fabric scale sets: upgradePolicy.mode Automatic only, enableAutomaticUpdates false, Uniform orchestration only.',
  },
  { id: 'CF9', kinds: ['L'], summary: 'Maintenance configurations with scope InGuestPatch: duration between 1h30 and 3h55, recurrence at least every 6 …' },
  { id: 'CF10', kinds: ['L'], summary: 'Azure Policy parity (rules off or info by default, on in a strict preset): assessmentMode = AutomaticByPlatform …' },
  {
    id: 'CF11',
    kinds: ['P'],
    summary: 'Availability sets: at most 20% of the VMs of one update domain at a time; one at a time when the set has fewer than …',
  },
  {
    id: 'CF12',
    kinds: ['P', 'D'],
    summary: 'From Compute API 2025-04-01 automatic extension upgrade is on by default; extension upgrades roll out canary-first …',
  },
  { id: 'CF13', kinds: ['L'], summary: "rebootSetting Never with hotpatch off means patches that need a reboot stay pending (info); the VM model's …" },
];
