import {
  generateSbom,
  parseBom,
  schemaViolations,
  serializeBom,
  type IngestedComponent,
} from '@cra-kit/sbom';
import { fixedClock, seededRandom } from '@cra-kit/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hyperjumpValid } from './second-engine.js';

const text = fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s.trim() !== '');
const token = fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/);
const component: fc.Arbitrary<IngestedComponent> = fc.record({
  name: token,
  version: fc.option(fc.stringMatching(/^[0-9]{1,3}(\.[0-9]{1,3}){0,2}$/), { nil: undefined }),
  type: fc.constantFrom('library', 'application', 'firmware', 'file'),
  supplier: fc.option(text, { nil: undefined }),
  licenses: fc.array(fc.constantFrom('MIT', 'Apache-2.0', 'GPL-2.0-only OR MIT', 'LicenseRef-Acme', 'Proprietary blob licence'), { maxLength: 2 }),
  sha512: fc.option(fc.stringMatching(/^[0-9a-f]{128}$/), { nil: undefined }),
  dependsOn: fc.array(token, { maxLength: 3 }),
  topLevel: fc.boolean(),
}); // prettier-ignore

describe('fast-check round trips', () => {
  it('serialize(parse(serialize(generate(x)))) is byte-identical, and every output is schema-valid (two engines)', async () => {
    const samples: string[] = [];
    fc.assert(
      fc.property(fc.array(component, { maxLength: 12 }), (components) => {
        const bom = generateSbom({
          inputs: [{ source: 'prop', components }],
          clock: fixedClock(),
          random: seededRandom(1),
        });
        const once = serializeBom(bom);
        expect(serializeBom(parseBom(once))).toBe(once);
        expect(JSON.parse(serializeBom(parseBom(once), { canonical: false }))).toStrictEqual(
          JSON.parse(once),
        );
        if (samples.length < 25) samples.push(once);
      }),
      { numRuns: 200, seed: 4242 },
    );
    for (const s of samples) {
      expect(await schemaViolations(s)).toEqual([]);
      expect(await hyperjumpValid(JSON.parse(s))).toBe(true);
    }
  });
});
