import type { FirmwareRelease } from '@cra-kit/core';
import {
  addCalendarMonths,
  daysBetween,
  formatIsoDate,
  isOnOrBefore,
  toUtcDate,
} from '../dates/calendar.js';
import { idempotencyKeyOf, type SupportEvent } from '../notify/event.js';
import type { SupportPlanDetail } from '../plan/schema.js';
import type { FleetDevice } from './parse-device.js';
import { compareSemver } from './semver.js';

/** Where a device stands in its support period. */
export type SupportState = 'supported' | 'ending-soon' | 'ended';

/** The status of one device and the notices it calls for. */
export interface DeviceStatus {
  readonly line: number;
  readonly serial: string;
  readonly model: string;
  readonly supportEnd: string;
  readonly support: SupportState;
  /** Newest release for the device's hardware revision, if newer than what it runs. */
  readonly updateAvailable?: string;
  /** Days since the oldest security update the device is missing was issued. */
  readonly securityPendingDays?: number;
  readonly firmwareKnown: boolean;
  readonly events: readonly SupportEvent[];
}

/** Thresholds of the classification. */
export interface ClassifyThresholds {
  /** Notify when a security update has been pending longer than this. Default 30. */
  readonly pendingAfterDays: number;
  /** Notify when support ends within this many days. Default 90. */
  readonly endingWithinDays: number;
}

/** Releases of one model and hardware revision, newest first. @internal */
export type ReleaseIndex = (model: string, hardwareRevision: string) => readonly FirmwareRelease[];

/** Builds a cached lookup of releases issued up to `now`, newest version first. @internal */
export function indexReleases(releases: readonly FirmwareRelease[], now: Date): ReleaseIndex {
  const issued = releases.filter((r) => Date.parse(r.releasedAt) <= now.getTime());
  const cache = new Map<string, readonly FirmwareRelease[]>();
  return (model, hw) => {
    const key = `${model}\u0000${hw}`;
    let list = cache.get(key);
    if (list === undefined) {
      list = issued
        .filter((r) => r.model === model && r.hardwareIds.includes(hw))
        .sort((a, b) => compareSemver(b.version, a.version));
      cache.set(key, list);
    }
    return list;
  };
}

interface UpdateFacts {
  readonly latest?: FirmwareRelease;
  readonly oldestSecurity?: FirmwareRelease;
}

/** Classifies one valid device against its model's plan. @internal */
export type Classifier = (
  line: number,
  device: FleetDevice,
  plan: SupportPlanDetail,
) => DeviceStatus;

const CACHE_LIMIT = 100_000;

/**
 * Builds the classifier of one scan. Work shared by many devices (end dates per placing date,
 * update facts per model, hardware and installed version) is cached, with bounded caches.
 * @internal
 */
export function createClassifier(releases: ReleaseIndex, now: Date, thresholds: ClassifyThresholds): Classifier {
  const today = toUtcDate(now);
  const occurredAt = now.toISOString();
  const ends = new Map<string, { supportEnd: string; support: SupportState }>();
  const updates = new Map<string, UpdateFacts>();
  const bounded = <K, V>(map: Map<K, V>, key: K, make: () => V): V => {
    let value = map.get(key);
    if (value === undefined) {
      if (map.size >= CACHE_LIMIT) map.clear();
      value = make();
      map.set(key, value);
    }
    return value;
  };
  // Everything that depends only on the end date, computed once per distinct date.
  const endFacts = (end: Date) => {
    const daysLeft = daysBetween(today, end);
    const support: SupportState = !isOnOrBefore(now, end) ? 'ended' : daysLeft <= thresholds.endingWithinDays ? 'ending-soon' : 'supported';
    return { supportEnd: formatIsoDate(end), support };
  };
  return (line, device, plan) => {
    const placed = device.placedOnMarketAt;
    const { supportEnd, support } = plan.basis === 'unit' && placed !== undefined
      ? bounded(ends, `${plan.supportMonths}\u0000${placed}`, () => endFacts(addCalendarMonths(toUtcDate(placed), plan.supportMonths)))
      : bounded(ends, `model\u0000${plan.supportEnd}`, () => endFacts(toUtcDate(plan.supportEnd)));
    const { serial, model, ownerContactId } = device;
    // Plain literals, not spreads: this runs once per device of fleets with millions of lines.
    const event = (kind: SupportEvent['kind'], subject: string, citation: string | undefined): SupportEvent => {
      const e: SupportEvent = { schemaVersion: 1, kind, idempotencyKey: idempotencyKeyOf(kind, serial, subject), serial, model, supportEnd, occurredAt };
      if (ownerContactId !== undefined) e.ownerContactId = ownerContactId;
      if (citation !== undefined) e.citation = citation;
      return e;
    };
    const events: SupportEvent[] = [];
    if (support === 'ended') events.push(event('support-ended', supportEnd, 'Art. 13(19)'));
    if (support === 'ending-soon') events.push(event('support-ending', supportEnd, undefined));

    const installed = device.firmwareVersion;
    const status: { -readonly [K in keyof DeviceStatus]: DeviceStatus[K] } = { line, serial, model, supportEnd, support, firmwareKnown: installed !== undefined, events };
    if (installed === undefined) return status;
    const { latest, oldestSecurity } = bounded(updates, `${model}\u0000${device.hardwareRevision}\u0000${installed}`, () => {
      const newer = releases(model, device.hardwareRevision).filter((r) => compareSemver(r.version, installed) > 0);
      const security = newer.filter((r) => r.type === 'security').sort((a, b) => Date.parse(a.releasedAt) - Date.parse(b.releasedAt))[0];
      return { ...(newer[0] === undefined ? {} : { latest: newer[0] }), ...(security === undefined ? {} : { oldestSecurity: security }) };
    });
    if (latest === undefined) return status;
    status.updateAvailable = latest.version;
    const available = event('update-available', latest.version, 'Annex I, Part I, point (2)(c)');
    available.installedVersion = installed;
    available.availableVersion = latest.version;
    events.push(available);
    if (oldestSecurity !== undefined) {
      const pendingDays = daysBetween(new Date(oldestSecurity.releasedAt), now);
      status.securityPendingDays = pendingDays;
      if (pendingDays > thresholds.pendingAfterDays) {
        const pending = event('security-update-pending', `${oldestSecurity.version}\n${thresholds.pendingAfterDays}`, 'Annex I, Part II, point (8)');
        pending.installedVersion = installed;
        pending.availableVersion = latest.version;
        pending.pendingSince = formatIsoDate(toUtcDate(oldestSecurity.releasedAt));
        pending.pendingDays = pendingDays;
        events.push(pending);
      }
    }
    return status;
  };
} // prettier-ignore
