import { Spec, Validation } from '@cyclonedx/cyclonedx-library';
import { SbomError } from '../errors.js';
import type { Bom } from './schema.js';
import { serializeBom } from './serialize.js';

const VERSIONS = { '1.6': Spec.Version.v1dot6, '1.7': Spec.Version.v1dot7 } as const;
const validators = new Map<string, Validation.JsonStrictValidator>();

/** One violation of the CycloneDX JSON schema. */
export interface SchemaViolation {
  /** JSON pointer into the BOM, `''` for the root. */
  readonly instancePath: string;
  /** The JSON Schema keyword that failed (`required`, `enum`, `additionalProperties`, …). */
  readonly keyword: string;
  readonly message: string;
}

/**
 * Checks a BOM against the official CycloneDX JSON **strict** schema of its `specVersion`, with
 * `@cyclonedx/cyclonedx-library`'s validator (ajv), and returns every violation (empty when valid).
 *
 * @example
 * ```ts
 * const violations = await schemaViolations(bom);
 * ```
 */
export async function schemaViolations(bom: Bom | string): Promise<SchemaViolation[]> {
  const text = typeof bom === 'string' ? bom : serializeBom(bom, { canonical: false, indent: 0 });
  const version = typeof bom === 'string' ? specVersionOf(text) : bom.specVersion;
  let validator = validators.get(version);
  if (validator === undefined) {
    validator = new Validation.JsonStrictValidator(VERSIONS[version]);
    validators.set(version, validator);
  }
  const errors: unknown = await validator.validate(text);
  if (errors === null) return [];
  return (Array.isArray(errors) ? (errors as Record<string, unknown>[]) : [errors as Record<string, unknown>]).map((e) => ({
    instancePath: typeof e.instancePath === 'string' ? e.instancePath : '',
    keyword: typeof e.keyword === 'string' ? e.keyword : 'unknown',
    message: typeof e.message === 'string' ? e.message : 'schema violation',
  })); // prettier-ignore
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

function specVersionOf(text: string): keyof typeof VERSIONS {
  const match = /"specVersion"\s*:\s*"(1\.[67])"/.exec(text);
  if (match === null) {
    throw new SbomError('SBOM_INVALID', 'only CycloneDX 1.6 and 1.7 JSON are supported');
  }
  return match[1] as keyof typeof VERSIONS;
}
