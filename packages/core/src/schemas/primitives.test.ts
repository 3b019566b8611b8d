import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  CountryCodeSchema,
  DurationSchema,
  EU_MEMBER_STATES,
  EmailSchema,
  HttpsUrlSchema,
  IdentifierSchema,
  IsoDateSchema,
  MemberStateSchema,
  ParagraphSchema,
  SemverSchema,
  Sha256HexSchema,
  Sha512HexSchema,
  TextSchema,
  TimestampSchema,
  durationInMonths,
} from '@cra-kit/core';

const accepts = (schema: z.ZodType, value: unknown) => schema.safeParse(value).success;

describe('TextSchema', () => {
  it('trims and keeps a single line of up to 500 characters', () => {
    expect(TextSchema.parse('  ACME VibraSense 300\t')).toBe('ACME VibraSense 300');
    expect(accepts(TextSchema, 'x'.repeat(500))).toBe(true);
  });

  it.each([
    ['empty', ''],
    ['blank', '  \t '],
    ['two lines', 'a\nb'],
    ['a carriage return', 'a\rb'],
    ['too long', 'x'.repeat(501)],
    ['not a string', 5],
  ])('refuses %s', (_, value) => {
    expect(accepts(TextSchema, value)).toBe(false);
  });
});

describe('ParagraphSchema', () => {
  it('allows several lines up to 5000 characters', () => {
    expect(ParagraphSchema.parse(' line one\nline two \n')).toBe('line one\nline two');
    expect(accepts(ParagraphSchema, 'x'.repeat(5000))).toBe(true);
    expect(accepts(ParagraphSchema, 'x'.repeat(5001))).toBe(false);
    expect(accepts(ParagraphSchema, '\n\n')).toBe(false);
  });
});

describe('EmailSchema', () => {
  it('accepts an address and refuses what is not one', () => {
    expect(accepts(EmailSchema, 'security@acme-sensors.example')).toBe(true);
    for (const bad of ['security', 'a@b', 'a b@c.example', '@acme.example', 'a@.example']) {
      expect(accepts(EmailSchema, bad)).toBe(false);
    }
    const domain = `${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}.example`;
    expect(accepts(EmailSchema, `${'a'.repeat(54)}@${domain}`)).toBe(true); // 254 characters
    expect(accepts(EmailSchema, `${'a'.repeat(55)}@${domain}`)).toBe(false); // 255
  });
});

describe('HttpsUrlSchema', () => {
  it.each([
    'https://acme-sensors.example',
    'https://acme-sensors.example/security/cvd-policy',
    'https://acme-sensors.example:8443/docs?lang=de#updates',
  ])('accepts %s', (url) => {
    expect(accepts(HttpsUrlSchema, url)).toBe(true);
  });

  it.each([
    ['plain http', 'http://acme-sensors.example'],
    ['ftp', 'ftp://acme-sensors.example'],
    ['a relative path', '/security'],
    ['no host', 'https://'],
    ['a script URL', 'javascript:alert(1)'],
    ['a mail address', 'mailto:security@acme-sensors.example'],
    ['too long', `https://acme.example/${'a'.repeat(2048)}`],
  ])('refuses %s', (_, url) => {
    expect(accepts(HttpsUrlSchema, url)).toBe(false);
  });

  // "https:host" is not an absolute https:// URL (RFC 3986: no authority). The WHATWG parser
  // repairs it, so z.url() lets it through unchanged, and it would be printed as is, e.g. as
  // the address of the declaration of conformity (Annex VI).
  it('refuses an https URL without "//" (no authority)', () => {
    expect(accepts(HttpsUrlSchema, 'https:acme-sensors.example/eu-doc.pdf')).toBe(false);
  });
});

describe('IsoDateSchema and TimestampSchema', () => {
  it('accepts real calendar dates only', () => {
    expect(accepts(IsoDateSchema, '2027-12-11')).toBe(true);
    expect(accepts(IsoDateSchema, '2028-02-29')).toBe(true);
    for (const bad of [
      '2027-02-29',
      '2027-13-01',
      '2027-12-32',
      '11.12.2027',
      '2027-12-11T00:00:00Z',
    ]) {
      expect(accepts(IsoDateSchema, bad)).toBe(false);
    }
  });

  it('needs an explicit offset on timestamps', () => {
    expect(accepts(TimestampSchema, '2026-09-11T08:00:00Z')).toBe(true);
    expect(accepts(TimestampSchema, '2026-09-11T08:00:00+02:00')).toBe(true);
    expect(accepts(TimestampSchema, '2026-09-11T08:00:00')).toBe(false);
    expect(accepts(TimestampSchema, '2026-09-11')).toBe(false);
  });
});

