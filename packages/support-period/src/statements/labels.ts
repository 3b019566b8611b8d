import { toUtcDate } from '../dates/calendar.js';
import { SupportPeriodError } from '../errors.js';

/** The texts of one language for the end-of-support label (Art. 13(19)). */
export interface LabelTexts {
  /** Month names, January first, for the long style. */
  readonly months: readonly string[];
  /** Builds the label from the formatted month and year (`03/2032` or `March 2032`). */
  readonly securityUpdatesUntil: (monthYear: string) => string;
}

/**
 * Label texts by language (BCP 47 primary tag). Add a language by passing `texts` to
 * {@link formatEndOfSupportLabel}, or contribute it here.
 */
export const LABEL_TEXTS: Readonly<Record<string, LabelTexts>> = Object.freeze({
  en: {
    months: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
    securityUpdatesUntil: (d: string) => `Security updates until ${d}`,
  },
  de: {
    months: ['Januar', 'Februar', 'März', 'April', 'Mai', 'Juni', 'Juli', 'August', 'September', 'Oktober', 'November', 'Dezember'],
    securityUpdatesUntil: (d: string) => `Sicherheitsupdates bis ${d}`,
  },
}); // prettier-ignore

/** Options of {@link formatEndOfSupportLabel}. */
export interface LabelOptions {
  /** Language tag; `de-AT` falls back to `de`. Default `en`. */
  readonly lang?: string;
  /** `numeric`: "03/2032" (default); `long`: "March 2032". */
  readonly style?: 'numeric' | 'long';
  /** Extra or replacement languages, merged over {@link LABEL_TEXTS}. */
  readonly texts?: Readonly<Record<string, LabelTexts>>;
}

/**
 * The short end-of-support text for packaging and web shops, with at least month and year as
 * Art. 13(19) asks: "Security updates until 03/2032". The month is the month of the inclusive
 * support end date, so support lasts through that month's day shown in the plan.
 *
 * @param supportEnd - The plan's `supportEnd` (YYYY-MM-DD) or a Date (its UTC date counts).
 * @throws {SupportPeriodError} SUPPORT_LANGUAGE_UNSUPPORTED for a language without texts
 * @throws {SupportPeriodError} SUPPORT_DATE_INVALID for a date that is not a calendar date
 * @example
 * ```ts
 * formatEndOfSupportLabel('2032-03-31', { lang: 'de' }); // 'Sicherheitsupdates bis 03/2032'
 * ```
 */
export function formatEndOfSupportLabel(supportEnd: string | Date, options: LabelOptions = {}): string {
  const lang = options.lang ?? 'en';
  const table = { ...LABEL_TEXTS, ...options.texts };
  const texts = table[lang] ?? table[lang.split('-')[0]?.toLowerCase() ?? ''];
  if (texts === undefined) {
    throw new SupportPeriodError('SUPPORT_LANGUAGE_UNSUPPORTED', `no end-of-support label texts for language ${JSON.stringify(lang.slice(0, 20))}`, {
      details: { lang: lang.slice(0, 20), available: Object.keys(table) },
    });
  }
  const end = toUtcDate(supportEnd);
  const month = end.getUTCMonth();
  const year = String(end.getUTCFullYear());
  const monthYear = options.style === 'long'
    ? `${texts.months[month] ?? String(month + 1)} ${year}`
    : `${String(month + 1).padStart(2, '0')}/${year}`;
  return texts.securityUpdatesUntil(monthYear);
} // prettier-ignore
