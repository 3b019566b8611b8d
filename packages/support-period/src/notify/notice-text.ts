import type { SupportEvent, SupportEventKind } from './event.js';

/** Subject and body of an e-mail notice, by language. Extend through `texts` options. */
export type NoticeTexts = Readonly<
  Record<SupportEventKind, (e: SupportEvent) => { subject: string; text: string }>
>;

/** E-mail notice texts in English and German. */
export const NOTICE_TEXTS: Readonly<Record<string, NoticeTexts>> = Object.freeze({
  en: {
    'update-available': (e) => ({ subject: `Update ${e.availableVersion ?? ''} available for ${e.model} ${e.serial}`, text: `A firmware update (${e.availableVersion ?? ''}) is available for your device ${e.serial} (${e.model}), which runs ${e.installedVersion ?? 'an older version'}.\nSecurity updates are provided until ${e.supportEnd}.` }),
    'security-update-pending': (e) => ({ subject: `Security update pending for ${e.model} ${e.serial}`, text: `Your device ${e.serial} (${e.model}) has been missing a security update for ${e.pendingDays ?? 0} days (issued ${e.pendingSince ?? ''}). Please install version ${e.availableVersion ?? ''}.` }),
    'support-ending': (e) => ({ subject: `Security support for ${e.model} ${e.serial} ends on ${e.supportEnd}`, text: `Security updates for your device ${e.serial} (${e.model}) are provided until ${e.supportEnd}. After that date no further security updates will be issued.` }),
    'support-ended': (e) => ({ subject: `Security support for ${e.model} ${e.serial} has ended`, text: `The support period of your device ${e.serial} (${e.model}) ended on ${e.supportEnd}. It no longer receives security updates.` }),
  },
  de: {
    'update-available': (e) => ({ subject: `Update ${e.availableVersion ?? ''} für ${e.model} ${e.serial} verfügbar`, text: `Für Ihr Gerät ${e.serial} (${e.model}) mit Version ${e.installedVersion ?? 'einer älteren Version'} ist ein Firmware-Update (${e.availableVersion ?? ''}) verfügbar.\nSicherheitsupdates gibt es bis ${e.supportEnd}.` }),
    'security-update-pending': (e) => ({ subject: `Sicherheitsupdate für ${e.model} ${e.serial} ausstehend`, text: `Auf Ihrem Gerät ${e.serial} (${e.model}) fehlt seit ${e.pendingDays ?? 0} Tagen ein Sicherheitsupdate (veröffentlicht ${e.pendingSince ?? ''}). Bitte installieren Sie Version ${e.availableVersion ?? ''}.` }),
    'support-ending': (e) => ({ subject: `Sicherheitsunterstützung für ${e.model} ${e.serial} endet am ${e.supportEnd}`, text: `Sicherheitsupdates für Ihr Gerät ${e.serial} (${e.model}) gibt es bis ${e.supportEnd}. Danach erscheinen keine Sicherheitsupdates mehr.` }),
    'support-ended': (e) => ({ subject: `Sicherheitsunterstützung für ${e.model} ${e.serial} beendet`, text: `Der Unterstützungszeitraum Ihres Geräts ${e.serial} (${e.model}) endete am ${e.supportEnd}. Es erhält keine Sicherheitsupdates mehr.` }),
  },
}); // prettier-ignore
