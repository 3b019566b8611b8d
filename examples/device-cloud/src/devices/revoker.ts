import { SdkError } from '@cra-kit/core';
import { toPem, type CaDirectory, type RevocationReason } from '@cra-kit/identity';
import type { FastifyBaseLogger } from 'fastify';
import type { DeviceStore } from './device-store.js';

/**
 * Makes the CA directory's revocation file cover every certificate the registry has revoked
 * (a crash between the two steps of {@link Revoker.revoke} leaves the CA file behind).
 */
export async function reconcileCaRevocations(store: DeviceStore, ca: CaDirectory): Promise<number> {
  const known = await ca.revocations();
  const missing = new Map<string, RevocationReason>();
  for (const entry of await store.revokedCertificates()) {
    if (known.lookup(entry.serialNumber) === undefined && entry.deviceSerial !== undefined) missing.set(entry.deviceSerial, entry.reason);
  }
  for (const [deviceId, reason] of missing) {
    try {
      await ca.revoke(deviceId, reason);
    } catch (error) {
      if (!(SdkError.isInstance(error) && error.code === 'IDENTITY_INPUT_INVALID')) throw error;
    }
  }
  return missing.size;
} // prettier-ignore

/** Applies a revocation everywhere it must take effect. */
export interface Revoker {
  revoke(
    deviceId: string,
    reason: RevocationReason,
    actor: string,
  ): Promise<{ revokedCertificates: string[] }>;
  /** Signs a fresh CRL and hands it to every TLS listener. */
  refreshCrl(): Promise<void>;
}

/**
 * Revocation in the order that makes it immediate: (1) the database, which the broker and the
 * device listener consult on every connection and request; (2) the device's live MQTT session is
 * closed; (3) the CA's revocation file and a fresh CRL, installed with `setSecureContext` on the
 * device HTTPS and MQTT TLS servers so new handshakes fail too. Calls are serialised because the
 * CA directory's files are read-modify-write.
 */
export function createRevoker(options: {
  store: DeviceStore;
  ca: CaDirectory;
  applyCrl: (issuingCrlPem: string) => void | Promise<void>;
  disconnect: (deviceId: string) => void;
  log: FastifyBaseLogger;
}): Revoker {
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(job: () => Promise<T>): Promise<T> => {
    const next = queue.then(job, job);
    queue = next.catch(() => undefined);
    return next;
  };
  const refreshCrl = async () => {
    await options.applyCrl(toPem(await options.ca.createCrl(), 'X509 CRL'));
  };
  return {
    refreshCrl: () => serial(refreshCrl),
    revoke: (deviceId, reason, actor) =>
      serial(async () => {
        const entries = await options.store.revoke(deviceId, reason, { actor, action: 'device.revoke', subject: `device:${deviceId}`, detail: { reason } });
        options.disconnect(deviceId);
        try {
          await options.ca.revoke(deviceId, reason);
        } catch (error) {
          // Revoked in the CA file already (e.g. by `cra ca revoke`): the CRL below still covers it.
          if (!(SdkError.isInstance(error) && error.code === 'IDENTITY_INPUT_INVALID')) throw error;
        }
        await refreshCrl();
        options.log.info({ deviceId, reason }, 'device revoked');
        return { revokedCertificates: entries.map((e) => e.serialNumber) };
      }),
  };
} // prettier-ignore
