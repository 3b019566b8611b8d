import { describe, expect, it } from 'vitest';
import { SdkError } from '../errors/sdk-error.js';
import {
  REQUIREMENTS,
  getRequirement,
  hasRequirement,
  listRequirements,
  requirementChildren,
} from './query.js';

const ids = (list: readonly { id: string }[]) => list.map((r) => r.id);

/** The error a function throws, or undefined; so tests assert on its code, never its message. */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('getRequirement', () => {
  it('returns the entry with the id', () => {
    const r = getRequirement('annex-i.part-1.2.c');
    expect(r.citation).toBe('Annex I, Part I, point (2)(c)');
    expect(r.source).toBe('annex-i-part-i');
  });

  it.each(['annex-i.part-1.2.n', 'annex-i.part-1.2', 'ANNEX-II.1', ''])(
    'throws CORE_UNKNOWN_REQUIREMENT for %j',
    (id) => {
      const error = thrown(() => getRequirement(id));
      expect(SdkError.isInstance(error)).toBe(true);
      expect(error).toMatchObject({ code: 'CORE_UNKNOWN_REQUIREMENT', details: { id } });
    },
  );
});

describe('hasRequirement', () => {
  it('is true for catalogue ids and false for others', () => {
    expect(hasRequirement('art-14.8')).toBe(true);
    expect(hasRequirement('annex-vi.statement')).toBe(true);
    expect(hasRequirement('art-14.5')).toBe(false);
    expect(hasRequirement('annex-ii.10')).toBe(false);
  });
});

describe('requirementChildren', () => {
  it('lists the lettered points of a parent in order', () => {
    expect(ids(requirementChildren('annex-ii.8'))).toEqual([
      'annex-ii.8.a',
      'annex-ii.8.b',
      'annex-ii.8.c',
      'annex-ii.8.d',
      'annex-ii.8.e',
      'annex-ii.8.f',
    ]);
    expect(ids(requirementChildren('annex-vii.2'))).toEqual([
      'annex-vii.2.a',
      'annex-vii.2.b',
      'annex-vii.2.c',
    ]);
  });

  it('is empty for an entry without children', () => {
    expect(requirementChildren('annex-i.part-1.1')).toEqual([]);
  });

  it('throws CORE_UNKNOWN_REQUIREMENT for an unknown id', () => {
    expect(thrown(() => requirementChildren('annex-ii.10'))).toMatchObject({
      code: 'CORE_UNKNOWN_REQUIREMENT',
    });
  });
});

describe('listRequirements', () => {
  it('lists the whole catalogue without a filter, as a new array', () => {
    const all = listRequirements();
    expect(all).toEqual(REQUIREMENTS);
    expect(all).not.toBe(REQUIREMENTS);
    expect(listRequirements({})).toEqual(REQUIREMENTS);
  });

  it('filters by source', () => {
    expect(ids(listRequirements({ source: 'annex-vi' }))).toEqual([
      'annex-vi.statement',
      'annex-vi.full-text-address',
    ]);
  });

  it('filters by parent, with null for top-level entries', () => {
    expect(ids(listRequirements({ parent: 'annex-vii.1' }))).toEqual([
      'annex-vii.1.a',
      'annex-vii.1.b',
      'annex-vii.1.c',
      'annex-vii.1.d',
    ]);
    expect(listRequirements({ source: 'annex-ii', parent: null })).toHaveLength(9);
    expect(listRequirements({ source: 'annex-vii', parent: null })).toHaveLength(8);
    expect(listRequirements({ parent: null }).every((r) => r.parent === undefined)).toBe(true);
  });

  it('throws CORE_UNKNOWN_REQUIREMENT for an unknown parent', () => {
    expect(thrown(() => listRequirements({ parent: 'annex-ii.80' }))).toMatchObject({
      code: 'CORE_UNKNOWN_REQUIREMENT',
      details: { id: 'annex-ii.80' },
    });
  });

  it('filters by evidence provider and capability', () => {
    const byProvider = listRequirements({ provider: '@cra-kit/core' });
    expect(byProvider).toHaveLength(21);
    expect(listRequirements({ capability: 'product-profile' })).toEqual(byProvider);
    expect(listRequirements({ provider: '@cra-kit/core', capability: 'product-profile' })).toEqual(
      byProvider,
    );
    expect(ids(listRequirements({ source: 'annex-vi', capability: 'product-profile' }))).toEqual([
      'annex-vi.full-text-address',
    ]);
  });

  it('requires provider and capability to match the same evidence item', () => {
    // Each criterion alone matches entries, but no single evidence item has both.
    expect(listRequirements({ provider: '@cra-kit/core' })).not.toEqual([]);
    expect(listRequirements({ capability: 'sbom' })).not.toEqual([]);
    expect(listRequirements({ provider: '@cra-kit/core', capability: 'sbom' })).toEqual([]);
    expect(listRequirements({ provider: '@cra-kit/nothing' })).toEqual([]);
  });

  it('filters by the date of application (Art. 71(2))', () => {
    expect(listRequirements({ appliesOn: new Date('2026-09-10T23:59:59Z') })).toEqual([]);
    const reporting = listRequirements({ appliesOn: new Date('2026-09-11T00:00:00Z') });
    expect(reporting).toHaveLength(8);
    expect(reporting.every((r) => r.source === 'article-14')).toBe(true);
    expect(listRequirements({ appliesOn: new Date('2027-12-10T23:59:59Z') })).toEqual(reporting);
    expect(listRequirements({ appliesOn: new Date('2027-12-11T00:00:00Z') })).toEqual(REQUIREMENTS);
    expect(listRequirements({ appliesOn: new Date(8.64e15) })).toEqual(REQUIREMENTS);
  });

  it('throws RangeError for an invalid date', () => {
    expect(() => listRequirements({ appliesOn: new Date('not a date') })).toThrow(RangeError);
  });

  it('combines criteria', () => {
    expect(
      ids(
        listRequirements({
          source: 'annex-ii',
          parent: 'annex-ii.8',
          provider: '@cra-kit/core',
          appliesOn: new Date('2028-01-01T00:00:00Z'),
        }),
      ),
    ).toEqual(['annex-ii.8.e']);
  });
});
