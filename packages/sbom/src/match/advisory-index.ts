import type { Advisory, AffectedPackage } from './advisory.js';

/** One affected package of an advisory, as the index hands it out. */
export interface IndexedPackage {
  readonly advisory: Advisory;
  readonly affected: AffectedPackage;
}

/**
 * Advisories indexed once by lookup key (purl type and name, `cpe/vendor:product`,
 * `name/<name>`), so a scan costs one lookup per component identifier, not components ×
 * advisories. Fill it while streaming advisory files ({@link streamOsvAdvisories}), so the raw
 * records are never all in memory, and reuse it for several SBOMs.
 *
 * @example
 * ```ts
 * const index = new AdvisoryIndex();
 * for await (const a of streamOsvAdvisories('osv/')) index.add(a);
 * const matches = matchSbom(bom, { advisories: index });
 * ```
 */
export class AdvisoryIndex {
  readonly #byKey = new Map<string, IndexedPackage[]>();
  #advisories = 0;

  /** Builds an index from advisories already in memory. */
  static of(advisories: Iterable<Advisory>): AdvisoryIndex {
    const index = new AdvisoryIndex();
    for (const advisory of advisories) index.add(advisory);
    return index;
  }

  /** Adds one advisory under the key of each package it affects. */
  add(advisory: Advisory): void {
    this.#advisories++;
    for (const affected of advisory.affected) {
      const list = this.#byKey.get(affected.key);
      if (list) list.push({ advisory, affected });
      else this.#byKey.set(affected.key, [{ advisory, affected }]);
    }
  }

  /** The affected packages filed under a key, in the order they were added. */
  lookup(key: string): readonly IndexedPackage[] {
    return this.#byKey.get(key) ?? [];
  }

  /** How many advisories were added. */
  get size(): number {
    return this.#advisories;
  }
}
