import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  ANNEX_ENTRIES,
  MINIMUM_SUPPORT_MONTHS,
  adviseOnProductProfile,
  checkClassification,
  checkConformityProcedure,
  checkSupportPeriod,
  safeParseProductProfile,
  type Duration,
  type ProductCategory,
  type ProductProfileInput,
  type ValidationIssue,
} from '@cra-kit/core';
import { brief, issuesOf } from '../../../test/fixtures/errors.js';
import { setAt, validProfile } from '../../../test/fixtures/vibration-sensor.js';
import { PROFILE_RULES, applyProfileRules, formatMonths, type RuleInput } from './legal-rules.js';
import { parseProductProfile } from './parse-profile.js';

type Procedure = 'module-a' | 'module-b-c' | 'module-h' | 'eu-certification-scheme';
type Level = 'basic' | 'substantial' | 'high';
type Kind =
  'harmonised-standard' | 'common-specification' | 'eu-certification-scheme' | 'other-standard';
interface Standard {
  kind: Kind;
  coverage: 'full' | 'partial';
  assuranceLevel?: Level;
}

// A typical Annex III/IV point per category (routers, firewalls, smart meter gateways).
const ANNEX_ENTRY: Record<ProductCategory, string | undefined> = {
  default: undefined,
  'important-class-i': 'annex-iii.class-i.12',
  'important-class-ii': 'annex-iii.class-ii.2',
  critical: 'annex-iv.2',
};
const FOSS = { technicalDocumentationUrl: 'https://acme-sensors.example/technical-file' };
const HARMONISED_FULL: Standard = { kind: 'harmonised-standard', coverage: 'full' };

const PROCEDURE_AT = ['conformityAssessment', 'procedure'];
const SCHEME_AT = ['conformityAssessment', 'certificationScheme'];
const LEVEL_AT = ['conformityAssessment', 'certificationScheme', 'assuranceLevel'];
const ANNEX_ENTRY_AT = ['classification', 'annexEntry'];
const SUPPORT_AT = ['lifecycle', 'supportPeriod', 'duration'];

interface Case {
  category: ProductCategory;
  procedure: Procedure;
  level?: Level | undefined; // certificationScheme.assuranceLevel; undefined: no certificationScheme
  foss?: boolean;
  standards?: Standard[];
}

/** The example profile, reclassified and reassessed as `c` says. */
function profileFor(c: Case): ProductProfileInput {
  const profile = validProfile();
  const annexEntry = ANNEX_ENTRY[c.category];
  profile.classification = { category: c.category, ...(annexEntry ? { annexEntry } : {}) };
  profile.conformityAssessment = {
    procedure: c.procedure,
    ...(c.level ? { certificationScheme: { name: 'EUCC', assuranceLevel: c.level } } : {}),
    ...(c.foss ? { freeAndOpenSource: FOSS } : {}),
  };
  profile.standards = (c.standards ?? []).map((s, i) => ({
    reference: `Standard ${i + 1}`,
    ...s,
  }));
  return profile;
}

/** The issues of `profile`, or [] when it is valid. */
function issuesFor(profile: unknown): readonly ValidationIssue[] {
  const result = safeParseProductProfile(profile);
  return result.success ? [] : result.error.issues;
}

const violation = (path: string[], citation: string) => ({ path, code: 'custom', citation });

