import { z } from 'zod';
import { RevocationEntrySchema, RevocationReasonSchema } from '../crl/revocation.js';

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
  /** Issuing CAs revoked at the root (their serials go on the root CRL). */
  rootRevoked: 'root-revoked.json',
  /** Folder of the issuing CAs added after the first: `issuing/<name>/`. */
  issuingCas: 'issuing',
  /** An added issuing CA's own state (its CRL number), inside `issuing/<name>/`. */
  issuingState: 'state.json',
});

/**
 * Mode of the CA's bookkeeping files and CRLs: not secret (the CA keys are encrypted in their own
 * files), readable as the certificates beside them are. @internal
 */
export const CA_FILE_OPTIONS = { mode: 0o644 } as const;

/** The name the first issuing CA (the top-level `issuing.pem`) goes by. */
export const FIRST_ISSUING_CA = 'default';

/** A name for an issuing CA, e.g. a product line or batch: lower case, digits and `-`, 1–32. */
export const IssuingCaNameSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,31}$/, 'lower-case letters, digits or "-", at most 32');

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
    /** Number of the current root CRL (absent: 1, the one `initCaDirectory` writes). */
    rootCrlNumber: z.number().int().min(1).optional(),
    createdAt: z.iso.datetime(),
  })
  .strict();

/** `issuing/<name>/state.json`: an added issuing CA and its CRL counter. */
export const IssuingCaStateSchema = z
  .object({
    schemaVersion: z.literal('cra-kit.issuing-ca/v1'),
    name: IssuingCaNameSchema,
    crlNumber: z.number().int().min(0),
    createdAt: z.iso.datetime(),
  })
  .strict();

/** `root-revoked.json`: issuing CAs revoked at the root. */
export const RootRevokedFileSchema = z
  .object({
    schemaVersion: z.literal('cra-kit.root-revoked/v1'),
    entries: z.array(
      z
        .object({
          issuingCa: IssuingCaNameSchema,
          serialNumber: z.string().regex(/^[0-9a-f]{2,40}$/),
          reason: RevocationReasonSchema,
          revokedAt: z.iso.datetime(),
        })
        .strict(),
    ),
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

/** `issuing/<name>/state.json`. */
export type IssuingCaState = z.infer<typeof IssuingCaStateSchema>;
/** `root-revoked.json`. */
export type RootRevokedFile = z.infer<typeof RootRevokedFileSchema>;
/** `ca.json`. */
export type CaConfig = z.infer<typeof CaConfigSchema>;
/** A line of `issued.jsonl`. */
export type IssuedRecord = z.infer<typeof IssuedRecordSchema>;
