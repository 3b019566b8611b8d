import {
  chmod,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rm,
  stat,
  unlink,
  writeFile,
} from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreError, ValidationError } from '@cra-kit/core';
import { syncDirectory, writeFileAtomic } from '@cra-kit/core/node';

let root: string;
let count = 0;
/** A fresh directory per test, so no test sees another's files. */
const freshDir = async () => {
  const dir = join(root, String((count += 1)));
  await mkdir(dir);
  return dir;
};
const modeOf = async (path: string) => (await stat(path)).mode & 0o777;
const temps = async (dir: string) => (await readdir(dir)).filter((f) => f.endsWith('.tmp'));

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'cra-core-fs-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('writeFileAtomic', () => {
  it('writes bytes and strings (as UTF-8), 0600 by default, and leaves no temporary file', async () => {
    const dir = await freshDir();
    await writeFileAtomic(join(dir, 'a.bin'), new Uint8Array([0, 1, 255]));
    await writeFileAtomic(join(dir, 'b.txt'), 'grüße');
    expect([...(await readFile(join(dir, 'a.bin')))]).toEqual([0, 1, 255]);
    expect(await readFile(join(dir, 'b.txt'), 'utf8')).toBe('grüße');
    expect(await modeOf(join(dir, 'a.bin'))).toBe(0o600);
    expect((await readdir(dir)).sort()).toEqual(['a.bin', 'b.txt']);
  });

  it('replaces an existing file, taking the requested mode rather than the old one', async () => {
    const dir = await freshDir();
    const path = join(dir, 'key.pem');
    await writeFile(path, 'old and public', { mode: 0o644 });
    await chmod(path, 0o644);
    await writeFileAtomic(path, 'new and secret');
    expect(await readFile(path, 'utf8')).toBe('new and secret');
    expect(await modeOf(path)).toBe(0o600);
    await writeFileAtomic(path, 'public again', { mode: 0o644 });
    expect(await modeOf(path)).toBe(0o644);
  });

  it('applies the mode exactly, whatever the umask', async () => {
    const dir = await freshDir();
    const old = process.umask(0o077);
    try {
      await writeFileAtomic(join(dir, 'crl.pem'), 'x', { mode: 0o644 });
    } finally {
      process.umask(old);
    }
    expect(await modeOf(join(dir, 'crl.pem'))).toBe(0o644);
  });

  it('has the complete, flushed data in an unguessable 0600 temporary file before the rename', async () => {
    const dir = await freshDir();
    const path = join(dir, 'boot.json');
    await writeFile(path, 'old');
    const seen: { name: string; mode: number; content: string; target: string }[] = [];
    const observe = async () => {
      const [name] = await temps(dir);
      const temp = join(dir, name!);
      seen.push({ name: name!, mode: await modeOf(temp), content: await readFile(temp, 'utf8'), target: await readFile(path, 'utf8') }); // prettier-ignore
    };
    await writeFileAtomic(path, 'new', { beforeRename: observe });
    await writeFileAtomic(path, 'newer', { beforeRename: observe });
    expect(seen).toEqual([
      { name: expect.stringMatching(/^\.boot\.json\.[0-9a-f]{16}\.tmp$/), mode: 0o600, content: 'new', target: 'old' },
      { name: expect.stringMatching(/^\.boot\.json\.[0-9a-f]{16}\.tmp$/), mode: 0o600, content: 'newer', target: 'new' },
    ]); // prettier-ignore
    expect(seen[0]!.name).not.toBe(seen[1]!.name);
    expect(await readFile(path, 'utf8')).toBe('newer');
    expect(await temps(dir)).toEqual([]);
  });

  it('leaves one complete version when many writers race on one file', async () => {
    const dir = await freshDir();
    const path = join(dir, 'state.json');
    const contents = Array.from({ length: 20 }, (_, i) => `${String(i).repeat(10_000)}\n`);
    await Promise.all(contents.map((c) => writeFileAtomic(path, c)));
    expect(contents).toContain(await readFile(path, 'utf8'));
    expect(await temps(dir)).toEqual([]);
  });

  describe('on failure: CORE_FILE_WRITE_FAILED, the old content in place, no temporary file', () => {
    it('when the directory does not exist (nothing was created)', async () => {
      const dir = await freshDir();
      const path = join(dir, 'missing', 'a.txt');
      const attempt = writeFileAtomic(path, 'x');
      await expect(attempt).rejects.toBeErrorWithCode(CoreError, 'CORE_FILE_WRITE_FAILED');
      await expect(attempt).rejects.toMatchObject({
        details: { path },
        cause: expect.objectContaining({ code: 'ENOENT' }),
      });
      expect(await readdir(dir)).toEqual([]);
    });

    it('when the rename fails (a non-empty directory is in the way): the temp file is removed', async () => {
      const dir = await freshDir();
      const path = join(dir, 'taken');
      await mkdir(path);
      await writeFile(join(path, 'inside'), 'keep');
      const attempt = writeFileAtomic(path, 'x');
      await expect(attempt).rejects.toBeErrorWithCode(CoreError, 'CORE_FILE_WRITE_FAILED');
      const error = (await attempt.catch((e: unknown) => e)) as CoreError;
      expect(error.details).toEqual({ path });
      expect(await readdir(dir)).toEqual(['taken']);
      expect(await readFile(join(path, 'inside'), 'utf8')).toBe('keep');
    });

    it('when beforeRename throws: the target keeps its old content', async () => {
      const dir = await freshDir();
      const path = join(dir, 'a.txt');
      await writeFile(path, 'old');
      const reason = new Error('power cut');
      const attempt = writeFileAtomic(path, 'new', { beforeRename: () => Promise.reject(reason) });
      await expect(attempt).rejects.toMatchObject({
        code: 'CORE_FILE_WRITE_FAILED',
        cause: reason,
      });
      expect(await readFile(path, 'utf8')).toBe('old');
      expect(await readdir(dir)).toEqual(['a.txt']);
    });

    it('names a temporary file it could not remove in details.leftover', async () => {
      const dir = await freshDir();
      const path = join(dir, 'a.txt');
      // Swap the temp file for a non-empty directory, which a non-recursive remove refuses.
      const swap = async () => {
        const temp = join(dir, (await temps(dir))[0]!);
        await unlink(temp);
        await mkdir(temp);
        await writeFile(join(temp, 'x'), 'x');
        throw new Error('interrupted');
      };
      const error = (await writeFileAtomic(path, 'new', { beforeRename: swap }).catch(
        (e: unknown) => e,
      )) as CoreError;
      expect(error).toBeErrorWithCode(CoreError, 'CORE_FILE_WRITE_FAILED');
      const [leftover] = await temps(dir);
      expect(error.details).toEqual({ path, leftover: join(dir, leftover!) });
    });
  });

  it.each([
    ['an empty path', '', 'x', {}, ['path']],
    ['a path with a NUL byte', 'a\0b', 'x', {}, ['path']],
    ['data that is neither bytes nor a string', 'a', 42, {}, ['data']],
    ['a mode beyond the permission bits', 'a', 'x', { mode: 0o4755 }, ['options', 'mode']],
    ['a fractional mode', 'a', 'x', { mode: 1.5 }, ['options', 'mode']],
    ['an unknown option', 'a', 'x', { flush: true }, ['options']],
    ['a beforeRename that is not a function', 'a', 'x', { beforeRename: 'later' }, ['options', 'beforeRename']],
  ])('rejects %s with CORE_VALIDATION_FAILED, touching nothing', async (_, path, data, options, at) => {
    const dir = await freshDir();
    const attempt = writeFileAtomic(path === '' ? path : join(dir, path), data as never, options as never);
    await expect(attempt).rejects.toBeErrorWithCode(ValidationError, 'CORE_VALIDATION_FAILED');
    await expect(attempt).rejects.toMatchObject({ issues: [expect.objectContaining({ path: at })] });
    expect(await readdir(dir)).toEqual([]);
  }); // prettier-ignore
});

describe('syncDirectory', () => {
  it('flushes a directory', async () => {
    await expect(syncDirectory(await freshDir())).resolves.toBeUndefined();
  });

  it('fails with CORE_FILE_WRITE_FAILED when the directory is missing', async () => {
    const path = join(await freshDir(), 'missing');
    const attempt = syncDirectory(path);
    await expect(attempt).rejects.toBeErrorWithCode(CoreError, 'CORE_FILE_WRITE_FAILED');
    await expect(attempt).rejects.toMatchObject({ details: { path, step: 'sync-directory' } });
  });

  it('rejects a path that is not one with CORE_VALIDATION_FAILED', async () => {
    await expect(syncDirectory('')).rejects.toBeErrorWithCode(ValidationError, 'CORE_VALIDATION_FAILED');
    await expect(syncDirectory(7 as never)).rejects.toBeErrorWithCode(ValidationError, 'CORE_VALIDATION_FAILED');
  }); // prettier-ignore
});
