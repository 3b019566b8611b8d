import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ProductProfileSchema,
  ValidationError,
  adviseOnProductProfile,
  parseProductProfile,
  safeParseProductProfile,
  type ProductProfileInput,
} from '@cra-kit/core';
import { setAt, validProfile, type Path } from '../../../test/fixtures/vibration-sensor.js';

const TOP_LEVEL = new Set(Object.keys(ProductProfileSchema.shape));

/** Every path into `value`, to objects, arrays and scalars alike. */
function pathsOf(value: unknown, path: Path = []): Path[] {
  if (typeof value !== 'object' || value === null) return [path];
  const children = Object.entries(value).flatMap(([k, v]) =>
    pathsOf(v, [...path, Array.isArray(value) ? Number(k) : k]),
  );
  return [path, ...children];
}

function valueAt(root: unknown, path: Path): unknown {
  let node = root;
  for (const step of path) node = (node as Record<string | number, unknown>)[step];
  return node;
}

const EXAMPLE_PATHS = pathsOf(validProfile()).filter((p) => p.length > 0);
const OBJECT_PATHS: Path[] = [[], ...EXAMPLE_PATHS].filter((p) => {
  const node = valueAt(validProfile(), p);
  return typeof node === 'object' && node !== null && !Array.isArray(node);
});

/** Asserts the one failure mode the parser may have: a ValidationError with well-formed issues. */
function expectValidationOutcome(input: unknown): void {
  let result: ReturnType<typeof safeParseProductProfile>;
  try {
    result = safeParseProductProfile(input);
  } catch (error) {
    throw new Error('safeParseProductProfile threw instead of returning a result', {
      cause: error,
    });
  }
  if (result.success) return;
  expect(result.error).toBeErrorWithCode(ValidationError, 'CORE_VALIDATION_FAILED');
  expect(result.error.issues.length).toBeGreaterThan(0);
  for (const issue of result.error.issues) {
    for (const step of issue.path) expect(['string', 'number']).toContain(typeof step);
    if (issue.path.length > 0) expect(TOP_LEVEL.has(String(issue.path[0]))).toBe(true);
    expect(typeof issue.code).toBe('string');
    expect(typeof issue.message).toBe('string');
    if (issue.citation !== undefined) expect(issue.citation).toMatch(/^(Art\.|Annex)/);
  }
  expect(() => parseProductProfile(input)).toThrowWithCode(
    ValidationError,
    'CORE_VALIDATION_FAILED',
  );
}

describe('parseProductProfile on arbitrary input (property)', () => {
  it('only ever fails with a ValidationError, whatever the value', () => {
    const anything = fc.anything({
      withBigInt: true,
      withBoxedValues: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withNullPrototype: true,
      withObjectString: true,
      withSparseArray: true,
      withTypedArray: true,
      stringUnit: 'binary',
    });
    fc.assert(fc.property(anything, expectValidationOutcome), { numRuns: 500 });
  });

  it('only ever fails with a ValidationError on arbitrary JSON', () => {
    fc.assert(fc.property(fc.jsonValue(), expectValidationOutcome), { numRuns: 300 });
  });

  it('only ever fails with a ValidationError when any part of the example is replaced or removed', () => {
    const replaced = fc
      .tuple(fc.constantFrom(...EXAMPLE_PATHS), fc.oneof(fc.jsonValue(), fc.constant(undefined)))
      .map(([path, value]) => setAt(validProfile(), path, value));
    fc.assert(fc.property(replaced, expectValidationOutcome), { numRuns: 1000 });
  });

  it('only ever fails with a ValidationError when keys are added anywhere', () => {
    const added = fc
      .tuple(fc.constantFrom(...OBJECT_PATHS), fc.string(), fc.jsonValue())
      .map(([path, key, value]) => setAt(validProfile(), [...path, key], value));
    fc.assert(fc.property(added, expectValidationOutcome), { numRuns: 500 });
  });
});

type Assessment = Pick<ProductProfileInput, 'classification' | 'conformityAssessment'>;
const VALID_ASSESSMENTS: Assessment[] = [
  { classification: { category: 'default' }, conformityAssessment: { procedure: 'module-a' } },
  {
    classification: { category: 'default' },
    conformityAssessment: {
      procedure: 'eu-certification-scheme',
      certificationScheme: { name: 'EUCC', assuranceLevel: 'basic' },
    },
  },
  {
    classification: { category: 'important-class-i', annexEntry: 'annex-iii.class-i.14' },
    conformityAssessment: {
      procedure: 'module-b-c',
      notifiedBody: { name: 'Example Notified Body', number: '0123' },
    },
  },
  {
    classification: { category: 'important-class-i', annexEntry: 'annex-iii.class-i.17' },
    conformityAssessment: {
      procedure: 'module-a',
      freeAndOpenSource: { technicalDocumentationUrl: 'https://acme-sensors.example/tf' },
    },
  },
  {
    classification: { category: 'important-class-ii', annexEntry: 'annex-iii.class-ii.2' },
    conformityAssessment: { procedure: 'module-h' },
  },
  {
    classification: { category: 'critical', annexEntry: 'annex-iv.2' },
    conformityAssessment: {
      procedure: 'eu-certification-scheme',
      certificationScheme: { name: 'EUCC', assuranceLevel: 'high' },
      certificateId: 'EUCC-2027-0001',
    },
  },
];

