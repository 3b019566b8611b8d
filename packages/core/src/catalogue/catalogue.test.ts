import { describe, expect, it } from 'vitest';
import { REQUIREMENTS } from './query.js';
import { RequirementSchema } from './requirement-schema.js';
import type { RequirementSource } from './requirement-schema.js';

// Expected entries, written out from the text of Regulation (EU) 2024/2847 (OJ L, 20.11.2024,
// consolidated 02024R2847-20241120), never derived from the catalogue itself.
const LETTERS_A_TO_M = 'abcdefghijklm'.split('');

const EXPECTED_IDS: Readonly<Record<RequirementSource, readonly string[]>> = {
  'annex-i-part-i': ['annex-i.part-1.1', ...LETTERS_A_TO_M.map((l) => `annex-i.part-1.2.${l}`)],
  'annex-i-part-ii': [1, 2, 3, 4, 5, 6, 7, 8].map((n) => `annex-i.part-2.${n}`),
  'annex-ii': [
    'annex-ii.1',
    'annex-ii.2',
    'annex-ii.3',
    'annex-ii.4',
    'annex-ii.5',
    'annex-ii.6',
    'annex-ii.7',
    'annex-ii.8',
    'annex-ii.8.a',
    'annex-ii.8.b',
    'annex-ii.8.c',
    'annex-ii.8.d',
    'annex-ii.8.e',
    'annex-ii.8.f',
    'annex-ii.9',
  ],
  'annex-v': [1, 2, 3, 4, 5, 6, 7, 8].map((n) => `annex-v.${n}`),
  'annex-vi': ['annex-vi.statement', 'annex-vi.full-text-address'],
  'annex-vii': [
    'annex-vii.1',
    'annex-vii.1.a',
    'annex-vii.1.b',
    'annex-vii.1.c',
    'annex-vii.1.d',
    'annex-vii.2',
    'annex-vii.2.a',
    'annex-vii.2.b',
    'annex-vii.2.c',
    'annex-vii.3',
    'annex-vii.4',
    'annex-vii.5',
    'annex-vii.6',
    'annex-vii.7',
    'annex-vii.8',
  ],
  'article-13': ['art-13.8', 'art-13.9', 'art-13.13', 'art-13.19'],
  'article-14': [
    'art-14.2.a',
    'art-14.2.b',
    'art-14.2.c',
    'art-14.4.a',
    'art-14.4.b',
    'art-14.4.c',
    'art-14.6',
    'art-14.8',
  ],
};

// Top-level item counts as the law numbers them.
const TOP_LEVEL_COUNTS: Readonly<Record<RequirementSource, number>> = {
  'annex-i-part-i': 14, // (1) and (2)(a)–(m)
  'annex-i-part-ii': 8,
  'annex-ii': 9,
  'annex-v': 8,
  'annex-vi': 2, // the declaration sentence and the internet address of the full text
  'annex-vii': 8,
  'article-13': 4,
  'article-14': 8,
};

// The entries whose information the product profile (cra.product.yaml) records.
const PROFILE_EVIDENCE_IDS = [
  'annex-i.part-1.2.c',
  'annex-i.part-1.2.g',
  'annex-i.part-1.2.j',
  'annex-ii.1',
  'annex-ii.2',
  'annex-ii.3',
  'annex-ii.4',
  'annex-ii.5',
  'annex-ii.6',
  'annex-ii.7',
  'annex-ii.8.e',
  'annex-ii.9',
  'annex-v.1',
  'annex-v.2',
  'annex-v.6',
  'annex-v.7',
  'annex-vi.full-text-address',
  'annex-vii.1.a',
  'annex-vii.4',
  'annex-vii.5',
  'art-13.8',
];

const idsOf = (source: RequirementSource) =>
  REQUIREMENTS.filter((r) => r.source === source).map((r) => r.id);

/** The human citation an id must carry, built independently of the data. */
function expectedCitation(id: string): string {
  const [head = '', ...rest] = id.split('.');
  const points = (parts: readonly string[]) => parts.map((p) => `(${p})`).join('');
  if (head === 'annex-i') {
    const [part = '', ...point] = rest;
    return `Annex I, Part ${part === 'part-1' ? 'I' : 'II'}, point ${points(point)}`;
  }
  if (head.startsWith('art-')) return `Article ${head.slice(4)}${points(rest)}`;
  if (head === 'annex-vi') {
    return rest[0] === 'statement'
      ? 'Annex VI, declaration sentence'
      : 'Annex VI, internet address of the full declaration';
  }
  return `Annex ${head.slice(6).toUpperCase()}${points(rest)}`;
}

