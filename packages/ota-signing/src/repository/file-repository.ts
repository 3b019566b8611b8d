import { copyFile, mkdir, readdir, readFile, unlink } from 'node:fs/promises';
import { systemClock, type Clock, type Signer } from '@cra-kit/core';
import { writeFileAtomic } from '@cra-kit/core/node';
import { OtaSigningError } from '../errors.js';
import { tufKeyOf } from '../keys/tuf-key.js';
import { verifyThreshold, type RoleTrust } from '../keys/verify-threshold.js';
import { parseMetadata, tufTime } from '../metadata/parse.js';
import { canonicalBytes } from '../metadata/canonical.js';
import { serializeEnvelope } from '../metadata/sign.js';
import type {
  Envelope,
  Root,
  RoleType,
  SignedOf,
  Snapshot,
  Timestamp,
  TopLevelRole,
} from '../metadata/schema.js';
import { sha256Hex } from '../hash/hasher.js';
import { toHex } from '../internal/encoding.js';
import { parsePartial, parseStaged, signaturesFor, type StagedRole } from './ceremony.js';
import { defaultExpiryPolicy, expiryFor, type ExpiryPolicy } from './expiry-policy.js';
import { readKeyDirectory } from './key-files.js';
import { layout, roleType } from './layout.js';

/** Metadata, staged roles and partial signatures are public: a web server publishes them. */
const PUBLIC = { mode: 0o644 } as const;

/** Options of {@link FileRepository.open}. */
export interface RepositoryOptions {
  readonly dir: string;
  readonly clock?: Clock;
  readonly policy?: ExpiryPolicy;
  /** Signers besides the key files in `<dir>/keys` (a KMS, an HSM, offline key files). */
  readonly signers?: readonly Signer[];
}

/** Whether a staged role reached its threshold and was committed. */
export interface CommitResult {
  readonly role: string;
  readonly version: number;
  readonly committed: boolean;
  readonly signatures: number;
  readonly threshold: number;
}

const sha256 = (bytes: Uint8Array) => sha256Hex(bytes);

/**
 * A TUF repository in a directory (vendor side). Every change is staged, signed with the keys
 * at hand, and committed only once each role's threshold is met (for root: the threshold of
 * the old root and of the new one). Offline keys sign the staged file elsewhere
 * ({@link signStagedRole}) and their partial signatures are added with {@link addPartial}.
 */
export class FileRepository {
  readonly dir: string;
  readonly clock: Clock;
  readonly policy: ExpiryPolicy;
  readonly #paths: ReturnType<typeof layout>;
  readonly #signers: Map<string, Signer>;

  private constructor(options: RepositoryOptions, signers: Map<string, Signer>) {
    this.dir = options.dir;
    this.clock = options.clock ?? systemClock;
    this.policy = options.policy ?? defaultExpiryPolicy;
    this.#paths = layout(options.dir);
    this.#signers = signers;
  }

  /** Opens a repository directory and loads its development keys and the given signers. */
  static async open(options: RepositoryOptions): Promise<FileRepository> {
    const signers = await readKeyDirectory(layout(options.dir).keys);
    for (const signer of options.signers ?? []) signers.set((await tufKeyOf(signer)).keyid, signer);
    return new FileRepository(options, signers);
  }

  /** @internal Adds a signer after opening (used by init and rotation). */
  async addSigner(signer: Signer): Promise<void> {
    this.#signers.set((await tufKeyOf(signer)).keyid, signer);
  }

