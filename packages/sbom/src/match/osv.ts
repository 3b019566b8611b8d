import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { SbomError } from '../errors.js';
import { defaultSbomLimits, type SbomLimits } from '../limits.js';
import { parsePurl } from '../purl/purl.js';
import type { OsvEvent } from '../version/osv-range.js';
import { schemeOfOsvEcosystem } from '../version/scheme.js';
import type { Advisory, AffectedPackage } from './advisory.js';
import { isOsvRecordShape, type OsvEventRecord, type OsvRecord } from './osv-shape.js';
import { readZipFile } from './zip.js';

// One key per event; a partial record checks faster than a union of four objects, and the
// single-key rule is enforced when the event is converted.
const Event = z.partialRecord(
  z.enum(['introduced', 'fixed', 'last_affected', 'limit']),
  z.string().min(1),
);
/** The OSV record fields we read; exported for the structural-check test. @internal */
export const OsvRecordSchema = z.object({
  id: z.string().min(1).max(256),
  aliases: z.array(z.string()).optional(),
  upstream: z.array(z.string()).optional(),
  summary: z.string().optional(),
  withdrawn: z.string().optional(),
  affected: z.array(z.object({
    package: z.object({ ecosystem: z.string(), name: z.string(), purl: z.string().optional() }).optional(),
    ranges: z.array(z.object({ type: z.enum(['SEMVER', 'ECOSYSTEM', 'GIT']), events: z.array(Event) })).optional(),
    versions: z.array(z.string()).optional(),
  })).default([]),
}); // prettier-ignore

/** OSV ecosystem (without release) → purl type. */
const PURL_TYPE: Readonly<Record<string, string>> = {
  npm: 'npm', debian: 'deb', ubuntu: 'deb', alpine: 'apk', pypi: 'pypi', 'crates.io': 'cargo', go: 'golang',
  maven: 'maven', nuget: 'nuget', rubygems: 'gem', packagist: 'composer', hex: 'hex', pub: 'pub',
  'red hat': 'rpm', 'rocky linux': 'rpm', almalinux: 'rpm', opensuse: 'rpm', suse: 'rpm',
}; // prettier-ignore

/**
 * Normalises one OSV record (https://ossf.github.io/osv-schema/). Withdrawn records give no
 * affected packages. `upstream` ids (Debian's CVE links) count as aliases.
 * @throws {SbomError} SBOM_ADVISORY_INVALID
 */
export function fromOsvRecord(value: unknown): Advisory {
  let r: Omit<OsvRecord, 'affected'> & { affected?: OsvRecord['affected'] };
  if (isOsvRecordShape(value)) r = value;
  else {
    // Only a record that fails the cheap check pays for zod, which names every issue.
    const parsed = OsvRecordSchema.safeParse(value);
    if (!parsed.success)
      throw new SbomError('SBOM_ADVISORY_INVALID', 'not an OSV record', { cause: parsed.error });
    r = parsed.data;
  }
  const affected: AffectedPackage[] = [];
  for (const a of r.withdrawn ? [] : (r.affected ?? [])) {
    if (a.package === undefined) continue;
    const base = (a.package.ecosystem.split(':')[0] ?? '').toLowerCase();
    let key = `${PURL_TYPE[base] ?? base}/${a.package.name.toLowerCase()}`;
    if (a.package.purl) {
      const p = parsePurl(a.package.purl);
      key =
        `${p.type}/${(p.namespace && p.type !== 'deb' && p.type !== 'apk' && p.type !== 'rpm' ? `${p.namespace}/` : '') + p.name}`.toLowerCase();
    }
    affected.push({
      key, identifier: 'purl', ecosystem: a.package.ecosystem, scheme: schemeOfOsvEcosystem(a.package.ecosystem),
      ranges: (a.ranges ?? []).map((x) => ({ type: x.type, events: x.events.map((e) => toEvent(e, r.id)) })), versions: a.versions ?? [],
    }); // prettier-ignore
  }
  return {
    id: r.id,
    aliases: r.upstream?.length
      ? [...new Set([...(r.aliases ?? []), ...r.upstream])]
      : [...new Set(r.aliases)],
    source: 'osv',
    ...(r.summary ? { summary: r.summary } : {}),
    affected,
  };
}

function toEvent(e: OsvEventRecord, id: string): OsvEvent {
  const entries = Object.entries(e);
  const [kind, version] = entries[0] ?? [];
  if (entries.length !== 1 || kind === undefined || version === undefined) {
    throw new SbomError('SBOM_ADVISORY_INVALID', `an OSV event must have exactly one key (${id})`);
  }
  return { [kind]: version } as OsvEvent;
}

/**
 * Reads OSV records from a directory of `*.json` files (not recursive) or from a zip archive
 * such as OSV's per-ecosystem `all.zip`, each size-checked. Collects
 * {@link streamOsvAdvisories}; to keep memory flat on large data, stream into an index instead.
 * @throws {SbomError} SBOM_ADVISORY_INVALID (naming the file), SBOM_TOO_LARGE
 */
export async function readOsvDirectory(dir: string, limits: SbomLimits = {}): Promise<Advisory[]> {
  const out: Advisory[] = [];
  for await (const advisory of streamOsvAdvisories(dir, limits)) out.push(advisory);
  return out;
}

/**
 * Yields the OSV records of a directory of `*.json` files or of a zip archive one at a time,
 * normalised: only one record's JSON is held at once, and a zip is read entry by entry from disk,
 * never whole.
 *
 * @example
 * ```ts
 * const index = new AdvisoryIndex();
 * for await (const advisory of streamOsvAdvisories('osv/all.zip')) index.add(advisory);
 * ```
 * @throws {SbomError} SBOM_ADVISORY_INVALID (naming the file), SBOM_TOO_LARGE
 */
export async function* streamOsvAdvisories(path: string, limits: SbomLimits = {}): AsyncGenerator<Advisory> {
  if ((await stat(path)).isFile()) {
    yield* streamOsvZip(path, limits);
    return;
  }
  const names = (await readdir(path)).filter((n) => n.endsWith('.json')).sort();
  for (const name of names) yield fromOsvRecord(await readJsonFile(join(path, name), limits));
} // prettier-ignore

async function* streamOsvZip(path: string, limits: SbomLimits): AsyncGenerator<Advisory> {
  const max = limits.maxInputBytes ?? defaultSbomLimits.maxInputBytes;
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const entries = readZipFile(path, {
    maxEntryBytes: 16 * 1024 * 1024,
    maxTotalBytes: 4 * max,
    maxEntries: 2_000_000,
  });
  for await (const { name, data } of entries) {
    let value: unknown;
    try {
      value = JSON.parse(decoder.decode(data));
    } catch (cause) {
      throw new SbomError('SBOM_ADVISORY_INVALID', `${name} in ${path} is not JSON`, {
        cause,
        details: { path, name },
      });
    }
    yield fromOsvRecord(value);
  }
}

/** Reads a JSON file within the input limit. @internal */
export async function readJsonFile(path: string, limits: SbomLimits = {}): Promise<unknown> {
  const max = limits.maxInputBytes ?? defaultSbomLimits.maxInputBytes;
  const { size } = await stat(path);
  if (size > max)
    throw new SbomError('SBOM_TOO_LARGE', `${path} is over ${max} bytes`, {
      details: { size, max },
    });
  try {
    return JSON.parse(await readFile(path, 'utf8')) as unknown;
  } catch (cause) {
    throw new SbomError('SBOM_ADVISORY_INVALID', `${path} is not JSON`, {
      cause,
      details: { path },
    });
  }
}
