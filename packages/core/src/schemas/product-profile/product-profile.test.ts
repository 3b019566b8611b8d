import { describe, expect, it } from 'vitest';
import {
  ProductProfileSchema,
  ValidationError,
  parseProductProfile,
  safeParseProductProfile,
} from '@cra-kit/core';
import { brief, issuesOf } from '../../../test/fixtures/errors.js';
import {
  setAt,
  validProfile,
  withValue,
  without,
  type Path,
} from '../../../test/fixtures/vibration-sensor.js';

const ANNEX_II_1 = 'Annex II(1); Art. 13(16)';
const SECURITY_CONTACT = 'Art. 13(17); Annex II(2)';
const IDENTIFICATION = 'Art. 13(15); Annex II(3)';
const SUPPORT_PERIOD = 'Art. 13(8); Annex II(7); Annex VII(4)';
const DATA = 'Annex I, Part I, point (2)(g)';
const INTERFACES = 'Annex I, Part I, point (2)(j)';
const UPDATES = 'Annex I, Part I, point (2)(c); Annex II(8)(c),(e)';
const SBOM = 'Annex I, Part II, point (1); Annex II(9); Annex VII(2)(b)';
const STANDARDS = 'Annex V(6); Annex VII(5); Art. 27';

describe('parseProductProfile: the worked example', () => {
  it('accepts the vibration sensor profile, adding only the defaults of omitted fields', () => {
    const input = validProfile();
    const profile = parseProductProfile(input);
    expect(profile).toStrictEqual({
      ...input,
      // The example names no third parties; the list defaults to empty.
      dataInventory: input.dataInventory.map((item) => ({ ...item, thirdParties: [] })),
    });
    expect(profile).not.toBe(input);
  });

  it('fills in the defaults of omitted fields', () => {
    const input = validProfile();
    delete input.standards;
    delete input.documentation;
    delete input.product.securityProperties;
    delete input.product.foreseeableMisuse;
    delete input.lifecycle.supportPeriod.basis;
    delete input.updatePolicy.automaticSecurityUpdates;
    delete input.updatePolicy.freeOfCharge;
    delete input.sbom.sharedWithUsers;
    const profile = parseProductProfile(input);
    expect(profile.standards).toEqual([]);
    expect(profile.documentation).toEqual({});
    expect(profile.product.securityProperties).toEqual([]);
    expect(profile.product.foreseeableMisuse).toEqual([]);
    expect(profile.lifecycle.supportPeriod.basis).toBe('model');
    expect(profile.updatePolicy.automaticSecurityUpdates).toBe(true);
    expect(profile.updatePolicy.freeOfCharge).toBe(true);
    expect(profile.sbom.sharedWithUsers).toBe(false);
    expect(profile.dataInventory.every((d) => Array.isArray(d.thirdParties))).toBe(true);
  });

  it('trims text fields', () => {
    const profile = parseProductProfile(withValue(['product', 'name'], '  ACME VibraSense 300 \t'));
    expect(profile.product.name).toBe('ACME VibraSense 300');
  });

  it('does not change its input', () => {
    const input = without(['documentation']);
    const before = structuredClone(input);
    parseProductProfile(input);
    expect(input).toEqual(before);
  });
});

