import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { memoryStorage } from '@cra-kit/testing';
import {
  downloadTarget,
  fileFetcher,
  findTarget,
  OtaSigningError,
  Updater,
} from '@cra-kit/ota-signing';
import { describe, expect, it } from 'vitest';
import { tempDir } from './helpers.js';
import { writeTufJsRepository } from './tufjs-writer.js';

describe('a repository written by @tufjs/models', () => {
  it('verifies on our device, delegation walk included', async () => {
    const dir = await tempDir();
    await writeTufJsRepository(dir);
    const updater = new Updater({
      fetcher: fileFetcher(dir),
      storage: memoryStorage(),
      initialRoot: new Uint8Array(await readFile(join(dir, 'metadata', '1.root.json'))),
    });
    await updater.refresh();
    expect((await findTarget(updater, 'common-tool.bin')).role).toBe('targets');
    expect((await findTarget(updater, 'vs-200-fw-1.0.0.bin')).role).toBe('vs-200');
    const slot = join(await tempDir('slot-'), 'slot.bin');
    const { firmware } = await downloadTarget(updater, 'vs-200-fw-1.0.0.bin', {
      out: slot,
      device: { hardwareId: 'vs-200-revB', installedCounter: 1 },
    });
    expect(firmware.version).toBe('1.0.0');
    await expect(findTarget(updater, 'vs-300-fw.bin')).rejects.toBeErrorWithCode(
      OtaSigningError,
      'OTA_TARGET_NOT_FOUND',
    );
  });
});
