import { access, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { generateSigningKey, parseWith, systemClock } from '@cra-kit/core';
import {
  addDelegation,
  addTarget,
  addTargets,
  directorVersions,
  downloadTarget,
  FileRepository,
  fileFetcher,
  fileStorage,
  httpFetcher,
  initRepository,
  keyIdOfTufKey,
  OtaSigningError,
  readKeyFile,
  repositoryStatus,
  rotateKeys,
  serializeEnvelope,
  signDirectorTargets,
  signStagedRole,
  tufKeyOf,
  TufKeySchema,
  Updater,
  verifyDirectorTargets,
  writeKeyFile,
  type FirmwareCustomInput,
} from '@cra-kit/ota-signing';
import { InvalidArgumentError, type Command } from 'commander';
import type { CommandContext, CommandFamily } from '../command-family.js';
import { CliError, EXIT } from '../errors.js';
import { json, line } from '../io.js';

const ROLES = ['root', 'targets', 'snapshot', 'timestamp'] as const;
type Role = (typeof ROLES)[number];

const int = (min: number) => (value: string) => {
  if (!/^\d+$/.test(value) || Number(value) < min)
    throw new InvalidArgumentError(`must be an integer >= ${min}`);
  return Number(value);
};
const role = (value: string): Role => {
  if (!(ROLES as readonly string[]).includes(value))
    throw new InvalidArgumentError(`must be one of ${ROLES.join(', ')}`);
  return value as Role;
};
const collect = (value: string, previous: string[] = []) => [...previous, value];
const sha256Of = async (path: string) =>
  (await import('node:crypto'))
    .createHash('sha256')
    .update(await readFile(path))
    .digest('hex');
const examples = (...lines: string[]) => `\nExample:\n${lines.map((l) => `  $ ${l}`).join('\n')}`;

async function signers(cwd: string, keys: readonly string[] = []) {
  return Promise.all(keys.map((k) => readKeyFile(resolve(cwd, k))));
}

function out(context: CommandContext, asJson: boolean, value: unknown, text: string[]) {
  if (asJson) json(context.io.stdout, value);
  else for (const t of text) line(context.io.stdout, t);
}

/** `cra ota …`: signed firmware updates (TUF 1.0 repository, offline ceremony, device check). */
export const otaCommand: CommandFamily = {
  name: 'ota',
  register(program, context) {
    const { io } = context;
    const ota = program.command('ota').description('signed firmware updates: TUF repository, signing ceremony, key rotation, device-side verification');
    const readDirector = async (file: string, keyFiles: readonly string[], deviceId: string) => {
      const keys: Record<string, ReturnType<typeof TufKeySchema.parse>> = {};
      for (const k of keyFiles) {
        let json: unknown;
        try {
          json = JSON.parse(await readFile(resolve(io.cwd, k), 'utf8'));
        } catch (cause) {
          throw new OtaSigningError('OTA_KEY_INVALID', `${k} is not a TUF public key file`, { cause });
        }
        const key = parseWith(TufKeySchema, json, k);
        keys[keyIdOfTufKey(key)] = key;
      }
      const trust = { role: 'director', keys, roleKeys: { keyids: Object.keys(keys), threshold: 1 } };
      return verifyDirectorTargets(new Uint8Array(await readFile(resolve(io.cwd, file))), { trust, deviceId, clock: systemClock });
    };
    const repoOf = async (options: { repo: string; key?: string[] }) => FileRepository.open({ dir: resolve(io.cwd, options.repo), signers: await signers(io.cwd, options.key) });
    const withCommon = (c: Command) => c.requiredOption('--repo <dir>', 'repository directory').option('--key <keyfile>', 'extra signing key file (repeatable)', collect).option('--json', 'print the result as JSON', false);

    ota.command('init').description('create a repository that verifies at once, with DEVELOPMENT keys in <repo>/keys')
      .requiredOption('--repo <dir>', 'repository directory (must not hold metadata yet)')
      .option('--root-threshold <n>', 'root signatures required (that many keys are generated)', int(1), 1)
      .option('--targets-threshold <n>', 'targets signatures required', int(1), 1)
      .option('--algorithm <alg>', 'ed25519 or ecdsa-p256-sha256', 'ed25519')
      .option('--json', 'print the result as JSON', false)
      .addHelpText('after', examples('cra ota init --repo ota-repo', 'cra ota init --repo ota-repo --root-threshold 2 --targets-threshold 2'))
      .action(async (o: { repo: string; rootThreshold: number; targetsThreshold: number; algorithm: string; json: boolean }) => {
        if (o.algorithm !== 'ed25519' && o.algorithm !== 'ecdsa-p256-sha256') throw new CliError('CLI_USAGE', '--algorithm must be ed25519 or ecdsa-p256-sha256');
        const repo = await initRepository({ dir: resolve(io.cwd, o.repo), algorithm: o.algorithm, thresholds: { root: o.rootThreshold, targets: o.targetsThreshold } });
        const root = (await repo.current('root', 'root')).signed;
        out(context, o.json, { repo: repo.dir, developmentKeys: join(repo.dir, 'keys'), roles: root.roles }, [
          `created ${repo.dir}: root, targets, snapshot and timestamp version 1 (consistent snapshots)`,
          `!! DEVELOPMENT KEYS in ${join(repo.dir, 'keys')}: unencrypted, for testing only.`,
          '!! Generate real keys offline (cra ota keygen), rotate them in (cra ota rotate) and delete the development keys before shipping.',
        ]);
      });

    withCommon(ota.command('add').description('add a firmware image with its firmware metadata to the targets role'))
      .requiredOption('--image <file>', 'the image file')
      .requiredOption('--version <semver>', 'firmware version')
      .requiredOption('--hardware <id...>', 'hardware ids the image fits')
      .requiredOption('--security-counter <n>', 'anti-rollback counter', int(0))
      .requiredOption('--type <type>', 'security or feature')
      .option('--name <name>', 'target name (default: the image file name)')
      .option('--min-installed-version <semver>', 'oldest installed version that may update directly')
      .option('--sbom <file>', 'SBOM of the image (its hash is pinned)')
      .option('--advisory <id=file>', 'advisory this release fixes (repeatable)', collect)
      .option('--role <name>', 'add to this delegated role (see cra ota delegate; pass its --key) instead of targets')
      .addHelpText('after', examples('cra ota add --repo ota-repo --image fw-1.2.0.bin --version 1.2.0 --hardware vs-200-revB --security-counter 3 --type security', 'cra ota add --repo ota-repo --role vs-200 --key vs-200.key.json --image vs-200-fw-1.3.0.bin --version 1.3.0 --hardware vs-200-revB --security-counter 4 --type feature'))
      .action(async (o: { repo: string; key?: string[]; json: boolean; image: string; version: string; hardware: string[]; securityCounter: number; type: string; name?: string; minInstalledVersion?: string; sbom?: string; advisory?: string[]; role?: string }) => {
        if (o.type !== 'security' && o.type !== 'feature') throw new CliError('CLI_USAGE', '--type must be security or feature');
        const advisories = [];
        for (const a of o.advisory ?? []) {
          const [id, file] = a.split('=');
          if (!id || !file) throw new CliError('CLI_USAGE', '--advisory takes <id>=<file>');
          advisories.push({ id, uri: basename(file), sha256: await sha256Of(resolve(io.cwd, file)) });
        }
        const firmware: FirmwareCustomInput = {
          schemaVersion: 1, hardwareIds: o.hardware, version: o.version, securityCounter: o.securityCounter, releaseType: o.type, advisories,
          ...(o.minInstalledVersion ? { minimumInstalledVersion: o.minInstalledVersion } : {}),
          ...(o.sbom ? { sbom: { uri: basename(o.sbom), sha256: await sha256Of(resolve(io.cwd, o.sbom)) } } : {}),
        };
        const repo = await repoOf(o);
        const item = { image: resolve(io.cwd, o.image), firmware, ...(o.name ? { name: o.name } : {}) };
        const r = o.role === undefined ? await addTarget(repo, item) : await addTargets(repo, [item], { role: o.role }).then(({ added, ...c }) => ({ ...c, name: added[0]?.name ?? '' }));
        const roleName = o.role ?? 'targets';
        out(context, o.json, r, [r.committed ? `added ${r.name} (${roleName} version ${r.version}); run cra ota publish` : `added ${r.name}: ${roleName} version ${r.version} staged with ${r.signatures} of ${r.threshold} signatures; collect the rest with cra ota sign`]);
      });

    withCommon(ota.command('sign').description('sign a staged role (offline ceremony): with --key here, --out for a partial signature file, or --partial to add one'))
      .requiredOption('--role <role>', 'root, targets, snapshot or timestamp', role)
      .option('--out <file>', 'write the partial signature to this file instead of the repository')
      .option('--partial <file>', 'add a partial signature file made elsewhere (repeatable)', collect)
      .addHelpText('after', examples('cra ota sign --repo ota-repo --role root --key /media/usb/root-2.key.json', 'cra ota sign --repo ota-repo --role root --partial root-2.sig.json'))
      .action(async (o: { repo: string; key?: string[]; json: boolean; role: Role; out?: string; partial?: string[] }) => {
        const repo = await FileRepository.open({ dir: resolve(io.cwd, o.repo) });
        const staged = await repo.staged(o.role);
        if (staged === undefined) throw new CliError('CLI_USAGE', `no staged ${o.role} in ${repo.dir}`);
        const partials = [];
        for (const signer of await signers(io.cwd, o.key)) partials.push(await signStagedRole(staged, signer));
        if (o.out !== undefined) {
          if (partials.length !== 1) throw new CliError('CLI_USAGE', '--out takes exactly one --key');
          await writeFile(resolve(io.cwd, o.out), `${JSON.stringify(partials[0])}\n`, { flag: 'wx' });
          out(context, o.json, { partial: resolve(io.cwd, o.out) }, [`wrote partial signature ${o.out}`]);
          return;
        }
        for (const p of o.partial ?? []) partials.push(JSON.parse(await readFile(resolve(io.cwd, p), 'utf8')) as never);
        for (const p of partials) await repo.addPartial(p);
        const r = await repo.commit(o.role);
        if (!r.committed) context.fail(EXIT.failed);
        out(context, o.json, r, [r.committed ? `${o.role} version ${r.version} signed and committed` : `${o.role} version ${r.version}: ${r.signatures} of ${r.threshold} signatures`]);
      });

    withCommon(ota.command('publish').description('sign a new snapshot and timestamp for the committed roles'))
      .addHelpText('after', examples('cra ota publish --repo ota-repo'))
      .action(async (o: { repo: string; key?: string[]; json: boolean }) => {
        const r = await (await repoOf(o)).publish();
        out(context, o.json, r, [`published snapshot ${r.snapshot}, timestamp ${r.timestamp}`]);
      });

    withCommon(ota.command('rotate').description("rotate a role's keys: writes root N+1 signed by the old and the new keys"))
      .requiredOption('--role <role>', 'root, targets, snapshot or timestamp', role)
      .option('--add-key <keyfile>', 'key file to add (repeatable; see cra ota keygen)', collect)
      .option('--remove <keyid>', 'key id to remove, e.g. a compromised key (repeatable)', collect)
      .option('--threshold <n>', 'new threshold', int(1))
      .addHelpText('after', examples('cra ota keygen --out root-3.key.json', 'cra ota rotate --repo ota-repo --role root --add-key root-3.key.json --remove 4f1c…', 'cra ota publish --repo ota-repo'))
      .action(async (o: { repo: string; key?: string[]; json: boolean; role: Role; addKey?: string[]; remove?: string[]; threshold?: number }) => {
        const results = await rotateKeys(await repoOf(o), { role: o.role, add: await signers(io.cwd, o.addKey), remove: o.remove ?? [], ...(o.threshold ? { threshold: o.threshold } : {}) });
        if (results.some((r) => !r.committed)) context.fail(EXIT.failed);
        out(context, o.json, results, results.map((r) => r.committed ? `${r.role} version ${r.version} committed; run cra ota publish` : `${r.role} version ${r.version} staged: ${r.signatures} of ${r.threshold} signatures, collect the rest with cra ota sign`));
      });

    withCommon(ota.command('delegate').description('delegate target names (by hardware model or product line, or a hash bin) from targets to a new role with its own keys'))
      .requiredOption('--role <name>', 'name of the new delegated role, e.g. the hardware model')
      .option('--paths <glob...>', 'target name globs the role is trusted for, e.g. vs-200-*')
      .option('--hash-prefix <hex...>', 'or: SHA-256 prefixes of target names (hash-bin delegation)')
      .option('--threshold <n>', 'signatures the role needs', int(1), 1)
      .option('--non-terminating', 'let the lookup continue to later roles for matching names', false)
      .addHelpText('after', `\nThe delegated role's keys are the --key files (see cra ota keygen); targets must be signed too.${examples('cra ota keygen --out vs-200.key.json', "cra ota delegate --repo ota-repo --role vs-200 --paths 'vs-200-*' --key vs-200.key.json", 'cra ota add --repo ota-repo --role vs-200 --key vs-200.key.json --image vs-200-fw-1.3.0.bin --version 1.3.0 --hardware vs-200-revB --security-counter 4 --type feature', 'cra ota publish --repo ota-repo')}`)
      .action(async (o: { repo: string; key?: string[]; json: boolean; role: string; paths?: string[]; hashPrefix?: string[]; threshold: number; nonTerminating: boolean }) => {
        if (!/^[A-Za-z][A-Za-z0-9._-]*$/.test(o.role) || ROLES.includes(o.role as Role)) throw new CliError('CLI_USAGE', '--role: a new role name of letters, digits, . _ -');
        if ((o.paths === undefined) === (o.hashPrefix === undefined)) throw new CliError('CLI_USAGE', 'give exactly one of --paths or --hash-prefix');
        if (o.hashPrefix?.some((p) => !/^[0-9a-f]{1,64}$/.test(p))) throw new CliError('CLI_USAGE', '--hash-prefix takes lower-case hex');
        const keys = await signers(io.cwd, o.key);
        if (keys.length === 0) throw new CliError('CLI_USAGE', "--key: at least one key file of the delegated role");
        const results = await addDelegation(await repoOf(o), { name: o.role, signers: keys, threshold: o.threshold, terminating: !o.nonTerminating, ...(o.paths ? { paths: o.paths } : { pathHashPrefixes: o.hashPrefix ?? [] }) });
        if (results.some((r) => !r.committed)) context.fail(EXIT.failed);
        out(context, o.json, results, results.map((r) => r.committed ? `${r.role} version ${r.version} committed; run cra ota publish` : `${r.role} version ${r.version} staged: ${r.signatures} of ${r.threshold} signatures, collect the rest with cra ota sign`));
      });

    const director = ota.command('director').description('Uptane director: per-device targets metadata signed online');
    director.command('sign').description('sign director metadata assigning one released image to one device')
      .requiredOption('--repo <dir>', 'image repository the image was released in')
      .requiredOption('--device <id>', 'device id')
      .requiredOption('--target <name>', 'target name as the repository lists it')
      .requiredOption('--hardware <id>', "the device's hardware id")
      .requiredOption('--key <keyfile>', "director key file (repeatable up to the director's threshold)", collect)
      .option('--version <n>', 'director metadata version for this device (default: one more than the last signed for it; never lower)', int(1))
      .requiredOption('--out <file>', 'director metadata file to write (never overwritten)')
      .option('--state-dir <dir>', "the director's per-device versions (director-versions.json, written atomically)", 'director-state')
      .option('--role <name>', 'delegated role that lists the target (default: targets)', 'targets')
      .option('--expires-in-days <n>', 'days until the metadata expires', int(1), 7)
      .option('--json', 'print the result as JSON', false)
      .addHelpText('after', examples('cra ota keygen --out director.key.json', 'cra ota director sign --repo ota-repo --device sn-0042 --target fw-1.2.0.bin --hardware vs-200-revB --key director.key.json --out sn-0042.targets.json'))
      .action(async (o: { repo: string; device: string; target: string; hardware: string; key: string[]; version?: number; out: string; stateDir: string; role: string; expiresInDays: number; json: boolean }) => {
        const repo = await FileRepository.open({ dir: resolve(io.cwd, o.repo) });
        const listed = (await repo.current(o.role, 'targets')).signed.targets;
        const target = Object.hasOwn(listed, o.target) ? listed[o.target] : undefined;
        if (target === undefined) throw new OtaSigningError('OTA_TARGET_NOT_FOUND', `${o.role} does not list ${o.target}`, { details: { name: o.target } });
        const keys = await signers(io.cwd, o.key);
        const outFile = resolve(io.cwd, o.out);
        const exists = () => new CliError('CLI_FILE_EXISTS', `${o.out} exists; director metadata is never overwritten`);
        // Fail before a version is reserved; the 'wx' write below still guards against a race.
        if (await access(outFile).then(() => true, () => false)) throw exists();
        // Reserved (atomically) before signing: a device's director version never repeats or goes back.
        const version = await directorVersions(await fileStorage(resolve(io.cwd, o.stateDir))).reserve(o.device, o.version);
        const expires = new Date(Date.now() + o.expiresInDays * 86_400_000);
        const envelope = await signDirectorTargets({ deviceId: o.device, hardwareId: o.hardware, name: o.target, target, version, expires, signers: keys });
        await writeFile(outFile, serializeEnvelope(envelope), { flag: 'wx' }).catch((cause: unknown) => {
          throw (cause as NodeJS.ErrnoException).code === 'EEXIST' ? exists() : new CliError('CLI_FILE_UNWRITABLE', `cannot write ${o.out}`, { cause });
        });
        out(context, o.json, { out: outFile, device: o.device, target: o.target, version, expires: envelope.signed.expires }, [`wrote ${o.out}: ${o.target} for device ${o.device} (director version ${version}, expires ${envelope.signed.expires})`]);
      });

    ota.command('keygen').description('generate a signing key file (0600) and print its TUF key id')
      .requiredOption('--out <file>', 'key file to write (never overwritten)')
      .option('--algorithm <alg>', 'ed25519 or ecdsa-p256-sha256', 'ed25519')
      .option('--public-out <file>', 'also write the TUF public key (JSON) there, e.g. for devices to trust a director key')
      .option('--json', 'print the result as JSON', false)
      .addHelpText('after', examples('cra ota keygen --out /media/usb/root-3.key.json', 'cra ota keygen --out director.key.json --public-out director.pub.json'))
      .action(async (o: { out: string; algorithm: string; json: boolean; publicOut?: string }) => {
        if (o.algorithm !== 'ed25519' && o.algorithm !== 'ecdsa-p256-sha256') throw new CliError('CLI_USAGE', '--algorithm must be ed25519 or ecdsa-p256-sha256');
        const key = await generateSigningKey(o.algorithm);
        await writeKeyFile(resolve(io.cwd, o.out), { algorithm: o.algorithm, privateKeyPkcs8: key.privateKeyPkcs8, development: false });
        const { keyid, key: publicKey } = await tufKeyOf(key.signer);
        if (o.publicOut !== undefined) await writeFile(resolve(io.cwd, o.publicOut), `${JSON.stringify(publicKey, null, 1)}\n`, { flag: 'wx' });
        out(context, o.json, { keyid, file: resolve(io.cwd, o.out), ...(o.publicOut ? { publicKey: resolve(io.cwd, o.publicOut) } : {}) }, [`wrote ${o.out} (key id ${keyid})${o.publicOut ? `, public key ${o.publicOut}` : ''}`]);
      });

    ota.command('status').description('versions, expiries (with warnings), thresholds and staged roles')
      .requiredOption('--repo <dir>', 'repository directory')
      .option('--json', 'print the result as JSON', false)
      .addHelpText('after', `\nExit code 1 when a role has expired.${examples('cra ota status --repo ota-repo')}`)
      .action(async (o: { repo: string; json: boolean }) => {
        const status = await repositoryStatus(await FileRepository.open({ dir: resolve(io.cwd, o.repo) }));
        if (status.roles.some((r) => r.state === 'expired')) context.fail(EXIT.failed);
        out(context, o.json, status, [
          ...status.roles.map((r) => `${r.state === 'ok' ? '✓' : r.state === 'warning' ? '!' : '✗'} ${r.role.padEnd(9)} v${r.version} expires ${r.expires} (${r.state}), threshold ${r.threshold} of ${r.keyids.length}${r.staged ? `, v${r.staged} staged` : ''}`),
          `${status.targets} target${status.targets === 1 ? '' : 's'}`,
        ]);
      });

    ota.command('verify').description('verify an image as a device does (full TUF workflow + firmware policy); --out writes it only after it verified')
      .requiredOption('--repo <dir|url>', 'repository directory or http(s) URL')
      .requiredOption('--trusted-root <root.json>', 'the root the device ships with')
      .requiredOption('--target <name>', 'target name')
      .requiredOption('--hardware <id>', "the device's hardware id")
      .requiredOption('--installed-counter <n>', "the device's security counter high-water mark", int(0))
      .option('--installed-version <semver>', 'installed firmware version (checks the update path)')
      .option('--state-dir <dir>', 'where the device keeps trusted metadata (default: a temporary directory)')
      .option('--out <file>', 'install slot to write the verified image to')
      .option('--director <file>', 'director metadata for this device (Uptane): the image must match it')
      .option('--director-key <pubkey...>', 'TUF public key file(s) of the director (cra ota keygen --public-out)')
      .option('--device <id>', 'this device id (with --director)')
      .option('--json', 'print the result as JSON', false)
      .addHelpText('after', examples('cra ota verify --repo ota-repo --trusted-root ota-repo/metadata/1.root.json --target fw-1.2.0.bin --hardware vs-200-revB --installed-counter 2 --out slot-b.bin', 'cra ota verify --repo ota-repo --trusted-root ota-repo/metadata/1.root.json --target fw-1.2.0.bin --hardware vs-200-revB --installed-counter 2 --director sn-0042.json --director-key director.pub.json --device sn-0042'))
      .action(async (o: { repo: string; trustedRoot: string; target: string; hardware: string; installedCounter: number; installedVersion?: string; stateDir?: string; out?: string; json: boolean; director?: string; directorKey?: string[]; device?: string }) => {
        if (o.director !== undefined && (o.directorKey === undefined || o.device === undefined)) throw new CliError('CLI_USAGE', '--director needs --director-key and --device');
        const directorMeta = o.director === undefined ? undefined : await readDirector(o.director, o.directorKey ?? [], o.device ?? '');
        const scratch = await mkdtemp(join(tmpdir(), 'cra-ota-'));
        try {
          const fetcher = /^https?:\/\//.test(o.repo) ? httpFetcher(o.repo) : fileFetcher(resolve(io.cwd, o.repo));
          const updater = new Updater({ fetcher, storage: await fileStorage(o.stateDir ? resolve(io.cwd, o.stateDir) : join(scratch, 'state')), initialRoot: new Uint8Array(await readFile(resolve(io.cwd, o.trustedRoot))) });
          if (!o.json) line(io.stderr, `refreshing metadata from ${o.repo} …`);
          await updater.refresh();
          if (!o.json) line(io.stderr, `downloading and verifying ${o.target} …`);
          const slot = o.out ? resolve(io.cwd, o.out) : join(scratch, 'image');
          const r = await downloadTarget(updater, o.target, { out: slot, ...(directorMeta ? { director: directorMeta } : {}), device: { hardwareId: o.hardware, installedCounter: o.installedCounter, ...(o.installedVersion ? { installedVersion: o.installedVersion } : {}) } });
          out(context, o.json, { verified: true, target: r.name, length: r.target.length, hashes: r.target.hashes, firmware: r.firmware, rootVersion: updater.root.version, ...(o.out ? { out: slot } : {}) }, [
            `✓ ${r.name} verified: ${r.firmware.version} (${r.firmware.releaseType}, security counter ${r.firmware.securityCounter}), root v${updater.root.version}${o.out ? `, written to ${o.out}` : ''}`,
          ]);
        } finally {
          await rm(scratch, { recursive: true, force: true });
        }
      });
  },
}; // prettier-ignore
