import { SbomError } from '../errors.js';
import { SOURCE_PROPERTY } from '../generate/to-cyclonedx.js';
import type { Bom } from '../model/schema.js';
import { allComponents } from '../model/walk.js';
import { BOM_TESTS, COMPONENT_TESTS, type CheckContext } from './field-checks.js';
import { CONFORMANCE_PROFILES, type ConformanceProfile } from './profiles.js';

/** One thing a profile asks for that the SBOM lacks (or, at level `info`, a fact worth knowing). */
export interface Finding {
  readonly rule: string;
  readonly level: 'error' | 'warning' | 'info';
  readonly clause: string;
  /** JSON path of the element the finding is about, e.g. `$.components[12]`. */
  readonly path: string;
  /** `bom-ref` and `name@version` of the component, for component findings. */
  readonly ref?: string;
  readonly component?: string;
  /** The ingest inputs that listed the component: the ones to complete. */
  readonly inputs?: readonly string[];
  readonly fix: string;
}

/** The outcome of {@link checkSbom}. */
export interface CheckResult {
  readonly profile: string;
  /** True when no `required` rule failed. */
  readonly passed: boolean;
  readonly findings: readonly Finding[];
  readonly summary: {
    readonly components: number;
    readonly errors: number;
    readonly warnings: number;
  };
}

/**
 * Checks an SBOM against a conformance profile (`cra-minimum`, `bsi-tr-03183-2@2.1`,
 * `bsi-tr-03183-2@2.0`, `ntia-2021`, `cisa-2026`, or your own {@link ConformanceProfile}). Every
 * finding names its rule, clause, JSON path and a fix; component findings also name the inputs to
 * complete. Dependency cycles are reported at level `info`.
 *
 * @throws {SbomError} SBOM_PROFILE_UNKNOWN
 * @example
 * ```ts
 * const { passed, findings } = checkSbom(bom, 'bsi-tr-03183-2@2.1');
 * ```
 */
export function checkSbom(bom: Bom, profile: string | ConformanceProfile): CheckResult {
  const p = typeof profile === 'string' ? CONFORMANCE_PROFILES[profile] : profile;
  if (p === undefined) {
    throw new SbomError('SBOM_PROFILE_UNKNOWN', `unknown conformance profile "${typeof profile === 'string' ? profile : profile.id}"`, {
      details: { known: Object.keys(CONFORMANCE_PROFILES) },
    });
  }
  const ctx: CheckContext = { refsInGraph: new Set((bom.dependencies ?? []).flatMap((d) => [d.ref, ...(d.dependsOn ?? [])])) };
  const root = bom.metadata?.component?.['bom-ref'];
  const topLevel = new Set(bom.dependencies?.find((d) => d.ref === root)?.dependsOn ?? []);
  const components = allComponents(bom);
  const findings: Finding[] = [];
  for (const rule of p.rules) {
    const level = rule.level === 'required' ? 'error' : 'warning';
    if (rule.test.scope === 'bom') {
      if (!BOM_TESTS[rule.test.id](bom)) findings.push({ rule: rule.id, level, clause: rule.clause, path: '$', fix: rule.fix });
      continue;
    }
    const test = COMPONENT_TESTS[rule.test.id];
    for (const { component: c, path } of components) {
      if (rule.components === 'top-level' && !topLevel.has(c['bom-ref'] ?? '')) continue;
      if (test(c, ctx)) continue;
      const inputs = (c.properties ?? []).flatMap((x) => (x.name === SOURCE_PROPERTY && x.value ? [x.value] : []));
      findings.push({
        rule: rule.id, level, clause: rule.clause, path,
        ...(c['bom-ref'] ? { ref: c['bom-ref'] } : {}),
        component: `${c.name}@${c.version ?? ''}`,
        ...(inputs.length > 0 ? { inputs } : {}),
        fix: rule.fix,
      }); // prettier-ignore
    }
  }
  for (const cycle of dependencyCycles(bom)) {
    findings.push({ rule: 'graph.cycle', level: 'info', clause: 'dependency graph', path: '$.dependencies', ref: cycle.join(' → '), fix: 'cycles are allowed; check they are intended' });
  }
  const errors = findings.filter((f) => f.level === 'error').length;
  const warnings = findings.filter((f) => f.level === 'warning').length;
  return { profile: p.id, passed: errors === 0, findings, summary: { components: components.length, errors, warnings } };
} // prettier-ignore

/** Groups component findings by component: the exact missing fields of each. */
export function missingFieldsByComponent(result: CheckResult): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const f of result.findings) {
    if (f.component === undefined || f.level === 'info') continue;
    out.set(f.component, [...(out.get(f.component) ?? []), f.rule]);
  }
  return out;
}

/** Finds dependency cycles (iterative DFS; each cycle reported once by its entry point). */
export function dependencyCycles(bom: Pick<Bom, 'dependencies'>, max = 50): string[][] {
  const graph = new Map((bom.dependencies ?? []).map((d) => [d.ref, d.dependsOn ?? []]));
  const state = new Map<string, 1 | 2>();
  const cycles: string[][] = [];
  for (const start of graph.keys()) {
    if (state.has(start)) continue;
    const stack: { ref: string; next: number }[] = [{ ref: start, next: 0 }];
    const onPath: string[] = [start];
    state.set(start, 1);
    for (let top = stack.at(-1); top !== undefined && cycles.length < max; top = stack.at(-1)) {
      const children = graph.get(top.ref) ?? [];
      const child = children[top.next++];
      if (child === undefined) {
        state.set(top.ref, 2);
        stack.pop();
        onPath.pop();
        continue;
      }
      const s = state.get(child);
      if (s === 1) cycles.push([...onPath.slice(onPath.indexOf(child)), child]);
      else if (s === undefined) {
        state.set(child, 1);
        stack.push({ ref: child, next: 0 });
        onPath.push(child);
      }
    }
  }
  return cycles;
}
