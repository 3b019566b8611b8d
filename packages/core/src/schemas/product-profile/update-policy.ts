import { z } from 'zod';
import { cited } from '../citation.js';

export const UpdatePolicySchema = cited(
  z.strictObject({
    automaticSecurityUpdates: z
      .boolean()
      .default(true)
      .describe('Security updates install automatically by default'),
    userCanOptOut: z.boolean().describe('Users can turn automatic updates off (clear and easy)'),
    postpone: z
      .strictObject({
        allowed: z.boolean().describe('Users can postpone an update'),
        maxDays: z.int().min(1).max(365).optional().describe('Longest postponement, in days'),
      })
      .describe('Postponing updates'),
    userNotification: z.boolean().describe('Users are notified of available updates'),
    securityUpdatesSeparate: cited(
      z.boolean(),
      'Annex I, Part II, point (2)',
      'Security updates can ship separately from feature updates',
    ),
    freeOfCharge: cited(
      z.boolean().default(true),
      'Annex I, Part II, point (8)',
      'Security updates are free of charge',
    ),
  }),
  'Annex I, Part I, point (2)(c); Annex II(8)(c),(e)',
  'How security updates reach users: automatic by default, with opt-out and postpone',
);
