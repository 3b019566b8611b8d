import { generateSigningKey } from '@cra-kit/core';
import { describe, expect, it } from 'vitest';
import { VulnIntakeError } from '../errors.js';
import { assertLogValid, nextLogEntry, verifyLog, type LogEntry } from './case-log.js';

async function buildLog(n: number, signer?: Parameters<typeof nextLogEntry>[3]) {
  const log: LogEntry[] = [];
  for (let i = 0; i < n; i++) {
    log.push(
      await nextLogEntry(
        'VC-1',
        log.at(-1),
        {
          event: i === 0 ? 'received' : 'transition',
          at: `2026-10-0${i + 1}T10:00:00Z`,
          data: { step: i },
        },
        signer,
      ),
    );
  }
  return log;
}

describe('the hash-chained case log', () => {
  it('verifies an untouched log and reports its head', async () => {
    const log = await buildLog(5);
    expect(await verifyLog(log)).toEqual({ valid: true, entries: 5, head: log[4]!.hash });
    expect(await verifyLog(log, { expectedHead: { seq: 4, hash: log[4]!.hash } })).toMatchObject({
      valid: true,
    });
  });

  it('catches an edited entry', async () => {
    const log = await buildLog(5);
    const edited = log.map((e, i) => (i === 2 ? { ...e, at: '2026-10-09T10:00:00Z' } : e));
    expect(await verifyLog(edited)).toEqual({ valid: false, index: 2, problem: 'hash-mismatch' });
    const data = log.map((e, i) => (i === 1 ? { ...e, data: { step: 99 } } : e));
    expect(await verifyLog(data)).toEqual({ valid: false, index: 1, problem: 'hash-mismatch' });
  });

  it('catches an edited entry whose hash was recomputed (the next link breaks)', async () => {
    const log = await buildLog(4);
    const forged = await nextLogEntry('VC-1', log[0], {
      event: 'transition',
      at: '2026-10-02T10:00:00Z',
      data: { step: 42 },
    });
    expect(await verifyLog([log[0], forged, log[2], log[3]])).toEqual({
      valid: false,
      index: 2,
      problem: 'chain-broken',
    });
  });

  it('catches a deleted entry, in the middle and at the end', async () => {
    const log = await buildLog(5);
    expect(await verifyLog([log[0], log[1], log[3], log[4]])).toMatchObject({
      valid: false,
      index: 2,
      problem: 'sequence-broken',
    });
    expect(
      await verifyLog(log.slice(0, 4), { expectedHead: { seq: 4, hash: log[4]!.hash } }),
    ).toEqual({ valid: false, index: 4, problem: 'truncated' });
  });

  it('catches a deleted entry even when the later ones were renumbered', async () => {
    const log = await buildLog(4);
    const renumbered = [log[0], log[2], log[3]].map((e, i) => ({ ...e!, seq: i }));
    expect(await verifyLog(renumbered)).toMatchObject({
      valid: false,
      index: 1,
      problem: 'chain-broken',
    });
  });

  it('catches two swapped entries', async () => {
    const log = await buildLog(5);
    expect(await verifyLog([log[0], log[2], log[1], log[3], log[4]])).toMatchObject({
      valid: false,
      index: 1,
    });
    const swappedSeq = [log[0], { ...log[2]!, seq: 1 }, { ...log[1]!, seq: 2 }, log[3], log[4]];
    expect(await verifyLog(swappedSeq)).toMatchObject({
      valid: false,
      index: 1,
      problem: 'chain-broken',
    });
  });

  it('throws VULN_LOG_TAMPERED from assertLogValid, and returns the head when valid', async () => {
    const log = await buildLog(3);
    await expect(assertLogValid(log)).resolves.toEqual({ entries: 3, head: log[2]!.hash });
    await expect(assertLogValid([log[0], log[2]])).rejects.toBeErrorWithCode(
      VulnIntakeError,
      'VULN_LOG_TAMPERED',
    );
  });

  it('refuses malformed entries', async () => {
    expect(await verifyLog([{ nope: true }])).toEqual({
      valid: false,
      index: 0,
      problem: 'malformed',
    });
  });

  it('signs entries through the core Signer and checks the signatures', async () => {
    const { signer } = await generateSigningKey('ed25519');
    const log = await buildLog(3, signer);
    const publicKeys = { [signer.keyId]: await signer.publicKey() };
    expect(await verifyLog(log, { publicKeys })).toMatchObject({ valid: true, entries: 3 });
    const other = await generateSigningKey('ecdsa-p256-sha256');
    const wrongKey = { [signer.keyId]: await other.signer.publicKey() };
    expect(await verifyLog(log, { publicKeys: wrongKey })).toMatchObject({
      valid: false,
      index: 0,
    });
    const unsigned = await buildLog(3);
    expect(await verifyLog(unsigned, { publicKeys })).toEqual({
      valid: false,
      index: 0,
      problem: 'signature-missing',
    });
    const resigned = [...log];
    resigned[1] = {
      ...log[1]!,
      signature: { ...log[1]!.signature!, value: log[0]!.signature!.value },
    };
    expect(await verifyLog(resigned, { publicKeys })).toEqual({
      valid: false,
      index: 1,
      problem: 'signature-invalid',
    });
  });
});
