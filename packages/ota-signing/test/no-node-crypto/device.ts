// A device's whole update, run in a child process where `node:crypto` cannot be loaded (see
// hooks.mjs): bundled from the public entry point by no-node-crypto.test.ts. Prints one JSON
// line: what the device saw.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  defaultHashProvider,
  downloadTarget,
  fileFetcher,
  fileStorage,
  findTarget,
  hasNodeCrypto,
  SdkErrorCode,
  Updater,
  verifyDirectorTargets,
  type RoleTrust,
} from './device-imports.js';

interface Job {
  repo: string;
  mirror: string;
  state: string;
  slotDir: string;
  now: string;
  director: string;
  trust: RoleTrust;
}

const job = JSON.parse(process.argv[2] ?? '{}') as Job;
const clock = { now: () => new Date(job.now) };
const device = { hardwareId: 'vs-200-revB', installedCounter: 3 };
const initialRoot = new Uint8Array(await readFile(join(job.repo, 'metadata', '1.root.json')));
const slot = join(job.slotDir, 'slot.bin');

// Built at run time so the bundler's guard does not see it: the runtime itself must refuse.
const nodeCrypto = ['node', 'crypto'].join(':');
const cryptoImport = await import(nodeCrypto).then(
  () => 'loaded',
  () => 'refused',
);
const updater = new Updater({
  fetcher: fileFetcher(job.repo),
  storage: await fileStorage(join(job.state, 'a')),
  initialRoot,
  clock,
});
await updater.refresh();
const director = await verifyDirectorTargets(new Uint8Array(await readFile(job.director)), {
  trust: job.trust,
  deviceId: 'dev-1',
  clock,
});
const { target } = await findTarget(updater, 'fw-1.2.0.bin');
const installed = await downloadTarget(updater, 'fw-1.2.0.bin', { out: slot, device, director });
const slotAfterInstall = await readFile(slot);

// The same device against a mirror serving a bit-flipped image.
const attacked = new Updater({
  fetcher: fileFetcher(job.mirror),
  storage: await fileStorage(join(job.state, 'b')),
  initialRoot,
  clock,
});
await attacked.refresh();
const refused = await downloadTarget(attacked, 'fw-1.2.0.bin', {
  out: slot,
  device,
  director,
}).then(() => 'installed', SdkErrorCode);

process.stdout.write(
  `${JSON.stringify({
    cryptoImport,
    hasNodeCrypto: hasNodeCrypto(),
    provider: (await defaultHashProvider()).name,
    length: target.length,
    installed: installed.firmware.version,
    installedBytes: slotAfterInstall.length,
    refused,
    slotUntouched: (await readFile(slot)).equals(slotAfterInstall),
    slotDir: await readdir(job.slotDir),
  })}\n`,
);
