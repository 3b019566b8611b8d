// Child process: verifies one image and reports time and peak RSS, so the RSS figure is the
// verifier's own and not the benchmark harness's. Usage: node verify-image.mjs <mode> <file> <length> <sha256>
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { loadNobleHashProvider, verifyImageFile } from '../dist/index.js';

const [mode, file, length, sha256] = process.argv.slice(2);
const target = { length: Number(length), hashes: { sha256 } };
const cpu0 = process.cpuUsage();
const start = performance.now();
if (mode === 'ours') {
  await verifyImageFile(file, 'image.bin', target);
} else if (mode === 'noble') {
  // The fallback for runtimes without node:crypto.
  await verifyImageFile(file, 'image.bin', target, { hashProvider: await loadNobleHashProvider() });
} else {
  // Reference: createReadStream with its default 64 KiB chunks.
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk);
  if (hash.digest('hex') !== sha256) throw new Error('hash mismatch');
}
const seconds = (performance.now() - start) / 1000;
const cpu = process.cpuUsage(cpu0);
const cpuSeconds = (cpu.user + cpu.system) / 1e6;
process.stdout.write(
  JSON.stringify({ seconds, cpuSeconds, maxRssMb: process.resourceUsage().maxRSS / 1024 }),
);
