/**
 * Where and when a VM may be updated: its region, zone, time zone and local update window (GP17,
 * CF11). Unknown values never throw: an unknown region or zone becomes "unknown", an unknown time
 * zone UTC, and a risk says so.
 */
import { isExpressionText } from '../template/expression/text.js';
import { normalizeRegion, regionInfo } from '../catalog/regions.js';
import type { InventoryResource } from '../inventory/types.js';
import { isKnown, valueAt, type Field } from '../model/field.js';
import type { JsonPath } from '../model/source.js';
import type { GuestPatchProfile, ScaleSet, VirtualMachine } from '../model/types.js';
import { isUnknown } from '../model/unknown.js';
import { describeUnknown } from './eligibility.js';
import { UNKNOWN } from './services.js';
import { intersect, totalMinutes, windowIntervals } from './time.js';
import type { DayIntervals, Risk } from './types.js';
import { ianaZone } from './zones.js';

/** Off-peak window used when the inventory gives none: Azure does not publish its hours (GH3). */
export const DEFAULT_OFF_PEAK = { start: '22:00', end: '06:00' } as const;
const WINDOWS_TIME_ZONE: JsonPath = ['windowsConfiguration', 'timeZone'];

export type RiskSink = (id: string, severity: Risk['severity'], message: string, requirements: string[], resource?: string, region?: string) => void;

export class Placement {
  private readonly defaultWindow: DayIntervals;
  private readonly seenRegions = new Set<string>();
  /** normalizeRegion once per distinct location string (fleets repeat a few locations many times). */
  private readonly regionNames = new Map<string, string>();

  constructor(
    defaultOffPeak: { start: string; end: string } | undefined,
    private readonly patching: boolean,
    private readonly risk: RiskSink,
  ) {
    this.defaultWindow = windowIntervals(defaultOffPeak ?? DEFAULT_OFF_PEAK);
  }

  region(location: Field<string>, entry: InventoryResource, name: string): string {
    const given = entry.region ?? (isKnown(location) ? location.value : undefined);
    const region = given ? this.normalized(given) : UNKNOWN;
    if (region === UNKNOWN)
      this.risk(
        'unknown-region',
        'info',
        `${name}: location is not known before deployment (${describeUnknown(location.value)}); planned in region "unknown" — give region in the inventory`,
        ['AF1'],
        name,
      );
    this.seenRegions.add(region);
    return region;
  }

  /** A region without risks (for excluded VMs). */
  quietRegion(location: Field<string>, entry: InventoryResource): string {
    return entry.region ? this.normalized(entry.region) : isKnown(location) ? this.normalized(location.value) : UNKNOWN;
  }

  normalized(given: string): string {
    let region = this.regionNames.get(given);
    if (region === undefined) this.regionNames.set(given, (region = normalizeRegion(given) || UNKNOWN));
    return region;
  }

  zones(zones: Field<unknown[]>, entry: InventoryResource, name: string): Array<string | null> {
    if (entry.zone !== undefined) return [entry.zone];
    if (zones.value === undefined) return [null];
    if (!isKnown(zones)) {
      this.risk('unknown-zone', 'info', `${name}: zones are not known before deployment; planned in zone "unknown"`, ['AF3'], name);
      return [UNKNOWN];
    }
    const list = zones.value.map((zone) => (typeof zone === 'string' || typeof zone === 'number' ? String(zone) : UNKNOWN));
    return list.length === 0 ? [null] : list;
  }

  /** A VM's zone: the first of its zones (no per-VM array, the common case of a large fleet). */
  zone(zones: Field<unknown[]>, entry: InventoryResource, name: string): string | null {
    if (entry.zone !== undefined) return entry.zone;
    if (zones.value === undefined) return null;
    if (isKnown(zones)) return firstZone(zones.value);
    return this.zones(zones, entry, name)[0];
  }

  timeZone(profile: GuestPatchProfile, resource: VirtualMachine | ScaleSet, entry: InventoryResource, name: string): string {
    if (entry.timeZone !== undefined) return this.iana(entry.timeZone, name);
    const written = valueAt(valueAt(resource.resource.body, profile.base), WINDOWS_TIME_ZONE);
    if (written === undefined || written === null) return 'UTC';
    if (typeof written !== 'string' || isUnknown(written) || isExpressionText(written)) {
      // An expression the expander could not resolve: say so rather than silently planning in UTC (D14).
      this.risk(
        'unknown-time-zone',
        'info',
        `${name}: windowsConfiguration.timeZone is not known before deployment (${isUnknown(written) ? written.expression : String(written)}); UTC assumed — give timeZone in the inventory`,
        ['GP17'],
        name,
      );
      return 'UTC';
    }
    return this.iana(written, name);
  }

  private iana(given: string, name: string): string {
    const iana = ianaZone(given);
    if (iana) return iana;
    this.risk('unknown-time-zone', 'info', `${name}: time zone '${given}' is neither a Windows nor an IANA name; UTC assumed`, ['GP17'], name);
    return 'UTC';
  }

  /** The local hours in which the target may be updated, null for any hour, undefined when never (`neverRunning` says why). */
  window(name: string, entry: InventoryResource, allHours: boolean): DayIntervals | null | undefined {
    // Off-peak applies to guest patching of VMs; Flexible scale sets are patched at all hours (CF11).
    let window: DayIntervals | null = this.patching && !allHours ? (entry.offPeak ? windowIntervals(entry.offPeak) : this.defaultWindow) : null;
    if (entry.runningHours) {
      const usable = intersect(window ?? [[0, 1440]], windowIntervals(entry.runningHours));
      if (totalMinutes(usable) === 0) {
        this.risk(
          'off-peak-never-running',
          'warning',
          `${name}: its off-peak window never overlaps its running hours (${entry.runningHours.start}-${entry.runningHours.end}): Azure never patches it`,
          ['GP17'],
          name,
        );
        return undefined;
      }
      window = usable;
    }
    return window;
  }

  /** Regions the geo-pair table does not know (AF2). */
  finish(): void {
    for (const region of this.seenRegions) {
      if (region !== UNKNOWN && !regionInfo(region))
        this.risk(
          'region-not-in-catalog',
          'info',
          `region ${region} is not in the region table (S20): its geo-pair is not known, so it may share a phase with any region`,
          ['AF2'],
          undefined,
          region,
        );
    }
  }
}

/** A VM's zone without risks (for excluded VMs): unknown when not a plain value. */
export function quietZone(zones: Field<unknown[]>, entry: InventoryResource): string | null {
  if (entry.zone !== undefined) return entry.zone;
  if (zones.value === undefined) return null;
  if (!isKnown(zones)) return UNKNOWN;
  return firstZone(zones.value);
}

function firstZone(zones: unknown[]): string | null {
  if (zones.length === 0) return null;
  const first = zones[0];
  return typeof first === 'string' ? first : typeof first === 'number' ? String(first) : UNKNOWN;
}
