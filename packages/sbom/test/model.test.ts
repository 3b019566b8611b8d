import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseBom, schemaViolations, serializeBom, SbomError } from '@cra-kit/sbom';
import { describe, expect, it } from 'vitest';
import { hyperjumpValid } from './second-engine.js';

const dir = new URL('./fixtures/cyclonedx-1.6/', import.meta.url).pathname;
const files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();

/** Deep equality that treats every array as a multiset: independent of our canonical sort. */
function sameAsMultiset(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return false;
    const rest = [...b];
    return a.every((x) => {
      const i = rest.findIndex((y) => sameAsMultiset(x, y));
      return i >= 0 && rest.splice(i, 1).length === 1;
    });
  }
  if (typeof a === 'object' && a !== null && typeof b === 'object' && b !== null) {
    const ka = Object.keys(a).sort();
    const kb = Object.keys(b).sort();
    return (
      ka.join('\u0000') === kb.join('\u0000') &&
      ka.every((k) => sameAsMultiset((a as never)[k], (b as never)[k]))
    );
  }
  return Object.is(a, b);
}

describe('official CycloneDX 1.6 test documents', () => {
  it('has the fixtures', () => {
    expect(files.length).toBeGreaterThanOrEqual(5);
  });

  it.each(files)('%s round-trips exactly (canonical: false)', async (file) => {
    const text = await readFile(join(dir, file), 'utf8');
    expect(JSON.parse(serializeBom(parseBom(text), { canonical: false }))).toStrictEqual(
      JSON.parse(text),
    );
  });

  it.each(files)(
    '%s round-trips semantically in canonical form and stays schema-valid',
    async (file) => {
      const text = await readFile(join(dir, file), 'utf8');
      const out = serializeBom(parseBom(text));
      const original = JSON.parse(text) as { dependencies?: { dependsOn?: string[] }[] };
      expect(sameAsMultiset(JSON.parse(out), original)).toBe(true);
      expect(await schemaViolations(out)).toEqual([]);
      expect(await hyperjumpValid(JSON.parse(out))).toBe(true);
    },
  );

  it('canonical output is stable: serialize(parse(serialize(x))) is byte-identical', async () => {
    for (const file of files) {
      const once = serializeBom(parseBom(await readFile(join(dir, file), 'utf8')));
      expect(serializeBom(parseBom(once))).toBe(once);
    }
  });
});

describe('schema engines reject what is invalid', () => {
  const bad = {
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    components: [{ type: 'library', name: 'x', hashes: [{ alg: 'SHA-256', content: 'zz' }] }],
  };
  it('library validator (ajv) finds the bad hash', async () => {
    expect((await schemaViolations(JSON.stringify(bad))).length).toBeGreaterThan(0);
  });
  it('hyperjump finds the bad hash', async () => {
    expect(await hyperjumpValid(bad)).toBe(false);
  });
});

describe('bad input', () => {
  it('malformed JSON', () => {
    expect(() => parseBom('{"bomFormat":')).toThrowWithCode(SbomError, 'SBOM_MALFORMED_JSON');
  });
  it('binary, not UTF-8', () => {
    expect(() => parseBom(new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]))).toThrowWithCode(SbomError, 'SBOM_MALFORMED_JSON');
  });
  it('not a CycloneDX BOM', () => {
    expect(() => parseBom('{"spdxVersion":"SPDX-2.3"}')).toThrowWithCode(SbomError, 'SBOM_INVALID');
  });
  it('too deep', () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    expect(() => parseBom(deep)).toThrowWithCode(SbomError, 'SBOM_MALFORMED_JSON');
  });
  it('over the byte limit, refused before decoding', () => {
    expect(() => parseBom(new Uint8Array(2048), { maxSbomBytes: 1024 })).toThrowWithCode(SbomError, 'SBOM_TOO_LARGE');
  });
  it('duplicate bom-refs', () => {
    const doc = { bomFormat: 'CycloneDX', specVersion: '1.6', components: [
      { type: 'library', name: 'a', 'bom-ref': 'x' },
      { type: 'library', name: 'b', components: [{ type: 'library', name: 'c', 'bom-ref': 'x' }] },
    ] }; // prettier-ignore
    expect(() => parseBom(JSON.stringify(doc))).toThrowWithCode(SbomError, 'SBOM_DUPLICATE_BOM_REF');
  });
  it('dangling dependency refs', () => {
    const doc = { bomFormat: 'CycloneDX', specVersion: '1.6', components: [{ type: 'library', name: 'a', 'bom-ref': 'a' }], dependencies: [{ ref: 'a', dependsOn: ['ghost'] }] };
    expect(() => parseBom(JSON.stringify(doc))).toThrowWithCode(SbomError, 'SBOM_DANGLING_REF');
  });
  it('a __proto__ key is refused, never silently dropped, and pollutes nothing', () => {
    const text = '{"bomFormat":"CycloneDX","specVersion":"1.6","components":[{"type":"library","name":"a","__proto__":{"polluted":true}}]}';
    expect(() => parseBom(text)).toThrowWithCode(SbomError, 'SBOM_INVALID');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
}); // prettier-ignore

describe('CycloneDX 1.7', () => {
  it('reads, writes and validates 1.7 documents against the 1.7 strict schema', async () => {
    const doc = {
      bomFormat: 'CycloneDX',
      specVersion: '1.7',
      serialNumber: 'urn:uuid:3e671687-395b-41f5-a30f-a58921a69b79',
      version: 1,
      components: [{ type: 'library', name: 'zlib', version: '1.3.1', 'bom-ref': 'zlib' }],
    };
    const out = serializeBom(parseBom(JSON.stringify(doc)));
    expect(JSON.parse(out)).toStrictEqual(doc);
    expect(await schemaViolations(out)).toEqual([]);
    expect(
      (await schemaViolations(out.replace('"library"', '"no-such-type"'))).length,
    ).toBeGreaterThan(0);
  });
});
