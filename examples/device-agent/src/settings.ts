import { parseWith, type Clock } from '@cra-kit/core';
import { writeFileAtomic } from '@cra-kit/core/node';
import type { Notice } from '@cra-kit-examples/device-protocol';
import { z } from 'zod';
import { readJsonFile } from './local-files.js';

/**
 * The owner's settings, persisted on the device: automatic security updates on by default with
 * an opt-out and a postponement (Annex I Part I (2)(c)); the local security event log on by
 * default with an opt-out (Annex I Part I (2)(l)).
 */
export const DeviceSettingsSchema = z.strictObject({
  automaticUpdates: z.boolean(),
  postponeUntil: z.iso.datetime({ offset: true }).optional(),
  /** Releases the owner approved explicitly (installed even with automatic updates off). */
  approvedReleases: z.array(z.string().min(1).max(128)).max(64),
  securityEventLog: z.boolean().default(true),
});
export type DeviceSettings = z.infer<typeof DeviceSettingsSchema>;

export const DEFAULT_SETTINGS: DeviceSettings = {
  automaticUpdates: true,
  approvedReleases: [],
  securityEventLog: true,
};

export async function readSettings(path: string): Promise<DeviceSettings> {
  // Missing, or corrupt (tampering): the safe default is updates on.
  return (await readJsonFile(path, DeviceSettingsSchema, 'settings')) ?? DEFAULT_SETTINGS;
}

export async function writeSettings(path: string, settings: DeviceSettings): Promise<void> {
  await writeFileAtomic(
    path,
    JSON.stringify(parseWith(DeviceSettingsSchema, settings, 'settings')),
  );
}

/** What to do with an update notice. */
export type UpdateDecision =
  | { readonly action: 'install' }
  | { readonly action: 'postponed'; readonly until: string }
  | { readonly action: 'declined' };

/**
 * Security releases install automatically unless the owner opted out or postponed; anything
 * the owner approved installs; everything else is declined (the owner decides).
 */
export function decideUpdate(settings: DeviceSettings, notice: Extract<Notice, { kind: 'update-available' }>, clock: Clock): UpdateDecision {
  if (settings.approvedReleases.includes(notice.releaseId)) return { action: 'install' };
  const until = settings.postponeUntil;
  if (until !== undefined && Date.parse(until) > clock.now().getTime()) return { action: 'postponed', until };
  if (notice.releaseType === 'security' && settings.automaticUpdates) return { action: 'install' };
  return { action: 'declined' };
} // prettier-ignore
