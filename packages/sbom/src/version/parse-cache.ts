/**
 * Memoises a version parser: a scan compares the same few thousand version strings millions of
 * times, so each distinct string is parsed once. Bounded: the cache starts over once it holds
 * `max` entries, so hostile input cannot grow it without limit. Failures are not cached (they
 * throw, and are rare). Parsed values are frozen because they are shared.
 * @internal
 */
export function cachedParser<T extends object>(
  parse: (version: string) => T,
  max = 100_000,
): (version: string) => T {
  const cache = new Map<string, T>();
  return (version) => {
    let parsed = cache.get(version);
    if (parsed === undefined) {
      parsed = Object.freeze(parse(version));
      if (cache.size >= max) cache.clear();
      cache.set(version, parsed);
    }
    return parsed;
  };
}
