import { join } from 'node:path';

/** The two firmware slots of the A/B layout. */
export const SLOTS = ['a', 'b'] as const;
export type Slot = (typeof SLOTS)[number];

export const otherSlot = (slot: Slot): Slot => (slot === 'a' ? 'b' : 'a');

/** Where everything lives in a device's data directory. */
export function dataLayout(dataDir: string) {
  const identity = join(dataDir, 'identity');
  return {
    root: dataDir,
    identity,
    key: join(identity, 'key.pem'),
    cert: join(identity, 'cert.pem'),
    chain: join(identity, 'chain.pem'),
    /** Renewal writes the new pair here first, then swaps them in. */
    nextKey: join(identity, 'key.next.pem'),
    nextCert: join(identity, 'cert.next.pem'),
    settings: join(dataDir, 'settings.json'),
    /** Trusted TUF metadata (ota-signing's fileStorage). */
    tuf: join(dataDir, 'tuf'),
    otaState: join(dataDir, 'ota-state.json'),
    /** Downloads land here before they are verified and written to a slot. */
    staging: join(dataDir, 'staging'),
    slots: join(dataDir, 'slots'),
    slotDir: (slot: Slot) => join(dataDir, 'slots', slot),
    slotImage: (slot: Slot) => join(dataDir, 'slots', slot, 'image.bin'),
    slotManifest: (slot: Slot) => join(dataDir, 'slots', slot, 'manifest.json'),
    /** The boot pointer. */
    boot: join(dataDir, 'slots', 'boot.json'),
    eventLog: join(dataDir, 'security-events.jsonl'),
  };
}
export type DataLayout = ReturnType<typeof dataLayout>;