describe('parseProductProfile: required fields', () => {
  // Each field the Act requires (Annex II, Art. 13) or cra-kit needs, with the citation a user
  // sees when it is missing.
  // zod reports a missing enum value as invalid_value, any other missing value as invalid_type.
  const ENUMS = new Set([
    'scheme',
    'category',
    'procedure',
    'valueType',
    'kind',
    'direction',
    'coverage',
    'format',
  ]);
  const REQUIRED: [Path, string | undefined][] = [
    [['manufacturer'], 'Annex II(1)–(2)'],
    [['manufacturer', 'name'], 'Annex II(1)'],
    [['manufacturer', 'postalAddress'], ANNEX_II_1],
    [['manufacturer', 'postalAddress', 'street'], ANNEX_II_1],
    [['manufacturer', 'postalAddress', 'postalCode'], ANNEX_II_1],
    [['manufacturer', 'postalAddress', 'city'], ANNEX_II_1],
    [['manufacturer', 'postalAddress', 'country'], ANNEX_II_1],
    [['manufacturer', 'email'], ANNEX_II_1],
    [['manufacturer', 'website'], ANNEX_II_1],
    [['manufacturer', 'securityContact'], SECURITY_CONTACT],
    [['manufacturer', 'cvdPolicyUrl'], 'Annex II(2); Annex I, Part II, point (5)'],
    [['product'], 'Annex II(3)–(5)'],
    [['product', 'name'], 'Annex II(3); Annex V(1)'],
    [['product', 'type'], 'Annex II(3); Annex VI'],
    [['product', 'model'], 'Annex II(3)'],
    [['product', 'hardwareRevisions'], 'Annex II(3)–(5)'],
    [['product', 'identification'], IDENTIFICATION],
    [['product', 'identification', 'scheme'], IDENTIFICATION],
    [['product', 'identification', 'format'], IDENTIFICATION],
    [['product', 'identification', 'marking'], IDENTIFICATION],
    [['product', 'intendedPurpose'], 'Annex II(4); Annex VII(1)(a)'],
    [['product', 'essentialFunctions'], 'Annex II(4); Annex I, Part I, point (2)(h)'],
    [['product', 'operatingEnvironment'], 'Annex II(4)–(5); Art. 13(3)'],
    [['classification'], 'Art. 7; Art. 8; Annex III; Annex IV'],
    [['classification', 'category'], 'Art. 7; Art. 8; Annex III; Annex IV'],
    [['conformityAssessment'], 'Art. 32'],
    [['conformityAssessment', 'procedure'], 'Art. 32'],
    [['lifecycle'], 'Art. 13(8)'],
    [['lifecycle', 'placingOnMarket'], 'Art. 3(21); Art. 13(8)'],
    [['lifecycle', 'expectedUseTime'], 'Art. 13(8)'],
    [['lifecycle', 'supportPeriod'], SUPPORT_PERIOD],
    [['lifecycle', 'supportPeriod', 'duration'], SUPPORT_PERIOD],
    [['dataInventory'], DATA],
    ...[
      'key',
      'description',
      'category',
      'personalData',
      'valueType',
      'purpose',
      'destinations',
      'retention',
    ].map((f) => [['dataInventory', 2, f], DATA] as [Path, string]),
    [['interfaces'], INTERFACES],
    ...[
      'name',
      'kind',
      'protocol',
      'direction',
      'authentication',
      'encryption',
      'enabledByDefault',
      'purpose',
    ].map((f) => [['interfaces', 1, f], INTERFACES] as [Path, string]),
    [['updatePolicy'], UPDATES],
    [['updatePolicy', 'userCanOptOut'], UPDATES],
    [['updatePolicy', 'postpone'], UPDATES],
    [['updatePolicy', 'postpone', 'allowed'], UPDATES],
    [['updatePolicy', 'userNotification'], UPDATES],
    [['updatePolicy', 'securityUpdatesSeparate'], 'Annex I, Part II, point (2)'],
    [['standards', 0, 'reference'], STANDARDS],
    [['standards', 0, 'kind'], STANDARDS],
    [['standards', 0, 'coverage'], STANDARDS],
    [['sbom'], SBOM],
    [['sbom', 'location'], SBOM],
    [['sbom', 'format'], SBOM],
  ];

  it.each(REQUIRED)('reports a missing %j at its path, citing %s', (path, citation) => {
    const last = String(path[path.length - 1]);
    const isEnum = ENUMS.has(last) && !(path[0] === 'product' && last === 'format');
    expect(brief(issuesOf(() => parseProductProfile(without(path))))).toEqual([
      { path, code: isEnum ? 'invalid_value' : 'invalid_type', citation },
    ]);
  });

  it('reports a missing schemaVersion', () => {
    expect(brief(issuesOf(() => parseProductProfile(without(['schemaVersion']))))).toEqual([
      { path: ['schemaVersion'], code: 'invalid_value' },
    ]);
  });

  it('reports every missing section of an empty document at once', () => {
    const paths = issuesOf(() => parseProductProfile({})).map((i) => i.path.join('.'));
    expect(paths.sort()).toEqual(
      [
        'schemaVersion',
        'manufacturer',
        'product',
        'classification',
        'conformityAssessment',
        'lifecycle',
        'dataInventory',
        'interfaces',
        'updatePolicy',
        'sbom',
      ].sort(),
    );
  });

  it.each([null, undefined, 42, 'schemaVersion: 1', [], true])(
    'refuses %j as a profile with one issue at the root',
    (input) => {
      expect(brief(issuesOf(() => parseProductProfile(input)))).toEqual([
        { path: [], code: 'invalid_type' },
      ]);
    },
  );
});

