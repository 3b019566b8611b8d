import { rm } from 'node:fs/promises';
import { installFactory, type FactoryImage } from './boot.js';
import { eraseCredentials } from './credentials.js';
import { secureErase } from './local-files.js';
import type { DataLayout } from './layout.js';
import { clearSlot } from './slots.js';

/**
 * Erases everything the device collected or was given (Annex I Part I (2)(b), (2)(m)): the key
 * and certificates (overwritten before unlink), settings, trusted update metadata, the event
 * log, both slots; then the factory image goes back into slot a. No boot pointer is left, so
 * the next start is a first boot.
 */
export async function eraseDevice(layout: DataLayout, factory: FactoryImage): Promise<void> {
  await eraseCredentials(layout);
  for (const file of [layout.settings, layout.otaState, layout.eventLog, `${layout.eventLog}.1`]) {
    await secureErase(file);
  }
  for (const dir of [layout.identity, layout.tuf, layout.staging]) {
    await rm(dir, { recursive: true, force: true });
  }
  await clearSlot(layout, 'a');
  await clearSlot(layout, 'b');
  await installFactory(layout, factory);
  await rm(layout.boot, { force: true });
}
