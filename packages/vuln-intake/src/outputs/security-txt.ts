import { VulnIntakeError } from '../errors.js';

/** The fields of an RFC 9116 security.txt. */
export interface SecurityTxtFields {
  /** `mailto:`, `https:` or `tel:` URIs; at least one (RFC 9116 §2.5.3). */
  readonly contact: readonly string[];
  /** When the file goes stale; must be in the future and at most a year ahead (§2.5.5). */
  readonly expires: string;
  readonly encryption?: readonly string[];
  readonly acknowledgments?: readonly string[];
  readonly policy?: readonly string[];
  /** BCP 47 language tags, e.g. `['en', 'de']`. */
  readonly preferredLanguages?: readonly string[];
  /** Where this file is published (§2.5.2); the https URL of `/.well-known/security.txt`. */
  readonly canonical?: readonly string[];
  readonly hiring?: readonly string[];
  /** The CSAF provider-metadata.json URL (field registered by OASIS CSAF). */
  readonly csaf?: readonly string[];
}

const YEAR_MS = 366 * 24 * 3_600_000;
const bad = (why: string) => new VulnIntakeError('VULN_INPUT_INVALID', `security.txt: ${why}`);

function uris(name: string, values: readonly string[] | undefined, schemes: RegExp): string[] {
  return (values ?? []).map((v) => {
    if (/[\r\n]/.test(v)) throw bad(`${name} must be one line`);
    // Only https for web URIs (§2.5.3: "MUST" for web URIs); mailto/tel where allowed.
    if (!schemes.test(v))
      throw bad(`${name} value ${v.slice(0, 80)} has a scheme not allowed here`);
    return `${name}: ${v}`;
  });
}

/**
 * Writes an RFC 9116 `security.txt` (Annex II(2); Annex I, Part II (5)-(6)). Refuses what the RFC
 * refuses: no Contact, an Expires in the past or more than a year ahead, plain-http URIs, and
 * values that would inject a line. Sign it with OpenPGP cleartext signing before publishing if
 * you can (§2.3); the file is UTF-8, served as `text/plain; charset=utf-8`.
 * @throws {VulnIntakeError} VULN_INPUT_INVALID
 */
export function toSecurityTxt(fields: SecurityTxtFields, now: Date): string {
  if (fields.contact.length === 0) throw bad('at least one Contact is required');
  const expires = Date.parse(fields.expires);
  if (Number.isNaN(expires)) throw bad('Expires is not a date');
  if (expires <= now.getTime()) throw bad('Expires is in the past');
  if (expires - now.getTime() > YEAR_MS) throw bad('Expires must be at most a year ahead');
  const langs = fields.preferredLanguages ?? [];
  if (!langs.every((l) => /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/.test(l)))
    throw bad('Preferred-Languages must be language tags');
  const web = /^https:\/\/[^\s]+$/;
  return [
    ...uris('Contact', fields.contact, /^(https:\/\/|mailto:|tel:)[^\s]+$/),
    `Expires: ${new Date(expires).toISOString().replace(/\.\d{3}Z$/, 'Z')}`,
    ...uris('Encryption', fields.encryption, /^(https:\/\/|dns:|openpgp4fpr:)[^\s]+$/),
    ...uris('Acknowledgments', fields.acknowledgments, web),
    ...uris('Policy', fields.policy, web),
    ...(langs.length === 0 ? [] : [`Preferred-Languages: ${langs.join(', ')}`]),
    ...uris('Canonical', fields.canonical, web),
    ...uris('Hiring', fields.hiring, web),
    ...uris('CSAF', fields.csaf, /^https:\/\/[^\s]+\/provider-metadata\.json$/),
    '',
  ].join('\n');
}
