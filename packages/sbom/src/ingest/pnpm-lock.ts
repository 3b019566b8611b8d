import { z } from 'zod';
import { SbomError } from '../errors.js';
import { formatPurl } from '../purl/purl.js';
import { IngestedComponentSchema, type IngestedComponent } from './ingested.js';
import { integrityToHex } from './npm-lock.js';

const LockSchema = z.looseObject({
  lockfileVersion: z.union([z.string(), z.number()]),
  importers: z.record(z.string(), z.looseObject({ dependencies: z.record(z.string(), z.unknown()).optional() })).optional(),
  packages: z.record(z.string(), z.looseObject({ resolution: z.looseObject({ integrity: z.string().optional(), tarball: z.string().optional() }).optional(), license: z.string().optional() })).default({}),
  snapshots: z.record(z.string(), z.looseObject({ dependencies: z.record(z.string(), z.string()).optional() }).nullable()).default({}),
}); // prettier-ignore

/** `@scope/name@1.2.3(peer@1)` → name and version. */
function splitKey(key: string): { name: string; version: string } | undefined {
  const bare = key.replace(/\(.*$/, '').replace(/^\//, '');
  const at = bare.lastIndexOf('@');
  if (at <= 0) return undefined;
  return { name: bare.slice(0, at), version: bare.slice(at + 1) };
}

/**
 * Reads a `pnpm-lock.yaml` (lockfile v9, already parsed from YAML): packages with their integrity
 * hashes, dependencies from `snapshots`, and the importers' direct dependencies as top-level.
 * @throws {SbomError} SBOM_INPUT_INVALID
 */
export function readPnpmLock(doc: unknown): IngestedComponent[] {
  const parsed = LockSchema.safeParse(doc);
  if (!parsed.success || !String(parsed.data.lockfileVersion).startsWith('9')) {
    throw new SbomError('SBOM_INPUT_INVALID', 'not a pnpm-lock.yaml v9', parsed.success ? {} : { cause: parsed.error });
  }
  const { packages, snapshots, importers } = parsed.data;
  const direct = new Set(Object.values(importers ?? {}).flatMap((i) => Object.keys(i.dependencies ?? {})));
  const deps = new Map<string, Set<string>>();
  for (const [key, snap] of Object.entries(snapshots)) {
    const id = splitKey(key);
    if (id === undefined) continue;
    const set = deps.get(`${id.name}@${id.version}`) ?? new Set<string>();
    for (const d of Object.keys(snap?.dependencies ?? {})) set.add(d);
    deps.set(`${id.name}@${id.version}`, set);
  }
  const out: IngestedComponent[] = [];
  for (const [key, p] of Object.entries(packages)) {
    const id = splitKey(key);
    if (id === undefined) continue;
    const at = id.name.startsWith('@') ? id.name.indexOf('/') : -1;
    const sha512 = integrityToHex(p.resolution?.integrity, 'sha512');
    out.push(
      IngestedComponentSchema.parse({
        name: id.name,
        version: id.version,
        purl: formatPurl({ type: 'npm', namespace: at > 0 ? id.name.slice(0, at) : undefined, name: at > 0 ? id.name.slice(at + 1) : id.name, version: id.version }),
        ...(p.license ? { licenses: [p.license] } : {}),
        ...(sha512 ? { sha512 } : {}),
        dependsOn: [...(deps.get(`${id.name}@${id.version}`) ?? [])],
        topLevel: direct.has(id.name),
      }),
    );
  }
  return out;
} // prettier-ignore
