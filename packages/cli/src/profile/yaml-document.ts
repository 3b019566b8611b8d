import { readFile, stat } from 'node:fs/promises';
import {
  SdkError,
  assertNestingDepth,
  assertSize,
  decodeUtf8Text,
  defaultInputLimits,
} from '@cra-kit/core';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { CliError } from '../errors.js';

/** A position in a source file, 1-based. */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

/** A decoded YAML file that can say where each value came from. */
export interface YamlSource {
  readonly data: unknown;
  /** The line and column of the value at `path`, or of its nearest existing ancestor. */
  locate(path: readonly (string | number)[]): SourcePosition;
}

/** Limits for reading YAML files (overridable per call). */
export const defaultYamlLimits = Object.freeze({
  ...defaultInputLimits,
  /** Aliases allowed while resolving the document (YAML "billion laughs" guard). */
  maxAliasCount: 100,
});

/**
 * Reads a YAML file as untrusted input: size checked before reading, binary and invalid UTF-8
 * refused, YAML 1.2 with unique keys, bounded aliases and nesting.
 *
 * @throws {CliError} CLI_FILE_UNREADABLE, CLI_YAML_INVALID
 * @throws {CoreError} CORE_INPUT_TOO_LARGE, CORE_INPUT_MALFORMED
 */
export async function readYamlFile(
  path: string,
  limits: Partial<typeof defaultYamlLimits> = {},
): Promise<YamlSource> {
  const { maxBytes, maxDepth, maxAliasCount } = { ...defaultYamlLimits, ...limits };
  let bytes: Uint8Array;
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new Error('not a regular file');
    assertSize(info.size, maxBytes, path);
    bytes = await readFile(path);
  } catch (cause) {
    if (SdkError.isInstance(cause)) throw cause;
    throw new CliError('CLI_FILE_UNREADABLE', `cannot read ${path}: ${(cause as Error).message}`, { cause });
  } // prettier-ignore
  return parseYaml(decodeUtf8Text(bytes, { maxBytes, subject: path }), { maxDepth, maxAliasCount });
}

/**
 * Parses YAML text (see {@link readYamlFile} for the rules).
 * @throws {CliError} CLI_YAML_INVALID
 * @throws {CoreError} CORE_INPUT_MALFORMED
 */
export function parseYaml(
  text: string,
  limits: Partial<typeof defaultYamlLimits> = {},
): YamlSource {
  const { maxDepth, maxAliasCount } = { ...defaultYamlLimits, ...limits };
  const lineCounter = new LineCounter();
  let doc: Document.Parsed;
  let data: unknown;
  try {
    doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: false, version: '1.2' });
    const [error] = doc.errors;
    if (error !== undefined) {
      // prettyErrors is off (it would echo the source), so place the error with our line counter.
      const { line, col: column } = lineCounter.linePos(error.pos[0]);
      // The yaml parser recurses per nesting level and reports a hostile depth as a stack overflow.
      const what = /call stack/i.test(error.message) ? 'the document is nested too deeply' : error.message.split('\n')[0];
      throw new CliError('CLI_YAML_INVALID', `YAML error at line ${line}, column ${column}: ${what}`, { details: { line, column, yamlCode: error.code } });
    }
    data = doc.toJS({ maxAliasCount });
  } catch (cause) {
    if (cause instanceof CliError) throw cause;
    const message = cause instanceof RangeError ? 'the document is nested too deeply' : (cause as Error).message;
    throw new CliError('CLI_YAML_INVALID', `YAML error: ${message}`, { cause });
  } // prettier-ignore
  assertNestingDepth(data, maxDepth, 'YAML document');
  const position = (offset: number): SourcePosition => {
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
  return {
    data,
    locate: (path) => position(offsetOf(doc.contents, path)),
  };
}

/** Offset of the key (for mapping entries) or node at `path`, or of the deepest ancestor found. */
function offsetOf(root: Node | null, path: readonly (string | number)[]): number {
  let node: unknown = root;
  let offset = root?.range?.[0] ?? 0;
  for (const step of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === step);
      if (pair === undefined) break;
      offset = (isScalar(pair.key) ? pair.key.range?.[0] : undefined) ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof step === 'number' && node.items[step] !== undefined) {
      node = node.items[step];
      offset = (node as Node).range?.[0] ?? offset;
    } else {
      break;
    }
  }
  return offset;
}
