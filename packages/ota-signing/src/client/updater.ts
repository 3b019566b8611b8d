import { systemClock, type Clock, type Storage } from '@cra-kit/core';
import { OtaSigningError } from '../errors.js';
import type { RoleTrust } from '../keys/verify-threshold.js';
import { parseMetadata } from '../metadata/parse.js';
import type { Root, Snapshot, Targets, Timestamp } from '../metadata/schema.js';
import { defaultClientConfig, type ClientConfig } from './config.js';
import { fetchBytes, type Fetcher } from './fetcher.js';
import {
  assertMetaFile, assertNotExpired, assertNotOlder, assertVersion, keysChanged, topLevelTrust, verifiedMetadata,
} from './trusted-metadata.js'; // prettier-ignore

/** Options of {@link Updater}. */
export interface UpdaterOptions {
  /** Repository files: {@link fileFetcher}, {@link httpFetcher} or your own. */
  readonly fetcher: Fetcher;
  /** The device's trusted metadata; writes must be atomic ({@link fileStorage} is). */
  readonly storage: Storage;
  /** The root shipped with the device, used when storage holds none yet. */
  readonly initialRoot?: Uint8Array;
  readonly clock?: Clock;
  readonly config?: Partial<ClientConfig>;
}

/**
 * The device side of TUF 1.0 (spec §5): {@link Updater.refresh} follows the root rotation
 * chain, then timestamp, snapshot and targets, refusing each attack with its own error code
 * and persisting metadata only after all its checks pass. Targets are looked up and images
 * verified with {@link findTarget} and {@link downloadTarget}.
 */
export class Updater {
  readonly fetcher: Fetcher;
  readonly clock: Clock;
  readonly config: ClientConfig;
  readonly #storage: Storage;
  readonly #initialRoot: Uint8Array | undefined;
  #root: Root | undefined;
  #timestamp: Timestamp | undefined;
  #snapshot: Snapshot | undefined;
  readonly #targets = new Map<string, Targets>();

  constructor(options: UpdaterOptions) {
    this.fetcher = options.fetcher;
    this.#storage = options.storage;
    this.#initialRoot = options.initialRoot;
    this.clock = options.clock ?? systemClock;
    this.config = { ...defaultClientConfig, ...options.config };
  }

  /** The trusted root after {@link refresh}. */
  get root(): Root {
    if (this.#root === undefined)
      throw new OtaSigningError('OTA_REPOSITORY_INVALID', 'call refresh() first');
    return this.#root;
  }

  /** The trusted snapshot after {@link refresh}. */
  get snapshot(): Snapshot {
    if (this.#snapshot === undefined)
      throw new OtaSigningError('OTA_REPOSITORY_INVALID', 'call refresh() first');
    return this.#snapshot;
  }

  /**
   * Runs the TUF client workflow: root chain, timestamp, snapshot, top-level targets.
   * @throws {OtaSigningError} OTA_SIGNATURE_THRESHOLD, OTA_METADATA_EXPIRED, OTA_ROLLBACK, OTA_VERSION_MISMATCH, OTA_METADATA_HASH_MISMATCH, OTA_LENGTH_EXCEEDED, OTA_METADATA_INVALID, OTA_FETCH_FAILED
   */
  async refresh(): Promise<void> {
    const now = this.clock.now();
    this.#targets.clear();
    await this.#updateRoot(now);
    await this.#updateTimestamp(now);
    await this.#updateSnapshot(now);
    await this.loadTargets('targets', topLevelTrust(this.root, 'targets'));
  }

  async #updateRoot(now: Date): Promise<void> {
    const persisted = (await this.#storage.get('root.json'))?.value;
    const stored = persisted ?? this.#initialRoot;
    if (stored === undefined)
      throw new OtaSigningError('OTA_REPOSITORY_INVALID', 'no trusted root: pass initialRoot');
    // The shipped root is trusted by fiat, but must still be well formed and self-signed.
    let root = (
      await verifiedMetadata(
        stored,
        'root',
        topLevelTrust(parseMetadata(stored, 'root').signed, 'root'),
      )
    ).signed;
    if (persisted === undefined) await this.#storage.put('root.json', stored);
    const original = root;
    for (let i = 0; i < this.config.maxRootRotations; i++) {
      const next = root.version + 1;
      let bytes: Uint8Array;
      try {
        bytes = await fetchBytes(
          this.fetcher,
          `metadata/${next}.root.json`,
          this.config.rootMaxBytes,
        );
      } catch (error) {
        if ((error as OtaSigningError).details?.notFound === true) break;
        throw error;
      }
      // Signed by the threshold of the old root and of the new one (spec §5.3.4-5).
      const parsed = await verifiedMetadata(bytes, 'root', topLevelTrust(root, 'root'));
      await verifiedMetadata(bytes, 'root', topLevelTrust(parsed.signed, 'root'));
      assertNotOlder('root', parsed.signed.version, next);
      assertVersion('root', parsed.signed.version, next);
      root = parsed.signed;
      await this.#storage.put('root.json', bytes);
    }
    assertNotExpired('root', root.expires, now);
    // Fast-forward recovery: new timestamp/snapshot keys void the trusted versions (§5.3.11).
    if (keysChanged(original, root, 'timestamp') || keysChanged(original, root, 'snapshot')) {
      await this.#storage.delete('timestamp.json');
      await this.#storage.delete('snapshot.json');
    }
    this.#root = root;
  }

  async #trusted<T extends 'timestamp' | 'snapshot'>(role: T) {
    const stored = await this.#storage.get(`${role}.json`);
    if (stored === undefined) return undefined;
    // Re-checked against the current root: a rotation may have revoked its keys.
    return verifiedMetadata(stored.value, role, topLevelTrust(this.root, role)).then(
      (m) => m.signed,
      () => undefined,
    );
  }

  async #updateTimestamp(now: Date): Promise<void> {
    const trusted = await this.#trusted('timestamp');
    const bytes = await fetchBytes(
      this.fetcher,
      'metadata/timestamp.json',
      this.config.timestampMaxBytes,
    );
    const { signed } = await verifiedMetadata(
      bytes,
      'timestamp',
      topLevelTrust(this.root, 'timestamp'),
    );
    if (trusted !== undefined) {
      assertNotOlder('timestamp', signed.version, trusted.version);
      assertNotOlder(
        'snapshot',
        signed.meta['snapshot.json'].version,
        trusted.meta['snapshot.json'].version,
      );
    }
    assertNotExpired('timestamp', signed.expires, now);
    if (trusted === undefined || signed.version > trusted.version)
      await this.#storage.put('timestamp.json', bytes);
    this.#timestamp = signed;
  }

