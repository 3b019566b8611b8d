import { type Clock, type FirmwareRelease, systemClock } from '@cra-kit/core';
import { toUtcDate } from '../dates/calendar.js';
import type { SupportErrorCode } from '../errors.js';
import type { SupportPlanDetail } from '../plan/schema.js';
import {
  type ClassifyThresholds,
  createClassifier,
  type DeviceStatus,
  indexReleases,
} from './classify.js';
import { readLines } from './line-reader.js';
import { isProblem, parseCsvDevice, parseCsvHeader, parseJsonDevice } from './parse-device.js';

/** A fleet line that was not classified: its number, a stable code and why. */
export interface FleetLineError {
  readonly line: number;
  readonly code: SupportErrorCode;
  readonly message: string;
}

/** One result of {@link scanFleet}. */
export type FleetRecord =
  | { readonly kind: 'device'; readonly status: DeviceStatus }
  | { readonly kind: 'error'; readonly error: FleetLineError };

/** Options of {@link scanFleet}. */
export interface ScanFleetOptions extends Partial<ClassifyThresholds> {
  /** `csv` (with a header line) or `ndjson` (one Device JSON object per line). */
  readonly format: 'csv' | 'ndjson';
  /** One plan per model (from `planSupport`). */
  readonly plans: readonly SupportPlanDetail[];
  /** Every published release (core `FirmwareRelease`); releases issued after now are ignored. */
  readonly releases: readonly FirmwareRelease[];
  readonly clock?: Clock;
  /** Longest line accepted, in bytes. Default 16 KiB. */
  readonly maxLineBytes?: number;
}

/** Default limits and thresholds of the fleet status. */
export const defaultFleetConfig = Object.freeze({
  maxLineBytes: 16_384,
  pendingAfterDays: 30,
  endingWithinDays: 90,
});

const EPOCH = Date.UTC(1970, 0, 1);

/**
 * Classifies a fleet in one streaming pass: for each device line, whether it is in support,
 * leaving it within `endingWithinDays`, or out of it, whether an update is available and how
 * long a security update has been pending, with the notices that calls for. A bad line (bad
 * CSV/JSON, unknown model, a date in the future or before 1970, too long) yields an error record
 * with its line number and the scan goes on. Memory stays bounded by one line plus the releases.
 *
 * @param source - The file's bytes (e.g. `createReadStream(path)`) or strings.
 * @throws {SupportPeriodError} SUPPORT_FLEET_HEADER_INVALID when the CSV header is unusable
 * @example
 * ```ts
 * for await (const r of scanFleet(createReadStream('fleet.csv'), { format: 'csv', plans, releases })) {
 *   if (r.kind === 'error') console.error(`line ${r.error.line}: ${r.error.message}`);
 * }
 * ```
 */
export async function* scanFleet(
  source: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
  options: ScanFleetOptions,
): AsyncGenerator<FleetRecord> {
  const now = (options.clock ?? systemClock).now();
  const thresholds: ClassifyThresholds = {
    pendingAfterDays: options.pendingAfterDays ?? defaultFleetConfig.pendingAfterDays,
    endingWithinDays: options.endingWithinDays ?? defaultFleetConfig.endingWithinDays,
  };
  const plans = new Map(options.plans.map((p) => [p.model, p]));
  const classify = createClassifier(indexReleases(options.releases, now), now, thresholds);
  let header: readonly string[] | undefined;
  const error = (line: number, code: SupportErrorCode, message: string): FleetRecord => ({ kind: 'error', error: { line, code, message } });

  for await (const raw of readLines(source, options.maxLineBytes ?? defaultFleetConfig.maxLineBytes)) {
    if ('problem' in raw) {
      yield raw.problem === 'too-long'
        ? error(raw.line, 'SUPPORT_FLEET_LINE_TOO_LONG', 'line longer than maxLineBytes')
        : error(raw.line, 'SUPPORT_FLEET_LINE_MALFORMED', 'not valid UTF-8');
      continue;
    }
    if (raw.text.trim() === '') continue;
    if (options.format === 'csv' && header === undefined) {
      header = parseCsvHeader(raw.text);
      continue;
    }
    const device = header === undefined ? parseJsonDevice(raw.text) : parseCsvDevice(raw.text, header);
    if (isProblem(device)) {
      yield error(raw.line, device.code, device.message);
      continue;
    }
    const plan = plans.get(device.model);
    if (plan === undefined) {
      yield error(raw.line, 'SUPPORT_FLEET_UNKNOWN_MODEL', 'no support plan for this model');
      continue;
    }
    if (device.placedOnMarketAt !== undefined) {
      const placed = toUtcDate(device.placedOnMarketAt).getTime();
      if (placed > now.getTime() || placed < EPOCH) {
        yield error(raw.line, 'SUPPORT_FLEET_DATE_OUT_OF_RANGE', 'placedOnMarketAt is in the future or before 1970');
        continue;
      }
    } else if (plan.basis === 'unit') {
      yield error(raw.line, 'SUPPORT_FLEET_LINE_MALFORMED', 'placedOnMarketAt is required: the model has per-unit support');
      continue;
    }
    yield { kind: 'device', status: classify(raw.line, device, plan) };
  }
} // prettier-ignore
