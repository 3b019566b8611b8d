import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { downloadTarget, findTarget, repositoryStatus } from '@cra-kit/ota-signing';
import { device, filesIn, publishedRepo } from './helpers.js';

describe('init, add, publish, verify', () => {
  it.each(['ed25519', 'ecdsa-p256-sha256'] as const)(
    'produces a repository a device verifies (%s)',
    async (algorithm) => {
      const { repo, image } = await publishedRepo({ algorithm });
      const { updater, slot, slotDir } = await device(repo);
      await updater.refresh();
      const found = await findTarget(updater, 'fw-1.2.0.bin');
      expect(found.role).toBe('targets');
      const result = await downloadTarget(updater, 'fw-1.2.0.bin', {
        out: slot,
        device: { hardwareId: 'vs-200-revB', installedCounter: 2 },
      });
      expect(result.firmware).toMatchObject({
        version: '1.2.0',
        securityCounter: 3,
        releaseType: 'security',
      });
      expect(await readFile(slot)).toEqual(await readFile(image));
      expect(await filesIn(slotDir)).toEqual(['slot.bin']);
    },
  );

  it('reports versions, thresholds and expiry warnings', async () => {
    const { repo, clock } = await publishedRepo();
    const status = await repositoryStatus(repo);
    expect(status.targets).toBe(1);
    expect(status.roles.map((r) => [r.role, r.version, r.state, r.threshold])).toEqual([
      ['root', 1, 'ok', 1],
      ['targets', 2, 'ok', 1],
      ['snapshot', 2, 'ok', 1],
      ['timestamp', 2, 'ok', 1],
    ]);
    clock.advance(20 * 3_600_000);
    expect((await repositoryStatus(repo)).roles.find((r) => r.role === 'timestamp')?.state).toBe(
      'warning',
    );
    clock.advance(5 * 3_600_000);
    expect((await repositoryStatus(repo)).roles.find((r) => r.role === 'timestamp')?.state).toBe(
      'expired',
    );
  });
});
