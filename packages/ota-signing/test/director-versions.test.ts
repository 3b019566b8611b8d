import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  DIRECTOR_VERSIONS_KEY,
  directorVersions,
  fileStorage,
  OtaSigningError,
} from '@cra-kit/ota-signing';
import { describe, expect, it } from 'vitest';
import { tempDir } from './helpers.js';

describe('directorVersions: the director never signs an older version for a device', () => {
  it('counts up per device, takes a higher requested version, refuses a lower or equal one', async () => {
    const dir = await tempDir('director-');
    const versions = directorVersions(await fileStorage(dir));
    expect(await versions.last('sn-1')).toBe(0);
    expect(await versions.reserve('sn-1')).toBe(1);
    expect(await versions.reserve('sn-1')).toBe(2);
    expect(await versions.reserve('sn-2')).toBe(1);
    expect(await versions.reserve('sn-1', 10)).toBe(10);
    await expect(versions.reserve('sn-1', 10)).rejects.toBeErrorWithCode(OtaSigningError, 'OTA_ROLLBACK');
    await expect(versions.reserve('sn-1', 4)).rejects.toBeErrorWithCode(OtaSigningError, 'OTA_ROLLBACK');
    // A device id that is also an Object.prototype key is just a device id.
    expect(await versions.reserve('constructor')).toBe(1);
    // A fresh handle on the same directory (a restarted director) continues from the file.
    expect(await directorVersions(await fileStorage(dir)).reserve('sn-1')).toBe(11);
    expect(JSON.parse(await readFile(join(dir, DIRECTOR_VERSIONS_KEY), 'utf8'))).toEqual({ schemaVersion: 1, devices: { 'sn-1': 11, 'sn-2': 1, constructor: 1 } });
    expect(await readdir(dir)).toEqual([DIRECTOR_VERSIONS_KEY]);
    await expect(versions.reserve('', 1)).rejects.toThrow(RangeError);
    await expect(versions.reserve('sn-1', 0)).rejects.toThrow(RangeError);
  }); // prettier-ignore

  it('never hands out one version twice to concurrent writers', async () => {
    const dir = await tempDir('director-');
    const handles = await Promise.all(Array.from({ length: 8 }, async () => directorVersions(await fileStorage(dir))));
    const results = await Promise.allSettled(handles.map((h) => h.reserve('sn-1')));
    const granted = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    const refused = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as OtaSigningError] : []));
    expect(granted.length).toBeGreaterThan(0);
    expect(new Set(granted).size).toBe(granted.length);
    for (const e of refused) expect(e.code).toBe('OTA_REPOSITORY_INVALID');
    expect(await handles[0]?.last('sn-1')).toBe(Math.max(...granted));
    expect(await readdir(dir)).toEqual([DIRECTOR_VERSIONS_KEY]);
  }); // prettier-ignore

  it('refuses state it cannot read', async () => {
    for (const bad of ['not json', '{"schemaVersion":2,"devices":{}}', '{"schemaVersion":1,"devices":{"a":-1}}']) {
      const dir = await tempDir('director-');
      await writeFile(join(dir, DIRECTOR_VERSIONS_KEY), bad);
      await expect(directorVersions(await fileStorage(dir)).reserve('a')).rejects.toBeErrorWithCode(OtaSigningError, 'OTA_REPOSITORY_INVALID');
    }
  }); // prettier-ignore
});
