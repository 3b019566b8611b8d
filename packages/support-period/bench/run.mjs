// Fleet status benchmark: classifies a synthetic fleet CSV in one streaming pass with the built
// package and prints devices per second beside a reference measured in the same run: counting
// the lines of the same file (the floor any streaming reader pays). Run `pnpm build` first.
// Usage: node bench/run.mjs [devices=1000000]
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { planSupport, summarizeFleet } from '../dist/index.js';
import { parseProductProfile } from '@cra-kit/core';
import { parse } from 'yaml';
import { readFileSync } from 'node:fs';

const devices = Number(process.argv[2] ?? 1_000_000);
const dir = mkdtempSync(join(tmpdir(), 'cra-support-bench-'));
const fleet = join(dir, 'fleet.csv');
const profile = parseProductProfile(
  parse(
    readFileSync(
      new URL('../../../examples/products/vibration-sensor.cra.product.yaml', import.meta.url),
      'utf8',
    ),
  ),
);
const release = (version, releasedAt, type) => ({
  schemaVersion: 1, model: 'vs300', version, releasedAt, type, securityCounter: 1, hardwareIds: ['rev-b', 'rev-c'],
  image: { name: 'vs300.bin', length: 1024, sha256: 'a'.repeat(64) }, advisories: [],
}); // prettier-ignore
const releases = [
  release('1.1.0', '2030-01-10T00:00:00Z', 'security'),
  release('1.2.0', '2031-03-01T00:00:00Z', 'feature'),
];

async function writeFleet() {
  const out = createWriteStream(fleet);
  const versions = ['1.0.0', '1.1.0', '1.2.0', '', '1.0.0'];
  let buffer = 'serial,model,hardwareRevision,firmwareVersion,placedOnMarketAt,ownerContactId\n';
  for (let i = 0; i < devices; i++) {
    const date = `${2027 + (i % 8)}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
    buffer += `VS3-${String(i).padStart(8, '0')},vs300,rev-${i % 2 === 0 ? 'b' : 'c'},${versions[i % 5]},${date},owner-${i % 50_000}\n`;
    if (buffer.length > 1 << 16) {
      if (!out.write(buffer)) await once(out, 'drain');
      buffer = '';
    }
  }
  out.end(buffer);
  await once(out, 'finish');
}

async function countLines() {
  let lines = 0;
  for await (const chunk of createReadStream(fleet, { highWaterMark: 1 << 16 })) {
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines += 1;
  }
  return lines;
}

try {
  await writeFleet();
  let t = performance.now();
  const lines = await countLines();
  const countSeconds = (performance.now() - t) / 1000;
  t = performance.now();
  const summary = await summarizeFleet(createReadStream(fleet, { highWaterMark: 1 << 16 }), {
    format: 'csv',
    plans: [planSupport(profile)],
    releases,
    clock: { now: () => new Date('2036-01-01T00:00:00Z') },
  });
  const scanSeconds = (performance.now() - t) / 1000;
  const rate = (n, s) => `${Math.round(n / s).toLocaleString('en')}/s`;
  console.log(
    `fleet status, ${devices.toLocaleString('en')} devices (${summary.ended.toLocaleString('en')} out of support, ${summary.lineErrors} line errors)`,
  );
  console.log(
    `  cra-kit summarizeFleet     ${scanSeconds.toFixed(2)} s   ${rate(summary.devices, scanSeconds)} devices`,
  );
  console.log(
    `  reference: count lines     ${countSeconds.toFixed(2)} s   ${rate(lines, countSeconds)} lines`,
  );
  console.log(
    `  peak RSS of this process   ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
