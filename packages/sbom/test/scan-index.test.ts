// The fast scan path must give exactly what the plain one gave: the structural OSV check accepts
// nothing zod rejects, the index and the streamed readers find the same matches, and the version
// parse cache does not change an ordering or swallow an error.
import { execFileSync } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AdvisoryIndex,
  compareDebian,
  compareSemver,
  fromOsvRecord,
  generateSbom,
  matchSbom,
  parseBom,
  readNpmLock,
  readOsvDirectory,
  SbomError,
  serializeBom,
  streamOsvAdvisories,
} from '@cra-kit/sbom';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isOsvRecordShape } from '../src/match/osv-shape.js';
import { OsvRecordSchema } from '../src/match/osv.js';

const fixtures = new URL('./fixtures/advisories/osv/', import.meta.url).pathname;

// Values near the OSV shape: right and wrong types at every level, unknown and hostile keys.
const text = fc.oneof(
  fc.string({ maxLength: 4 }),
  fc.constantFrom('', 'x'.repeat(257), '__proto__'),
);
const anyLeaf = fc.oneof(text, fc.integer(), fc.constant(null), fc.boolean());
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(fc.oneof(a, anyLeaf), { nil: undefined });
const event = fc.dictionary(
  fc.constantFrom('introduced', 'fixed', 'last_affected', 'limit', 'other', '__proto__'),
  fc.oneof(text, anyLeaf),
  { maxKeys: 2 },
);
const range = fc.record(
  {
    type: fc.oneof(fc.constantFrom('SEMVER', 'ECOSYSTEM', 'GIT', 'semver'), anyLeaf),
    events: fc.oneof(fc.array(fc.oneof(event, anyLeaf), { maxLength: 3 }), anyLeaf),
  },
  { requiredKeys: [] },
);
const pkg = fc.record(
  { ecosystem: fc.oneof(text, anyLeaf), name: fc.oneof(text, anyLeaf), purl: maybe(text) },
  { requiredKeys: [] },
);
const affected = fc.record(
  {
    package: maybe(pkg),
    ranges: maybe(fc.array(fc.oneof(range, anyLeaf), { maxLength: 2 })),
    versions: maybe(fc.array(fc.oneof(text, anyLeaf), { maxLength: 2 })),
  },
  { requiredKeys: [] },
);
const record = fc.record({
  id: fc.oneof(text, anyLeaf), aliases: maybe(fc.array(fc.oneof(text, anyLeaf), { maxLength: 2 })), upstream: maybe(fc.array(text, { maxLength: 2 })),
  summary: maybe(text), withdrawn: maybe(text), affected: maybe(fc.array(fc.oneof(affected, anyLeaf), { maxLength: 2 })),
}, { requiredKeys: [] }); // prettier-ignore

describe('the structural OSV check', () => {
  it('never accepts a value the zod schema rejects (and agrees on most)', () => {
    let agreed = 0;
    fc.assert(
      fc.property(fc.oneof(record, anyLeaf), (raw) => {
        const value = JSON.parse(JSON.stringify(raw ?? null)) as unknown; // as read from a file
        const fast = isOsvRecordShape(value);
        const zod = OsvRecordSchema.safeParse(value).success;
        if (fast) expect(zod).toBe(true);
        if (fast === zod) agreed++;
      }),
      { numRuns: 3000, seed: 4 },
    );
    expect(agreed).toBeGreaterThan(2700);
  });

  it('gives the same typed error as before for a record it rejects', () => {
    for (const bad of [null, [], { id: '' }, { id: 'X', affected: [{ ranges: [{ type: 'SVN', events: [] }] }] }]) {
      expect(() => fromOsvRecord(bad)).toThrowWithCode(SbomError, 'SBOM_ADVISORY_INVALID');
    }
    expect(() => fromOsvRecord({ id: 'X', affected: [{ package: { ecosystem: 'npm', name: 'a' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0', fixed: '1.0.0' }] }] }] })).toThrowWithCode(SbomError, 'SBOM_ADVISORY_INVALID');
  }); // prettier-ignore
});

describe('advisory index and streamed readers', () => {
  const bom = (version: string) =>
    parseBom(serializeBom(generateSbom({ inputs: [{ source: 'npm', components: readNpmLock({ lockfileVersion: 3, packages: { '': { dependencies: { lodash: version } }, 'node_modules/lodash': { version, license: 'MIT' } } }) }] }))); // prettier-ignore

  it('an index built once matches like the advisory list, for several SBOMs', async () => {
    const list = await readOsvDirectory(fixtures);
    const index = new AdvisoryIndex();
    for await (const a of streamOsvAdvisories(fixtures)) index.add(a);
    expect(index.size).toBe(list.length);
    for (const v of ['4.17.20', '4.17.21', '4.0.0']) {
      expect(matchSbom(bom(v), { advisories: index })).toEqual(
        matchSbom(bom(v), { advisories: list }),
      );
    }
    expect(matchSbom(bom('4.17.20'), { advisories: index }).map((m) => m.vulnerability)).toEqual([
      'GHSA-35jh-r3h4-6jhm',
    ]);
  });

  it('streams a zip entry by entry and gives what the directory gives', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'osv-stream-'));
    const zip = join(dir, 'all.zip');
    execFileSync('/usr/bin/python3', ['-c', 'import sys, zipfile\nwith zipfile.ZipFile(sys.argv[1], "w", zipfile.ZIP_DEFLATED) as z:\n    for f in sys.argv[2:]: z.write(f, f.rsplit("/", 1)[-1])', zip, `${fixtures}GHSA-35jh-r3h4-6jhm.json`, `${fixtures}DSA-5514-1.json`, `${fixtures}OSV-GIT-EXAMPLE.json`]);
    const streamed = [];
    for await (const a of streamOsvAdvisories(zip)) streamed.push(a);
    const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
    expect(streamed.sort(byId)).toEqual((await readOsvDirectory(fixtures)).sort(byId));
  }); // prettier-ignore
});

describe('version parse cache', () => {
  it('keeps orderings and throws on every call for a bad version', () => {
    for (let i = 0; i < 3; i++) {
      expect(compareSemver('1.0.0-rc.1', '1.0.0')).toBeLessThan(0);
      expect(compareDebian('1:1.0~rc1-1', '1:1.0-1')).toBeLessThan(0);
      expect(() => compareSemver('1.0', '1.0.0')).toThrowWithCode(
        SbomError,
        'SBOM_VERSION_INVALID',
      );
    }
  });
});