describe('CRA requirement catalogue: completeness against the law', () => {
  it.each(Object.entries(EXPECTED_IDS))('%s has exactly the entries of the law', (source, ids) => {
    expect(idsOf(source as RequirementSource)).toEqual(ids);
  });

  it.each(Object.entries(TOP_LEVEL_COUNTS))('%s has %i top-level items', (source, count) => {
    const topLevel = REQUIREMENTS.filter((r) => r.source === source && r.parent === undefined);
    expect(topLevel).toHaveLength(count);
  });

  it('has 74 entries in all, in catalogue order', () => {
    expect(REQUIREMENTS).toHaveLength(74);
    expect(REQUIREMENTS.map((r) => r.id)).toEqual(Object.values(EXPECTED_IDS).flat());
  });

  it('runs the Annex I, Part I letters a to m without gaps', () => {
    const letters = idsOf('annex-i-part-i')
      .filter((id) => id.startsWith('annex-i.part-1.2.'))
      .map((id) => id.slice('annex-i.part-1.2.'.length));
    expect(letters).toEqual(LETTERS_A_TO_M);
  });

  it('nests only the lettered points of Annex II(8), Annex VII(1) and Annex VII(2)', () => {
    const children = REQUIREMENTS.filter((r) => r.parent !== undefined);
    expect(children.map((r) => `${r.parent}>${r.id.slice(-1)}`)).toEqual([
      ...'abcdef'.split('').map((l) => `annex-ii.8>${l}`),
      ...'abcd'.split('').map((l) => `annex-vii.1>${l}`),
      ...'abc'.split('').map((l) => `annex-vii.2>${l}`),
    ]);
  });
});

describe('CRA requirement catalogue: integrity', () => {
  it('parses every entry with RequirementSchema', () => {
    for (const r of REQUIREMENTS) {
      const result = RequirementSchema.safeParse(r);
      expect(result.error?.issues, r.id).toBeUndefined();
    }
  });

  it('has unique ids and citations', () => {
    expect(new Set(REQUIREMENTS.map((r) => r.id)).size).toBe(REQUIREMENTS.length);
    expect(new Set(REQUIREMENTS.map((r) => r.citation)).size).toBe(REQUIREMENTS.length);
  });

  it('has a parent that exists, earlier in the catalogue, for every child', () => {
    REQUIREMENTS.forEach((r, index) => {
      if (r.parent === undefined) return;
      const parentIndex = REQUIREMENTS.findIndex((p) => p.id === r.parent);
      expect(parentIndex, r.id).toBeGreaterThanOrEqual(0);
      expect(parentIndex, r.id).toBeLessThan(index);
      expect(REQUIREMENTS[parentIndex]?.source, r.id).toBe(r.source);
    });
  });

  it('has a non-empty citation, title and summary, with the citation matching the id', () => {
    for (const r of REQUIREMENTS) {
      expect(r.title.trim(), r.id).not.toBe('');
      expect(r.summary.trim(), r.id).not.toBe('');
      expect(r.citation, r.id).toBe(expectedCitation(r.id));
    }
  });

  it('applies Article 14 from 11 September 2026 and the rest from 11 December 2027 (Art. 71(2))', () => {
    for (const r of REQUIREMENTS) {
      expect(r.appliesFrom, r.id).toBe(r.source === 'article-14' ? '2026-09-11' : '2027-12-11');
    }
  });

  it('records product-profile evidence exactly where the profile holds the information', () => {
    const fromProfile = (r: (typeof REQUIREMENTS)[number]) =>
      r.evidence.filter((e) => e.provider === '@cra-kit/core');
    const withEvidence = REQUIREMENTS.filter((r) => fromProfile(r).length > 0);
    expect(withEvidence.map((r) => r.id).sort()).toEqual([...PROFILE_EVIDENCE_IDS].sort());
    for (const r of withEvidence) {
      expect(fromProfile(r), r.id).toEqual([
        { provider: '@cra-kit/core', capability: 'product-profile', detail: expect.any(String) },
      ]);
    }
  });

  it('is deeply frozen', () => {
    const first = REQUIREMENTS[0];
    const withEvidence = REQUIREMENTS.find((r) => r.evidence.length > 0);
    expect(Object.isFrozen(REQUIREMENTS)).toBe(true);
    expect(Object.isFrozen(first)).toBe(true);
    expect(Object.isFrozen(withEvidence?.evidence)).toBe(true);
    expect(Object.isFrozen(withEvidence?.evidence[0])).toBe(true);
  });
});
