import { readFile, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { initCaDirectory, issueBatch, openCaDirectory } from '@cra-kit/identity';
import { openssl, tempDir } from './helpers.js';
import { runInChild } from './child.js';

const PASS = 'batch test passphrase';
const FAST = { N: 2 ** 14, r: 8, p: 1 };

describe('the batch flow', () => {
  it('streams devices and a manifest, reports progress, and resumes after a partial run', async () => {
    const dir = join(await tempDir(), 'ca');
    await initCaDirectory({ dir, organization: 'Acme Sensors', passphrase: PASS, scrypt: FAST });
    const ca = await openCaDirectory({ dir, passphrase: PASS });
    const out = join(await tempDir(), 'batch');
    const progress: number[] = [];
    await issueBatch({ ca, count: 4, serialPrefix: 'VS-', out });
    // Simulate a crash after the device directory was written but before its manifest line.
    const lines = (await readFile(join(out, 'manifest.jsonl'), 'utf8')).trim().split('\n');
    const { writeFile } = await import('node:fs/promises');
    await writeFile(join(out, 'manifest.jsonl'), `${lines.slice(0, 3).join('\n')}\n`);
    const again = await issueBatch({ ca, count: 6, serialPrefix: 'VS-', out, onProgress: (p) => progress.push(p.done) });
    expect(again).toMatchObject({ resumed: 3, issued: 2 });
    expect(progress.at(-1)).toBe(6);
    const manifest = (await readFile(join(out, 'manifest.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { deviceSerial: string; serialNumber: string });
    expect(manifest.map((m) => m.deviceSerial)).toEqual(['VS-000001', 'VS-000002', 'VS-000003', 'VS-000004', 'VS-000005', 'VS-000006']);
    // VS-000004 kept its first certificate: the rerun recorded it instead of issuing another.
    expect(manifest[3]!.serialNumber).toBe((JSON.parse(lines[3]!) as { serialNumber: string }).serialNumber);
    expect((await readdir(out)).filter((f) => f.endsWith('.partial'))).toEqual([]);
    const res = await openssl(['verify', '-x509_strict', '-CAfile', join(dir, 'root.pem'), '-untrusted', join(out, 'VS-000005', 'chain.pem'), join(out, 'VS-000005', 'cert.pem')]);
    expect(res.ok).toBe(true);
    await rm(out, { recursive: true });
  });

  it('memory stays bounded: 1,500 devices in a child process with peak RSS under 256 MB', async () => {
    const result = await runInChild<{ maxRssMb: number; rssAt1000: number; rssAtEnd: number; perSecond: number }>(`
      import { mkdtempSync } from 'node:fs';
      import { tmpdir } from 'node:os';
      import { join } from 'node:path';
      import { initCaDirectory, openCaDirectory, issueBatch } from 'IDENTITY';
      const dir = join(mkdtempSync(join(tmpdir(), 'cra-batch-')), 'ca');
      await initCaDirectory({ dir, organization: 'Acme', passphrase: 'child passphrase', scrypt: { N: 16384, r: 8, p: 1 } });
      const ca = await openCaDirectory({ dir, passphrase: 'child passphrase' });
      let rssAt1000 = 0;
      const started = performance.now();
      await issueBatch({ ca, count: 1500, serialPrefix: 'M-', out: join(dir, '..', 'out'), sink: { kind: 'callback', deliver: async () => {} },
        onProgress: (p) => { if (p.done === 1000) rssAt1000 = process.memoryUsage().rss; } });
      console.log(JSON.stringify({ maxRssMb: process.resourceUsage().maxRSS / 1024, rssAt1000: rssAt1000 / 2 ** 20, rssAtEnd: process.memoryUsage().rss / 2 ** 20, perSecond: 1500 / ((performance.now() - started) / 1000) }));
    `, 60_000);
    expect(result.maxRssMb).toBeLessThan(256);
    // Flat: the last 500 devices add little (no per-device state is kept).
    expect(result.rssAtEnd - result.rssAt1000).toBeLessThan(64);
  }, 70_000);
}); // prettier-ignore
