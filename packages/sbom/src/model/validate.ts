import type { ValidateFunction } from 'ajv';
import { SbomError } from '../errors.js';
import type { Bom } from './schema.js';
import { serializeBom } from './serialize.js';
import { compileStrictValidator } from './strict-schema/compiled-validator.js';

type Version = '1.6' | '1.7';
const validators = new Map<Version, Promise<ValidateFunction>>();

/** One violation of the CycloneDX JSON schema. */
export interface SchemaViolation {
  /** JSON pointer into the BOM, `''` for the root. */
  readonly instancePath: string;
  /** The JSON Schema keyword that failed (`required`, `enum`, `additionalProperties`, …). */
  readonly keyword: string;
  readonly message: string;
}

/**
 * Checks a BOM against the official CycloneDX JSON **strict** schema of its `specVersion`, as
 * shipped in `@cyclonedx/cyclonedx-library` and with the library's ajv setup, and returns every
 * violation (empty when valid). `uniqueItems` is checked in linear time instead of ajv's pairwise
 * comparison, so 10,000 components take well under a second instead of 20 s or more.
 *
 * @example
 * ```ts
 * const violations = await schemaViolations(bom);
 * ```
 * @throws {SbomError} SBOM_MALFORMED_JSON (text that is not JSON), SBOM_INVALID (not 1.6/1.7)
 */
export async function schemaViolations(bom: Bom | string): Promise<SchemaViolation[]> {
  const text = typeof bom === 'string' ? bom : serializeBom(bom, { canonical: false, indent: 0 });
  const version = typeof bom === 'string' ? specVersionOf(text) : bom.specVersion;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new SbomError('SBOM_MALFORMED_JSON', 'the BOM is not JSON', { cause });
  }
  let compiled = validators.get(version);
  if (compiled === undefined) {
    compiled = compileStrictValidator(version);
    validators.set(version, compiled);
    compiled.catch(() => validators.delete(version));
  }
  const validate = await compiled;
  if (validate(value)) return [];
  return (validate.errors ?? []).map((e) => ({
    instancePath: e.instancePath,
    keyword: e.keyword,
    message: e.message ?? 'schema violation',
  }));
}

/**
 * Throws unless the BOM passes the CycloneDX JSON strict schema (see {@link schemaViolations}).
 * @throws {SbomError} SBOM_SCHEMA_INVALID with `details.violations`
 */
export async function assertSchemaValid(bom: Bom | string): Promise<void> {
  const violations = await schemaViolations(bom);
  if (violations.length > 0) {
    throw new SbomError('SBOM_SCHEMA_INVALID', 'the BOM fails the CycloneDX JSON strict schema', {
      details: { violations: violations.slice(0, 100) },
    });
  }
}

function specVersionOf(text: string): Version {
  const match = /"specVersion"\s*:\s*"(1\.[67])"/.exec(text);
  if (match === null) {
    throw new SbomError('SBOM_INVALID', 'only CycloneDX 1.6 and 1.7 JSON are supported');
  }
  return match[1] as Version;
}
