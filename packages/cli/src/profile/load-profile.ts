import {
  adviseOnProductProfile,
  formatPath,
  parseProductProfile,
  safeParseProductProfile,
  type ProductProfile,
  type ProfileAdvice,
  type ValidationIssue,
} from '@cra-kit/core';
import { readYamlFile, type SourcePosition } from './yaml-document.js';

/** A validation problem or warning, placed in the YAML file. */
export interface LocatedFinding extends SourcePosition {
  readonly severity: 'error' | 'warning';
  readonly path: readonly (string | number)[];
  /** The path as text, e.g. `manufacturer.securityContact.email`. */
  readonly field: string;
  readonly code: string;
  readonly message: string;
  readonly citation?: string;
}

/** The outcome of checking a product profile file. */
export type ProfileCheck =
  | { readonly valid: true; readonly profile: ProductProfile; readonly warnings: LocatedFinding[] }
  | { readonly valid: false; readonly errors: LocatedFinding[] };

/**
 * Reads and validates a `cra.product.yaml`. Schema and legal-rule violations come back as
 * located findings (not thrown), so a caller can show them all; unreadable or undecodable
 * files throw.
 *
 * @throws {CliError} CLI_FILE_UNREADABLE, CLI_YAML_INVALID
 * @throws {CoreError} CORE_INPUT_TOO_LARGE, CORE_INPUT_MALFORMED
 * @example
 * ```ts
 * const check = await checkProductProfileFile('cra.product.yaml');
 * if (!check.valid) for (const e of check.errors) console.log(e.line, e.field, e.message);
 * ```
 */
export async function checkProductProfileFile(path: string): Promise<ProfileCheck> {
  const source = await readYamlFile(path);
  const result = safeParseProductProfile(source.data);
  const place = (severity: LocatedFinding['severity'], f: ValidationIssue | (ProfileAdvice & { code?: string })): LocatedFinding => ({
    severity,
    path: f.path,
    field: formatPath(f.path),
    code: f.code ?? 'advice',
    message: f.message,
    ...(f.citation === undefined ? {} : { citation: f.citation }),
    // An unknown key is best shown where it stands, not at the mapping that holds it.
    ...source.locate('keys' in f && f.keys?.[0] !== undefined ? [...f.path, f.keys[0]] : f.path),
  }); // prettier-ignore
  if (!result.success) {
    return { valid: false, errors: result.error.issues.map((i) => place('error', i)) };
  }
  const warnings = adviseOnProductProfile(result.data).map((a) => place('warning', a));
  return { valid: true, profile: result.data, warnings };
}

/**
 * Reads a product profile file and returns it, for commands that need a valid one.
 * @throws {ValidationError} CORE_VALIDATION_FAILED when the profile is invalid
 */
export async function loadProductProfile(path: string): Promise<ProductProfile> {
  const source = await readYamlFile(path);
  return parseProductProfile(source.data);
}
