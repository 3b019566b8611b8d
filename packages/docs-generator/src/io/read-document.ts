import { readFile, stat } from 'node:fs/promises';
import {
  SdkError,
  assertNestingDepth,
  assertSize,
  decodeUtf8Text,
  defaultInputLimits,
} from '@cra-kit/core';
import { parse } from 'yaml';
import { DocsGeneratorError } from '../errors.js';

/**
 * Reads a YAML (or JSON) file as untrusted input: size checked before reading, binary and
 * invalid UTF-8 refused, unique keys, bounded aliases and nesting.
 *
 * @param path - The file to read.
 * @returns The parsed, still unvalidated value.
 * @throws {DocsGeneratorError} DOCS_FILE_UNREADABLE, DOCS_INPUT_MALFORMED
 * @throws {CoreError} CORE_INPUT_TOO_LARGE, CORE_INPUT_MALFORMED
 */
export async function readDocumentFile(path: string): Promise<unknown> {
  let bytes: Uint8Array;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new Error('not a regular file');
    assertSize(info.size, defaultInputLimits.maxBytes, path);
    bytes = await readFile(path);
  } catch (cause) {
    if (SdkError.isInstance(cause)) throw cause;
    throw new DocsGeneratorError('DOCS_FILE_UNREADABLE', `cannot read ${path}`, { cause, details: { path } });
  }
  const text = decodeUtf8Text(bytes, { subject: path });
  let data: unknown;
  try {
    data = parse(text, { uniqueKeys: true, maxAliasCount: 100 });
  } catch (cause) {
    throw new DocsGeneratorError('DOCS_INPUT_MALFORMED', `${path} is not valid YAML`, { cause, details: { path } });
  }
  assertNestingDepth(data, defaultInputLimits.maxDepth, path);
  return data;
} // prettier-ignore
