import { assertNestingDepth, toValidationIssues } from '@cra-kit/core';
import { SbomError } from '../errors.js';
import { defaultSbomLimits, type SbomLimits } from '../limits.js';
import { BomSchema, type Bom } from './schema.js';
import { allComponents } from './walk.js';

/** Decodes and JSON-parses untrusted bytes within the limits; never returns a partial value. */
export function decodeJson(
  input: Uint8Array | string,
  limits: SbomLimits = {},
  subject = 'SBOM',
): unknown {
  const maxBytes = limits.maxSbomBytes ?? defaultSbomLimits.maxSbomBytes;
  const size = typeof input === 'string' ? Buffer.byteLength(input, 'utf8') : input.byteLength;
  if (size > maxBytes) {
    throw new SbomError(
      'SBOM_TOO_LARGE',
      `${subject} is ${size} bytes, over the limit of ${maxBytes}`,
      {
        details: { size, maxBytes },
      },
    );
  }
  let text: string;
  try {
    text =
      typeof input === 'string' ? input : new TextDecoder('utf-8', { fatal: true }).decode(input);
  } catch (cause) {
    throw new SbomError('SBOM_MALFORMED_JSON', `${subject} is not UTF-8 text`, { cause });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new SbomError('SBOM_MALFORMED_JSON', `${subject} is not valid JSON`, { cause });
  }
  // zod would drop a `__proto__` key silently; refuse it rather than lose data (no CycloneDX
  // field has that name, so only hostile input carries one).
  if (text.includes('"__proto__"') && hasProtoKey(value)) {
    throw new SbomError('SBOM_INVALID', `${subject} has a "__proto__" key`, {
      details: { key: '__proto__' },
    });
  }
  try {
    assertNestingDepth(value, limits.maxDepth ?? defaultSbomLimits.maxDepth, subject);
  } catch (cause) {
    throw new SbomError('SBOM_MALFORMED_JSON', `${subject} is nested too deeply`, { cause });
  }
  return value;
}

/**
 * Reads a CycloneDX 1.6/1.7 JSON BOM from untrusted bytes or text: size and depth limits first,
 * then the model, then integrity (unique `bom-ref`s, no dependency on an undeclared ref). Fields
 * the model does not type are kept, so {@link serializeBom} gives them back.
 *
 * @throws {SbomError} SBOM_TOO_LARGE, SBOM_MALFORMED_JSON, SBOM_INVALID, SBOM_DUPLICATE_BOM_REF,
 *   SBOM_DANGLING_REF
 * @example
 * ```ts
 * const bom = parseBom(await readFile('sbom.cdx.json'));
 * ```
 */
export function parseBom(input: Uint8Array | string, limits: SbomLimits = {}): Bom {
  return toBom(decodeJson(input, limits), limits);
}

/** Validates an already-decoded JSON value as a BOM; see {@link parseBom}. */
export function toBom(value: unknown, limits: SbomLimits = {}): Bom {
  const result = BomSchema.safeParse(value);
  if (!result.success) {
    const issues = toValidationIssues(BomSchema, result.error.issues).slice(0, 100);
    throw new SbomError('SBOM_INVALID', 'not a CycloneDX 1.6/1.7 JSON BOM', {
      cause: result.error,
      details: { issues },
    });
  }
  assertIntegrity(result.data, limits.maxComponents ?? defaultSbomLimits.maxComponents);
  return result.data;
}

function assertIntegrity(bom: Bom, maxComponents: number): void {
  const components = allComponents(bom);
  if (components.length > maxComponents) {
    throw new SbomError(
      'SBOM_TOO_LARGE',
      `${components.length} components, over ${maxComponents}`,
      {
        details: { components: components.length, maxComponents },
      },
    );
  }
  const refs = new Map<string, string>();
  const declare = (ref: string | undefined, path: string) => {
    if (ref === undefined) return;
    const first = refs.get(ref);
    if (first !== undefined) {
      throw new SbomError('SBOM_DUPLICATE_BOM_REF', 'two elements share one bom-ref', {
        details: { ref, paths: [first, path] },
      });
    }
    refs.set(ref, path);
  };
  declare(bom.metadata?.component?.['bom-ref'], '$.metadata.component');
  for (const { component, path } of components) declare(component['bom-ref'], path);
  bom.services?.forEach((s, i) => {
    declare(s['bom-ref'], `$.services[${i}]`);
  });
  bom.dependencies?.forEach((d, i) => {
    for (const ref of [d.ref, ...(d.dependsOn ?? [])]) {
      if (!refs.has(ref)) {
        throw new SbomError('SBOM_DANGLING_REF', 'a dependency names an undeclared bom-ref', {
          details: { ref, path: `$.dependencies[${i}]` },
        });
      }
    }
  });
}

function hasProtoKey(root: unknown): boolean {
  const stack = [root];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (typeof node !== 'object' || node === null) continue;
    if (!Array.isArray(node) && Object.prototype.hasOwnProperty.call(node, '__proto__'))
      return true;
    for (const child of Object.values(node)) stack.push(child);
  }
  return false;
}
