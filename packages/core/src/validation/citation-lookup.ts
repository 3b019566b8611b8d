import type { z } from 'zod';
import { citationOf } from '../schemas/citation.js';

type Def = {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  element?: z.ZodType;
  in?: z.ZodType;
  valueType?: z.ZodType;
  options?: z.ZodType[];
};

const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** Wrappers that do not change the path: optional, default, pipe, … */
function unwrap(schema: z.ZodType): z.ZodType | undefined {
  const def = defOf(schema);
  return def.innerType ?? (def.type === 'pipe' ? def.in : undefined);
}

/** The schema one path step below `schema`, or undefined when the step leaves the schema. */
function child(schema: z.ZodType, step: string | number): z.ZodType | undefined {
  const def = defOf(schema);
  switch (def.type) {
    case 'object':
      // Own keys only: an input key such as `constructor` must not find Object.prototype's.
      return typeof step === 'string' && def.shape !== undefined && Object.hasOwn(def.shape, step)
        ? def.shape[step]
        : undefined;
    case 'array':
      return def.element;
    case 'record':
      return def.valueType;
    case 'union':
      return def.options?.map((o) => child(o, step)).find((c) => c !== undefined);
    default: {
      const inner = unwrap(schema);
      return inner === undefined ? undefined : child(inner, step);
    }
  }
}

function citationThroughWrappers(schema: z.ZodType): string | undefined {
  for (let s: z.ZodType | undefined = schema; s !== undefined; s = unwrap(s)) {
    const c = citationOf(s);
    if (c !== undefined) return c;
  }
  return undefined;
}

/**
 * The citation of the deepest schema along `path` that carries one: a missing e-mail under
 * `manufacturer.securityContact` is cited with the security contact's article.
 * @internal
 */
export function citationAt(root: z.ZodType, path: readonly PropertyKey[]): string | undefined {
  let found = citationThroughWrappers(root);
  let current: z.ZodType | undefined = root;
  for (const step of path) {
    if (typeof step === 'symbol') break;
    current = child(current, step);
    if (current === undefined) break;
    found = citationThroughWrappers(current) ?? found;
  }
  return found;
}
