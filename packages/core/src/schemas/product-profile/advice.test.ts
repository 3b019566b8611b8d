import { describe, expect, it } from 'vitest';
import {
  adviseOnProductProfile,
  parseProductProfile,
  type ProductProfileInput,
  type ProfileAdvice,
} from '@cra-kit/core';
import { validProfile } from '../../../test/fixtures/vibration-sensor.js';

/** Advice for the example after `change`, as [path, citation] pairs. */
function adviceAfter(change: (p: ProductProfileInput) => void): [ProfileAdvice['path'], string][] {
  const profile = validProfile();
  change(profile);
  return adviseOnProductProfile(parseProductProfile(profile)).map((a) => [a.path, a.citation]);
}

const PART_I_2C = 'Annex I, Part I, point (2)(c)';

describe('adviseOnProductProfile', () => {
  it('has nothing to say about the worked example', () => {
    expect(adviseOnProductProfile(parseProductProfile(validProfile()))).toEqual([]);
  });

  it('gives warnings with severity, path, citation and a message', () => {
    const profile = validProfile();
    profile.updatePolicy.userNotification = false;
    const [advice] = adviseOnProductProfile(parseProductProfile(profile));
    expect(advice).toEqual({
      severity: 'warning',
      path: ['updatePolicy', 'userNotification'],
      citation: PART_I_2C,
      message: expect.any(String),
    });
  });

  describe('support period and expected use time (Art. 13(8))', () => {
    it('warns when the period is at least 5 years but shorter than the expected use', () => {
      expect(adviceAfter((p) => (p.lifecycle.supportPeriod.duration = { years: 6 }))).toEqual([
        [['lifecycle', 'supportPeriod', 'duration'], 'Art. 13(8)'],
      ]);
    });

    it.each([
      ['support equals use', { years: 8 }, { years: 8 }],
      ['support longer than use', { years: 8 }, { years: 10 }],
      ['short use, equal support', { years: 3 }, { years: 3 }],
      ['use of exactly 5 years', { years: 5 }, { years: 5 }],
    ])('is silent when %s', (_, use, support) => {
      const advice = adviceAfter((p) => {
        p.lifecycle.expectedUseTime = use;
        p.lifecycle.supportPeriod.duration = support;
      });
      expect(advice).toEqual([]);
    });
  });

  describe('update policy (Annex I, Part I (2)(c); Part II (2), (8))', () => {
    it.each([
      ['automatic security updates off', 'automaticSecurityUpdates', false, PART_I_2C],
      ['no user notification', 'userNotification', false, PART_I_2C],
      [
        'security updates bundled with features',
        'securityUpdatesSeparate',
        false,
        'Annex I, Part II, point (2)',
      ],
      ['updates not free of charge', 'freeOfCharge', false, 'Annex I, Part II, point (8)'],
    ])('warns about %s', (_, field, value, citation) => {
      expect(adviceAfter((p) => Object.assign(p.updatePolicy, { [field]: value }))).toEqual([
        [['updatePolicy', field], citation],
      ]);
    });

    it('warns when automatic updates cannot be opted out of', () => {
      expect(adviceAfter((p) => (p.updatePolicy.userCanOptOut = false))).toEqual([
        [['updatePolicy', 'userCanOptOut'], PART_I_2C],
      ]);
    });

    it('does not ask for an opt-out of automatic updates that are off', () => {
      const advice = adviceAfter((p) => {
        p.updatePolicy.automaticSecurityUpdates = false;
        p.updatePolicy.userCanOptOut = false;
      });
      expect(advice).toEqual([[['updatePolicy', 'automaticSecurityUpdates'], PART_I_2C]]);
    });

    it('warns when updates cannot be postponed', () => {
      expect(adviceAfter((p) => (p.updatePolicy.postpone = { allowed: false }))).toEqual([
        [['updatePolicy', 'postpone'], PART_I_2C],
      ]);
    });

    it('treats an omitted automaticSecurityUpdates and freeOfCharge as on (their defaults)', () => {
      const advice = adviceAfter((p) => {
        delete p.updatePolicy.automaticSecurityUpdates;
        delete p.updatePolicy.freeOfCharge;
      });
      expect(advice).toEqual([]);
    });
  });

  describe('interfaces (Annex I, Part I (2)(d), (e), (j))', () => {
    const SWD = 3; // the debug port of the example
    const BLE = 2; // an inbound radio interface
    const MQTT = 0; // an outbound network interface

    it('warns about a debug interface enabled by default', () => {
      expect(adviceAfter((p) => (p.interfaces[SWD]!.enabledByDefault = true))).toEqual([
        [['interfaces', SWD, 'enabledByDefault'], 'Annex I, Part I, point (2)(j)'],
      ]);
    });

    it('is silent about other interfaces enabled by default', () => {
      expect(adviceAfter((p) => (p.interfaces[BLE]!.enabledByDefault = true))).toEqual([]);
    });

    it.each(['none', 'None', ' NONE '])(
      'warns about an inbound interface with authentication %j',
      (value) => {
        expect(adviceAfter((p) => (p.interfaces[BLE]!.authentication = value))).toEqual([
          [['interfaces', BLE, 'authentication'], 'Annex I, Part I, point (2)(d)'],
        ]);
      },
    );

    it('warns about an interface open in both directions without authentication', () => {
      const advice = adviceAfter((p) => {
        p.interfaces[BLE]!.direction = 'both';
        p.interfaces[BLE]!.authentication = 'none';
      });
      expect(advice).toEqual([
        [['interfaces', BLE, 'authentication'], 'Annex I, Part I, point (2)(d)'],
      ]);
    });

    it('is silent about outbound interfaces and described authentication', () => {
      expect(adviceAfter((p) => (p.interfaces[MQTT]!.authentication = 'none'))).toEqual([]);
      expect(
        adviceAfter((p) => (p.interfaces[BLE]!.authentication = 'none until paired, then LESC')),
      ).toEqual([]);
    });

    it.each([
      ['network', MQTT],
      ['radio', BLE],
    ])('warns about a %s interface without encryption', (_, n) => {
      expect(adviceAfter((p) => (p.interfaces[n]!.encryption = 'None'))).toEqual([
        [['interfaces', n, 'encryption'], 'Annex I, Part I, point (2)(e)'],
      ]);
    });

    it.each(['physical', 'local-ui', 'debug'] as const)(
      'is silent about an unencrypted %s interface',
      (kind) => {
        const advice = adviceAfter((p) => {
          p.interfaces[BLE]!.kind = kind;
          p.interfaces[BLE]!.encryption = 'none';
        });
        expect(advice).toEqual([]);
      },
    );
  });

  describe('reachability and documents', () => {
    const REP = {
      name: 'Acme EU Representative B.V.',
      postalAddress: {
        street: 'Keizersgracht 1',
        postalCode: '1015 CJ',
        city: 'Amsterdam',
        country: 'NL',
      },
      email: 'rep@acme-eu.example',
      memberState: 'NL',
    } as const;

    it('warns when neither a main establishment nor an authorised representative is named (Art. 14(7))', () => {
      expect(adviceAfter((p) => delete p.manufacturer.mainEstablishment)).toEqual([
        [['manufacturer', 'mainEstablishment'], 'Art. 14(7)'],
      ]);
    });

    it('is satisfied by an authorised representative', () => {
      const advice = adviceAfter((p) => {
        delete p.manufacturer.mainEstablishment;
        p.manufacturer.authorisedRepresentative = REP;
      });
      expect(advice).toEqual([]);
    });

    it('warns when the address of the declaration of conformity is missing', () => {
      const expected = [
        [['documentation', 'declarationOfConformityUrl'], 'Annex II(6); Art. 13(20)'],
      ];
      expect(adviceAfter((p) => delete p.documentation!.declarationOfConformityUrl)).toEqual(
        expected,
      );
      expect(adviceAfter((p) => delete p.documentation)).toEqual(expected);
    });

    it.each(['module-b-c', 'module-h'] as const)(
      'warns when %s names no notified body (Annex V(7))',
      (procedure) => {
        expect(adviceAfter((p) => (p.conformityAssessment = { procedure }))).toEqual([
          [['conformityAssessment', 'notifiedBody'], 'Annex V(7)'],
        ]);
        const withBody = {
          procedure,
          notifiedBody: { name: 'Example Notified Body GmbH', number: '0123' },
        };
        expect(adviceAfter((p) => (p.conformityAssessment = withBody))).toEqual([]);
      },
    );

    it.each(['module-a', 'eu-certification-scheme'] as const)(
      'does not ask for a notified body with %s',
      (procedure) => {
        const ca = {
          procedure,
          certificationScheme: { name: 'EUCC', assuranceLevel: 'substantial' },
        } as const;
        expect(adviceAfter((p) => (p.conformityAssessment = ca))).toEqual([]);
      },
    );
  });

  it('lists every warning in a stable order', () => {
    const advice = adviceAfter((p) => {
      p.lifecycle.supportPeriod.duration = { years: 5 };
      p.updatePolicy = {
        automaticSecurityUpdates: false,
        userCanOptOut: false,
        postpone: { allowed: false },
        userNotification: false,
        securityUpdatesSeparate: false,
        freeOfCharge: false,
      };
      p.interfaces[3]!.enabledByDefault = true;
      p.interfaces[3]!.authentication = 'none';
      p.interfaces[0]!.encryption = 'none';
      delete p.manufacturer.mainEstablishment;
      delete p.documentation;
      p.conformityAssessment = { procedure: 'module-h' };
    });
    expect(advice.map(([path]) => path.join('.'))).toEqual([
      'lifecycle.supportPeriod.duration',
      'updatePolicy.automaticSecurityUpdates',
      'updatePolicy.userNotification',
      'updatePolicy.postpone',
      'updatePolicy.securityUpdatesSeparate',
      'updatePolicy.freeOfCharge',
      'interfaces.0.encryption',
      'interfaces.3.enabledByDefault',
      'interfaces.3.authentication',
      'manufacturer.mainEstablishment',
      'documentation.declarationOfConformityUrl',
      'conformityAssessment.notifiedBody',
    ]);
  });
});
