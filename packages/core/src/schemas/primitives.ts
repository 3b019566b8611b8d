import { z } from 'zod';

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_OR_BREAK = /[\u0000-\u0008\u000A-\u001F\u007F-\u009F\u2028\u2029]/;

/** A non-empty, trimmed single line of text of bounded length. */
export const TextSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(500)
  // Line breaks of any kind and control characters (terminal escapes) have no place in a label.
  .refine((s) => !CONTROL_OR_BREAK.test(s), 'must be a single line of printable text');

/** A free-text paragraph (several lines allowed), bounded so a profile stays small. */
export const ParagraphSchema = z.string().trim().min(1, 'must not be empty').max(5000);

/** An e-mail address. */
export const EmailSchema = z.email().max(254);

/** An absolute https URL (we never publish security information over plain http). */
export const HttpsUrlSchema = z
  .url({ protocol: /^https$/, hostname: z.regexes.domain, abort: true })
  .max(2048)
  .regex(/^https:\/\//, 'must start with https://')
  .meta({ format: 'uri' })
  .describe('An absolute https:// URL');

/** A calendar date, `YYYY-MM-DD` (RFC 3339 full-date), validated as a real date. */
export const IsoDateSchema = z.iso.date();

/** A timestamp, RFC 3339 with an explicit offset (`Z` or `+02:00`). */
export const TimestampSchema = z.iso.datetime({ offset: true });

/** ISO 3166-1 alpha-2 country code, upper case (`DE`, `FR`). */
export const CountryCodeSchema = z
  .string()
  .regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code');

/**
 * The EU Member States (ISO 3166-1 alpha-2; Greece as `GR`). Used where the CRA ties a duty to
 * a Member State, such as the coordinator CSIRT of the main establishment (Art. 14(7)).
 */
export const EU_MEMBER_STATES = [
  'AT', 'BE', 'BG', 'CY', 'CZ', 'DE', 'DK', 'EE', 'ES', 'FI', 'FR', 'GR', 'HR', 'HU',
  'IE', 'IT', 'LT', 'LU', 'LV', 'MT', 'NL', 'PL', 'PT', 'RO', 'SE', 'SI', 'SK',
] as const; // prettier-ignore

/** One of the 27 EU Member States. */
export const MemberStateSchema = z.enum(EU_MEMBER_STATES);

/** A stable identifier: letters, digits, dot, dash and underscore, starting alphanumeric. */
export const IdentifierSchema = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/,
    'must be 1–128 of A–Z a–z 0–9 . _ - (starting alphanumeric)',
  );

/** A semantic version (SemVer 2.0.0). */
export const SemverSchema = z
  .string()
  .regex(
    /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/,
    'must be a semantic version such as 1.4.2',
  );

/** A lowercase hex SHA-256 digest. */
export const Sha256HexSchema = z
  .string()
  .regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hex digits');

/** A lowercase hex SHA-512 digest. */
export const Sha512HexSchema = z
  .string()
  .regex(/^[0-9a-f]{128}$/, 'must be 128 lowercase hex digits');

const DurationShape = z.strictObject({
  years: z.int().min(0).max(100).optional().describe('Whole years'),
  months: z.int().min(0).max(1200).optional().describe('Whole months, added to the years'),
});

/** The total number of calendar months in a {@link Duration}. */
export function durationInMonths(duration: z.infer<typeof DurationShape>): number {
  return (duration.years ?? 0) * 12 + (duration.months ?? 0);
}

/**
 * A length of time in whole calendar years and months (`{ years: 8 }`, `{ years: 2, months: 6 }`).
 * Calendar months, not days, because the CRA counts support periods in years.
 */
export const DurationSchema = DurationShape.refine(
  (d) => durationInMonths(d) > 0,
  'must be longer than zero: give years and/or months',
).describe('A length of time in whole calendar years and months');

export type Duration = z.infer<typeof DurationSchema>;