describe('parseProductProfile: field rules', () => {
  it('refuses schemaVersion other than 1', () => {
    const issues = issuesOf(() => parseProductProfile(withValue(['schemaVersion'], 2)));
    expect(brief(issues)).toEqual([{ path: ['schemaVersion'], code: 'invalid_value' }]);
  });

  describe('security contact (Art. 13(17); Annex II(2))', () => {
    it('needs an e-mail address or a URL', () => {
      const contact = { phone: '+49 711 1234567' };
      expect(
        brief(
          issuesOf(() =>
            parseProductProfile(withValue(['manufacturer', 'securityContact'], contact)),
          ),
        ),
      ).toEqual([
        { path: ['manufacturer', 'securityContact'], code: 'custom', citation: SECURITY_CONTACT },
      ]);
      expect(
        brief(
          issuesOf(() => parseProductProfile(withValue(['manufacturer', 'securityContact'], {}))),
        ),
      ).toEqual([
        { path: ['manufacturer', 'securityContact'], code: 'custom', citation: SECURITY_CONTACT },
      ]);
    });

    it('is satisfied by either one', () => {
      const email = { email: 'security@acme-sensors.example' };
      const url = { url: 'https://acme-sensors.example/security' };
      expect(() =>
        parseProductProfile(withValue(['manufacturer', 'securityContact'], email)),
      ).not.toThrow();
      expect(() =>
        parseProductProfile(withValue(['manufacturer', 'securityContact'], url)),
      ).not.toThrow();
    });

    it('checks the format of what is given', () => {
      const contact = { email: 'not-an-address', url: 'https://acme-sensors.example/security' };
      expect(
        brief(
          issuesOf(() =>
            parseProductProfile(withValue(['manufacturer', 'securityContact'], contact)),
          ),
        ),
      ).toEqual([
        {
          path: ['manufacturer', 'securityContact', 'email'],
          code: 'invalid_format',
          citation: SECURITY_CONTACT,
        },
      ]);
    });
  });

  it.each([
    [['manufacturer', 'website']],
    [['manufacturer', 'cvdPolicyUrl']],
    [['manufacturer', 'securityContact', 'url']],
    [['manufacturer', 'securityContact', 'encryptionKeyUrl']],
    [['documentation', 'declarationOfConformityUrl']],
    [['documentation', 'userInstructionsUrl']],
    [['documentation', 'supportUrl']],
  ] as [Path][])('refuses a plain http:// URL at %j', (path) => {
    const issues = issuesOf(() =>
      parseProductProfile(withValue(path, 'http://acme-sensors.example/x')),
    );
    expect(issues.map((i) => [i.path, i.code])).toEqual([[path, 'invalid_format']]);
  });

  it.each([
    [[]],
    [['manufacturer']],
    [['manufacturer', 'postalAddress']],
    [['manufacturer', 'securityContact']],
    [['product']],
    [['product', 'identification']],
    [['classification']],
    [['conformityAssessment']],
    [['lifecycle']],
    [['lifecycle', 'expectedUseTime']],
    [['lifecycle', 'supportPeriod']],
    [['lifecycle', 'supportPeriod', 'duration']],
    [['dataInventory', 0]],
    [['interfaces', 0]],
    [['updatePolicy']],
    [['updatePolicy', 'postpone']],
    [['standards', 1]],
    [['sbom']],
    [['documentation']],
  ] as [Path][])('refuses an unknown key in %j (strict objects)', (path) => {
    const profile = withValue([...path, 'sbomUrl'], 'https://acme-sensors.example/sbom');
    const issues = issuesOf(() => parseProductProfile(profile));
    expect(issues.map((i) => [i.path, i.code])).toEqual([[path, 'unrecognized_keys']]);
  });

  describe('data inventory (Annex I, Part I, point (2)(g))', () => {
    it('refuses two items with the same key, at the second one', () => {
      const profile = validProfile();
      profile.dataInventory[4]!.key = 'temperature';
      expect(brief(issuesOf(() => parseProductProfile(profile)))).toEqual([
        { path: ['dataInventory', 4, 'key'], code: 'custom', citation: DATA },
      ]);
    });

    it('needs the third parties named when data goes to a third party', () => {
      const profile = validProfile();
      profile.dataInventory[1]!.destinations = ['manufacturer-cloud', 'third-party'];
      expect(brief(issuesOf(() => parseProductProfile(profile)))).toEqual([
        { path: ['dataInventory', 1, 'thirdParties'], code: 'custom', citation: DATA },
      ]);
      profile.dataInventory[1]!.thirdParties = ['Example Analytics SAS'];
      expect(parseProductProfile(profile).dataInventory[1]?.thirdParties).toEqual([
        'Example Analytics SAS',
      ]);
    });

    it('reports every duplicate and every unnamed third party, not only the first', () => {
      const profile = validProfile();
      profile.dataInventory[1]!.key = 'temperature';
      profile.dataInventory[3]!.key = 'temperature';
      profile.dataInventory[5]!.destinations = ['third-party'];
      expect(issuesOf(() => parseProductProfile(profile)).map((i) => i.path)).toEqual([
        ['dataInventory', 2, 'key'],
        ['dataInventory', 3, 'key'],
        ['dataInventory', 5, 'thirdParties'],
      ]);
    });

    it.each(['Temperature', '1st', 'battery-level', 'a'.repeat(65), ''])(
      'refuses the key %j',
      (key) => {
        const profile = validProfile();
        profile.dataInventory[0]!.key = key;
        expect(issuesOf(() => parseProductProfile(profile)).map((i) => i.path)).toEqual([
          ['dataInventory', 0, 'key'],
        ]);
      },
    );

    it('needs at least one item and one destination', () => {
      expect(brief(issuesOf(() => parseProductProfile(withValue(['dataInventory'], []))))).toEqual([
        { path: ['dataInventory'], code: 'too_small', citation: DATA },
      ]);
      expect(
        issuesOf(() =>
          parseProductProfile(withValue(['dataInventory', 0, 'destinations'], [])),
        ).map((i) => i.path),
      ).toEqual([['dataInventory', 0, 'destinations']]);
    });
  });

  describe('SBOM (Annex I, Part II, point (1); Annex II(9))', () => {
    it('needs userUrl when the SBOM is shared with users', () => {
      const profile = validProfile();
      profile.sbom.sharedWithUsers = true;
      expect(brief(issuesOf(() => parseProductProfile(profile)))).toEqual([
        { path: ['sbom', 'userUrl'], code: 'custom', citation: SBOM },
      ]);
      profile.sbom.userUrl = 'https://acme-sensors.example/sbom/vs300.cdx.json';
      expect(parseProductProfile(profile).sbom.userUrl).toBe(
        'https://acme-sensors.example/sbom/vs300.cdx.json',
      );
    });

    it('need not be public (Recital 77)', () => {
      expect(() => parseProductProfile(without(['sbom', 'sharedWithUsers']))).not.toThrow();
    });
  });

  it.each([
    [['product', 'hardwareRevisions'], []],
    [['product', 'essentialFunctions'], []],
    [['interfaces'], []],
    [['interfaces', 0, 'port'], 0],
    [['interfaces', 0, 'port'], 65536],
    [['interfaces', 0, 'kind'], 'usb'],
    [['updatePolicy', 'postpone', 'maxDays'], 0],
    [['updatePolicy', 'postpone', 'maxDays'], 366],
    [['lifecycle', 'placingOnMarket'], '2027-02-30'],
    [['manufacturer', 'mainEstablishment'], 'CH'],
    [['manufacturer', 'postalAddress', 'country'], 'Germany'],
    [['conformityAssessment', 'notifiedBody'], { name: 'TÜV', number: '123' }],
  ] as [Path, unknown][])('refuses %j = %j', (path, value) => {
    const issues = issuesOf(() => parseProductProfile(withValue(path, value)));
    expect(issues.map((i) => i.path.slice(0, path.length))).toContainEqual(path);
  });
});

