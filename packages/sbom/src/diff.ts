import type { Bom, CdxComponent } from './model/schema.js';
import { allComponents } from './model/walk.js';
import { parsePurl } from './purl/purl.js';

/** One component in a release diff. */
export interface DiffEntry {
  readonly key: string;
  readonly name: string;
  readonly from?: string;
  readonly to?: string;
}

/** What changed between two releases' SBOMs. */
export interface SbomDiff {
  readonly added: readonly DiffEntry[];
  readonly removed: readonly DiffEntry[];
  /** Same component, other version (up or down: versions are compared as text here). */
  readonly changed: readonly DiffEntry[];
  readonly unchanged: number;
}

/** purl without version and qualifiers other than arch, else group/name: one key per component. */
function identity(c: CdxComponent): string {
  if (c.purl) {
    try {
      const p = parsePurl(c.purl);
      return `${p.type}/${p.namespace ? `${p.namespace}/` : ''}${p.name}${p.qualifiers?.arch ? `?arch=${p.qualifiers.arch}` : ''}`;
    } catch {
      // An unreadable purl still identifies the component by name below.
    }
  }
  return `${c.group ? `${c.group}/` : ''}${c.name}`;
}

/**
 * Compares the components of two SBOMs (e.g. two firmware releases): added, removed, and those
 * whose version changed, matched by purl without version (else group and name).
 *
 * @example
 * ```ts
 * const { added, removed, changed } = diffSboms(previous, current);
 * ```
 */
export function diffSboms(before: Bom, after: Bom): SbomDiff {
  const index = (bom: Bom) => new Map(allComponents(bom).map(({ component: c }) => [identity(c), c]));
  const a = index(before);
  const b = index(after);
  const added: DiffEntry[] = [];
  const removed: DiffEntry[] = [];
  const changed: DiffEntry[] = [];
  let unchanged = 0;
  for (const [key, c] of b) {
    const old = a.get(key);
    if (old === undefined) added.push({ key, name: c.name, ...(c.version ? { to: c.version } : {}) });
    else if (old.version !== c.version) changed.push({ key, name: c.name, ...(old.version ? { from: old.version } : {}), ...(c.version ? { to: c.version } : {}) });
    else unchanged++;
  }
  for (const [key, c] of a) if (!b.has(key)) removed.push({ key, name: c.name, ...(c.version ? { from: c.version } : {}) });
  const byKey = (x: DiffEntry, y: DiffEntry) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0);
  return { added: added.sort(byKey), removed: removed.sort(byKey), changed: changed.sort(byKey), unchanged };
} // prettier-ignore