describe('Art. 32: conformity assessment procedure', () => {
  describe('default category (Art. 32(1): any procedure)', () => {
    it.each(['module-a', 'module-b-c', 'module-h'] as const)('allows %s', (procedure) => {
      expect(issuesFor(profileFor({ category: 'default', procedure }))).toEqual([]);
    });

    it.each(['basic', 'substantial', 'high'] as const)(
      'allows a certification scheme at %s',
      (level) => {
        expect(
          issuesFor(
            profileFor({ category: 'default', procedure: 'eu-certification-scheme', level }),
          ),
        ).toEqual([]);
      },
    );
  });

  describe('important class I (Art. 32(2))', () => {
    const classI = (c: Omit<Case, 'category'>) =>
      profileFor({ category: 'important-class-i', ...c });

    it('refuses module A when no harmonised standard, common specification or scheme is applied in full', () => {
      expect(brief(issuesFor(classI({ procedure: 'module-a' })))).toEqual([
        violation(PROCEDURE_AT, 'Art. 32(2)'),
      ]);
    });

    it.each([
      [
        'a harmonised standard applied in part',
        [{ kind: 'harmonised-standard', coverage: 'partial' }],
      ],
      [
        'a common specification applied in part',
        [{ kind: 'common-specification', coverage: 'partial' }],
      ],
      ['another standard applied in full', [{ kind: 'other-standard', coverage: 'full' }]],
      [
        'a scheme at basic applied in full',
        [{ kind: 'eu-certification-scheme', coverage: 'full', assuranceLevel: 'basic' }],
      ],
      ['a scheme without assurance level', [{ kind: 'eu-certification-scheme', coverage: 'full' }]],
      [
        'a scheme at substantial applied in part',
        [{ kind: 'eu-certification-scheme', coverage: 'partial', assuranceLevel: 'substantial' }],
      ],
    ] as [string, Standard[]][])('refuses module A with only %s', (_, standards) => {
      expect(brief(issuesFor(classI({ procedure: 'module-a', standards })))).toEqual([
        violation(PROCEDURE_AT, 'Art. 32(2)'),
      ]);
    });

    it.each([
      ['a harmonised standard', [HARMONISED_FULL]],
      ['a common specification', [{ kind: 'common-specification', coverage: 'full' }]],
      [
        'a scheme at substantial',
        [{ kind: 'eu-certification-scheme', coverage: 'full', assuranceLevel: 'substantial' }],
      ],
      [
        'a scheme at high',
        [{ kind: 'eu-certification-scheme', coverage: 'full', assuranceLevel: 'high' }],
      ],
      [
        'a harmonised standard among partial ones',
        [{ kind: 'other-standard', coverage: 'partial' }, HARMONISED_FULL],
      ],
    ] as [string, Standard[]][])('allows module A with %s applied in full', (_, standards) => {
      expect(issuesFor(classI({ procedure: 'module-a', standards }))).toEqual([]);
    });

    it.each(['module-b-c', 'module-h'] as const)('allows %s without any standard', (procedure) => {
      expect(issuesFor(classI({ procedure }))).toEqual([]);
    });

    it.each(['substantial', 'high'] as const)('allows a certification scheme at %s', (level) => {
      expect(issuesFor(classI({ procedure: 'eu-certification-scheme', level }))).toEqual([]);
    });

    // Below 'substantial' a scheme does not lift the duty of Art. 32(2) (Art. 27(9)); the rule
    // broken is Art. 32(2), the class I paragraph, not Art. 32(3), which is about class II.
    it('refuses a certification scheme at basic, citing Art. 32(2)', () => {
      expect(
        brief(issuesFor(classI({ procedure: 'eu-certification-scheme', level: 'basic' }))),
      ).toEqual([violation(LEVEL_AT, 'Art. 32(2)')]);
    });

    // With harmonised standards applied in full, Art. 32(2) does not apply: the product may use
    // any Art. 32(1) procedure, as a default product may.
    it('allows a certification scheme at basic when a harmonised standard is applied in full', () => {
      expect(
        issuesFor(
          classI({
            procedure: 'eu-certification-scheme',
            level: 'basic',
            standards: [HARMONISED_FULL],
          }),
        ),
      ).toEqual([]);
    });
  });

  describe('important class II (Art. 32(3))', () => {
    const classII = (c: Omit<Case, 'category'>) =>
      profileFor({ category: 'important-class-ii', ...c });

    it('refuses module A, even with harmonised standards applied in full', () => {
      expect(brief(issuesFor(classII({ procedure: 'module-a' })))).toEqual([
        violation(PROCEDURE_AT, 'Art. 32(3)'),
      ]);
      expect(
        brief(issuesFor(classII({ procedure: 'module-a', standards: [HARMONISED_FULL] }))),
      ).toEqual([violation(PROCEDURE_AT, 'Art. 32(3)')]);
    });

    it.each(['module-b-c', 'module-h'] as const)('allows %s', (procedure) => {
      expect(issuesFor(classII({ procedure }))).toEqual([]);
    });

    it.each(['substantial', 'high'] as const)('allows a certification scheme at %s', (level) => {
      expect(issuesFor(classII({ procedure: 'eu-certification-scheme', level }))).toEqual([]);
    });

    it('refuses a certification scheme at basic', () => {
      expect(
        brief(issuesFor(classII({ procedure: 'eu-certification-scheme', level: 'basic' }))),
      ).toEqual([violation(LEVEL_AT, 'Art. 32(3)')]);
    });
  });

  describe('critical (Art. 32(4))', () => {
    const critical = (c: Omit<Case, 'category'>) => profileFor({ category: 'critical', ...c });

    it('refuses module A', () => {
      expect(
        brief(issuesFor(critical({ procedure: 'module-a', standards: [HARMONISED_FULL] }))),
      ).toEqual([violation(PROCEDURE_AT, 'Art. 32(4)')]);
    });

    it.each(['module-b-c', 'module-h'] as const)('allows %s (Art. 32(4)(b))', (procedure) => {
      expect(issuesFor(critical({ procedure }))).toEqual([]);
    });

    it('allows a certification scheme at substantial or high, not at basic', () => {
      expect(issuesFor(critical({ procedure: 'eu-certification-scheme', level: 'high' }))).toEqual(
        [],
      );
      expect(
        issuesFor(critical({ procedure: 'eu-certification-scheme', level: 'substantial' })),
      ).toEqual([]);
      expect(
        brief(issuesFor(critical({ procedure: 'eu-certification-scheme', level: 'basic' }))),
      ).toEqual([violation(LEVEL_AT, 'Art. 32(4)')]);
    });
  });

  describe('free and open-source software (Art. 32(5))', () => {
    it.each(['important-class-i', 'important-class-ii'] as const)(
      'allows module A for %s when the technical documentation is public',
      (category) => {
        expect(issuesFor(profileFor({ category, procedure: 'module-a', foss: true }))).toEqual([]);
      },
    );

    it('allows any Art. 32(1) procedure, including a scheme at basic, for Annex III FOSS', () => {
      const c: Case = {
        category: 'important-class-ii',
        procedure: 'eu-certification-scheme',
        level: 'basic',
        foss: true,
      };
      expect(issuesFor(profileFor(c))).toEqual([]);
    });

    it('does not apply to critical products (Annex IV)', () => {
      expect(
        brief(issuesFor(profileFor({ category: 'critical', procedure: 'module-a', foss: true }))),
      ).toEqual([violation(PROCEDURE_AT, 'Art. 32(4)')]);
    });

    it('needs the address of the public technical documentation', () => {
      const profile = profileFor({ category: 'important-class-i', procedure: 'module-a' });
      setAt(profile, ['conformityAssessment', 'freeAndOpenSource'], {});
      expect(issuesFor(profile).map((i) => i.path)).toEqual([
        ['conformityAssessment', 'freeAndOpenSource', 'technicalDocumentationUrl'],
      ]);
    });
  });

  describe('eu-certification-scheme needs the scheme (Art. 32(1)(d); Art. 27(9))', () => {
    it.each(['default', 'important-class-i', 'important-class-ii', 'critical'] as const)(
      'for a %s product',
      (category) => {
        expect(
          brief(issuesFor(profileFor({ category, procedure: 'eu-certification-scheme' }))),
        ).toEqual([violation(SCHEME_AT, 'Art. 32(1)(d); Art. 27(9)')]);
      },
    );

    it('also for FOSS', () => {
      const c: Case = {
        category: 'important-class-i',
        procedure: 'eu-certification-scheme',
        foss: true,
      };
      expect(brief(issuesFor(profileFor(c)))).toEqual([
        violation(SCHEME_AT, 'Art. 32(1)(d); Art. 27(9)'),
      ]);
    });
  });

  // The table of Art. 32, written from the Act, against every combination.
  it('matches Art. 32 for every category, procedure, scheme and set of standards (property)', () => {
    const substantial = (l?: Level) => l === 'substantial' || l === 'high';
    const expected = (c: Case) => {
      const out: { path: string[]; citation: string }[] = [];
      const standards = c.standards ?? [];
      if (c.procedure === 'eu-certification-scheme' && c.level === undefined) {
        out.push({ path: SCHEME_AT, citation: 'Art. 32(1)(d); Art. 27(9)' });
      }
      if (c.category === 'default') return out; // 32(1)
      if (c.foss && c.category !== 'critical') return out; // 32(5)
      const schemeProcedure = c.procedure === 'eu-certification-scheme' && c.level !== undefined;
      if (c.category === 'important-class-i') {
        const appliedInFull =
          standards.some(
            (s) =>
              s.coverage === 'full' &&
              (s.kind === 'harmonised-standard' ||
                s.kind === 'common-specification' ||
                (s.kind === 'eu-certification-scheme' && substantial(s.assuranceLevel))),
          ) ||
          (schemeProcedure && substantial(c.level));
        if (appliedInFull) return out; // 32(2) does not apply: any 32(1) procedure
        if (c.procedure === 'module-a') out.push({ path: PROCEDURE_AT, citation: 'Art. 32(2)' });
        if (schemeProcedure) out.push({ path: LEVEL_AT, citation: 'Art. 32(2)' });
        return out;
      }
      const citation = c.category === 'critical' ? 'Art. 32(4)' : 'Art. 32(3)';
      if (c.procedure === 'module-a') out.push({ path: PROCEDURE_AT, citation });
      if (schemeProcedure && !substantial(c.level)) out.push({ path: LEVEL_AT, citation });
      return out;
    };

    const level = fc.constantFrom<Level>('basic', 'substantial', 'high');
    const standard = fc.record(
      {
        kind: fc.constantFrom<Kind>(
          'harmonised-standard',
          'common-specification',
          'eu-certification-scheme',
          'other-standard',
        ),
        coverage: fc.constantFrom<'full' | 'partial'>('full', 'partial'),
        assuranceLevel: level,
      },
      { requiredKeys: ['kind', 'coverage'] },
    );
    const anyCase = fc.record({
      category: fc.constantFrom<ProductCategory>(
        'default',
        'important-class-i',
        'important-class-ii',
        'critical',
      ),
      procedure: fc.constantFrom<Procedure>(
        'module-a',
        'module-b-c',
        'module-h',
        'eu-certification-scheme',
      ),
      level: fc.option(level, { nil: undefined }),
      foss: fc.boolean(),
      standards: fc.array(standard, { maxLength: 3 }),
    });

    fc.assert(
      fc.property(anyCase, (c) => {
        const got = issuesFor(profileFor(c)).map(({ path, citation }) => ({ path, citation }));
        expect(got).toEqual(expected(c));
      }),
      { numRuns: 400 },
    );
  });
});

