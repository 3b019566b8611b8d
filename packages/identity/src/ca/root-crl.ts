import { join } from 'node:path';
import { parseWith, systemClock, type Clock } from '@cra-kit/core';
import { writeFileAtomic } from '@cra-kit/core/node';
import { toPem } from '../asn1/pem.js';
import { createCrl } from '../crl/create-crl.js';
import { RevocationReasonSchema, type RevocationReason } from '../crl/revocation.js';
import { IdentityError } from '../errors.js';
import { CA_FILES, CA_FILE_OPTIONS, type RootRevokedFile } from './ca-files.js';
import { listIssuingCas, openRoot, readCaConfig, readRootRevoked } from './issuing-cas.js';

const DAY_MS = 86_400_000;

/** A root CRL just signed. */
export interface RootCrl {
  /** DER (also written to `root.crl.pem`). */
  readonly crl: Uint8Array;
  readonly crlNumber: number;
  readonly nextUpdate: Date;
  /** Issuing CAs it lists as revoked. */
  readonly revokedIssuingCas: readonly string[];
}

/**
 * Re-signs the root CRL with the offline root key: every issuing CA revoked at the root, a
 * higher CRL number, and a new nextUpdate (365 days by default). Run it before the current one
 * expires (`cra ca crl --root`), or verifiers using `-crl_check_all` refuse the whole hierarchy.
 * `root.crl.pem` and `ca.json` are replaced atomically; the root key is wiped after use.
 *
 * @throws {IdentityError} IDENTITY_CA_NOT_FOUND, IDENTITY_KEY_DECRYPTION_FAILED, IDENTITY_INPUT_INVALID
 * @example
 * ```ts
 * const { crlNumber, nextUpdate } = await resignRootCrl({ dir: './ca', passphrase });
 * ```
 */
export async function resignRootCrl(options: { dir: string; passphrase: string; nextUpdateDays?: number; clock?: Clock }): Promise<RootCrl> {
  const { dir } = options;
  const days = options.nextUpdateDays ?? 365;
  if (!Number.isInteger(days) || days < 1 || days > 3650) throw new IdentityError('IDENTITY_INPUT_INVALID', 'nextUpdateDays must be 1..3650');
  return signRootCrl(dir, options.passphrase, days, options.clock ?? systemClock, await readRootRevoked(dir));
} // prettier-ignore

async function signRootCrl(dir: string, passphrase: string, days: number, clock: Clock, revoked: RootRevokedFile): Promise<RootCrl> {
  const config = await readCaConfig(dir);
  const root = await openRoot(dir, passphrase);
  const crlNumber = (config.rootCrlNumber ?? 1) + 1;
  const entries = revoked.entries.map(({ serialNumber, reason, revokedAt }) => ({ serialNumber, reason, revokedAt }));
  const crl = await createCrl({ ca: root, entries, crlNumber, nextUpdateDays: days, clock });
  // The revocations first, then the CRL, then the counter: a crash in between leaves a CRL
  // that is at worst re-signed again with a higher number.
  await writeFileAtomic(join(dir, CA_FILES.rootRevoked), JSON.stringify(revoked, null, 2), CA_FILE_OPTIONS);
  await writeFileAtomic(join(dir, CA_FILES.rootCrl), toPem(crl, 'X509 CRL'), CA_FILE_OPTIONS);
  await writeFileAtomic(join(dir, CA_FILES.config), JSON.stringify({ ...config, rootCrlNumber: crlNumber }, null, 2), CA_FILE_OPTIONS);
  const thisUpdate = Math.floor(clock.now().getTime() / 1000) * 1000;
  return { crl, crlNumber, nextUpdate: new Date(thisUpdate + days * DAY_MS), revokedIssuingCas: revoked.entries.map((e) => e.issuingCa) };
} // prettier-ignore

/**
 * Revokes a whole issuing CA at the root (e.g. a compromised production line): its serial goes
 * on `root-revoked.json` and a freshly signed root CRL, so every certificate it issued fails
 * `openssl verify -crl_check_all` and {@link verifyDeviceCertificate} with `caRevocations`; the
 * CA directory then refuses to open it for issuing.
 *
 * @throws {IdentityError} IDENTITY_CA_NOT_FOUND (no such issuing CA), IDENTITY_KEY_DECRYPTION_FAILED
 * @example
 * ```ts
 * await revokeIssuingCa({ dir: './ca', name: 'vs-2027', reason: 'cACompromise', passphrase });
 * ```
 */
export async function revokeIssuingCa(options: { dir: string; name: string; reason: RevocationReason; passphrase: string; nextUpdateDays?: number; clock?: Clock }): Promise<RootCrl> {
  const { dir, name } = options;
  const reason = parseWith(RevocationReasonSchema, options.reason, 'revocation reason');
  const clock = options.clock ?? systemClock;
  const ca = (await listIssuingCas(dir)).find((c) => c.name === name);
  if (ca === undefined) throw new IdentityError('IDENTITY_CA_NOT_FOUND', `no issuing CA ${name} in ${dir}`);
  const revoked = await readRootRevoked(dir);
  const entries = ca.revoked ? revoked.entries : [...revoked.entries, { issuingCa: name, serialNumber: ca.serialNumber, reason, revokedAt: new Date(Math.floor(clock.now().getTime() / 1000) * 1000).toISOString() }];
  return signRootCrl(dir, options.passphrase, options.nextUpdateDays ?? 365, clock, { ...revoked, entries });
} // prettier-ignore
