// Our compiled strict-schema validator (uniqueItems in linear time) against the reference: the
// validator of @cyclonedx/cyclonedx-library itself, on the same documents. Large documents are
// checked by the second, independent engine (@hyperjump) as well.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Spec, Validation } from '@cyclonedx/cyclonedx-library';
import { generateSbom, schemaViolations, serializeBom } from '@cra-kit/sbom';
import { describe, expect, it } from 'vitest';
import { firstDuplicate } from '../src/model/unique-items.js';
import { hyperjumpValid } from './second-engine.js';

const reference = new Validation.JsonStrictValidator(Spec.Version.v1dot6);
const referenceValid = async (text: string) => (await reference.validate(text)) === null;

const dir = new URL('./fixtures/cyclonedx-1.6/', import.meta.url).pathname;
const fixtures = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
const base = JSON.parse(await readFile(join(dir, 'valid-bom-1.6.json'), 'utf8')) as {
  components: Record<string, unknown>[];
  dependencies?: { ref: string; dependsOn?: string[] }[];
};

/** Variants of the official example, each with the verdict the library's validator gives. */
const variants: [string, boolean, (b: typeof base) => void][] = [
  ['duplicate component (same object)', false, (b) => b.components.push({ ...b.components[0] })],
  ['duplicate component, keys reordered', false, (b) => b.components.push(Object.fromEntries(Object.entries(b.components[0] ?? {}).reverse()))],
  ['duplicate dependsOn entry', false, (b) => b.dependencies?.[0]?.dependsOn?.push(...(b.dependencies[0].dependsOn.slice(0, 1)))],
  ['component type not in the enum', false, (b) => Object.assign(b.components[0] ?? {}, { type: 'gadget' })],
  ['unknown property (strict)', false, (b) => Object.assign(b.components[0] ?? {}, { colour: 'red' })],
  ['near-duplicate component (one field differs)', true, (b) => b.components.push({ ...b.components[0], version: '0.0.0-other' })],
]; // prettier-ignore

describe('compiled strict validator agrees with @cyclonedx/cyclonedx-library', () => {
  it.each(fixtures)('official %s: valid for both', async (file) => {
    const text = await readFile(join(dir, file), 'utf8');
    expect(await referenceValid(text)).toBe(true);
    expect(await schemaViolations(text)).toEqual([]);
  });

  it.each(variants)('%s: same verdict (valid: %s)', async (_name, valid, change) => {
    const bom = structuredClone(base);
    change(bom);
    const text = JSON.stringify(bom);
    expect(await referenceValid(text)).toBe(valid);
    expect((await schemaViolations(text)).length === 0).toBe(valid);
  });

  it('reports a duplicate under the keyword uniqueItems with the array’s path', async () => {
    const bom = structuredClone(base);
    bom.components.push({ ...bom.components[1] });
    const [violation] = await schemaViolations(JSON.stringify(bom));
    expect(violation).toMatchObject({ instancePath: '/components', keyword: 'uniqueItems' });
  });
});

describe('uniqueItems in linear time', () => {
  it('firstDuplicate: deep equality independent of key order, type-exact', () => {
    expect(
      firstDuplicate([
        { a: 1, b: [1, { c: 2 }] },
        { b: [1, { c: 2 }], a: 1 },
      ]),
    ).toEqual([0, 1]);
    expect(firstDuplicate([1, '1', true, 'true', null, 'null', [1, 2], [2, 1]])).toBeUndefined();
    expect(firstDuplicate([{ a: [1, 2] }, { a: [2, 1] }, { a: '1,2' }])).toBeUndefined();
    expect(firstDuplicate(['x', 'y', 'x'])).toEqual([0, 2]);
  });

  it('validates 10,000 generated components in seconds, valid for hyperjump too', async () => {
    const components = Array.from({ length: 10_000 }, (_, i) => ({
      name: `pkg-${i}`,
      version: `1.${i % 13}.${i % 7}`,
      type: 'library' as const,
      purl: `pkg:npm/pkg-${i}@1.${i % 13}.${i % 7}`,
      licenses: ['MIT'],
      dependsOn: [`pkg-${(i * 7 + 1) % 10_000}`],
      topLevel: i < 10,
    }));
    const text = serializeBom(generateSbom({ inputs: [{ source: 'test', components }] }));
    const t0 = performance.now();
    expect(await schemaViolations(text)).toEqual([]);
    // 20–58 s with ajv's pairwise uniqueItems; generous for a loaded 2-core machine.
    expect(performance.now() - t0).toBeLessThan(15_000);
    expect(await hyperjumpValid(JSON.parse(text))).toBe(true);

    const bom = JSON.parse(text) as { components: unknown[] };
    bom.components.push(bom.components[4_321]);
    const [violation] = await schemaViolations(JSON.stringify(bom));
    expect(violation).toMatchObject({ instancePath: '/components', keyword: 'uniqueItems' });
  }, 120_000);
});
