import { open } from 'node:fs/promises';
import { join } from 'node:path';

const MAX_COPYRIGHT_BYTES = 1024 * 1024;

/**
 * The licences a machine-readable Debian `copyright` file (DEP-5) declares: the first line of
 * every `License:` field, in order, without duplicates. Files in another format give none (we
 * do not guess licences from free text).
 */
export function dep5Licenses(text: string): string[] {
  if (!/^Format:\s*\S*copyright-format/m.test(text)) return [];
  const out = new Set<string>();
  for (const m of text.matchAll(/^License:[ \t]*([^\n]+)$/gm)) {
    const name = (m[1] ?? '').trim();
    if (name !== '') out.add(name);
  }
  return [...out];
}

/**
 * Reads `<root>/usr/share/doc/<package>/copyright` and returns its DEP-5 licences, or none when
 * the file is missing, too large or not machine-readable.
 */
export async function debianPackageLicenses(root: string, pkg: string): Promise<string[]> {
  if (!/^[a-z0-9][a-z0-9+.-]*$/.test(pkg)) return [];
  let handle;
  try {
    handle = await open(join(root, 'usr/share/doc', pkg, 'copyright'), 'r');
  } catch {
    // No copyright file for this package: it simply declares nothing we can read.
    return [];
  }
  try {
    const buffer = new Uint8Array(MAX_COPYRIGHT_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, MAX_COPYRIGHT_BYTES, 0);
    return dep5Licenses(new TextDecoder('utf-8').decode(buffer.subarray(0, bytesRead)));
  } finally {
    await handle.close();
  }
}
