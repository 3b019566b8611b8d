import { IsoDateSchema, TextSchema } from '@cra-kit/core';
import { z } from 'zod';
import { toUtcDate } from '../dates/calendar.js';

/**
 * The CycloneDX component property that carries the end of a component's security support, as
 * an ISO date (cra-kit's own property namespace; CycloneDX has no standard field for it yet).
 */
export const COMPONENT_SUPPORT_END_PROPERTY = 'cra-kit:support:end';

const PropertySchema = z.object({ name: z.string(), value: z.string().optional() });
const ComponentSchema = z.object({
  name: TextSchema,
  version: z.string().optional(),
  'bom-ref': z.string().optional(),
  properties: z.array(PropertySchema).optional(),
});

/** The part of a CycloneDX JSON SBOM this package reads: components and their properties. */
export const SbomSupportInputSchema = z.object({
  bomFormat: z.literal('CycloneDX'),
  components: z.array(ComponentSchema).max(100_000).default([]),
});

/** A third-party component and the end of its security support, as the SBOM states it. */
export interface ComponentSupport {
  readonly component: string;
  readonly supportEnd: Date;
}

/**
 * Reads the support end of every component that states one. Components without the property are
 * skipped (nothing is known); a property that is not a date is skipped too, since the SBOM is
 * evidence for a warning, not a hard rule.
 */
export function componentSupportFrom(
  sbom: z.infer<typeof SbomSupportInputSchema>,
): ComponentSupport[] {
  const out: ComponentSupport[] = [];
  for (const c of sbom.components) {
    const value = c.properties?.find((p) => p.name === COMPONENT_SUPPORT_END_PROPERTY)?.value;
    // A value that is not a date is no evidence either way: skip it.
    if (value === undefined || !IsoDateSchema.safeParse(value).success) continue;
    const supportEnd = toUtcDate(value);
    out.push({
      component: c.version === undefined ? c.name : `${c.name}@${c.version}`,
      supportEnd,
    });
  }
  return out;
}
