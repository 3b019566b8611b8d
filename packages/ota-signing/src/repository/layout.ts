import { join } from 'node:path';
import type { RoleType } from '../metadata/schema.js';

/**
 * Where a repository directory keeps things. `metadata/` and `targets/` are what a web server
 * publishes; `staged/` holds roles waiting for signatures; `keys/` development keys only.
 * @internal
 */
export const layout = (dir: string) => ({
  metadata: join(dir, 'metadata'),
  targets: join(dir, 'targets'),
  staged: join(dir, 'staged'),
  keys: join(dir, 'keys'),
  /** The latest committed version of a role (unversioned file name). */
  current: (role: string) => join(dir, 'metadata', `${role}.json`),
  versioned: (role: string, version: number) => join(dir, 'metadata', `${version}.${role}.json`),
  stagedRole: (role: string) => join(dir, 'staged', `${role}.json`),
  partial: (role: string, keyid: string) => join(dir, 'staged', `${role}.${keyid}.sig.json`),
  targetFile: (sha256: string, name: string) => join(dir, 'targets', `${sha256}.${name}`),
});

/** Role type of a top-level role name (delegated roles are targets). */
export const roleType = (role: string): RoleType =>
  role === 'root' || role === 'snapshot' || role === 'timestamp' ? role : 'targets';

/** Target names: one path segment, safe on every file system and URL. */
export const TARGET_NAME = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,254}$/;