  /** The latest committed metadata of a role. @throws {OtaSigningError} OTA_REPOSITORY_INVALID */
  async current<R extends RoleType>(role: string, type: R): Promise<Envelope<SignedOf<R>>> {
    let bytes: Uint8Array;
    try {
      bytes = await readFile(this.#paths.current(role));
    } catch (cause) {
      throw new OtaSigningError('OTA_REPOSITORY_INVALID', `${this.dir}: no ${role} metadata (run cra ota init)`, { cause });
    }
    const { signatures, signed } = parseMetadata(bytes, type, role);
    return { signatures, signed };
  } // prettier-ignore

  /** The staged (uncommitted) version of a role, if any. */
  async staged(role: string): Promise<StagedRole | undefined> {
    const text = await readFile(this.#paths.stagedRole(role), 'utf8').catch(() => undefined);
    return text === undefined ? undefined : parseStaged(JSON.parse(text));
  }

  /** The draft to edit for `role`: the staged one, or the current one with version + 1. */
  async draft<T extends { version: number; expires: string }>(role: string, type: RoleType): Promise<T> {
    const staged = await this.staged(role);
    // Both come fresh from disk: editing them changes nothing stored.
    if (staged !== undefined) return staged.signed as unknown as T;
    const current = await this.current(role, type).catch(() => undefined);
    // A first snapshot or timestamp starts from an empty template.
    if (current === undefined && (type === 'snapshot' || type === 'timestamp')) return { _type: type, spec_version: '1.0.31', version: 1, expires: '', meta: {} } as unknown as T;
    if (current === undefined) throw new OtaSigningError('OTA_REPOSITORY_INVALID', `${this.dir}: no ${role} metadata`);
    return { ...current.signed, version: current.signed.version + 1 } as unknown as T;
  } // prettier-ignore

  /** Stages `signed` for `role`, signs it with every key at hand, and commits it if it can. */
  async stage(role: string, signed: { _type: string; version: number; expires: string; [field: string]: unknown }): Promise<CommitResult> {
    const type = roleType(role);
    const top: TopLevelRole = type === role ? type : 'targets';
    const withExpiry = { ...signed, expires: tufTime(expiryFor(top, this.clock.now(), this.policy)) };
    await mkdir(this.#paths.staged, { recursive: true });
    await this.#clearPartials(role);
    const staged: StagedRole = { role, signed: withExpiry };
    await writeFileAtomic(this.#paths.stagedRole(role), new TextEncoder().encode(`${JSON.stringify(staged, null, 1)}\n`), PUBLIC);
    // Canonicalised once: signing and the threshold check share the bytes (large targets roles).
    const data = canonicalBytes(withExpiry);
    for (const trust of await this.#trustFor(role, staged)) {
      for (const keyid of trust.roleKeys.keyids) {
        const signer = this.#signers.get(keyid);
        if (signer !== undefined) await this.addPartial({ role, version: withExpiry.version, signature: { keyid, sig: toHex(await signer.sign(data)) } });
      }
    }
    return this.#commitStaged(staged, data);
  } // prettier-ignore

  /** Adds a partial signature file's signature to the staged role. */
  async addPartial(partial: unknown): Promise<void> {
    const p = parsePartial(partial);
    await writeFileAtomic(this.#paths.partial(p.role, p.signature.keyid), new TextEncoder().encode(`${JSON.stringify(p)}\n`), PUBLIC);
  } // prettier-ignore

  /**
   * Commits the staged role if its signatures reach the threshold(s); otherwise leaves it
   * staged and reports how many are still missing.
   */
  async commit(role: string): Promise<CommitResult> {
    const staged = await this.staged(role);
    if (staged === undefined) throw new OtaSigningError('OTA_REPOSITORY_INVALID', `no staged ${role}`);
    return this.#commitStaged(staged, canonicalBytes(staged.signed));
  } // prettier-ignore

  async #commitStaged(staged: StagedRole, data: Uint8Array): Promise<CommitResult> {
    const { role } = staged;
    const partials = await this.#partials(role);
    const signatures = signaturesFor(staged, partials);
    const trusts = await this.#trustFor(role, staged);
    let weakest = { signatures: Number.MAX_SAFE_INTEGER, threshold: 0 };
    for (const trust of trusts) {
      const count = await verifyThreshold(trust, staged.signed, signatures, data).then((ok) => ok.length, () => -1);
      if (count < 0) {
        const valid = signatures.filter((s) => trust.roleKeys.keyids.includes(s.keyid)).length;
        return { role, version: staged.signed.version, committed: false, signatures: valid, threshold: trust.roleKeys.threshold };
      }
      if (count < weakest.signatures) weakest = { signatures: count, threshold: trust.roleKeys.threshold };
    }
    const bytes = serializeEnvelope({ signatures, signed: staged.signed });
    const { version } = staged.signed;
    await mkdir(this.#paths.metadata, { recursive: true });
    if (role !== 'timestamp') await writeFileAtomic(this.#paths.versioned(role, version), bytes, PUBLIC);
    await writeFileAtomic(this.#paths.current(role), bytes, PUBLIC);
    await unlink(this.#paths.stagedRole(role));
    await this.#clearPartials(role);
    return { role, version, committed: true, ...weakest };
  } // prettier-ignore

  /**
   * Publishes: a new snapshot listing every committed targets role and a new timestamp for it,
   * both signed with the online keys at hand.
   * @throws {OtaSigningError} OTA_THRESHOLD_NOT_MET when a role is still staged or keys are missing
   */
  async publish(): Promise<{ snapshot: number; timestamp: number }> {
    for (const role of ['root', 'targets']) {
      if ((await this.staged(role)) !== undefined) throw new OtaSigningError('OTA_THRESHOLD_NOT_MET', `${role} is staged and not yet signed by its threshold`, { details: { role } });
    }
    const snapshot = await this.draft<Snapshot>('snapshot', 'snapshot');
    const meta: Snapshot['meta'] = {};
    for (const role of await this.#targetsRoles()) {
      const bytes = await readFile(this.#paths.current(role));
      const { signed } = parseMetadata(bytes, 'targets', role);
      meta[`${role}.json`] = { version: signed.version, length: bytes.length, hashes: { sha256: sha256(bytes) } };
    }
    snapshot.meta = meta;
    this.#mustCommit(await this.stage('snapshot', snapshot));
    const snapshotBytes = await readFile(this.#paths.current('snapshot'));
    const timestamp = await this.draft<Timestamp>('timestamp', 'timestamp');
    timestamp.meta = { 'snapshot.json': { version: snapshot.version, length: snapshotBytes.length, hashes: { sha256: sha256(snapshotBytes) } } };
    this.#mustCommit(await this.stage('timestamp', timestamp));
    return { snapshot: snapshot.version, timestamp: timestamp.version };
  } // prettier-ignore

  /** Copies an image into `targets/` under its consistent-snapshot name. */
  async storeTarget(source: string, name: string, sha: string): Promise<void> {
    await mkdir(this.#paths.targets, { recursive: true });
    await copyFile(source, this.#paths.targetFile(sha, name));
  }

  /** Targets metadata files: `targets` and every delegated role committed so far. */
  async #targetsRoles(): Promise<string[]> {
    const names = await readdir(this.#paths.metadata);
    return names.filter((n) => /^[A-Za-z][A-Za-z0-9._-]*\.json$/.test(n) && !['root.json', 'snapshot.json', 'timestamp.json'].includes(n)).map((n) => n.slice(0, -5)).sort();
  } // prettier-ignore

  #mustCommit(result: CommitResult): void {
    if (!result.committed) throw new OtaSigningError('OTA_THRESHOLD_NOT_MET', `${result.role}: ${result.signatures} of ${result.threshold} signatures; add the missing keys`, { details: { ...result } });
  } // prettier-ignore

  /** Whose signatures a staged role needs: root needs the old and the new root's threshold. */
  async #trustFor(role: string, staged: StagedRole): Promise<RoleTrust[]> {
    const newRoot = role === 'root' ? (staged.signed as unknown as Root) : undefined;
    const root = await this.current('root', 'root').then((r) => r.signed, () => undefined);
    const trusts: RoleTrust[] = [];
    if (root !== undefined) trusts.push(await this.#roleTrust(role, root));
    if (newRoot !== undefined) trusts.push(await this.#roleTrust(role, newRoot));
    if (trusts.length === 0) throw new OtaSigningError('OTA_REPOSITORY_INVALID', `${this.dir}: no root metadata`);
    return trusts;
  } // prettier-ignore

  async #roleTrust(role: string, root: Root): Promise<RoleTrust> {
    if (role === 'root' || role === 'targets' || role === 'snapshot' || role === 'timestamp') return { role, keys: root.keys, roleKeys: root.roles[role] };
    const { signed } = await this.current('targets', 'targets');
    const delegated = signed.delegations?.roles.find((r) => r.name === role);
    if (delegated === undefined || signed.delegations === undefined) throw new OtaSigningError('OTA_REPOSITORY_INVALID', `${role} is not a delegated role`);
    return { role, keys: signed.delegations.keys, roleKeys: delegated };
  } // prettier-ignore

  async #partials(role: string) {
    const names = await readdir(this.#paths.staged).catch(() => [] as string[]);
    const prefix = `${role}.`;
    const files = names.filter((n) => n.startsWith(prefix) && n.endsWith('.sig.json') && /^[0-9a-f]+$/.test(n.slice(prefix.length, -9)));
    return Promise.all(files.map(async (n) => parsePartial(JSON.parse(await readFile(`${this.#paths.staged}/${n}`, 'utf8')))));
  } // prettier-ignore

  async #clearPartials(role: string): Promise<void> {
    const names = await readdir(this.#paths.staged).catch(() => [] as string[]);
    for (const n of names) if (n.startsWith(`${role}.`) && n.endsWith('.sig.json')) await unlink(`${this.#paths.staged}/${n}`);
  } // prettier-ignore
}
