import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataLayout, readPointer } from '@cra-kit-examples/device-agent';
import { buildAgentBin } from './build-bin.js';
import { startCloud, tempDir, type TestCloud } from './fixture.js';

let cloud: TestCloud;
let bin: string;
const children = new Set<ChildProcess>();

beforeAll(async () => {
  [cloud, bin] = await Promise.all([startCloud(), tempDir('bin').then(buildAgentBin)]);
}, 120_000);
afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  await cloud.close();
});

type Line = Record<string, unknown> & { type: string };

/** Runs the agent bin; resolves on the first line matching `until` (or on exit) with all lines so far. */
function run(args: string[], env: Record<string, string>, until: (line: Line) => boolean) {
  const child = spawn(process.execPath, [bin, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  const lines: Line[] = [];
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
  const done = new Promise<{ lines: Line[]; child: ChildProcess }>((resolve, reject) => {
    createInterface({ input: child.stdout }).on('line', (text) => {
      const line = JSON.parse(text) as Line;
      lines.push(line);
      if (until(line)) resolve({ lines, child });
    });
    child.on('exit', (code) => {
      children.delete(child);
      if (code === 0) resolve({ lines, child });
      else reject(new Error(`agent exited ${String(code)}: ${JSON.stringify(lines.at(-1))} ${stderr}`));
    });
  });
  return done;
} // prettier-ignore

/** What an interrupted update leaves on disk. */
async function leftovers(layout: ReturnType<typeof dataLayout>) {
  const staging = await readdir(layout.staging).catch(() => [] as string[]);
  const partial = staging.find((f) => f.endsWith('.partial'));
  const slots = await readdir(layout.slots);
  return {
    partialDownload: partial === undefined ? 0 : (await stat(join(layout.staging, partial))).size,
    slotB: await stat(layout.slotImage('b')).then((s) => s.size, () => undefined),
    manifestB: await stat(layout.slotManifest('b')).then(() => true, () => false),
    pointerTemp: slots.some((f) => f.startsWith('.boot.json.') && f.endsWith('.tmp')),
  };
} // prettier-ignore

const sha256 = async (path: string) =>
  createHash('sha256')
    .update(await readFile(path))
    .digest('hex');
const killed = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    child.once('exit', () => {
      resolve();
    });
    child.kill('SIGKILL');
  });

describe('power loss during an update (SIGKILL at every step)', () => {
  const points = ['download', 'verify', 'write', 'switch', 'health-check'] as const;
  it.each(points)(
    'killed during %s: boots a fully verified image, then completes the update',
    async (point) => {
      const serial = `VS-P-${point}`;
      const dataDir = await tempDir(serial);
      const layout = dataLayout(dataDir);
      const { bootstrapToken, ...base } = await cloud.agentConfig(serial, dataDir);
      const config = join(dataDir, '..', `${serial}.json`);
      await writeFile(
        config,
        JSON.stringify({
          ...base,
          bootstrapToken,
          ota: { director: base.ota.director },
          caFile: cloud.caFile,
          rootFile: cloud.rootFile,
        }),
      );
      // 2 MB, so the kill lands in the middle of the download and of the slot write.
      const rel = await cloud.release({
        version: `2.0.0-${point}`,
        counter: 5,
        size: 2_000_000,
        seed: point.length,
      });
      cloud.assign(serial, rel.name);
      const notice = join(dataDir, '..', `${serial}.notice.json`);
      await writeFile(notice, JSON.stringify(rel.notice));
      const factory = await sha256(base.factoryImage.path);

      // 1. Start, receive the update, stop inside `point`, and lose power there.
      const first = await run(
        ['--config', config, '--notice', notice],
        { CRA_AGENT_TEST_PAUSE_AT: point },
        (l) => l.type === 'paused',
      );
      expect(first.lines.at(-1)).toMatchObject({ type: 'paused', point });
      await killed(first.child);
      // The kill landed inside the step: the evidence a power cut would leave behind.
      const inside = await leftovers(layout);
      if (point === 'download') expect(inside.partialDownload).toBeGreaterThan(0);
      if (point === 'download') expect(inside.partialDownload).toBeLessThan(2_000_000);
      if (point === 'write')
        expect(inside).toMatchObject({ slotB: expect.any(Number), manifestB: false });
      if (point === 'write') expect(inside.slotB).toBeLessThan(2_000_000);
      if (point === 'switch') expect(inside.pointerTemp).toBe(true);
      if (point === 'health-check') expect((await readPointer(layout))?.trial?.slot).toBe('b');
      else expect(await readPointer(layout)).toEqual({ committed: 'a', counter: 0 });

      // 2. Restart: it must boot a fully verified image (old or new, never a partial one)...
      const second = await run(
        ['--config', config, '--notice', notice, '--exit-after', 'notice'],
        {},
        () => false,
      );
      const booted = second.lines.find((l) => l.type === 'booted');
      expect([factory, rel.sha256]).toContain(booted?.['sha256']);
      const pointerAtBoot = second.lines.indexOf(booted as Line);
      expect(pointerAtBoot).toBeGreaterThanOrEqual(0);
      if (point === 'health-check') {
        expect(booted).toMatchObject({
          version: '1.0.0',
          revertedTrial: { releaseId: rel.notice.releaseId },
        });
        expect(second.lines).toContainEqual(
          expect.objectContaining({ type: 'security-event', securityEvent: 'rollback' }),
        );
      } else {
        expect(booted).toMatchObject({ version: '1.0.0', slot: 'a' });
      }
      // ...and then finishes the update it was sent again.
      expect(second.lines.find((l) => l.type === 'update-result')).toMatchObject({
        outcome: 'committed',
        version: rel.notice.version,
      });

      // 3. What is on disk: the committed slot holds exactly the signed image.
      const pointer = await readPointer(layout);
      expect(pointer).toEqual({ committed: 'b', counter: 5 });
      expect(await sha256(layout.slotImage('b'))).toBe(rel.sha256);
      const third = await run(['--config', config, '--exit-after', 'boot'], {}, () => false);
      expect(third.lines.find((l) => l.type === 'booted')).toMatchObject({
        slot: 'b',
        version: rel.notice.version,
        sha256: rel.sha256,
      });
    },
    120_000,
  );
});
