import {
  secureRandom,
  systemClock,
  type CaseState,
  type Clock,
  type RandomSource,
  type Signer,
} from '@cra-kit/core';
import { z } from 'zod';
import {
  markActivelyExploited,
  openSevereIncident,
  recordSubmission,
  requestIntermediateReport,
} from '../clock/record.js';
import { VulnIntakeError } from '../errors.js';
import { constantTimeEqual, sha256Hex, toHex } from '../internal/encoding.js';
import { parseInput } from '../internal/parse.js';
import {
  nextLogEntry,
  verifyLog,
  type LogEntry,
  type LogEvent,
  type LogVerification,
  type VerifyLogOptions,
} from '../log/case-log.js';
import type { CaseStore } from '../store/case-store.js';
import { CaseSchema, type Case, type CaseInput, type ReportStage } from './case-schema.js';
import { transition } from './state-machine.js';

/** Options of {@link createCaseService}. */
export interface CaseServiceOptions {
  readonly store: CaseStore;
  readonly clock?: Clock;
  readonly random?: RandomSource;
  /** Signs every log entry (see `createKeySigner` in `@cra-kit/core`). */
  readonly signer?: Signer;
  /** Prefix of new case ids; default `VC`. */
  readonly idPrefix?: string;
}

/** A new case and the reporter token: shown once to the reporter, only its hash is stored. */
export interface OpenedCase {
  readonly case: Case;
  readonly reporterToken: string;
}

/** What a new case needs; the service fills in id, state, times and bookkeeping. */
export type NewCaseInput = Omit<
  CaseInput,
  'schemaVersion' | 'id' | 'state' | 'receivedAt' | 'reporterTokenHash'
> & { receivedAt?: string };

const NewCaseSchema = CaseSchema.omit({
  schemaVersion: true,
  id: true,
  state: true,
  reporterTokenHash: true,
}).extend({ receivedAt: CaseSchema.shape.receivedAt.optional() });

/**
 * Case handling on top of a {@link CaseStore}: each change validates the case, appends a log
 * entry describing it and stores both in one transaction, retrying on a concurrent change.
 */
export function createCaseService(options: CaseServiceOptions) {
  const { store, signer } = options;
  const clock = options.clock ?? systemClock;
  const random = options.random ?? secureRandom;
  const prefix = options.idPrefix ?? 'VC';
  const now = () => clock.now().toISOString();

  async function change(
    id: string,
    event: LogEvent,
    data: Record<string, unknown>,
    fn: (kase: Case, at: string) => Case,
  ): Promise<Case> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const stored = await store.get(id);
      if (stored === undefined)
        throw new VulnIntakeError('VULN_CASE_NOT_FOUND', `no case ${id}`, { details: { id } });
      const at = now();
      const next = parseInput(CaseSchema, { ...fn(stored.case, at), updatedAt: at }, 'case');
      // Chain onto the head read together with the case: the write succeeds only if it is still
      // the head, so a concurrent change makes us retry instead of overwriting it.
      const entry = await nextLogEntry(id, stored.head, { event, at, data }, signer);
      try {
        await store.update(next, entry);
        return next;
      } catch (error) {
        if (!(VulnIntakeError.isInstance(error) && error.code === 'VULN_CASE_CONFLICT'))
          throw error;
      }
    }
    throw new VulnIntakeError('VULN_CASE_CONFLICT', `case ${id} keeps changing; try again`);
  }

  return {
    store,
    /** Opens a case from a report: state `received`, a fresh id and reporter token. */
    async open(input: NewCaseInput): Promise<OpenedCase> {
      const fields = parseInput(NewCaseSchema, input, 'report');
      const at = now();
      const id = `${prefix}-${at.slice(0, 4)}-${toHex(random.bytes(6))}`;
      const reporterToken = toHex(random.bytes(24));
      const kase = parseInput(
        CaseSchema,
        {
          ...fields,
          schemaVersion: 1,
          id,
          state: 'received',
          receivedAt: fields.receivedAt ?? at,
          reporterTokenHash: await sha256Hex(reporterToken),
        },
        'case',
      );
      const first = await nextLogEntry(
        id,
        undefined,
        { event: 'received', at, data: { title: kase.title } },
        signer,
      );
      await store.create(kase, first);
      return { case: kase, reporterToken };
    },
    async get(id: string): Promise<Case> {
      const stored = await store.get(id);
      if (stored === undefined)
        throw new VulnIntakeError('VULN_CASE_NOT_FOUND', `no case ${id}`, { details: { id } });
      return stored.case;
    },
    list: () => store.list(),
    log: (id: string): Promise<LogEntry[]> => store.log(id),
    /** Moves a case through the workflow; illegal moves throw VULN_TRANSITION_ILLEGAL. */
    transition(id: string, to: CaseState, extra: { duplicateOf?: string } = {}) {
      return change(
        id,
        to === 'acknowledged' ? 'acknowledged' : 'transition',
        { to, ...extra },
        (k, at) => {
          const moved = transition(k, to, { at, ...extra });
          return { ...moved, updatedAt: at };
        },
      );
    },
    markActivelyExploited(id: string, input: { awareAt: string; evidence: string }) {
      return change(id, 'awareness', { awareAt: input.awareAt }, (k) =>
        markActivelyExploited(k, input),
      );
    },
    openSevereIncident(id: string, input: { awareAt: string; description: string }) {
      return change(id, 'severe-incident', { awareAt: input.awareAt }, (k) =>
        openSevereIncident(k, input),
      );
    },
    requestIntermediateReport(id: string, input: { requestedAt: string; dueAt: string }) {
      return change(id, 'intermediate-requested', { ...input }, (k) =>
        requestIntermediateReport(k, input),
      );
    },
    recordSubmission(
      id: string,
      input: { stage: ReportStage; submittedAt: string; reference?: string },
    ) {
      return change(id, 'submission', { ...input }, (k) => recordSubmission(k, input));
    },
    recordAdvisoryPublished(id: string, input: { advisoryId: string; url?: string }) {
      return change(id, 'advisory-published', { ...input }, (k) => k);
    },
    /** Checks the reporter token of a case in constant time. */
    async checkReporterToken(id: string, token: string): Promise<boolean> {
      const stored = await store.get(id);
      const expected = stored?.case.reporterTokenHash ?? '0'.repeat(64);
      const ok = constantTimeEqual(
        await sha256Hex(z.string().max(256).catch('').parse(token)),
        expected,
      );
      return ok && stored !== undefined;
    },
    /** Verifies the log of a case against the head the store recorded. */
    async verify(
      id: string,
      options: Omit<VerifyLogOptions, 'expectedHead'> = {},
    ): Promise<LogVerification> {
      const stored = await store.get(id);
      if (stored === undefined)
        throw new VulnIntakeError('VULN_CASE_NOT_FOUND', `no case ${id}`, { details: { id } });
      return verifyLog(await store.log(id), { ...options, expectedHead: stored.head });
    },
  };
}

export type CaseService = ReturnType<typeof createCaseService>;