  async #updateSnapshot(now: Date): Promise<void> {
    if (this.#timestamp === undefined)
      throw new OtaSigningError('OTA_REPOSITORY_INVALID', 'no trusted timestamp');
    const meta = this.#timestamp.meta['snapshot.json'];
    const trusted = await this.#trusted('snapshot');
    const name = this.root.consistent_snapshot ? `${meta.version}.snapshot.json` : 'snapshot.json';
    const bytes = await fetchBytes(
      this.fetcher,
      `metadata/${name}`,
      meta.length ?? this.config.snapshotMaxBytes,
    );
    await assertMetaFile('snapshot', bytes, meta);
    const { signed } = await verifiedMetadata(
      bytes,
      'snapshot',
      topLevelTrust(this.root, 'snapshot'),
    );
    assertVersion('snapshot', signed.version, meta.version);
    for (const [file, old] of Object.entries(trusted?.meta ?? {})) {
      const now = signed.meta[file];
      if (now === undefined)
        throw new OtaSigningError('OTA_ROLLBACK', `snapshot dropped ${file}`, {
          details: { role: file },
        });
      assertNotOlder(file, now.version, old.version);
    }
    assertNotExpired('snapshot', signed.expires, now);
    await this.#storage.put('snapshot.json', bytes);
    this.#snapshot = signed;
  }

  /**
   * Loads (once per refresh) a targets role listed in the snapshot, checked against `trust`:
   * the root for `targets`, the delegating role for a delegated one.
   */
  async loadTargets(role: string, trust: RoleTrust): Promise<Targets> {
    const cached = this.#targets.get(role);
    if (cached !== undefined) return cached;
    const meta = this.snapshot.meta[`${role}.json`];
    if (meta === undefined)
      throw new OtaSigningError('OTA_METADATA_INVALID', `snapshot does not list ${role}`, {
        details: { role },
      });
    const name = this.root.consistent_snapshot ? `${meta.version}.${role}.json` : `${role}.json`;
    const bytes = await fetchBytes(
      this.fetcher,
      `metadata/${name}`,
      meta.length ?? this.config.targetsMaxBytes,
    );
    await assertMetaFile(role, bytes, meta);
    const { signed } = await verifiedMetadata(bytes, 'targets', trust);
    assertVersion(role, signed.version, meta.version);
    assertNotExpired(role, signed.expires, this.clock.now());
    await this.#storage.put(`${role}.json`, bytes);
    this.#targets.set(role, signed);
    return signed;
  }
}
