import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = dirname(fileURLToPath(import.meta.url));
const IMPORT = /(?:^|\n)\s*(?:import|export)\s+(type\s+)?(?:[^;'"]*?\s+from\s+)?'([^']+)'/g;

/** Every module an entry point loads at run time, and the `node:` built-ins among them. */
function runtimeGraph(entry: string): { modules: Set<string>; builtins: Set<string> } {
  const modules = new Set<string>();
  const builtins = new Set<string>();
  const visit = (file: string) => {
    if (modules.has(file)) return;
    modules.add(file);
    for (const [, typeOnly, specifier] of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      if (typeOnly !== undefined) continue; // erased at build time
      if (specifier!.startsWith('node:')) builtins.add(specifier!);
      else if (specifier!.startsWith('.')) visit(resolve(dirname(file), specifier!.replace(/\.js$/, '.ts')));
    }
  };
  visit(join(src, entry));
  return { modules, builtins };
} // prettier-ignore

describe('entry points', () => {
  it('the main entry loads no Node built-in, so it runs in browsers and on devices', () => {
    const { modules, builtins } = runtimeGraph('index.ts');
    expect(modules.size).toBeGreaterThan(20);
    expect([...builtins]).toEqual([]);
    expect([...modules].some((m) => m.startsWith(join(src, 'fs')))).toBe(false);
  });

  it('@cra-kit/core/node is where the file system helpers are', () => {
    const { builtins } = runtimeGraph('node.ts');
    expect([...builtins].sort()).toEqual(['node:fs/promises', 'node:path']);
  });
});
