import { SdkError } from '@cra-kit/core';
import { toPem, type CaDirectory, type RevocationReason } from '@cra-kit/identity';
import type { FastifyBaseLogger } from 'fastify';
import type { DeviceStore } from './device-store.js';

/**
 * Makes the CA directory's revocation file cover every certificate the registry has revoked:
 * those other instances revoked, and any a crash between the database and the file left behind.
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

/** Runs `fn` while no other cloud instance works on the CA directory's files. */
export type CaFilesLock = <T>(fn: () => Promise<T>) => Promise<T>;
/** Within one process (SQLite: one instance); PostgreSQL deployments use an advisory lock. */
export const processLocalLock: CaFilesLock = (fn) => fn();

/**
 * Signs the issuing CA's CRL (PEM) from the registry: the CA directory's revocation file is
 * first reconciled with the database, which every instance writes, so an instance's CRL covers
 * the revocations of the others; under `lock`, so two instances never read the same CRL number.
 */
export async function signRegistryCrl(
  store: DeviceStore,
  ca: CaDirectory,
  lock: CaFilesLock,
): Promise<string> {
  return lock(async () => {
    await reconcileCaRevocations(store, ca);
    return toPem(await ca.createCrl(), 'X509 CRL');
  });
}

/** Applies a revocation everywhere it must take effect. */
export interface Revoker {
  revoke(
    deviceId: string,
    reason: RevocationReason,
    actor: string,
  ): Promise<{ revokedCertificates: string[] }>;
  /** Signs a fresh CRL from the registry and hands it to every TLS listener. */
  refreshCrl(): Promise<void>;
}

/**
 * Revocation in the order that makes it immediate: (1) the database, which the broker and the
 * device listener consult on every connection and request; (2) the device's live MQTT session is
 * closed; (3) the CA's revocation file and a fresh CRL, installed with `setSecureContext` on the
 * device HTTPS and MQTT TLS servers so new handshakes fail too. Calls are serialised here and,
 * through `lock`, with the other instances, because the CA directory's files are
 * read-modify-write.
 */
export function createRevoker(options: {
  store: DeviceStore;
  ca: CaDirectory;
  applyCrl: (issuingCrlPem: string) => void | Promise<void>;
  disconnect: (deviceId: string) => void;
  log: FastifyBaseLogger;
  lock?: CaFilesLock;
}): Revoker {
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(job: () => Promise<T>): Promise<T> => {
    const next = queue.then(job, job);
    queue = next.catch(() => undefined);
    return next;
  };
  const refreshCrl = async () => {
    await options.applyCrl(await signRegistryCrl(options.store, options.ca, options.lock ?? processLocalLock));
  };
  return {
    refreshCrl: () => serial(refreshCrl),
    revoke: (deviceId, reason, actor) =>
      serial(async () => {
        const entries = await options.store.revoke(deviceId, reason, { actor, action: 'device.revoke', subject: `device:${deviceId}`, detail: { reason } });
        options.disconnect(deviceId);
        // The CA file learns of it from the registry, like every other instance's revocations.
        await refreshCrl();
        options.log.info({ deviceId, reason }, 'device revoked');
        return { revokedCertificates: entries.map((e) => e.serialNumber) };
      }),
  };
} // prettier-ignore
