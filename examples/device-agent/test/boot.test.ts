import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixedClock, seededRandom } from '@cra-kit/testing';
import {
  AgentError,
  DEFAULT_SETTINGS,
  backoffDelay,
  bootFromPointer,
  createEventLog,
  dataLayout,
  decideUpdate,
  readPointer,
  telemetryMessage,
  verifiedSlot,
} from '@cra-kit-examples/device-agent';
import { imageBytes, tempDir } from './fixture.js';
// prettier-ignore

async function device() {
  const dir = await tempDir('boot');
  const factoryPath = join(dir, 'factory.bin');
  await writeFile(factoryPath, imageBytes(100_000, 3));
  const layout = dataLayout(join(dir, 'data'));
  const factory = { path: factoryPath, version: '1.0.0', securityCounter: 0 };
  return { layout, factory };
}

/** Copies the factory image into slot b as a "newer" image with `counter`. */
async function fakeUpdate(d: Awaited<ReturnType<typeof device>>, counter: number) {
  const { mkdir } = await import('node:fs/promises');
  await mkdir(d.layout.slotDir('b'), { recursive: true });
  await writeFile(d.layout.slotImage('b'), await readFile(d.layout.slotImage('a')));
  const manifest = JSON.parse(await readFile(d.layout.slotManifest('a'), 'utf8')) as Record<string, unknown>;
  await writeFile(d.layout.slotManifest('b'), JSON.stringify({ ...manifest, version: '2.0.0', securityCounter: counter, releaseType: 'security' }));
} // prettier-ignore

describe('boot rules', () => {
  it('first boot installs the factory image into slot a and commits it', async () => {
    const d = await device();
    const report = await bootFromPointer(d.layout, d.factory);
    expect(report).toMatchObject({
      firstBoot: true,
      firmware: { slot: 'a', manifest: { version: '1.0.0', releaseType: 'factory' } },
    });
    expect(await readPointer(d.layout)).toEqual({ committed: 'a', counter: 0 });
    expect((await bootFromPointer(d.layout, d.factory)).firstBoot).toBe(false);
  });

  it('a pending switch whose health check never passed reverts to the committed slot', async () => {
    const d = await device();
    await bootFromPointer(d.layout, d.factory);
    await fakeUpdate(d, 1);
    await writeFile(
      d.layout.boot,
      JSON.stringify({ committed: 'a', counter: 0, trial: { slot: 'b', releaseId: 'r1' } }),
    );
    const report = await bootFromPointer(d.layout, d.factory);
    expect(report).toMatchObject({
      revertedTrial: { slot: 'b', releaseId: 'r1' },
      firmware: { slot: 'a' },
    });
    expect(await readPointer(d.layout)).toEqual({ committed: 'a', counter: 0 });
  });

  it('a committed slot that no longer verifies falls back to the other slot, never below the counter', async () => {
    const d = await device();
    await bootFromPointer(d.layout, d.factory);
    await fakeUpdate(d, 0);
    await writeFile(d.layout.boot, JSON.stringify({ committed: 'b', counter: 0 }));
    const image = await readFile(d.layout.slotImage('b'));
    image[10] = (image[10] ?? 0) ^ 1;
    await writeFile(d.layout.slotImage('b'), image);
    expect(await verifiedSlot(d.layout, 'b')).toBeUndefined();
    expect(await bootFromPointer(d.layout, d.factory)).toMatchObject({
      fellBack: 'a',
      firmware: { slot: 'a' },
    });
    // With the counter above slot a's, the old image is not an acceptable fallback.
    await writeFile(d.layout.boot, JSON.stringify({ committed: 'b', counter: 4 }));
    await expect(bootFromPointer(d.layout, d.factory)).rejects.toBeErrorWithCode(
      AgentError,
      'AGENT_NO_BOOTABLE_IMAGE',
    );
  });

  it('a slot without its manifest (interrupted write) is never booted', async () => {
    const d = await device();
    await bootFromPointer(d.layout, d.factory);
    await fakeUpdate(d, 1);
    const { unlink } = await import('node:fs/promises');
    await unlink(d.layout.slotManifest('b'));
    expect(await verifiedSlot(d.layout, 'b')).toBeUndefined();
    await writeFile(d.layout.boot, JSON.stringify({ committed: 'b', counter: 0 }));
    expect((await bootFromPointer(d.layout, d.factory)).firmware.slot).toBe('a');
  });
});

