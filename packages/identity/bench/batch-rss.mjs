// The batch flow at scale: IDENTITY_BENCH_DEVICES devices (default 1,000,000) issued with keys
// generated on the line, delivered to a callback sink (as to a secure-element programmer), with
// the manifest streamed to disk. Prints the rate and the peak RSS (target: under 256 MB).
// Run with `pnpm --filter @cra-kit/identity build && node bench/batch-rss.mjs`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initCaDirectory, issueBatch, openCaDirectory } from '../dist/index.js';

const COUNT = Number(process.env.IDENTITY_BENCH_DEVICES ?? 1_000_000);
const work = mkdtempSync(join(tmpdir(), 'identity-batch-'));
const dir = join(work, 'ca');
await initCaDirectory({ dir, organization: 'Bench', passphrase: 'bench passphrase' });
const ca = await openCaDirectory({ dir, passphrase: 'bench passphrase' });
const started = performance.now();
let last = started;
await issueBatch({
  ca,
  count: COUNT,
  serialPrefix: 'BENCH-',
  out: join(work, 'out'),
  sink: { kind: 'callback', deliver: async () => {} },
  onProgress: (p) => {
    if (performance.now() - last > 5000 || p.done === p.total) {
      last = performance.now();
      process.stderr.write(
        `\r  ${p.done}/${p.total} devices, RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB`,
      );
    }
  },
});
const seconds = (performance.now() - started) / 1000;
console.log(
  `\nbatch of ${COUNT.toLocaleString('en')} devices: ${(COUNT / seconds).toFixed(0)} devices/s, ${seconds.toFixed(0)} s`,
);
console.log(
  `  peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (target < 256 MB)`,
);
rmSync(work, { recursive: true, force: true });
