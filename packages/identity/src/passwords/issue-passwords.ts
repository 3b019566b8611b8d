import { appendFile, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { parseWith, type RandomSource } from '@cra-kit/core';
import { DeviceSerialSchema } from '../cert/request.js';
import { writeSecretFile } from '../keys/encrypted-key.js';
import { generateDevicePassword } from './generate.js';
import { hashDevicePassword } from './hash.js';

/** Fixed file names `cra device passwords` writes. */
export const PASSWORD_FILES = Object.freeze({
  /** `serial,password` for the label printer: 0600, print once, then destroy. */
  labels: 'labels.csv',
  /** `{ serial, hash }` per line: what the device (or cloud) stores. */
  hashes: 'password-hashes.jsonl',
});

/**
 * Generates a unique password per device, writes the label file (0600, the only place the
 * passwords ever appear) and the scrypt hashes. Refuses to overwrite an earlier run.
 * @example
 * ```ts
 * await issueDevicePasswords({ count: 500, serialPrefix: 'VS-', out: './passwords' });
 * ```
 */
export async function issueDevicePasswords(options: {
  count: number;
  serialPrefix: string;
  out: string;
  cost?: { log2N: number; r: number; p: number };
  random?: RandomSource;
  onProgress?: (done: number, total: number) => void;
}): Promise<{ labels: string; hashes: string }> {
  const { count, out } = options;
  if (!Number.isSafeInteger(count) || count < 1 || count > 10_000_000) throw new RangeError('count must be 1..10,000,000');
  const width = Math.max(6, String(count).length);
  parseWith(DeviceSerialSchema, `${options.serialPrefix}${'0'.repeat(width)}`, 'serial prefix');
  await mkdir(out, { recursive: true, mode: 0o700 });
  const labels = join(out, PASSWORD_FILES.labels);
  const hashes = join(out, PASSWORD_FILES.hashes);
  await writeSecretFile(labels, 'serial,password\n');
  await writeSecretFile(hashes, '');
  const opts = { ...(options.cost ? { cost: options.cost } : {}), ...(options.random ? { random: options.random } : {}) };
  for (let i = 1; i <= count; i++) {
    const serial = `${options.serialPrefix}${String(i).padStart(width, '0')}`;
    const password = generateDevicePassword(options.random ? { random: options.random } : {});
    const hash = await hashDevicePassword(password, opts);
    await appendFile(labels, `${serial},${password}\n`);
    await appendFile(hashes, `${JSON.stringify({ serial, hash })}\n`);
    options.onProgress?.(i, count);
  }
  return { labels, hashes };
} // prettier-ignore
