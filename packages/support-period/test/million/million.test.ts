import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'tsup';
import { afterAll, describe, expect, it } from 'vitest';
import { planSupport } from '@cra-kit/support-period';
import { exampleProfile, release } from '../fixtures.js';
import { writeSyntheticFleet } from './synthetic-fleet.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const packages = join(here, '../../..');
const DEVICES = 1_000_000;
const RSS_LIMIT = 256 * 1024 * 1024;

let dir = '';
afterAll(async () => {
  if (dir !== '') await rm(dir, { recursive: true, force: true });
});

describe('a fleet of 1,000,000 devices', () => {
  it('is classified in one streaming pass in a child process with peak RSS under 256 MB', async () => {
    dir = await mkdtemp(join(tmpdir(), 'cra-support-million-'));
    const fleet = join(dir, 'fleet.csv');
    const [plan, releases] = [join(dir, 'plan.json'), join(dir, 'releases.json')];
    await writeFile(plan, JSON.stringify(planSupport(exampleProfile())));
    await writeFile(releases, JSON.stringify([
      release({ version: '1.1.0', releasedAt: '2030-01-10T00:00:00Z', type: 'security' }),
      release({ version: '1.2.0', releasedAt: '2031-03-01T00:00:00Z', type: 'feature' }),
    ]));
    // Bundle the child from source (the packages need no build), then run it with plain node.
    await Promise.all([
      writeSyntheticFleet(fleet, DEVICES),
      build({
        entry: { child: join(here, 'child.ts') }, outDir: dir, format: ['esm'], platform: 'node', target: 'node20',
        noExternal: [/.*/], external: ['nodemailer'], config: false, outExtension: () => ({ js: '.mjs' }), dts: false, silent: true, splitting: false,
        esbuildOptions(options) {
          options.alias = {
            '@cra-kit/core': join(packages, 'core/src/index.ts'),
            '@cra-kit/support-period': join(packages, 'support-period/src/index.ts'),
          };
        },
      }),
    ]); // prettier-ignore
    const { stdout } = await promisify(execFile)(process.execPath, [join(dir, 'child.mjs'), fleet, plan, releases], { timeout: 80_000 });
    const result = JSON.parse(stdout) as { devices: number; lineErrors: number; ended: number; seconds: number; maxRssBytes: number };
    console.log(`1,000,000 devices: ${(DEVICES / result.seconds).toFixed(0)} devices/s, peak RSS ${(result.maxRssBytes / 2 ** 20).toFixed(0)} MB`);
    expect(result.devices).toBe(DEVICES);
    expect(result.lineErrors).toBe(0);
    expect(result.ended).toBeGreaterThan(0);
    expect(result.maxRssBytes).toBeLessThan(RSS_LIMIT);
  }, 120_000);
}); // prettier-ignore
