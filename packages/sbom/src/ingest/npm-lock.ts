import { z } from 'zod';
import { SbomError } from '../errors.js';
import { formatPurl } from '../purl/purl.js';
import { IngestedComponentSchema, type IngestedComponent } from './ingested.js';

const LockSchema = z.looseObject({
  lockfileVersion: z.number().int().min(2),
  packages: z.record(
    z.string(),
    z.looseObject({
      version: z.string().optional(),
      name: z.string().optional(),
      resolved: z.string().optional(),
      integrity: z.string().optional(),
      license: z.string().optional(),
      dev: z.boolean().optional(),
      link: z.boolean().optional(),
      dependencies: z.record(z.string(), z.string()).optional(),
    }),
  ),
});

/** `sha512-<base64>` (an npm integrity string) → lowercase hex, or undefined for other algorithms. */
export function integrityToHex(
  integrity: string | undefined,
  alg: 'sha512' | 'sha256',
): string | undefined {
  const entry = integrity?.split(/\s+/).find((s) => s.startsWith(`${alg}-`));
  if (entry === undefined) return undefined;
  const hex = Buffer.from(entry.slice(alg.length + 1), 'base64').toString('hex');
  return hex.length === (alg === 'sha512' ? 128 : 64) ? hex : undefined;
}

/** `node_modules/a/node_modules/@s/b` → `@s/b`. */
const nameOfPath = (path: string) =>
  path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);

/**
 * Reads an npm `package-lock.json` (lockfile v2/v3): every installed, non-dev package, with its
 * integrity hash (SHA-512) and the registry tarball as download URL. The root's direct
 * dependencies are marked top-level.
 * @throws {SbomError} SBOM_INPUT_INVALID for lockfile v1 or a malformed file
 */
export function readNpmLock(json: unknown, options: { includeDev?: boolean } = {}): IngestedComponent[] {
  const parsed = LockSchema.safeParse(json);
  if (!parsed.success) {
    throw new SbomError('SBOM_INPUT_INVALID', 'not an npm package-lock.json v2/v3', { cause: parsed.error });
  }
  const root = parsed.data.packages[''];
  const direct = new Set(Object.keys(root?.dependencies ?? {}));
  const out: IngestedComponent[] = [];
  for (const [path, p] of Object.entries(parsed.data.packages)) {
    if (path === '' || p.link === true || (p.dev === true && options.includeDev !== true)) continue;
    const name = p.name ?? nameOfPath(path);
    if (p.version === undefined) continue;
    const at = name.startsWith('@') ? name.indexOf('/') : -1;
    const sha512 = integrityToHex(p.integrity, 'sha512');
    out.push(
      IngestedComponentSchema.parse({
        name,
        version: p.version,
        purl: formatPurl({ type: 'npm', namespace: at > 0 ? name.slice(0, at) : undefined, name: at > 0 ? name.slice(at + 1) : name, version: p.version }),
        ...(p.license ? { licenses: [p.license] } : {}),
        ...(sha512 ? { sha512 } : {}),
        ...(p.resolved && /^https:\/\//.test(p.resolved) ? { downloadUrl: p.resolved, filename: p.resolved.slice(p.resolved.lastIndexOf('/') + 1) } : {}),
        dependsOn: Object.keys(p.dependencies ?? {}),
        topLevel: direct.has(name) && path === `node_modules/${name}`,
      }),
    );
  }
  return out;
} // prettier-ignore
