import { mkdtemp, readFile, writeFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixedClock, memoryStorage } from '@cra-kit/testing';
import {
  addTarget,
  fileFetcher,
  initRepository,
  Updater,
  type FileRepository,
  type Fetcher,
  type FirmwareCustomInput,
} from '@cra-kit/ota-signing';

export const NOW = '2027-12-11T00:00:00Z';

export const tempDir = (prefix = 'ota-') => mkdtemp(join(tmpdir(), prefix));

export const firmware = (overrides: Partial<FirmwareCustomInput> = {}): FirmwareCustomInput => ({
  schemaVersion: 1,
  hardwareIds: ['vs-200-revB'],
  version: '1.2.0',
  securityCounter: 3,
  releaseType: 'security',
  ...overrides,
});

/** Writes a pseudo-random image of `size` bytes. */
export async function writeImage(
  dir: string,
  name: string,
  size = 70_000,
  seed = 1,
): Promise<string> {
  const bytes = new Uint8Array(size);
  let x = seed;
  for (let i = 0; i < size; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    bytes[i] = x >>> 24;
  }
  const path = join(dir, name);
  await writeFile(path, bytes);
  return path;
}

/** A published repository with one image `fw-1.2.0.bin`. */
export async function publishedRepo(
  options: {
    clock?: ReturnType<typeof fixedClock>;
    algorithm?: 'ed25519' | 'ecdsa-p256-sha256';
  } = {},
) {
  const clock = options.clock ?? fixedClock(NOW);
  const dir = await tempDir();
  const repo = await initRepository({
    dir,
    clock,
    ...(options.algorithm ? { algorithm: options.algorithm } : {}),
  });
  const image = await writeImage(await tempDir('img-'), 'fw-1.2.0.bin');
  await addTarget(repo, { image, firmware: firmware() });
  await repo.publish();
  return { dir, repo, clock, image };
}

/** A device trusting `repo`'s first root, with in-memory storage. */
export async function device(
  repo: FileRepository,
  options: {
    clock?: ReturnType<typeof fixedClock>;
    fetcher?: Fetcher;
    storage?: ReturnType<typeof memoryStorage>;
  } = {},
) {
  const initialRoot = await readFile(join(repo.dir, 'metadata', '1.root.json'));
  const storage = options.storage ?? memoryStorage();
  const updater = new Updater({
    fetcher: options.fetcher ?? fileFetcher(repo.dir),
    storage,
    initialRoot: new Uint8Array(initialRoot),
    clock: options.clock ?? repo.clock,
  });
  const slotDir = await tempDir('slot-');
  return { updater, storage, slotDir, slot: join(slotDir, 'slot.bin') };
}

/** Files in a directory (to prove nothing was left in the install slot's directory). */
export const filesIn = (dir: string) => readdir(dir);
