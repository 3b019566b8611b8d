import { readFile, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { SbomError } from '../errors.js';
import { defaultSbomLimits, type SbomLimits } from '../limits.js';
import { readApkInstalled } from './apk-installed.js';
import { readBuildrootManifest } from './buildroot-manifest.js';
import { readComponentsFile } from './components-yaml.js';
import { debianPackageLicenses } from './debian-copyright.js';
import { readDpkgStatus } from './dpkg-status.js';
import { hashFile } from './hash-file.js';
import type { IngestResult } from './ingested.js';
import { readNpmLock } from './npm-lock.js';
import { readPnpmLock } from './pnpm-lock.js';
import { readSpdx2 } from './spdx2.js';
import { readSpdx3 } from './spdx3.js';
import { readYoctoManifest } from './yocto-manifest.js';

/** The input kinds `generate` reads, as written on the command line (`<kind>:<path>`). */
export const INPUT_KINDS = [
  'dpkg-status', 'apk-installed', 'yocto-manifest', 'yocto-spdx', 'spdx', 'buildroot-manifest', 'npm-lock', 'pnpm-lock', 'components',
] as const; // prettier-ignore
export type InputKind = (typeof INPUT_KINDS)[number];

/** `dpkg-status:/rootfs/var/lib/dpkg/status` → kind and path. */
export function parseInputSpec(spec: string): { kind: InputKind; path: string } {
  const at = spec.indexOf(':');
  const kind = spec.slice(0, Math.max(at, 0));
  if (at <= 0 || !(INPUT_KINDS as readonly string[]).includes(kind)) {
    throw new SbomError('SBOM_INPUT_KIND_UNKNOWN', `unknown input kind in "${spec.slice(0, 80)}"`, {
      details: { kind, known: INPUT_KINDS },
    });
  }
  return { kind: kind as InputKind, path: spec.slice(at + 1) };
}

/** SPDX 3.0 JSON-LD (a `@context`) or SPDX 2.2/2.3 JSON, told apart by their shape. */
const readSpdxDocument = (doc: unknown) =>
  typeof doc === 'object' && doc !== null && '@context' in doc ? readSpdx3(doc) : readSpdx2(doc);

/** Options of {@link readInput}. */
export interface ReadInputOptions {
  readonly limits?: SbomLimits;
  /** purl vendor for dpkg inputs (`debian`, `ubuntu`). */
  readonly vendor?: string;
  /** purl `distro` qualifier for dpkg/apk inputs. */
  readonly distro?: string;
}

/**
 * Reads one ingest input from disk (size-checked before reading) and returns its components.
 * `components` files may name deployable `file`s; those are hashed (SHA-256 + SHA-512, streamed)
 * and classified.
 * @throws {SbomError} SBOM_INPUT_KIND_UNKNOWN, SBOM_INPUT_INVALID, SBOM_TOO_LARGE
 */
export async function readInput(kind: InputKind, path: string, options: ReadInputOptions = {}): Promise<IngestResult> {
  const maxBytes = options.limits?.maxInputBytes ?? defaultSbomLimits.maxInputBytes;
  let text: string;
  try {
    const { size } = await stat(path);
    if (size > maxBytes) {
      throw new SbomError('SBOM_TOO_LARGE', `${path} is ${size} bytes, over ${maxBytes}`, { details: { size, maxBytes } });
    }
    text = new TextDecoder('utf-8', { fatal: true }).decode(await readFile(path));
  } catch (cause) {
    if (SbomError.isInstance(cause)) throw cause;
    throw new SbomError('SBOM_INPUT_INVALID', `cannot read ${kind} input`, { cause, details: { path } });
  }
  const source = `${kind}:${path}`;
  const structured = () => {
    try {
      return kind === 'npm-lock' || kind === 'yocto-spdx' || kind === 'spdx' ? (JSON.parse(text) as unknown) : (parseYaml(text, { maxAliasCount: 100, uniqueKeys: true }) as unknown);
    } catch (cause) {
      throw new SbomError('SBOM_INPUT_INVALID', `${kind} input is not well-formed`, { cause, details: { path } });
    }
  };
  switch (kind) {
    case 'dpkg-status': {
      // In a root filesystem the status file is <root>/var/lib/dpkg/status; licences come from
      // the machine-readable copyright files next to it.
      const components = readDpkgStatus(text, options);
      const root = /(^|\/)var\/lib\/dpkg\/status$/.test(path) ? resolve(path, '../../../..') : undefined;
      if (root === undefined) return { source, components };
      const withLicenses = await Promise.all(
        components.map(async (c) => ({ ...c, licenses: [...new Set([...c.licenses, ...(await debianPackageLicenses(root, c.name))])] })),
      );
      return { source, components: withLicenses };
    }
    case 'apk-installed':
      return { source, components: readApkInstalled(text, options) };
    case 'yocto-manifest':
      return { source, components: readYoctoManifest(text) };
    case 'yocto-spdx':
    case 'spdx':
      return { source, components: readSpdxDocument(structured()) };
    case 'buildroot-manifest':
      return { source, components: readBuildrootManifest(text) };
    case 'npm-lock':
      return { source, components: readNpmLock(structured()) };
    case 'pnpm-lock':
      return { source, components: readPnpmLock(structured()) };
    case 'components': {
      const components = readComponentsFile(structured());
      const base = dirname(resolve(path));
      const hashed = await Promise.all(
        components.map(async (c) => {
          if (c.file === undefined) return c;
          const file = await hashFile(resolve(base, c.file));
          return {
            ...c,
            sha256: file.sha256,
            sha512: file.sha512,
            filename: c.filename ?? file.filename,
            executable: c.executable ?? file.kind.executable,
            archive: c.archive ?? file.kind.archive,
            structured: c.structured ?? file.kind.structured,
          };
        }),
      );
      return { source, components: hashed };
    }
  }
} // prettier-ignore
