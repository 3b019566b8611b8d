import { CoreError } from '../errors/core-error.js';
import { ANNEX_I_PART_I_REQUIREMENTS, ANNEX_I_PART_II_REQUIREMENTS } from './annex-i.js';
import { ANNEX_II_REQUIREMENTS } from './annex-ii.js';
import { ANNEX_V_REQUIREMENTS, ANNEX_VI_REQUIREMENTS } from './annex-v-vi.js';
import { ANNEX_VII_REQUIREMENTS } from './annex-vii.js';
import { ARTICLE_13_REQUIREMENTS, ARTICLE_14_REQUIREMENTS } from './articles.js';
import { packageEvidenceFor } from './package-evidence.js';
import type { Requirement, RequirementSource } from './requirement-schema.js';

/**
 * Criteria for {@link listRequirements}. Every criterion given must match; omitted ones match
 * everything.
 */
export interface RequirementFilter {
  /** Only entries from this article or annex. */
  readonly source?: RequirementSource;
  /** Only children of this entry; `null` for top-level entries only (those without a parent). */
  readonly parent?: string | null;
  /** Only entries with evidence from this npm package, e.g. `@cra-kit/core`. */
  readonly provider?: string;
  /** Only entries with evidence of this capability, e.g. `product-profile`. */
  readonly capability?: string;
  /** Only entries that already apply at this instant (an entry applies from 00:00 UTC of its date). */
  readonly appliesOn?: Date;
}

/**
 * The whole CRA requirement catalogue in catalogue order: Annex I Part I, Annex I Part II,
 * Annexes II, V, VI and VII, then Articles 13 and 14. Deeply frozen.
 */
export const REQUIREMENTS: readonly Requirement[] = Object.freeze(
  [
    ...ANNEX_I_PART_I_REQUIREMENTS,
    ...ANNEX_I_PART_II_REQUIREMENTS,
    ...ANNEX_II_REQUIREMENTS,
    ...ANNEX_V_REQUIREMENTS,
    ...ANNEX_VI_REQUIREMENTS,
    ...ANNEX_VII_REQUIREMENTS,
    ...ARTICLE_13_REQUIREMENTS,
    ...ARTICLE_14_REQUIREMENTS,
  ].map((r) =>
    Object.freeze({
      ...r,
      evidence: Object.freeze(
        [...r.evidence, ...packageEvidenceFor(r.id)].map((e) => Object.freeze({ ...e })),
      ),
    }),
  ),
);

const BY_ID: ReadonlyMap<string, Requirement> = new Map(REQUIREMENTS.map((r) => [r.id, r]));

/**
 * True if the catalogue has an entry with this id.
 *
 * @param id - A requirement id such as `annex-i.part-1.2.c`.
 * @returns Whether {@link getRequirement} would return an entry for it.
 */
export function hasRequirement(id: string): boolean {
  return BY_ID.has(id);
}

/**
 * The catalogue entry with this id.
 *
 * @param id - A requirement id such as `annex-i.part-1.2.c` or `art-14.2.a`.
 * @returns The frozen entry.
 * @throws {CoreError} `CORE_UNKNOWN_REQUIREMENT` if the catalogue has no such id.
 * @example
 * ```ts
 * getRequirement('art-14.2.a').summary; // 24-hour early warning of an exploited vulnerability
 * ```
 */
export function getRequirement(id: string): Requirement {
  const requirement = BY_ID.get(id);
  if (requirement === undefined) {
    throw new CoreError(
      'CORE_UNKNOWN_REQUIREMENT',
      `No CRA requirement with id ${JSON.stringify(id)} in the catalogue`,
      { details: { id } },
    );
  }
  return requirement;
}

/**
 * The direct children of an entry, in catalogue order (e.g. `annex-ii.8.a` … `annex-ii.8.f`
 * for `annex-ii.8`); empty for an entry without children.
 *
 * @param id - The id of the parent entry.
 * @returns The entries whose `parent` is `id`.
 * @throws {CoreError} `CORE_UNKNOWN_REQUIREMENT` if the catalogue has no such id.
 */
export function requirementChildren(id: string): readonly Requirement[] {
  getRequirement(id);
  return REQUIREMENTS.filter((r) => r.parent === id);
}

/**
 * The catalogue entries matching a filter, in catalogue order.
 *
 * `provider` and `capability` together must match the same evidence item. `appliesOn` keeps
 * entries whose `appliesFrom` day has begun (00:00 UTC) at the given instant.
 *
 * @param filter - Criteria; omit to list every entry.
 * @returns A new array of the matching (frozen) entries.
 * @throws {CoreError} `CORE_UNKNOWN_REQUIREMENT` if `filter.parent` is an unknown id.
 * @throws {RangeError} If `filter.appliesOn` is an invalid `Date`.
 * @example
 * ```ts
 * // Everything that applies on the day Article 14 reporting starts:
 * listRequirements({ appliesOn: new Date('2026-09-11T00:00:00Z') }); // the Art. 14 entries
 * listRequirements({ source: 'annex-ii', parent: null }); // Annex II points 1–9
 * ```
 */
export function listRequirements(filter: RequirementFilter = {}): readonly Requirement[] {
  const { source, parent, provider, capability, appliesOn } = filter;
  if (typeof parent === 'string') getRequirement(parent);
  const at = appliesOn === undefined ? undefined : timeOf(appliesOn);
  const byEvidence = provider !== undefined || capability !== undefined;
  return REQUIREMENTS.filter(
    (r) =>
      (source === undefined || r.source === source) &&
      (parent === undefined || (r.parent ?? null) === parent) &&
      (!byEvidence ||
        r.evidence.some(
          (e) =>
            (provider === undefined || e.provider === provider) &&
            (capability === undefined || e.capability === capability),
        )) &&
      (at === undefined || Date.parse(`${r.appliesFrom}T00:00:00Z`) <= at),
  );
}

/** The epoch milliseconds of a valid `Date`. */
function timeOf(date: Date): number {
  const time = date.getTime();
  if (Number.isNaN(time)) throw new RangeError('appliesOn must be a valid Date');
  return time;
}
