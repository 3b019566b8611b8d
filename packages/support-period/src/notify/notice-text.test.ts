import { describe, expect, it } from 'vitest';
import { SUPPORT_EVENT_KINDS, SupportEventSchema } from './event.js';
import { NOTICE_TEXTS } from './notice-text.js';

describe('NOTICE_TEXTS', () => {
  const event = (kind: (typeof SUPPORT_EVENT_KINDS)[number]) =>
    SupportEventSchema.parse({
      schemaVersion: 1, kind, idempotencyKey: 'c'.repeat(64), serial: 'VS3-9', model: 'vs300',
      installedVersion: '1.0.0', availableVersion: '1.1.0', pendingSince: '2030-01-01', pendingDays: 45,
      supportEnd: '2035-12-11', occurredAt: '2030-02-15T00:00:00Z',
    }); // prettier-ignore

  it.each(Object.keys(NOTICE_TEXTS).flatMap((lang) => SUPPORT_EVENT_KINDS.map((kind) => [lang, kind] as const)))('%s %s names the device and the facts', (lang, kind) => {
    const { subject, text } = NOTICE_TEXTS[lang]![kind](event(kind));
    expect(subject).toContain('VS3-9');
    expect(text).toContain('VS3-9');
    if (kind === 'security-update-pending') expect(text).toContain('45');
    if (kind === 'update-available') expect(text).toContain('1.1.0');
    if (kind.startsWith('support')) expect(text).toContain('2035-12-11');
  }); // prettier-ignore
});
