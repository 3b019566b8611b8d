import { parseWith, SdkError, type Signer } from '@cra-kit/core';
import { z } from 'zod';

const RoleNameSchema = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)*$/, 'a role name');
import { OtaSigningError } from '../errors.js';
import { signatureOf } from '../metadata/sign.js';
import { TufSignatureSchema, type TufSignature } from '../metadata/schema.js';

/** An unsigned role waiting for an offline ceremony: the file carried to each key holder. */
export const StagedRoleSchema = z.strictObject({
  role: RoleNameSchema,
  signed: z.looseObject({ _type: z.string(), version: z.int().min(1) }),
});
export type StagedRole = z.infer<typeof StagedRoleSchema>;

/** A partial signature file: one key holder's signature over one staged role version. */
export const PartialSignatureSchema = z.strictObject({
  role: RoleNameSchema,
  version: z.int().min(1),
  signature: TufSignatureSchema,
});
export type PartialSignature = z.infer<typeof PartialSignatureSchema>;

/**
 * Signs a staged role on a key holder's (offline) machine. Only the signature leaves the
 * machine; the file it returns is combined into the role with the others.
 * @example
 * ```ts
 * const partial = await signStagedRole(JSON.parse(stagedJson), await readKeyFile('root-2.key.json'));
 * ```
 * @throws {OtaSigningError} OTA_REPOSITORY_INVALID when `staged` is not a staged role file
 */
export async function signStagedRole(staged: unknown, signer: Signer): Promise<PartialSignature> {
  const { role, signed } = parseStaged(staged);
  return { role, version: signed.version, signature: await signatureOf(signed, signer) };
}

/** Parses a staged role file. @throws {OtaSigningError} OTA_REPOSITORY_INVALID */
export function parseStaged(value: unknown): StagedRole {
  try {
    return parseWith(StagedRoleSchema, value, 'staged role');
  } catch (cause) {
    if (!SdkError.isInstance(cause)) throw cause;
    throw new OtaSigningError('OTA_REPOSITORY_INVALID', 'not a staged role file', { cause });
  }
}

/** Parses a partial signature file. @throws {OtaSigningError} OTA_REPOSITORY_INVALID */
export function parsePartial(value: unknown): PartialSignature {
  try {
    return parseWith(PartialSignatureSchema, value, 'partial signature');
  } catch (cause) {
    if (!SdkError.isInstance(cause)) throw cause;
    throw new OtaSigningError('OTA_REPOSITORY_INVALID', 'not a partial signature file', { cause });
  }
}

/** The signatures of `partials` that belong to `staged` (same role and version). */
export function signaturesFor(staged: StagedRole, partials: readonly PartialSignature[]): TufSignature[] {
  return partials.filter((p) => p.role === staged.role && p.version === staged.signed.version).map((p) => p.signature);
} // prettier-ignore
