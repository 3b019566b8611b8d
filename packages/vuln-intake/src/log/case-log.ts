import { SdkError, TimestampSchema, assertValidSignature, type Signer } from '@cra-kit/core';
import { z } from 'zod';
import { VulnIntakeError } from '../errors.js';
import { canonicalJson, fromBase64, sha256Hex, toBase64 } from '../internal/encoding.js';

/** Events a case log records. */
export const LOG_EVENTS = [
  'received',
  'acknowledged',
  'transition',
  'awareness',
  'severe-incident',
  'intermediate-requested',
  'submission',
  'advisory-published',
  'updated',
] as const;

const Hex64 = z.string().regex(/^[0-9a-f]{64}$/);

/** The hash the first entry of a case points back to. */
export const GENESIS_HASH = '0'.repeat(64);

/** One entry of a case's hash chain. */
export const LogEntrySchema = z.strictObject({
  caseId: z.string().min(1).max(128),
  seq: z.number().int().nonnegative(),
  at: TimestampSchema,
  event: z.enum(LOG_EVENTS),
  data: z.record(z.string(), z.unknown()),
  prevHash: Hex64,
  hash: Hex64,
  signature: z
    .strictObject({
      keyId: z.string().min(1),
      algorithm: z.string().min(1),
      value: z.string().regex(/^[A-Za-z0-9+/]+={0,2}$/),
    })
    .optional(),
});
export type LogEntry = z.infer<typeof LogEntrySchema>;
export type LogEvent = (typeof LOG_EVENTS)[number];

/** What to append: the event, its time and its facts. */
export interface LogAppend {
  readonly event: LogEvent;
  readonly at: string;
  readonly data?: Readonly<Record<string, unknown>>;
}

const hashOf = (e: Pick<LogEntry, 'caseId' | 'seq' | 'at' | 'event' | 'data' | 'prevHash'>) =>
  sha256Hex(
    canonicalJson({
      caseId: e.caseId,
      seq: e.seq,
      at: e.at,
      event: e.event,
      data: e.data,
      prevHash: e.prevHash,
    }),
  );

/**
 * Builds the next entry of a case's log: it carries the hash of `previous` (the last entry, or
 * the head a store recorded for the case; {@link GENESIS_HASH} for the first), its own SHA-256
 * over canonical JSON, and, with a `signer`, a signature over that hash, so a market
 * surveillance authority can check who wrote it and when.
 */
export async function nextLogEntry(
  caseId: string,
  previous: Pick<LogEntry, 'seq' | 'hash'> | undefined,
  event: LogAppend,
  signer?: Signer,
): Promise<LogEntry> {
  const body = {
    caseId,
    seq: previous === undefined ? 0 : previous.seq + 1,
    at: event.at,
    event: event.event,
    data: JSON.parse(JSON.stringify(event.data ?? {})) as Record<string, unknown>,
    prevHash: previous?.hash ?? GENESIS_HASH,
  };
  const hash = await hashOf(body);
  if (signer === undefined) return { ...body, hash };
  const signature = await signer.sign(new TextEncoder().encode(hash));
  return {
    ...body,
    hash,
    signature: { keyId: signer.keyId, algorithm: signer.algorithm, value: toBase64(signature) },
  };
}

/** Why a log failed to verify. */
export type LogProblem =
  | 'malformed'
  | 'sequence-broken'
  | 'chain-broken'
  | 'hash-mismatch'
  | 'signature-missing'
  | 'signature-invalid'
  | 'truncated';

/** The result of {@link verifyLog}. */
export type LogVerification =
  | { readonly valid: true; readonly entries: number; readonly head: string }
  | { readonly valid: false; readonly index: number; readonly problem: LogProblem };

/** Options of {@link verifyLog}. */
export interface VerifyLogOptions {
  /** Public keys (DER SPKI) by key id. When given, every entry must carry a valid signature. */
  readonly publicKeys?: Readonly<Record<string, Uint8Array>>;
  /** The head recorded elsewhere (the case row, a published digest): catches a cut-off tail. */
  readonly expectedHead?: { readonly seq: number; readonly hash: string };
}

/**
 * Checks a case log: every entry well-formed and in sequence, each hash recomputed, each link to
 * the previous hash, signatures if keys are given, and the head if known. Detects an edited, a
 * removed (anywhere, or at the end with `expectedHead`) and a swapped entry.
 */
export async function verifyLog(
  entries: readonly unknown[],
  options: VerifyLogOptions = {},
): Promise<LogVerification> {
  let previous: LogEntry | undefined;
  for (const [index, raw] of entries.entries()) {
    const parsed = LogEntrySchema.safeParse(raw);
    if (!parsed.success) return { valid: false, index, problem: 'malformed' };
    const entry = parsed.data;
    if (entry.seq !== index || (previous !== undefined && entry.caseId !== previous.caseId)) {
      return { valid: false, index, problem: 'sequence-broken' };
    }
    if (entry.prevHash !== (previous?.hash ?? GENESIS_HASH))
      return { valid: false, index, problem: 'chain-broken' };
    if ((await hashOf(entry)) !== entry.hash)
      return { valid: false, index, problem: 'hash-mismatch' };
    if (options.publicKeys !== undefined) {
      const sig = entry.signature;
      const key = sig === undefined ? undefined : options.publicKeys[sig.keyId];
      if (sig === undefined || key === undefined)
        return { valid: false, index, problem: 'signature-missing' };
      try {
        await assertValidSignature({
          algorithm: sig.algorithm as Signer['algorithm'],
          publicKey: key,
          data: new TextEncoder().encode(entry.hash),
          signature: fromBase64(sig.value),
        });
      } catch (error) {
        if (!SdkError.isInstance(error)) throw error;
        return { valid: false, index, problem: 'signature-invalid' };
      }
    }
    previous = entry;
  }
  const head = options.expectedHead;
  if (
    head !== undefined &&
    (previous === undefined || previous.seq !== head.seq || previous.hash !== head.hash)
  ) {
    return { valid: false, index: entries.length, problem: 'truncated' };
  }
  return { valid: true, entries: entries.length, head: previous?.hash ?? GENESIS_HASH };
}

/**
 * Like {@link verifyLog}, but throws when the log does not verify, so a caller cannot ignore it.
 * @throws {VulnIntakeError} VULN_LOG_TAMPERED, with `index` and `problem` in its details
 */
export async function assertLogValid(
  entries: readonly unknown[],
  options: VerifyLogOptions = {},
): Promise<{ entries: number; head: string }> {
  const result = await verifyLog(entries, options);
  if (!result.valid) {
    throw new VulnIntakeError(
      'VULN_LOG_TAMPERED',
      `the case log does not verify: ${result.problem} at entry ${result.index}`,
      { details: { index: result.index, problem: result.problem } },
    );
  }
  return { entries: result.entries, head: result.head };
}
