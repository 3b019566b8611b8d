import type { IngestedComponent, IngestResult } from '../ingest/ingested.js';

/** A component after merging every input that describes it. */
export interface MergedComponent extends IngestedComponent {
  /** The inputs (`<kind>:<path>`) that listed it. */
  readonly sources: readonly string[];
}

/**
 * Merges the components of several inputs into one list: two entries are one component when
 * they share a purl, else a CPE, else a SHA-512/SHA-256 hash (in that order of trust); within
 * one input, also when name and version agree. Missing fields are filled from the other entry;
 * licences and dependencies are united.
 */
export function mergeComponents(inputs: readonly IngestResult[]): MergedComponent[] {
  const merged: { c: IngestedComponent; sources: Set<string> }[] = [];
  const index = new Map<string, number>();
  for (const input of inputs) {
    for (const c of input.components) {
      const keys = [
        c.purl && `purl:${c.purl}`,
        c.cpe && `cpe:${c.cpe}`,
        c.sha512 && `sha512:${c.sha512}`,
        c.sha256 && `sha256:${c.sha256}`,
        `nv:${input.source}\u0000${c.name}\u0000${c.version ?? ''}`,
      ].filter((k): k is string => typeof k === 'string' && k !== '');
      const hit = keys.map((k) => index.get(k)).find((i) => i !== undefined);
      if (hit === undefined) {
        merged.push({ c: { ...c }, sources: new Set([input.source]) });
        for (const k of keys) index.set(k, merged.length - 1);
        continue;
      }
      const target = merged[hit];
      if (target === undefined) continue;
      target.c = combine(target.c, c);
      target.sources.add(input.source);
      for (const k of keys) if (!index.has(k)) index.set(k, hit);
    }
  }
  return merged.map(({ c, sources }) => ({ ...c, sources: [...sources].sort() }));
}

function combine(a: IngestedComponent, b: IngestedComponent): IngestedComponent {
  const out: Record<string, unknown> = { ...b, ...definedOnly(a) };
  out.licenses = [...new Set([...a.licenses, ...b.licenses])];
  out.dependsOn = [...new Set([...a.dependsOn, ...b.dependsOn])];
  out.topLevel = a.topLevel || b.topLevel;
  return out as IngestedComponent;
}

const definedOnly = (o: object) =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
