import type { Bom } from './schema.js';

/** Keys written first, in this order; every other key follows in code-point order. */
const KEY_ORDER = [
  '$schema', 'bomFormat', 'specVersion', 'serialNumber', 'version', 'metadata',
  'bom-ref', 'ref', 'type', 'supplier', 'manufacturer', 'authors', 'group', 'name', 'version',
  'description', 'scope', 'hashes', 'licenses', 'copyright', 'cpe', 'purl', 'swid',
] as const; // prettier-ignore
const RANK = new Map<string, number>(KEY_ORDER.map((k, i) => [k, i]));

/** Arrays whose order carries no meaning in CycloneDX, keyed by property name. */
const SORT_KEYS: Readonly<Record<string, (v: Record<string, unknown>) => string>> = {
  components: (c) =>
    `${str(c['bom-ref'])}\u0000${str(c.purl)}\u0000${str(c.name)}\u0000${str(c.version)}`,
  services: (s) => `${str(s['bom-ref'])}\u0000${str(s.name)}`,
  dependencies: (d) => str(d.ref),
  hashes: (h) => `${str(h.alg)}\u0000${str(h.content)}`,
  properties: (p) => `${str(p.name)}\u0000${str(p.value)}`,
  externalReferences: (e) => `${str(e.type)}\u0000${str(e.url)}`,
  vulnerabilities: (v) => `${str(v.id)}\u0000${str(v['bom-ref'])}`,
  affects: (a) => str(a.ref),
};
/** Arrays of strings that are sets (`dependsOn`, composition members). */
const STRING_SETS = new Set([
  'dependsOn',
  'provides',
  'assemblies',
  'dependencies',
  'vulnerabilities',
]);

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const compareKeys = (a: string, b: string) =>
  (RANK.get(a) ?? KEY_ORDER.length) - (RANK.get(b) ?? KEY_ORDER.length) ||
  (a < b ? -1 : a > b ? 1 : 0);

/** Options of {@link serializeBom}. */
export interface SerializeOptions {
  /** Sort unordered collections and keys so equal BOMs give equal bytes (default true). */
  readonly canonical?: boolean;
  /** Indentation; 0 gives one line (default 2). */
  readonly indent?: number;
}

/**
 * Writes a BOM as JSON text. By default the output is canonical: keys in a fixed order, and the
 * collections CycloneDX treats as unordered (components, dependencies, hashes, properties…)
 * sorted, so two builds of the same firmware give the same bytes apart from `serialNumber` and
 * `metadata.timestamp`. Every field of the input is kept.
 *
 * @example
 * ```ts
 * await writeFile('sbom.cdx.json', serializeBom(bom));
 * ```
 */
export function serializeBom(bom: Bom, options: SerializeOptions = {}): string {
  const value = options.canonical === false ? bom : canonicalize(bom, undefined);
  return `${JSON.stringify(value, null, options.indent ?? 2)}\n`;
}

function canonicalize(value: unknown, key: string | undefined): unknown {
  if (Array.isArray(value)) {
    const items = value.map((v) => canonicalize(v, undefined));
    const strings = items.filter((v): v is string => typeof v === 'string');
    if (key !== undefined && STRING_SETS.has(key) && strings.length === items.length) {
      return [...new Set(strings)].sort();
    }
    const sortKey = key === undefined ? undefined : SORT_KEYS[key];
    if (sortKey !== undefined && items.every(isRecord)) {
      return items
        .map((item) => ({ item, k: sortKey(item) }))
        .sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0))
        .map(({ item }) => item);
    }
    return items;
  }
  if (!isRecord(value)) return value;
  // A null prototype, so a `__proto__` key from the input stays data.
  const out = Object.create(null) as Record<string, unknown>;
  for (const k of Object.keys(value).sort(compareKeys)) out[k] = canonicalize(value[k], k);
  return out;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