describe('Art. 7 and Art. 8: category and Annex III/IV point', () => {
  const classified = (classification: ProductProfileInput['classification']) => {
    const profile = validProfile();
    profile.classification = classification;
    profile.conformityAssessment = { procedure: 'module-h' };
    return profile;
  };

  it('refuses an Annex entry on a default product', () => {
    expect(
      brief(issuesFor(classified({ category: 'default', annexEntry: 'annex-iii.class-i.12' }))),
    ).toEqual([violation(ANNEX_ENTRY_AT, 'Art. 7(1)')]);
  });

  it.each([
    ['important-class-i', 'Art. 7; Annex III'],
    ['important-class-ii', 'Art. 7; Annex III'],
    ['critical', 'Art. 8; Annex IV'],
  ] as const)('needs the Annex point of a %s product', (category, citation) => {
    expect(brief(issuesFor(classified({ category })))).toEqual([
      violation(ANNEX_ENTRY_AT, citation),
    ]);
  });

  it.each([
    ['important-class-i', 'annex-iii.class-ii.2'],
    ['important-class-ii', 'annex-iii.class-i.12'],
    ['important-class-ii', 'annex-iv.3'],
    ['critical', 'annex-iii.class-ii.4'],
  ] as const)(
    'refuses a %s product with the point %s of another category',
    (category, annexEntry) => {
      expect(brief(issuesFor(classified({ category, annexEntry })))).toEqual([
        violation(ANNEX_ENTRY_AT, 'Art. 7; Art. 8; Annex III; Annex IV'),
      ]);
    },
  );

  it('accepts every Annex point with its own category', () => {
    for (const entry of ANNEX_ENTRIES) {
      expect(issuesFor(classified({ category: entry.category, annexEntry: entry.id }))).toEqual([]);
    }
  });

  it('refuses an Annex point that does not exist, as a field error only', () => {
    const issues = issuesFor(
      classified({ category: 'important-class-i', annexEntry: 'annex-iii.class-i.20' }),
    );
    expect(brief(issues)).toEqual([
      {
        path: ANNEX_ENTRY_AT,
        code: 'invalid_value',
        citation: 'Art. 7; Art. 8; Annex III; Annex IV',
      },
    ]);
  });
});