describe('parseProductProfile: several problems at once', () => {
  it('lists every problem with its path and citation', () => {
    const profile = validProfile();
    profile.classification = {
      category: 'important-class-ii',
      annexEntry: 'annex-iii.class-ii.2',
    };
    profile.conformityAssessment = { procedure: 'module-a' };
    profile.lifecycle.expectedUseTime = { years: 8 };
    profile.lifecycle.supportPeriod.duration = { years: 3 };
    setAt(profile, ['manufacturer', 'securityContact'], undefined);

    const issues = issuesOf(() => parseProductProfile(profile));
    expect(brief(issues)).toHaveLength(3);
    expect(brief(issues)).toEqual(
      expect.arrayContaining([
        {
          path: ['manufacturer', 'securityContact'],
          code: 'invalid_type',
          citation: SECURITY_CONTACT,
        },
        { path: ['conformityAssessment', 'procedure'], code: 'custom', citation: 'Art. 32(3)' },
        {
          path: ['lifecycle', 'supportPeriod', 'duration'],
          code: 'custom',
          citation: 'Art. 13(8)',
        },
      ]),
    );
  });

  it('checks the legal rules of the sections that parse while other sections are broken', () => {
    const profile = validProfile();
    profile.lifecycle.supportPeriod.duration = { years: 3 };
    setAt(profile, ['product'], 'not an object');
    expect(brief(issuesOf(() => parseProductProfile(profile)))).toEqual([
      { path: ['product'], code: 'invalid_type', citation: 'Annex II(3)–(5)' },
      { path: ['lifecycle', 'supportPeriod', 'duration'], code: 'custom', citation: 'Art. 13(8)' },
    ]);
  });
});

describe('safeParseProductProfile', () => {
  it('returns the profile on success and the ValidationError on failure', () => {
    const ok = safeParseProductProfile(validProfile());
    expect(ok).toEqual({ success: true, data: parseProductProfile(validProfile()) });

    const bad = safeParseProductProfile(without(['sbom']));
    expect(bad.success).toBe(false);
    if (!bad.success) {
      expect(bad.error).toBeErrorWithCode(ValidationError, 'CORE_VALIDATION_FAILED');
      expect(brief(bad.error.issues)).toEqual([
        { path: ['sbom'], code: 'invalid_type', citation: SBOM },
      ]);
    }
  });
});

describe('ProductProfileSchema metadata', () => {
  it('has the id and title the JSON Schema is published under', () => {
    expect(ProductProfileSchema.meta()).toMatchObject({ id: 'ProductProfile' });
    expect(ProductProfileSchema.meta()?.title).toEqual(expect.stringContaining('cra.product.yaml'));
  });
});