describe('CountryCodeSchema and MemberStateSchema', () => {
  // The 27 Member States, ISO 3166-1 alpha-2 (Greece is GR in ISO, EL in EU usage).
  const MEMBER_STATES =
    'AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK';

  it('lists exactly the 27 Member States', () => {
    expect([...EU_MEMBER_STATES].sort()).toEqual(MEMBER_STATES.split(' '));
    for (const code of EU_MEMBER_STATES) expect(accepts(MemberStateSchema, code)).toBe(true);
  });

  it.each(['GB', 'CH', 'NO', 'EL', 'de', 'EU'])('refuses %s as a Member State', (code) => {
    expect(accepts(MemberStateSchema, code)).toBe(false);
  });

  it('takes any two upper-case letters as a country code', () => {
    expect(accepts(CountryCodeSchema, 'US')).toBe(true);
    for (const bad of ['us', 'USA', 'U', '12']) expect(accepts(CountryCodeSchema, bad)).toBe(false);
  });
});

describe('IdentifierSchema', () => {
  it('takes 1–128 of A–Z a–z 0–9 . _ -, starting alphanumeric', () => {
    for (const ok of ['a', 'VS3-2748-000123', 'case_2026.04', 'A'.repeat(128)]) {
      expect(accepts(IdentifierSchema, ok)).toBe(true);
    }
    for (const bad of ['', '-a', '.a', 'a b', 'a/b', 'A'.repeat(129), 'ä']) {
      expect(accepts(IdentifierSchema, bad)).toBe(false);
    }
  });
});

describe('SemverSchema', () => {
  it.each([
    '0.0.0',
    '1.4.2',
    '10.20.30',
    '1.0.0-alpha',
    '1.0.0-rc.1+build.5',
    '1.0.0+20130313144700',
  ])('accepts %s', (v) => {
    expect(accepts(SemverSchema, v)).toBe(true);
  });

  it.each([
    '1',
    '1.4',
    'v1.4.2',
    '01.4.2',
    '1.04.2',
    '1.4.2-',
    '1.4.2-01',
    '1.4.2+',
    '1.4.2.0',
    ' 1.4.2',
  ])('refuses %s', (v) => {
    expect(accepts(SemverSchema, v)).toBe(false);
  });
});

describe('Sha256HexSchema and Sha512HexSchema', () => {
  it('take exactly 64 / 128 lower-case hex digits', () => {
    expect(accepts(Sha256HexSchema, 'ab'.repeat(32))).toBe(true);
    expect(accepts(Sha512HexSchema, 'ab'.repeat(64))).toBe(true);
    for (const bad of ['ab'.repeat(31), 'ab'.repeat(33), 'AB'.repeat(32), 'gg'.repeat(32)]) {
      expect(accepts(Sha256HexSchema, bad)).toBe(false);
    }
    expect(accepts(Sha512HexSchema, 'ab'.repeat(32))).toBe(false);
  });
});

describe('DurationSchema', () => {
  it('takes whole years and/or months', () => {
    expect(DurationSchema.parse({ years: 8 })).toEqual({ years: 8 });
    expect(DurationSchema.parse({ years: 2, months: 6 })).toEqual({ years: 2, months: 6 });
    expect(DurationSchema.parse({ months: 30 })).toEqual({ months: 30 });
  });

  it.each([
    ['empty', {}],
    ['zero', { years: 0, months: 0 }],
    ['negative', { years: -1 }],
    ['fractional', { years: 1.5 }],
    ['over 100 years', { years: 101 }],
    ['another unit', { years: 1, weeks: 2 }],
    ['a string', '5 years'],
  ])('refuses %s', (_, value) => {
    expect(accepts(DurationSchema, value)).toBe(false);
  });
});

describe('durationInMonths', () => {
  it('counts calendar months', () => {
    expect(durationInMonths({ years: 8 })).toBe(96);
    expect(durationInMonths({ years: 2, months: 6 })).toBe(30);
    expect(durationInMonths({ months: 59 })).toBe(59);
    expect(durationInMonths({})).toBe(0);
  });

  it('is 12 × years + months for every valid duration (property)', () => {
    fc.assert(
      fc.property(
        fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
        fc.option(fc.integer({ min: 0, max: 1200 }), { nil: undefined }),
        (years, months) => {
          const d = {
            ...(years === undefined ? {} : { years }),
            ...(months === undefined ? {} : { months }),
          };
          const total = durationInMonths(d);
          expect(total).toBe(12 * (years ?? 0) + (months ?? 0));
          expect(accepts(DurationSchema, d)).toBe(total > 0);
        },
      ),
    );
  });
});
