import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { SbomError } from '../errors.js';
import type { SbomLimits } from '../limits.js';
import type { OsvEvent, OsvRange } from '../version/osv-range.js';
import type { VersionScheme } from '../version/scheme.js';
import type { Advisory, AffectedPackage } from './advisory.js';
import { readJsonFile } from './osv.js';

const Version = z.looseObject({
  version: z.string(),
  status: z.enum(['affected', 'unaffected', 'unknown']),
  versionType: z.string().optional(),
  lessThan: z.string().optional(),
  lessThanOrEqual: z.string().optional(),
});
const Affected = z.looseObject({
  vendor: z.string().optional(),
  product: z.string().optional(),
  packageName: z.string().optional(),
  cpes: z.array(z.string()).optional(),
  defaultStatus: z.enum(['affected', 'unaffected', 'unknown']).optional(),
  versions: z.array(Version).optional(),
});
const CveSchema = z.looseObject({
  dataType: z.literal('CVE_RECORD'),
  cveMetadata: z.looseObject({ cveId: z.string().regex(/^CVE-\d{4}-\d{4,}$/), state: z.string() }),
  containers: z.looseObject({
    cna: z
      .looseObject({ title: z.string().optional(), affected: z.array(Affected).optional() })
      .optional(),
    adp: z.array(z.looseObject({ affected: z.array(Affected).optional() })).optional(),
  }),
});

const schemeOf = (t: string | undefined): VersionScheme =>
  t === 'semver'
    ? 'semver'
    : t === 'rpm'
      ? 'rpm'
      : t === 'deb' || t === 'debian'
        ? 'deb'
        : 'generic';

/** CPE 2.2 URI or 2.3 formatted string → `vendor:product`. */
export function cpeVendorProduct(cpe: string): string | undefined {
  const parts = cpe.startsWith('cpe:2.3:')
    ? cpe.split(':').slice(3, 5)
    : cpe
        .replace(/^cpe:\//, '')
        .split(':')
        .slice(1, 3);
  return parts.length === 2 && parts.every((p) => p !== '' && p !== '*' && p !== '-')
    ? parts.join(':').toLowerCase()
    : undefined;
}

/**
 * Normalises a CVE JSON 5 record: each `affected` entry of the CNA and ADP containers becomes a
 * package keyed by its CPEs, its `packageName` (or product), with `version`/`lessThan`/
 * `lessThanOrEqual` turned into ranges. `unaffected … lessThan "*"` under `defaultStatus:
 * affected` reads as "fixed in". Rejected records give no packages.
 * @throws {SbomError} SBOM_ADVISORY_INVALID
 */
export function fromCveRecord(value: unknown): Advisory {
  const parsed = CveSchema.safeParse(value);
  if (!parsed.success) throw new SbomError('SBOM_ADVISORY_INVALID', 'not a CVE JSON 5 record', { cause: parsed.error });
  const r = parsed.data;
  const entries = r.cveMetadata.state === 'REJECTED' ? [] : [...(r.containers.cna?.affected ?? []), ...(r.containers.adp ?? []).flatMap((a) => a.affected ?? [])];
  const affected: AffectedPackage[] = [];
  for (const e of entries) {
    const versions = e.versions ?? [];
    const scheme = schemeOf(versions[0]?.versionType);
    const ranges: OsvRange[] = [];
    const exact: string[] = [];
    for (const v of versions) {
      if (v.status === 'affected') {
        if (v.lessThan !== undefined && v.lessThan !== '*') ranges.push({ type: 'ECOSYSTEM', events: [{ introduced: v.version }, { fixed: v.lessThan }] });
        else if (v.lessThanOrEqual !== undefined && v.lessThanOrEqual !== '*') ranges.push({ type: 'ECOSYSTEM', events: [{ introduced: v.version }, { last_affected: v.lessThanOrEqual }] });
        else if (v.lessThan === '*' || v.lessThanOrEqual === '*') ranges.push({ type: 'ECOSYSTEM', events: [{ introduced: v.version }] });
        else exact.push(v.version);
      } else if (v.status === 'unaffected' && e.defaultStatus === 'affected' && (v.lessThan === '*' || v.lessThanOrEqual === '*')) {
        const events: OsvEvent[] = [{ introduced: '0' }, { fixed: v.version.replace(/^0:/, '') }];
        ranges.push({ type: 'ECOSYSTEM', events });
      }
    }
    if (ranges.length === 0 && exact.length === 0) continue;
    const base = { scheme, ranges, versions: exact };
    for (const cpe of e.cpes ?? []) {
      const vp = cpeVendorProduct(cpe);
      if (vp !== undefined && !/enterprise_linux|rhel_eus|rhev/.test(vp)) affected.push({ key: `cpe/${vp}`, identifier: 'cpe', ...base });
    }
    const name = e.packageName ?? e.product;
    if (name && name !== 'n/a') affected.push({ key: `name/${name.toLowerCase()}`, identifier: 'name', ...base });
  }
  return { id: r.cveMetadata.cveId, aliases: [], source: 'cve', ...(r.containers.cna?.title ? { summary: r.containers.cna.title } : {}), affected };
} // prettier-ignore

/** Reads every `*.json` CVE JSON 5 record in a directory. */
export async function readCveDirectory(dir: string, limits: SbomLimits = {}): Promise<Advisory[]> {
  const names = (await readdir(dir)).filter((n) => n.endsWith('.json')).sort();
  const out: Advisory[] = [];
  for (const name of names) out.push(fromCveRecord(await readJsonFile(join(dir, name), limits)));
  return out;
}
