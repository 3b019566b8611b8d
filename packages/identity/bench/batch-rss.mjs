// The batch flow at scale: IDENTITY_BENCH_DEVICES devices (default 1,000,000) issued with keys
// generated on the line, delivered to a callback sink (as to a secure-element programmer), with
// the manifest streamed to disk. Prints a line every 10 s (devices, rate, RSS: the RSS curve),
// then the overall rate and the peak RSS (target: under 256 MB). The peak includes the scrypt
// work of opening the encrypted CA key (N = 2^17: 128 MiB), as a real run has it.
// Run with `pnpm --filter @cra-kit/identity build && node bench/batch-rss.mjs`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initCaDirectory, issueBatch, openCaDirectory } from '../dist/index.js';

const COUNT = Number(process.env.IDENTITY_BENCH_DEVICES ?? 1_000_000);
const work = mkdtempSync(join(process.env.IDENTITY_BENCH_DIR ?? tmpdir(), 'identity-batch-'));
const dir = join(work, 'ca');
const mb = (bytes) => (bytes / 2 ** 20).toFixed(0);
await initCaDirectory({ dir, organization: 'Bench', passphrase: 'bench passphrase' });
const ca = await openCaDirectory({ dir, passphrase: 'bench passphrase' });
console.log(
  `after opening the CA: RSS ${mb(process.memoryUsage().rss)} MB, peak ${mb(process.resourceUsage().maxRSS * 1024)} MB`,
);
const started = performance.now();
let last = started;
let lastDone = 0;
await issueBatch({
  ca,
  count: COUNT,
  serialPrefix: 'BENCH-',
  out: join(work, 'out'),
  sink: { kind: 'callback', deliver: async () => {} },
  onProgress: (p) => {
    const now = performance.now();
    if (now - last > 10_000 || p.done === p.total) {
      const rate = ((p.done - lastDone) / (now - last)) * 1000;
      [last, lastDone] = [now, p.done];
      const { rss, heapUsed } = process.memoryUsage();
      console.log(
        `  t=${((now - started) / 1000).toFixed(0)}s ${p.done}/${p.total} devices, ${rate.toFixed(0)}/s, RSS ${mb(rss)} MB (heap ${mb(heapUsed)} MB)`,
      );
    }
  },
});
const seconds = (performance.now() - started) / 1000;
console.log(
  `batch of ${COUNT.toLocaleString('en')} devices: ${(COUNT / seconds).toFixed(0)} devices/s, ${seconds.toFixed(0)} s`,
);
console.log(`  peak RSS ${mb(process.resourceUsage().maxRSS * 1024)} MB (target < 256 MB)`);
rmSync(work, { recursive: true, force: true });
