import { stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { parseWith, systemClock, type Clock } from '@cra-kit/core';
import { readDocumentFile } from '../io/read-document.js';
import type { EvidenceFinding } from './finding.js';
import { hashFile, sameDigest } from './hash-file.js';
import {
  EvidenceManifestSchema,
  type EvidenceEntry,
  type EvidenceKind,
  type EvidenceManifest,
} from './manifest-schema.js';
import { RECOGNISERS } from './recognise.js';

/** Limits for checking evidence files. */
export const defaultEvidenceLimits = Object.freeze({
  /** Files up to this size are read whole for checks that need the full text (security.txt, TUF root). */
  maxFullReadBytes: 1024 * 1024,
});

/** One evidence file after checking: what it is, its digest, and whether it can be relied on. */
export interface CheckedEvidence {
  readonly kind: EvidenceKind;
  /** The path as written in the manifest. */
  readonly path: string;
  readonly title?: string;
  readonly covers: readonly string[];
  /** The SHA-256 computed from the file; undefined when the file is missing. */
  readonly sha256?: string;
  readonly size?: number;
  /** The recognised format, e.g. `CycloneDX 1.6 JSON`. */
  readonly format?: string;
  readonly facts: Readonly<Record<string, string | number>>;
  /** False when any finding for this file is an error. */
  readonly usable: boolean;
  readonly findings: readonly EvidenceFinding[];
}

/** A checked evidence bundle. */
export interface EvidenceBundle {
  readonly model: string;
  readonly entries: readonly CheckedEvidence[];
  /** Every finding of every entry, in manifest order. */
  readonly findings: readonly EvidenceFinding[];
}

/** Options of {@link checkEvidenceBundle} and {@link loadEvidenceBundle}. */
export interface EvidenceCheckOptions {
  /** Directory the entry paths are relative to. */
  readonly baseDir: string;
  /** The clock expiry dates are checked against. */
  readonly clock?: Clock;
  readonly limits?: Partial<typeof defaultEvidenceLimits>;
}

/**
 * Checks every file of an evidence manifest: present, SHA-256 as pinned (computed while
 * streaming), in the format its kind requires, not expired, tests passing. Problems are
 * findings on the entry, never exceptions, so one bad file does not hide the others.
 *
 * @param manifest - A validated manifest.
 * @param options - Where the files are, and the clock.
 * @returns The checked bundle.
 * @example
 * ```ts
 * const bundle = await checkEvidenceBundle(manifest, { baseDir: 'technical-file' });
 * for (const f of bundle.findings) console.log(f.code, f.path);
 * ```
 */
export async function checkEvidenceBundle(
  manifest: EvidenceManifest,
  options: EvidenceCheckOptions,
): Promise<EvidenceBundle> {
  const entries: CheckedEvidence[] = [];
  for (const entry of manifest.entries) entries.push(await checkEntry(entry, options));
  return { model: manifest.model, entries, findings: entries.flatMap((e) => e.findings) };
}

/**
 * Reads `evidence.yaml` and checks the files it lists (see {@link checkEvidenceBundle}); entry
 * paths are relative to the manifest's directory.
 *
 * @param path - The manifest file.
 * @param options - The clock and limits.
 * @returns The checked bundle.
 * @throws {ValidationError} CORE_VALIDATION_FAILED if the manifest does not match its schema.
 * @throws {DocsGeneratorError} DOCS_FILE_UNREADABLE, DOCS_INPUT_MALFORMED
 */
export async function loadEvidenceBundle(
  path: string,
  options: Omit<EvidenceCheckOptions, 'baseDir'> = {},
): Promise<EvidenceBundle> {
  const manifest = parseWith(EvidenceManifestSchema, await readDocumentFile(path), 'evidence manifest');
  return checkEvidenceBundle(manifest, { ...options, baseDir: dirname(resolve(path)) });
} // prettier-ignore

/** Bytes of a file the format sniffers look at (a root element, a `bomFormat` key). */
const HEAD_BYTES = 64 * 1024;

async function checkEntry(entry: EvidenceEntry, options: EvidenceCheckOptions): Promise<CheckedEvidence> {
  const limits = { ...defaultEvidenceLimits, ...options.limits };
  const { kind, path, covers } = entry;
  const base = { kind, path, covers, ...(entry.title === undefined ? {} : { title: entry.title }) };
  const finding = (code: EvidenceFinding['code'], message: string, severity: EvidenceFinding['severity'] = 'error'): EvidenceFinding => ({ code, severity, path, message });
  const file = resolve(options.baseDir, path);
  let hashed;
  try {
    if (!(await stat(file)).isFile()) throw new Error('not a regular file');
    hashed = await hashFile(file, limits.maxFullReadBytes);
  } catch {
    return { ...base, facts: {}, usable: false, findings: [finding('EVIDENCE_MISSING', `${kind} file not found`)] };
  }
  const findings: EvidenceFinding[] = [];
  if (entry.sha256 === undefined) {
    findings.push(finding('EVIDENCE_UNPINNED', 'no sha256 in the manifest; the computed digest is cited', 'warning'));
  } else if (!sameDigest(entry.sha256, hashed.sha256)) {
    findings.push(finding('EVIDENCE_HASH_MISMATCH', `sha256 is ${hashed.sha256}, the manifest pins ${entry.sha256}`));
  }
  const decoder = new TextDecoder('utf-8');
  const head = decoder.decode(hashed.head.subarray(0, HEAD_BYTES));
  const text = hashed.size <= hashed.head.length ? decoder.decode(hashed.head) : undefined;
  const recognition = RECOGNISERS[kind]({ head, ...(text === undefined ? {} : { text }), now: (options.clock ?? systemClock).now() });
  if (recognition.format === undefined) {
    findings.push(text === undefined && ['ota-config', 'security-txt', 'support-plan', 'product-profile', 'risk-assessment'].includes(kind)
      ? finding('EVIDENCE_TOO_LARGE', `larger than ${limits.maxFullReadBytes} bytes`)
      : finding('EVIDENCE_FORMAT_UNRECOGNISED', `not recognised as ${kind}`));
  }
  for (const p of recognition.problems) findings.push(finding(p.code, p.message));
  return {
    ...base,
    sha256: hashed.sha256,
    size: hashed.size,
    ...(recognition.format === undefined ? {} : { format: recognition.format }),
    facts: recognition.facts,
    usable: !findings.some((f) => f.severity === 'error'),
    findings,
  };
} // prettier-ignore
