import { durationInMonths } from '../primitives.js';
import { formatMonths, MINIMUM_SUPPORT_MONTHS } from './legal-rules.js';
import type { ProductProfile } from './product-profile.js';

/**
 * Something a valid profile should probably change: not a breach of a hard rule we can decide
 * from the data alone, but a point an assessor will ask about.
 */
export interface ProfileAdvice {
  readonly severity: 'warning';
  readonly path: readonly (string | number)[];
  readonly message: string;
  readonly citation: string;
}

type Check = (p: ProductProfile) => ProfileAdvice[];
const warn = (path: (string | number)[], citation: string, message: string): ProfileAdvice => ({
  severity: 'warning',
  path,
  citation,
  message,
});

const supportReflectsUseTime: Check = ({ lifecycle }) => {
  const expected = durationInMonths(lifecycle.expectedUseTime);
  const support = durationInMonths(lifecycle.supportPeriod.duration);
  return expected >= MINIMUM_SUPPORT_MONTHS && support < expected
    ? [warn(['lifecycle', 'supportPeriod', 'duration'], 'Art. 13(8)', `the support period (${formatMonths(support)}) is shorter than the expected use time (${formatMonths(expected)}); make sure the rationale shows why this still reflects the expected use time`)]
    : [];
}; // prettier-ignore

const updatePolicy: Check = ({ updatePolicy: u }) => {
  const out: ProfileAdvice[] = [];
  const at = (f: string) => ['updatePolicy', f];
  if (!u.automaticSecurityUpdates) out.push(warn(at('automaticSecurityUpdates'), 'Annex I, Part I, point (2)(c)', 'automatic security updates should be on by default where applicable; justify in the risk assessment if not'));
  if (u.automaticSecurityUpdates && !u.userCanOptOut) out.push(warn(at('userCanOptOut'), 'Annex I, Part I, point (2)(c)', 'automatic updates need a clear and easy-to-use opt-out'));
  if (!u.userNotification) out.push(warn(at('userNotification'), 'Annex I, Part I, point (2)(c)', 'users should be notified of available updates'));
  if (!u.postpone.allowed) out.push(warn(at('postpone'), 'Annex I, Part I, point (2)(c)', 'where applicable, users should be able to postpone an update'));
  if (!u.securityUpdatesSeparate) out.push(warn(at('securityUpdatesSeparate'), 'Annex I, Part II, point (2)', 'security updates should be provided separately from feature updates where technically feasible'));
  if (!u.freeOfCharge) out.push(warn(at('freeOfCharge'), 'Annex I, Part II, point (8)', 'security updates must be free of charge (except tailor-made products agreed with a business user)'));
  return out;
}; // prettier-ignore

const attackSurface: Check = ({ interfaces }) =>
  interfaces.flatMap((i, n) => {
    const out: ProfileAdvice[] = [];
    if (i.kind === 'debug' && i.enabledByDefault) out.push(warn(['interfaces', n, 'enabledByDefault'], 'Annex I, Part I, point (2)(j)', `debug interface "${i.name}" is enabled by default; limit the attack surface`));
    if (i.direction !== 'outbound' && /^none$/i.test(i.authentication)) out.push(warn(['interfaces', n, 'authentication'], 'Annex I, Part I, point (2)(d)', `interface "${i.name}" accepts connections without authentication`));
    if ((i.kind === 'network' || i.kind === 'radio') && /^none$/i.test(i.encryption)) out.push(warn(['interfaces', n, 'encryption'], 'Annex I, Part I, point (2)(e)', `interface "${i.name}" sends data unencrypted; protect confidentiality in transit`));
    return out;
  }); // prettier-ignore

const reachability: Check = ({ manufacturer, documentation, conformityAssessment: ca }) => {
  const out: ProfileAdvice[] = [];
  if (manufacturer.mainEstablishment === undefined && manufacturer.authorisedRepresentative === undefined) out.push(warn(['manufacturer', 'mainEstablishment'], 'Art. 14(7)', 'give the Member State of the main establishment (or an authorised representative): it decides which CSIRT receives Art. 14 reports'));
  if (documentation.declarationOfConformityUrl === undefined) out.push(warn(['documentation', 'declarationOfConformityUrl'], 'Annex II(6); Art. 13(20)', 'give the internet address of the EU declaration of conformity'));
  if ((ca.procedure === 'module-b-c' || ca.procedure === 'module-h') && ca.notifiedBody === undefined) out.push(warn(['conformityAssessment', 'notifiedBody'], 'Annex V(7)', 'name the notified body once it is chosen'));
  return out;
}; // prettier-ignore

const CHECKS: readonly Check[] = [
  supportReflectsUseTime,
  updatePolicy,
  attackSurface,
  reachability,
];

/**
 * Reviews a valid profile for points an assessor will raise: a support period shorter than the
 * expected use time, automatic updates off, debug ports open, and the like. Unlike the schema's
 * rules these are warnings: the Act leaves room (for example "where applicable").
 *
 * @param profile - A profile returned by {@link parseProductProfile}.
 * @returns The warnings, in a stable order; empty when there is nothing to say.
 */
export function adviseOnProductProfile(profile: ProductProfile): ProfileAdvice[] {
  return CHECKS.flatMap((check) => check(profile));
}