describe('building blocks', () => {
  it('backoff is full-jitter exponential, capped, and deterministic for a seeded source', () => {
    const policy = { baseMs: 100, capMs: 1_000 };
    const a = Array.from({ length: 12 }, (_, i) => backoffDelay(i, seededRandom(7), policy));
    const b = Array.from({ length: 12 }, (_, i) => backoffDelay(i, seededRandom(7), policy));
    expect(a).toEqual(b);
    a.forEach((delay, i) => {
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThan(Math.min(1_000, 100 * 2 ** i));
    });
    // Jitter: many devices on attempt 5 spread over the window instead of returning together.
    const random = seededRandom(1);
    const spread = new Set(Array.from({ length: 50 }, () => backoffDelay(5, random, policy)));
    expect(spread.size).toBeGreaterThan(40);
    expect(() => backoffDelay(-1, random, policy)).toThrow(
      expect.objectContaining({ code: 'CORE_VALIDATION_FAILED' }),
    );
  });

  it('the security event log appends JSON lines and stays bounded', async () => {
    const path = join(await tempDir('log'), 'events.jsonl');
    const log = createEventLog(path, 1024);
    for (let i = 0; i < 60; i++) await log.append({ kind: 'security-event', at: new Date().toISOString(), type: 'update-rejected', detail: `event ${i}` });
    expect((await stat(path)).size).toBeLessThanOrEqual(1024 + 200);
    expect((await stat(`${path}.1`)).size).toBeLessThanOrEqual(1024 + 200);
    const last = (await readFile(path, 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { detail: string });
    expect(last.at(-1)?.detail).toBe('event 59');
  }); // prettier-ignore

  it('telemetry keeps declared keys only', () => {
    const { message, dropped } = telemetryMessage({ vibration_velocity_rms: 1.5, owner_email: 'x@y', temperature_c: 21 }, new Set(['vibration_velocity_rms', 'temperature_c']), new Date('2027-01-01T00:00:00Z'));
    expect(message).toEqual({ at: '2027-01-01T00:00:00.000Z', values: { vibration_velocity_rms: 1.5, temperature_c: 21 } });
    expect(dropped).toEqual(['owner_email']);
  }); // prettier-ignore

  it('decides by the owner settings', () => {
    const clock = fixedClock('2027-01-01T00:00:00Z');
    const notice = { kind: 'update-available' as const, releaseId: 'r', targetName: 'fw.bin', version: '1.1.0', releaseType: 'security' as const };
    expect(decideUpdate(DEFAULT_SETTINGS, notice, clock)).toEqual({ action: 'install' });
    expect(decideUpdate({ ...DEFAULT_SETTINGS, automaticUpdates: false }, notice, clock)).toEqual({ action: 'declined' });
    expect(decideUpdate({ ...DEFAULT_SETTINGS, postponeUntil: '2026-12-31T00:00:00Z' }, notice, clock)).toEqual({ action: 'install' });
    expect(decideUpdate({ ...DEFAULT_SETTINGS, postponeUntil: '2027-02-01T00:00:00Z' }, notice, clock)).toEqual({ action: 'postponed', until: '2027-02-01T00:00:00Z' });
    expect(decideUpdate(DEFAULT_SETTINGS, { ...notice, releaseType: 'feature' }, clock)).toEqual({ action: 'declined' });
    expect(decideUpdate({ ...DEFAULT_SETTINGS, automaticUpdates: false, approvedReleases: ['r'] }, notice, clock)).toEqual({ action: 'install' });
  }); // prettier-ignore
});
