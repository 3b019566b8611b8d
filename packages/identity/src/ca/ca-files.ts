import { z } from 'zod';
import { RevocationEntrySchema } from '../crl/revocation.js';

/** Fixed file names of a CA directory (scripts rely on them). */
export const CA_FILES = Object.freeze({
  config: 'ca.json',
  root: 'root.pem',
  rootKey: 'root.key.json',
  rootCrl: 'root.crl.pem',
  issuing: 'issuing.pem',
  issuingKey: 'issuing.key.json',
  issued: 'issued.jsonl',
  revoked: 'revoked.json',
});

/** Fixed file names of an issued device directory. */
export const DEVICE_FILES = Object.freeze({
  certificate: 'cert.pem',
  chain: 'chain.pem',
  key: 'key.pem',
});

/** `ca.json`: what the CA is and its CRL counter. */
export const CaConfigSchema = z
  .object({
    schemaVersion: z.literal('cra-kit.ca/v1'),
    organization: z.string().min(1).max(64),
    algorithm: z.enum(['ecdsa-p256-sha256', 'ecdsa-p384-sha384', 'ed25519']),
    hardwareModuleType: z.string().optional(),
    crlNumber: z.number().int().min(0),
    createdAt: z.iso.datetime(),
  })
  .strict();

/** One line of `issued.jsonl` and of a batch manifest. */
export const IssuedRecordSchema = z
  .object({
    deviceSerial: z.string(),
    serialNumber: z.string(),
    fingerprint: z.string(),
    notAfter: z.iso.datetime(),
    profile: z.string(),
  })
  .strict();

/** `revoked.json`. */
export const RevokedFileSchema = z
  .object({
    schemaVersion: z.literal('cra-kit.revoked/v1'),
    entries: z.array(RevocationEntrySchema),
  })
  .strict();

/** `ca.json`. */
export type CaConfig = z.infer<typeof CaConfigSchema>;
/** A line of `issued.jsonl`. */
export type IssuedRecord = z.infer<typeof IssuedRecordSchema>;
