import { appendFile, rename, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { syncDirectory } from '@cra-kit/core/node';
import type { DeviceEvent } from '@cra-kit-examples/device-protocol';

export type SecurityEvent = Extract<DeviceEvent, { kind: 'security-event' }>;

/**
 * The device's local security event log (Annex I Part I (2)(l)): append-only JSON lines, one
 * event each, bounded in size. When the file passes `maxBytes` it becomes `<file>.1`
 * (replacing the previous one), so at most twice `maxBytes` are kept.
 */
export function createEventLog(path: string, maxBytes = 256 * 1024) {
  let queue: Promise<void> = Promise.resolve();
  const append = async (event: SecurityEvent) => {
    const size = await stat(path).then(
      (s) => s.size,
      () => 0,
    );
    if (size >= maxBytes) {
      await rename(path, `${path}.1`);
      await syncDirectory(dirname(path));
    }
    await appendFile(path, `${JSON.stringify(event)}\n`, { mode: 0o600, flag: 'a' });
  };
  return {
    path,
    /** Appends one event; appends are serialised so lines never interleave. */
    append(event: SecurityEvent): Promise<void> {
      const next = queue.then(() => append(event));
      queue = next.catch(() => undefined);
      return next;
    },
  };
}
export type EventLog = ReturnType<typeof createEventLog>;
