/**
 * `uniqueItems` in linear time. ajv (through fast-deep-equal) compares arrays of objects pair by
 * pair, which is quadratic: 10,000 components took 20–58 s. Two JSON values are deep-equal
 * exactly when their canonical serialisations (object keys sorted) are equal, so one pass with a
 * set of serialisations decides the same question.
 */

/** The JSON text of a value with every object's keys sorted: equal values, equal text. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record).sort();
    return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(record[k])}`).join(',')}}`;
  }
  // undefined is not JSON, but a hand-built value may hold it; JSON.stringify gives nothing.
  return value === undefined ? 'null' : JSON.stringify(value);
}

/**
 * The indices `[first, second]` of the first pair of deep-equal items, or `undefined` when every
 * item is distinct. Primitives skip serialisation; objects are serialised once each.
 * @internal
 */
export function firstDuplicate(items: readonly unknown[]): [number, number] | undefined {
  const seen = new Map<unknown, number>();
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    const key = typeof item === 'object' && item !== null ? `o${canonicalJson(item)}` : item;
    const earlier = seen.get(key);
    if (earlier !== undefined) return [earlier, i];
    seen.set(key, i);
  }
  return undefined;
}