describe('Art. 13(8): support period', () => {
  const lifecycle = (expectedUseTime: Duration, duration: Duration) => {
    const profile = validProfile();
    profile.lifecycle.expectedUseTime = expectedUseTime;
    profile.lifecycle.supportPeriod.duration = duration;
    return profile;
  };
  const tooShort = [violation(SUPPORT_AT, 'Art. 13(8)')];

  it.each([
    ['3 years of use, 3 years of support', { years: 3 }, { years: 3 }],
    ['2 years 6 months of use, as many months of support', { years: 2, months: 6 }, { months: 30 }],
    ['4 years 11 months of use and support', { years: 4, months: 11 }, { years: 4, months: 11 }],
    ['5 years of use and support', { years: 5 }, { years: 5 }],
    ['8 years of use and support', { years: 8 }, { years: 8 }],
    ['3 years of use, 10 years of support', { years: 3 }, { years: 10 }],
    ['8 years of use, 5 years of support (the floor)', { years: 8 }, { years: 5 }],
    ['30 years of use, 5 years of support (the floor)', { years: 30 }, { months: 60 }],
  ])('accepts %s', (_, use, support) => {
    expect(issuesFor(lifecycle(use, support))).toEqual([]);
  });

  it.each([
    ['8 years of use, 3 years of support', { years: 8 }, { years: 3 }],
    ['8 years of use, 4 years 11 months of support', { years: 8 }, { years: 4, months: 11 }],
    ['5 years of use, 4 years 11 months of support', { years: 5 }, { months: 59 }],
    ['2 years 6 months of use, 2 years of support', { years: 2, months: 6 }, { years: 2 }],
    ['1 year of use, 11 months of support', { years: 1 }, { months: 11 }],
  ])('refuses %s', (_, use, support) => {
    expect(brief(issuesFor(lifecycle(use, support)))).toEqual(tooShort);
  });

  it('refuses a support period of zero as a field error, citing the support period', () => {
    expect(brief(issuesFor(lifecycle({ years: 3 }, { years: 0 })))).toEqual([
      { path: SUPPORT_AT, code: 'custom', citation: 'Art. 13(8); Annex II(7); Annex VII(4)' },
    ]);
    expect(brief(issuesFor(lifecycle({ years: 3 }, {})))).toEqual([
      { path: SUPPORT_AT, code: 'custom', citation: 'Art. 13(8); Annex II(7); Annex VII(4)' },
    ]);
  });

  it('refuses an expected use time of zero', () => {
    expect(brief(issuesFor(lifecycle({ months: 0 }, { years: 5 })))).toEqual([
      { path: ['lifecycle', 'expectedUseTime'], code: 'custom', citation: 'Art. 13(8)' },
    ]);
  });

  it('accepts 5 years for 8 years of use, but warns that the period should reflect the use time', () => {
    const profile = parseProductProfile(lifecycle({ years: 8 }, { years: 5 }));
    expect(
      adviseOnProductProfile(profile).map(({ path, citation }) => ({ path, citation })),
    ).toEqual([{ path: SUPPORT_AT, citation: 'Art. 13(8)' }]);
  });

  it('is at least 5 years, or the expected use time when shorter, for any durations (property)', () => {
    const months = fc.integer({ min: 1, max: 40 * 12 });
    const asDuration = (total: number, split: boolean) =>
      split ? { years: Math.floor(total / 12), months: total % 12 } : { months: total };
    fc.assert(
      fc.property(
        months,
        months,
        fc.boolean(),
        fc.boolean(),
        (use, support, splitUse, splitSupport) => {
          // Art. 13(8): "at least five years"; shorter only when the expected use is shorter.
          const required = use < 5 * 12 ? use : 5 * 12;
          const issues = issuesFor(
            lifecycle(asDuration(use, splitUse), asDuration(support, splitSupport)),
          );
          expect(brief(issues)).toEqual(support < required ? tooShort : []);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('the rule functions, called directly', () => {
  const input = (over: Partial<RuleInput> = {}): RuleInput => ({
    classification: { category: 'default' },
    conformityAssessment: { procedure: 'module-a' },
    standards: [],
    lifecycle: { expectedUseTime: { years: 8 }, supportPeriod: { duration: { years: 8 } } },
    ...over,
  });

  it('MINIMUM_SUPPORT_MONTHS is five years', () => {
    expect(MINIMUM_SUPPORT_MONTHS).toBe(60);
  });

  it('checkClassification names an unknown Annex point instead of failing', () => {
    const out = checkClassification(
      input({ classification: { category: 'critical', annexEntry: 'annex-ix.1' } }),
    );
    expect(out.map((v) => [v.path, v.citation])).toEqual([
      [ANNEX_ENTRY_AT, 'Art. 7; Art. 8; Annex III; Annex IV'],
    ]);
  });

  it('each check returns [] for the example', () => {
    expect(checkClassification(input())).toEqual([]);
    expect(checkConformityProcedure(input())).toEqual([]);
    expect(checkSupportPeriod(input())).toEqual([]);
  });

  it('checkSupportPeriod gives one violation with a message for both kinds of minimum', () => {
    const floor = checkSupportPeriod(
      input({
        lifecycle: { expectedUseTime: { years: 8 }, supportPeriod: { duration: { years: 1 } } },
      }),
    );
    const useTime = checkSupportPeriod(
      input({
        lifecycle: { expectedUseTime: { years: 2 }, supportPeriod: { duration: { years: 1 } } },
      }),
    );
    for (const out of [floor, useTime]) {
      expect(out.map((v) => [v.path, v.citation])).toEqual([[SUPPORT_AT, 'Art. 13(8)']]);
      expect(out[0]?.message.length).toBeGreaterThan(0);
    }
    expect(floor[0]?.message).not.toBe(useTime[0]?.message);
  });

  it('PROFILE_RULES run in a stable order: classification, procedure, support period', () => {
    expect(PROFILE_RULES.map((r) => r.check)).toEqual([
      checkClassification,
      checkConformityProcedure,
      checkSupportPeriod,
    ]);
  });

  it('applyProfileRules ignores a value that is not an object', () => {
    const added: unknown[] = [];
    const ctx = { addIssue: (i: unknown) => added.push(i) } as unknown as z.RefinementCtx;
    const sections = {} as Parameters<typeof applyProfileRules>[2];
    applyProfileRules(null, ctx, sections);
    applyProfileRules('profile', ctx, sections);
    expect(added).toEqual([]);
  });
});

describe('formatMonths', () => {
  it.each([
    [0, '0 months'],
    [1, '1 month'],
    [11, '11 months'],
    [12, '1 year'],
    [13, '1 year 1 month'],
    [30, '2 years 6 months'],
    [96, '8 years'],
  ])('%i → %s', (months, text) => {
    expect(formatMonths(months)).toBe(text);
  });
});

describe('issues of several rules at once', () => {
  it('reports a wrong category, procedure and support period together, in rule order', () => {
    const profile = profileFor({ category: 'important-class-ii', procedure: 'module-a' });
    profile.classification.annexEntry = 'annex-iii.class-i.12';
    profile.lifecycle.supportPeriod.duration = { years: 2 };
    expect(brief(issuesOf(() => parseProductProfile(profile)))).toEqual([
      violation(ANNEX_ENTRY_AT, 'Art. 7; Art. 8; Annex III; Annex IV'),
      violation(PROCEDURE_AT, 'Art. 32(3)'),
      violation(SUPPORT_AT, 'Art. 13(8)'),
    ]);
  });
});

describe('Art. 13(8): a period shorter than the expected use time needs its reasons', () => {
  const shorter = (rationale: string | undefined) => {
    const profile = validProfile();
    profile.lifecycle.expectedUseTime = { years: 8 };
    profile.lifecycle.supportPeriod.duration = { years: 5 };
    if (rationale === undefined) delete profile.lifecycle.supportPeriod.rationale;
    else profile.lifecycle.supportPeriod.rationale = rationale;
    return profile;
  };

  it('refuses 5 years of support for 8 years of use without a rationale', () => {
    expect(brief(issuesFor(shorter(undefined)))).toEqual([violation(SUPPORT_AT, 'Art. 13(8)')]);
  });

  it('accepts it with a rationale, and the advice still warns', () => {
    const profile = parseProductProfile(shorter('the radio module is supported until 2032'));
    expect(adviseOnProductProfile(profile).map((a) => a.citation)).toEqual(['Art. 13(8)']);
  });

  it('needs no rationale when the period covers the expected use time', () => {
    const profile = shorter(undefined);
    profile.lifecycle.supportPeriod.duration = { years: 8 };
    expect(issuesFor(profile)).toEqual([]);
  });
});
