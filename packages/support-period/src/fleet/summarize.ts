import { SdkError } from '@cra-kit/core';
import type { Notifier } from '../notify/event.js';
import type { DeviceStatus } from './classify.js';
import { type FleetLineError, scanFleet, type ScanFleetOptions } from './fleet-status.js';

/** Options of {@link summarizeFleet}. */
export interface SummarizeFleetOptions extends ScanFleetOptions {
  /** Receives every notice; failures are counted and listed, the scan goes on. */
  readonly notifier?: Notifier;
  /** Most entries kept in each list of the summary (counts are always complete). Default 1000. */
  readonly maxListed?: number;
  /** Called every `progressEvery` devices (default 100,000) with the number of lines read. */
  readonly onProgress?: (linesRead: number) => void;
  readonly progressEvery?: number;
}

/** The fleet at a glance, with bounded lists. */
export interface FleetSummary {
  readonly devices: number;
  readonly supported: number;
  readonly endingSoon: number;
  readonly ended: number;
  readonly updateAvailable: number;
  readonly securityUpdatePending: number;
  readonly firmwareUnknown: number;
  readonly eventsDelivered: number;
  readonly lineErrors: number;
  readonly errors: FleetLineError[];
  readonly outOfSupport: string[];
  readonly endingWithinWindow: string[];
  readonly behindSecurity: string[];
  /** Idempotency keys of notices that failed; running again re-sends them safely. */
  readonly undelivered: { readonly idempotencyKey: string; readonly code: string }[];
}

/**
 * Runs {@link scanFleet} to the end, counts, and hands each notice to the notifier. Notices are
 * delivered one at a time in file order; a failed one is recorded with its code and the scan
 * goes on, so one unreachable receiver never loses the rest of the fleet.
 *
 * @throws {SupportPeriodError} SUPPORT_FLEET_HEADER_INVALID when the CSV header is unusable
 * @example
 * ```ts
 * const summary = await summarizeFleet(createReadStream('fleet.csv'), { format: 'csv', plans, releases, notifier });
 * ```
 */
export async function summarizeFleet(
  source: Parameters<typeof scanFleet>[0],
  options: SummarizeFleetOptions,
): Promise<FleetSummary> {
  const max = options.maxListed ?? 1000;
  const every = options.progressEvery ?? 100_000;
  const s = {
    devices: 0, supported: 0, endingSoon: 0, ended: 0, updateAvailable: 0, securityUpdatePending: 0,
    firmwareUnknown: 0, eventsDelivered: 0, lineErrors: 0,
    errors: [] as FleetLineError[], outOfSupport: [] as string[], endingWithinWindow: [] as string[],
    behindSecurity: [] as string[], undelivered: [] as { idempotencyKey: string; code: string }[],
  }; // prettier-ignore
  const push = <T>(list: T[], value: T) => {
    if (list.length < max) list.push(value);
  };
  let records = 0;
  for await (const record of scanFleet(source, options)) {
    records += 1;
    if (options.onProgress !== undefined && records % every === 0) options.onProgress(records);
    if (record.kind === 'error') {
      s.lineErrors += 1;
      push(s.errors, record.error);
      continue;
    }
    count(s, record.status, push);
    const notifier = options.notifier;
    if (notifier === undefined) continue;
    for (const event of record.status.events) {
      try {
        await notifier.notify(event);
        s.eventsDelivered += 1;
      } catch (error) {
        if (!SdkError.isInstance(error)) throw error;
        push(s.undelivered, { idempotencyKey: event.idempotencyKey, code: error.code });
      }
    }
  }
  return s;
}

function count(
  s: { -readonly [K in keyof FleetSummary]: FleetSummary[K] },
  d: DeviceStatus,
  push: <T>(list: T[], value: T) => void,
): void {
  s.devices += 1;
  if (d.support === 'supported') {
    s.supported += 1;
  } else if (d.support === 'ending-soon') {
    s.endingSoon += 1;
    push(s.endingWithinWindow, d.serial);
  } else {
    s.ended += 1;
    push(s.outOfSupport, d.serial);
  }
  if (d.updateAvailable !== undefined) s.updateAvailable += 1;
  if (d.securityPendingDays !== undefined) {
    s.securityUpdatePending += 1;
    push(s.behindSecurity, d.serial);
  }
  if (!d.firmwareKnown) s.firmwareUnknown += 1;
}
