import {
  createBootstrapTokens,
  createEstService,
  type CaDirectory,
  createRevocationList,
  type EnrollmentAttempts,
  type EstResponse,
} from '@cra-kit/identity';
import type { Clock, Storage } from '@cra-kit/core';
import type { DeviceStore } from '../devices/device-store.js';

/** Normalises a certificate serial as identity's `deviceIdentityOf` does: lower case, no leading 00 octets. */
export const normaliseSerial = (hex: string): string =>
  hex.toLowerCase().replace(/^(00)+(?=..)/, '');

/**
 * Enrollment glue: identity's bootstrap tokens and EST service, plus the bookkeeping a cloud must
 * do for every certificate issued (the CA's `issued.jsonl`, so `revoke` finds it, then the registry).
 */
export function createEnrollment(options: { ca: CaDirectory; storage: Storage; store: DeviceStore; clock: Clock; validityDays: number; rateLimit: { attempts: number; windowSeconds: number }; attempts?: EnrollmentAttempts }) {
  const { ca, store } = options;
  // `attempts` on the database: every instance counts a client's redemptions in one place.
  const tokens = createBootstrapTokens({ storage: options.storage, clock: options.clock, rateLimit: { attempts: options.rateLimit.attempts, windowMs: options.rateLimit.windowSeconds * 1000 }, ...(options.attempts ? { attempts: options.attempts } : {}) });
  const est = createEstService({
    ca: ca.issuing,
    root: ca.rootCertificate,
    tokens,
    revocations: async () => createRevocationList(await store.revokedCertificates()),
    validityDays: options.validityDays,
    clock: options.clock,
  });
  const record = async (response: EstResponse, action: string) => {
    const { issued } = response;
    await ca.recordIssued({ deviceSerial: issued.deviceSerial, serialNumber: issued.serialNumber, fingerprint: issued.fingerprint, notAfter: issued.notAfter.toISOString(), profile: 'ldevid-mtls' });
    await store.recordCertificate(
      { deviceId: issued.deviceSerial, certificateSerial: normaliseSerial(issued.serialNumber), notAfter: issued.notAfter.toISOString() },
      { actor: `device:${issued.deviceSerial}`, action, subject: `device:${issued.deviceSerial}`, detail: { certificateSerial: issued.serialNumber } },
    );
    return response;
  };
  return {
    tokens,
    async enroll(input: { body: string; token: string; clientId: string }) {
      return record(await est.simpleEnroll(input), 'device.enroll');
    },
    async reenroll(input: { body: string; peerCertificate: Uint8Array }) {
      return record(await est.simpleReenroll(input), 'device.renew');
    },
  };
} // prettier-ignore

export type Enrollment = ReturnType<typeof createEnrollment>;
