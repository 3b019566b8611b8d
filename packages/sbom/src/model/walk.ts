import type { Bom, CdxComponent } from './schema.js';

/** A component found in a BOM, with the JSON path where it sits. */
export interface LocatedComponent {
  readonly component: CdxComponent;
  /** JSON path such as `$.components[3].components[0]`. */
  readonly path: string;
}

/**
 * Lists every component of `bom`, nested ones included, in document order, without recursion
 * (a hostile document cannot exhaust the stack). `metadata.component` is not included.
 */
export function allComponents(bom: Pick<Bom, 'components'>): LocatedComponent[] {
  const out: LocatedComponent[] = [];
  const stack: LocatedComponent[][] = [];
  const push = (list: readonly CdxComponent[] | undefined, base: string) => {
    if (list !== undefined && list.length > 0) {
      stack.push(list.map((component, i) => ({ component, path: `${base}[${i}]` })).reverse());
    }
  };
  push(bom.components, '$.components');
  for (let level = stack.at(-1); level !== undefined; level = stack.at(-1)) {
    const next = level.pop();
    if (next === undefined) {
      stack.pop();
      continue;
    }
    out.push(next);
    push(next.component.components, `${next.path}.components`);
  }
  return out;
}
