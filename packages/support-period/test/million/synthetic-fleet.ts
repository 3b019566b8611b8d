import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

/**
 * Writes a synthetic fleet CSV of `count` vs300 devices: a mix of hardware revisions, installed
 * versions and placing dates, so every classification path runs.
 */
export async function writeSyntheticFleet(path: string, count: number): Promise<void> {
  const out = createWriteStream(path);
  const versions = ['1.0.0', '1.1.0', '1.2.0', '', '1.0.0'];
  let buffer = 'serial,model,hardwareRevision,firmwareVersion,placedOnMarketAt,ownerContactId\n';
  for (let i = 0; i < count; i++) {
    const year = 2027 + (i % 8);
    const month = String(1 + (i % 12)).padStart(2, '0');
    const day = String(1 + (i % 28)).padStart(2, '0');
    buffer += `VS3-${String(i).padStart(8, '0')},vs300,rev-${i % 2 === 0 ? 'b' : 'c'},${versions[i % 5]},${year}-${month}-${day},owner-${i % 50_000}\n`;
    if (buffer.length > 1 << 16) {
      if (!out.write(buffer)) await once(out, 'drain');
      buffer = '';
    }
  }
  out.end(buffer);
  await once(out, 'finish');
}