const OPTIONAL_FIELDS = [
  'trademark',
  'securityContact.url',
  'encryptionKeyUrl',
  'mainEstablishment',
  'standards',
  'documentation',
  'securityProperties',
  'foreseeableMisuse',
  'basis',
  'rationale',
  'automaticSecurityUpdates',
  'maxDays',
  'sharedWithUsers',
  'units',
] as const;

/** Valid variants of the example: other categories and procedures, padded text, omitted optionals. */
const validProfiles = fc
  .record({
    assessment: fc.constantFrom(...VALID_ASSESSMENTS),
    useMonths: fc.integer({ min: 1, max: 600 }),
    extraSupport: fc.integer({ min: 0, max: 120 }),
    padding: fc.constantFrom('', ' ', '\t', '  \t '),
    drop: fc.subarray([...OPTIONAL_FIELDS]),
    flags: fc.tuple(
      fc.boolean(),
      fc.boolean(),
      fc.boolean(),
      fc.boolean(),
      fc.boolean(),
      fc.boolean(),
    ),
  })
  .map(({ assessment, useMonths, extraSupport, padding, drop, flags }) => {
    const p = validProfile();
    Object.assign(p, structuredClone(assessment));
    // Art. 13(8): at least 5 years, or the expected use time when that is shorter.
    const required = Math.min(useMonths, 60);
    p.lifecycle.expectedUseTime = { years: Math.floor(useMonths / 12), months: useMonths % 12 };
    p.lifecycle.supportPeriod.duration = { months: required + extraSupport };
    p.manufacturer.name = `${padding}${p.manufacturer.name}${padding}`;
    p.product.essentialFunctions = p.product.essentialFunctions.map((f) => `${padding}${f}`);
    p.interfaces[1]!.authentication = `${padding}${p.interfaces[1]!.authentication}`;
    const u = p.updatePolicy;
    [
      u.automaticSecurityUpdates,
      u.userCanOptOut,
      u.postpone.allowed,
      u.userNotification,
      u.securityUpdatesSeparate,
      u.freeOfCharge,
    ] = flags;
    const dropped = new Set<string>(drop);
    if (dropped.has('trademark')) delete p.manufacturer.trademark;
    if (dropped.has('securityContact.url')) delete p.manufacturer.securityContact.url;
    if (dropped.has('encryptionKeyUrl')) delete p.manufacturer.securityContact.encryptionKeyUrl;
    if (dropped.has('mainEstablishment')) delete p.manufacturer.mainEstablishment;
    if (dropped.has('standards')) delete p.standards;
    if (dropped.has('documentation')) delete p.documentation;
    if (dropped.has('securityProperties')) delete p.product.securityProperties;
    if (dropped.has('foreseeableMisuse')) delete p.product.foreseeableMisuse;
    if (dropped.has('basis')) delete p.lifecycle.supportPeriod.basis;
    if (dropped.has('rationale')) {
      // Without reasons, the period must also cover the expected use time (Art. 13(8)).
      delete p.lifecycle.supportPeriod.rationale;
      p.lifecycle.supportPeriod.duration = { months: Math.max(required + extraSupport, useMonths) };
    }
    if (dropped.has('automaticSecurityUpdates')) delete u.automaticSecurityUpdates;
    if (dropped.has('maxDays')) delete u.postpone.maxDays;
    if (dropped.has('sharedWithUsers')) delete p.sbom.sharedWithUsers;
    if (dropped.has('units')) for (const item of p.dataInventory) delete item.unit;
    return p;
  });

describe('valid profiles (property)', () => {
  it('are accepted, and parsing the result again changes nothing', () => {
    fc.assert(
      fc.property(validProfiles, (input) => {
        const once = parseProductProfile(input);
        expect(parseProductProfile(once)).toStrictEqual(once);
      }),
      { numRuns: 300 },
    );
  });

  it('survive a JSON round trip (what a tool writes back can be read again)', () => {
    fc.assert(
      fc.property(validProfiles, (input) => {
        const once = parseProductProfile(input);
        expect(parseProductProfile(JSON.parse(JSON.stringify(once)))).toStrictEqual(once);
      }),
      { numRuns: 200 },
    );
  });

  it('get advice without errors, every warning pointing into the profile', () => {
    fc.assert(
      fc.property(validProfiles, (input) => {
        const profile = parseProductProfile(input);
        for (const advice of adviseOnProductProfile(profile)) {
          expect(advice.severity).toBe('warning');
          expect(TOP_LEVEL.has(String(advice.path[0]))).toBe(true);
          expect(advice.citation).toMatch(/^(Art\.|Annex)/);
        }
      }),
      { numRuns: 200 },
    );
  });
});
