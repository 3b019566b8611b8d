import { fixedClock, seededRandom } from '@cra-kit/testing';
import { describe, expect, it } from 'vitest';
import { VulnIntakeError, createCaseService, nextLogEntry, type CaseStore } from '../src/index.js';

const report = {
  title: 'Auth bypass <script>alert(1)</script>',
  description: 'Details\u0000with a NUL and ünïcödé',
  reporter: { email: 'r@example.org' },
};

/** The contract every CaseStore implementation passes, against a real database. */
export function describeStoreContract(name: string, open: () => Promise<CaseStore>) {
  describe(`CaseStore contract: ${name}`, () => {
    const service = (store: CaseStore) =>
      createCaseService({
        store,
        clock: fixedClock('2026-10-01T10:00:00Z'),
        random: seededRandom(Math.floor(Math.random() * 1e9)),
      });

    it('stores a case with its log and reads back exactly what it stored', async () => {
      const store = await open();
      try {
        const s = service(store);
        const { case: kase } = await s.open(report);
        expect(await s.get(kase.id)).toEqual(kase);
        expect((await store.get(kase.id))?.head.seq).toBe(0);
        expect((await s.list()).map((c) => c.id)).toContain(kase.id);
        await s.transition(kase.id, 'acknowledged');
        await s.markActivelyExploited(kase.id, {
          awareAt: '2026-10-01T09:00:00Z',
          evidence: 'seen',
        });
        const log = await s.log(kase.id);
        expect(log.map((e) => e.event)).toEqual(['received', 'acknowledged', 'awareness']);
        expect(await s.verify(kase.id)).toMatchObject({ valid: true, entries: 3 });
        expect((await s.get(kase.id)).description).toBe(report.description);
      } finally {
        await store.close();
      }
    });

    it('refuses a write against a stale head and writes nothing', async () => {
      const store = await open();
      try {
        const s = service(store);
        const { case: kase } = await s.open(report);
        const stale = (await store.log(kase.id))[0];
        await s.transition(kase.id, 'acknowledged');
        const entry = await nextLogEntry(kase.id, stale, {
          event: 'transition',
          at: '2026-10-01T11:00:00Z',
          data: {},
        });
        await expect(store.update({ ...kase, state: 'rejected' }, entry)).rejects.toBeErrorWithCode(
          VulnIntakeError,
          'VULN_CASE_CONFLICT',
        );
        expect((await s.get(kase.id)).state).toBe('acknowledged');
        expect(await store.log(kase.id)).toHaveLength(2);
      } finally {
        await store.close();
      }
    });

    it('refuses a duplicate id and an unknown case', async () => {
      const store = await open();
      try {
        const s = service(store);
        const { case: kase } = await s.open(report);
        const first = await nextLogEntry(kase.id, undefined, {
          event: 'received',
          at: kase.receivedAt,
        });
        await expect(store.create(kase, first)).rejects.toBeErrorWithCode(
          VulnIntakeError,
          'VULN_CASE_CONFLICT',
        );
        await expect(s.transition('VC-none', 'acknowledged')).rejects.toBeErrorWithCode(
          VulnIntakeError,
          'VULN_CASE_NOT_FOUND',
        );
        const ghost = await nextLogEntry('VC-none', first, {
          event: 'transition',
          at: kase.receivedAt,
        });
        await expect(store.update({ ...kase, id: 'VC-none' }, ghost)).rejects.toBeErrorWithCode(
          VulnIntakeError,
          'VULN_CASE_NOT_FOUND',
        );
      } finally {
        await store.close();
      }
    });

    it('keeps every change of concurrent writers (no lost update)', async () => {
      const store = await open();
      try {
        const s = service(store);
        const { case: kase } = await s.open(report);
        await s.markActivelyExploited(kase.id, {
          awareAt: '2026-10-01T09:00:00Z',
          evidence: 'seen',
        });
        await Promise.all([
          s.recordSubmission(kase.id, {
            stage: 'early-warning',
            submittedAt: '2026-10-01T12:00:00Z',
            reference: 'A',
          }),
          s.recordSubmission(kase.id, {
            stage: 'notification',
            submittedAt: '2026-10-01T13:00:00Z',
            reference: 'B',
          }),
          s.requestIntermediateReport(kase.id, {
            requestedAt: '2026-10-02T10:00:00Z',
            dueAt: '2026-10-05T10:00:00Z',
          }),
        ]);
        const after = await s.get(kase.id);
        expect(after.submissions.map((x) => x.reference).sort()).toEqual(['A', 'B']);
        expect(after.intermediateRequests).toHaveLength(1);
        expect(await s.verify(kase.id)).toMatchObject({ valid: true, entries: 5 });
      } finally {
        await store.close();
      }
    });

    it('checks a reporter token in constant time and stores only its hash', async () => {
      const store = await open();
      try {
        const s = service(store);
        const { case: kase, reporterToken } = await s.open(report);
        expect(JSON.stringify(await store.get(kase.id))).not.toContain(reporterToken);
        expect(await s.checkReporterToken(kase.id, reporterToken)).toBe(true);
        expect(await s.checkReporterToken(kase.id, reporterToken.replace(/.$/, 'x'))).toBe(false);
        expect(await s.checkReporterToken('VC-none', reporterToken)).toBe(false);
      } finally {
        await store.close();
      }
    });
  });
}
