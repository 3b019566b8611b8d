import { createHash, generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Metadata, MetadataKind, Signature } from '@tufjs/models';

interface TestKey {
  keyid: string;
  json: { keytype: string; scheme: string; keyval: { public: string } };
  privateKey: KeyObject;
}

function newKey(type: 'ed25519' | 'ecdsa'): TestKey {
  const pair = type === 'ed25519' ? generateKeyPairSync('ed25519') : generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const spki = pair.publicKey.export({ format: 'der', type: 'spki' });
  const json = type === 'ed25519'
    ? { keytype: 'ed25519', scheme: 'ed25519', keyval: { public: spki.subarray(12).toString('hex') } }
    : { keytype: 'ecdsa', scheme: 'ecdsa-sha2-nistp256', keyval: { public: pair.publicKey.export({ format: 'pem', type: 'spki' }).toString() } };
  // tuf-js's models compute no key ids; python-tuf's rule: SHA-256 of the canonical key.
  const canonical = `{"keytype":"${json.keytype}","keyval":{"public":${JSON.stringify(json.keyval.public)}},"scheme":"${json.scheme}"}`;
  return { keyid: createHash('sha256').update(canonical).digest('hex'), json, privateKey: pair.privateKey };
} // prettier-ignore

const signer = (key: TestKey) => (data: Buffer) =>
  new Signature({
    keyID: key.keyid,
    sig: sign(key.json.keytype === 'ed25519' ? null : 'sha256', data, key.privateKey).toString(
      'hex',
    ),
  });

const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/**
 * Writes a consistent-snapshot repository with @tufjs/models (tuf-js's own metadata tooling:
 * its canonical JSON, its signing): an ECDSA root, Ed25519 online roles, a top-level target and
 * a delegated role `vs-200` trusted for `vs-200-*`.
 */
export async function writeTufJsRepository(dir: string, expires = '2099-01-01T00:00:00Z') {
  const root = newKey('ecdsa');
  const targets = newKey('ed25519');
  const online = newKey('ed25519');
  const delegate = newKey('ecdsa');
  await mkdir(join(dir, 'metadata'), { recursive: true });
  await mkdir(join(dir, 'targets'), { recursive: true });
  const images = { 'common-tool.bin': new TextEncoder().encode('tool v1\n'), 'vs-200-fw-1.0.0.bin': new TextEncoder().encode('firmware for the vs-200\n'.repeat(100)) };
  for (const [name, bytes] of Object.entries(images)) await writeFile(join(dir, 'targets', `${sha256(bytes)}.${name}`), bytes);
  const file = (bytes: Uint8Array, custom?: object) => ({ length: bytes.length, hashes: { sha256: sha256(bytes) }, ...(custom ? { custom } : {}) });
  const base = { spec_version: '1.0.31', version: 1, expires };
  const write = async (kind: MetadataKind, name: string, signed: object, key: TestKey) => {
    const json = { signed: { _type: kind, ...signed }, signatures: [] };
    const md =
      kind === MetadataKind.Root ? Metadata.fromJSON(MetadataKind.Root, json)
      : kind === MetadataKind.Targets ? Metadata.fromJSON(MetadataKind.Targets, json)
      : kind === MetadataKind.Snapshot ? Metadata.fromJSON(MetadataKind.Snapshot, json)
      : Metadata.fromJSON(MetadataKind.Timestamp, json);
    md.sign(signer(key));
    const bytes = new TextEncoder().encode(JSON.stringify(md.toJSON()));
    await writeFile(join(dir, 'metadata', name), bytes);
    return bytes;
  };
  await write(MetadataKind.Root, '1.root.json', {
    ...base, consistent_snapshot: true,
    keys: Object.fromEntries([root, targets, online].map((k) => [k.keyid, k.json])),
    roles: { root: { keyids: [root.keyid], threshold: 1 }, targets: { keyids: [targets.keyid], threshold: 1 }, snapshot: { keyids: [online.keyid], threshold: 1 }, timestamp: { keyids: [online.keyid], threshold: 1 } },
  }, root);
  const firmware = { schemaVersion: 1, hardwareIds: ['vs-200-revB'], version: '1.0.0', securityCounter: 1, releaseType: 'feature', advisories: [] };
  const delegated = await write(MetadataKind.Targets, '1.vs-200.json', { ...base, targets: { 'vs-200-fw-1.0.0.bin': file(images['vs-200-fw-1.0.0.bin'], { firmware }) } }, delegate);
  const top = await write(MetadataKind.Targets, '1.targets.json', {
    ...base, targets: { 'common-tool.bin': file(images['common-tool.bin']) },
    delegations: { keys: { [delegate.keyid]: delegate.json }, roles: [{ name: 'vs-200', keyids: [delegate.keyid], threshold: 1, terminating: true, paths: ['vs-200-*'] }] },
  }, targets);
  const snapshot = await write(MetadataKind.Snapshot, '1.snapshot.json', { ...base, meta: { 'targets.json': { version: 1, length: top.length, hashes: { sha256: sha256(top) } }, 'vs-200.json': { version: 1, length: delegated.length, hashes: { sha256: sha256(delegated) } } } }, online);
  await write(MetadataKind.Timestamp, 'timestamp.json', { ...base, meta: { 'snapshot.json': { version: 1, length: snapshot.length, hashes: { sha256: sha256(snapshot) } } } }, online);
} // prettier-ignore
