import { parseWith, SdkError, type Storage } from '@cra-kit/core';
import { z } from 'zod';
import { OtaSigningError } from '../errors.js';

/** The storage key the director's per-device versions live under. */
export const DIRECTOR_VERSIONS_KEY = 'director-versions.json';

// Built on first use: devices never need it.
let stateSchema: ReturnType<typeof buildStateSchema> | undefined;
function buildStateSchema() {
  return z.strictObject({
    schemaVersion: z.literal(1),
    /** Last director metadata version signed per device id. */
    devices: z.record(z.string().min(1), z.int().min(1)),
  });
}

/** What {@link directorVersions} stores (JSON). */
export type DirectorVersionsState = z.infer<ReturnType<typeof buildStateSchema>>;

/** Per-device director versions: see {@link directorVersions}. */
export interface DirectorVersions {
  /** The last version signed for `deviceId`; 0 when none was. */
  last(deviceId: string): Promise<number>;
  /**
   * Reserves the version of the next assignment to `deviceId`: `requested`, or one more than
   * the last. Written (atomically, compare-and-set) before anything is signed, so versions may
   * skip after a failed signing but never repeat or go back.
   * @throws {OtaSigningError} OTA_ROLLBACK when `requested` is not above the last version
   * @throws {OtaSigningError} OTA_REPOSITORY_INVALID when the state is unreadable or changed concurrently
   */
  reserve(deviceId: string, requested?: number): Promise<number>;
}

/**
 * The director's memory of what it signed for each device, so its per-device metadata version
 * only ever increases (devices refuse older director metadata as a rollback). Keep `storage`
 * with the director, not with the offline image repository; {@link fileStorage} writes it
 * atomically (temp file, fsync, rename).
 * @example
 * ```ts
 * const versions = directorVersions(await fileStorage('/var/lib/director'));
 * const version = await versions.reserve('sn-0042');
 * const envelope = await signDirectorTargets({ ...assignment, version });
 * ```
 */
export function directorVersions(storage: Storage): DirectorVersions {
  const read = async () => {
    const stored = await storage.get(DIRECTOR_VERSIONS_KEY);
    if (stored === undefined) return { state: { schemaVersion: 1 as const, devices: {} }, version: null };
    try {
      const state = parseWith((stateSchema ??= buildStateSchema()), JSON.parse(new TextDecoder().decode(stored.value)), DIRECTOR_VERSIONS_KEY);
      return { state, version: stored.version };
    } catch (cause) {
      if (!(cause instanceof SyntaxError) && !SdkError.isInstance(cause)) throw cause;
      throw new OtaSigningError('OTA_REPOSITORY_INVALID', `${DIRECTOR_VERSIONS_KEY} is not valid director state`, { cause });
    }
  };
  const lastOf = (state: DirectorVersionsState, deviceId: string) => (Object.hasOwn(state.devices, deviceId) ? (state.devices[deviceId] ?? 0) : 0);
  return {
    async last(deviceId) {
      return lastOf((await read()).state, deviceId);
    },
    async reserve(deviceId, requested) {
      if (deviceId === '' || (requested !== undefined && (!Number.isSafeInteger(requested) || requested < 1))) throw new RangeError('deviceId must be non-empty and requested a positive integer');
      const { state, version } = await read();
      const last = lastOf(state, deviceId);
      const next = requested ?? last + 1;
      if (next <= last) throw new OtaSigningError('OTA_ROLLBACK', `director version ${next} for ${deviceId} is not above the last one, ${last}`, { details: { deviceId, requested: next, last } });
      const updated: DirectorVersionsState = { schemaVersion: 1, devices: { ...state.devices, [deviceId]: next } };
      await storage.put(DIRECTOR_VERSIONS_KEY, new TextEncoder().encode(`${JSON.stringify(updated, null, 1)}\n`), { ifMatch: version });
      return next;
    },
  };
} // prettier-ignore
