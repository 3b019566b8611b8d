import {
  secureRandom,
  systemClock,
  type Clock,
  type ProductProfile,
  type RandomSource,
} from '@cra-kit/core';
import type { IngestResult } from '../ingest/ingested.js';
import type { Bom, CdxComponent, Dependency } from '../model/schema.js';
import { uuidV4 } from '../internal/uuid.js';
import { mergeComponents, type MergedComponent } from './merge.js';
import { toCdxComponent } from './to-cyclonedx.js';

declare const __VERSION__: string;

/** The `bom-ref` of the product itself (`metadata.component`). */
export const PRODUCT_REF = 'product';

/** Options of {@link generateSbom}. */
export interface GenerateOptions {
  /** What the ingest readers produced (see `readInput`). */
  readonly inputs: readonly IngestResult[];
  /** The product profile: manufacturer and product become the BOM's metadata. */
  readonly product?: ProductProfile;
  /** The firmware version this SBOM describes. */
  readonly productVersion?: string;
  /** What the inputs cover: `complete` only when you know nothing is missing. Default `unknown`. */
  readonly completeness?: 'complete' | 'incomplete' | 'unknown';
  /** CycloneDX lifecycle phase. Default `build`. */
  readonly lifecycle?: 'design' | 'pre-build' | 'build' | 'post-build' | 'operations';
  readonly clock?: Clock;
  readonly random?: RandomSource;
}

/**
 * Builds a CycloneDX 1.6 SBOM from ingest inputs: merges them (purl → CPE → hash), gives each
 * component a stable `bom-ref` (its purl, else CPE, else name@version), resolves dependencies by
 * name, and links the product to its top-level components. Serialize with `serializeBom` for
 * deterministic bytes.
 *
 * @example
 * ```ts
 * const input = await readInput('dpkg-status', '/rootfs/var/lib/dpkg/status');
 * const bom = generateSbom({ inputs: [input], product: profile, productVersion: '2.4.1' });
 * ```
 */
export function generateSbom(options: GenerateOptions): Bom {
  const entries = withRefs(mergeComponents(options.inputs));
  const byName = new Map<string, string[]>();
  for (const { c, ref } of entries) byName.set(c.name, [...(byName.get(c.name) ?? []), ref]);
  const components: CdxComponent[] = entries.map(({ c, ref }) => toCdxComponent(c, ref));
  const dependencies: Dependency[] = entries.map(({ c, ref }) => ({
    ref,
    dependsOn: [...new Set(c.dependsOn.flatMap((n) => byName.get(n) ?? []))].filter((r) => r !== ref),
  }));
  const depended = new Set(dependencies.flatMap((d) => d.dependsOn ?? []));
  const flagged = entries.some(({ c }) => c.topLevel);
  // Top level: what an input marks so; failing that, every component nothing else depends on,
  // so each component is reachable from the product.
  const topLevel = entries.filter(({ c, ref }) => (flagged ? c.topLevel : !depended.has(ref))).map(({ ref }) => ref);
  const now = (options.clock ?? systemClock).now();
  const profile = options.product;
  const manufacturer = profile
    ? {
        name: profile.manufacturer.name,
        ...(profile.manufacturer.website ? { url: [profile.manufacturer.website] } : {}),
        ...(profile.manufacturer.email ? { contact: [{ email: profile.manufacturer.email }] } : {}),
      }
    : undefined;
  return {
    bomFormat: 'CycloneDX',
    specVersion: '1.6',
    serialNumber: `urn:uuid:${uuidV4(options.random ?? secureRandom)}`,
    version: 1,
    metadata: {
      timestamp: `${now.toISOString().slice(0, 19)}Z`,
      lifecycles: [{ phase: options.lifecycle ?? 'build' }],
      tools: { components: [{ type: 'application', group: '@cra-kit', name: 'sbom', version: typeof __VERSION__ === 'string' ? __VERSION__ : '0.0.0-dev' }] },
      component: {
        'bom-ref': PRODUCT_REF,
        type: 'firmware',
        name: profile ? `${profile.product.name} firmware` : 'firmware',
        ...(options.productVersion ? { version: options.productVersion } : {}),
        ...(manufacturer ? { manufacturer, supplier: manufacturer } : {}),
      },
      ...(manufacturer ? { manufacturer, supplier: manufacturer } : {}),
    },
    components,
    dependencies: [{ ref: PRODUCT_REF, dependsOn: topLevel }, ...dependencies],
    compositions: [{ aggregate: options.completeness ?? 'unknown', assemblies: [PRODUCT_REF], dependencies: [PRODUCT_REF] }],
  };
} // prettier-ignore

function withRefs(components: readonly MergedComponent[]): { c: MergedComponent; ref: string }[] {
  const used = new Set<string>([PRODUCT_REF]);
  return components.map((c) => {
    const base = c.purl ?? c.cpe ?? `component:${c.name}@${c.version ?? ''}`;
    let ref = base;
    for (let n = 2; used.has(ref); n++) ref = `${base}#${n}`;
    used.add(ref);
    return { c, ref };
  });
}
