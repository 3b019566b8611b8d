// Child process: verifies one image and reports time and peak RSS, so the RSS figure is the
// verifier's own and not the benchmark harness's. Usage: node verify-image.mjs <mode> <file> <length> <sha256>
// The reference mode's modules are imported only in that mode: the RSS of `ours` is what a
// device verifying an image loads, nothing more.
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
  const { createHash } = await import('node:crypto');
  const { createReadStream } = await import('node:fs');
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
