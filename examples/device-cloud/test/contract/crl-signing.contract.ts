import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { initCaDirectory, openCaDirectory } from '@cra-kit/identity';
import { describe, expect, it } from 'vitest';
import { signRegistryCrl } from '../../src/devices/index.js';
import { createPostgresCaFilesLock } from '../../src/pg/ca-files-lock.js';
import { FAST_SCRYPT, PASSPHRASE } from '../helpers/cloud-fixture.js';
import type { Backend } from './backends.js';
import { useFreshStores } from './context.js';

/** The CRL number as OpenSSL reads it (`crlNumber=0x0C`). */
async function crlNumberOf(pem: string): Promise<number> {
  const child = promisify(execFile)('openssl', ['crl', '-noout', '-crlnumber']);
  child.child.stdin?.end(pem);
  const { stdout } = await child;
  const hex = /crlNumber=(?:0x)?([0-9A-Fa-f]+)/.exec(stdout)?.[1];
  if (hex === undefined) throw new Error(`no CRL number in ${stdout}`);
  return Number.parseInt(hex, 16);
}

/**
 * Instances on one PostgreSQL share one CA directory: the advisory lock makes their CRL
 * signing take turns, so no CRL number is used twice.
 */
export function describeCrlSigningOnPostgres(backend: Backend): void {
  describe(`${backend.name}: CRLs of instances sharing one CA directory`, () => {
    const s = useFreshStores(backend);
    it('never signs two CRLs with one number when two instances sign at once', async () => {
      const { db, stores } = s();
      if (db.kind !== 'postgres') throw new Error('needs a PostgreSQL backend');
      const dir = await mkdtemp(join(tmpdir(), 'cra-crl-lock-'));
      try {
        await initCaDirectory({ dir, organization: 'Acme Sensors', passphrase: PASSPHRASE, scrypt: FAST_SCRYPT });
        // Two instances: each its own handle on the directory and its own pool-side lock.
        const handles = await Promise.all([0, 1].map(() => openCaDirectory({ dir, passphrase: PASSPHRASE })));
        const lock = createPostgresCaFilesLock(db.pool);
        const signed = await Promise.all(handles.map(async (ca) => {
          const pems: string[] = [];
          for (let i = 0; i < 6; i += 1) pems.push(await signRegistryCrl(stores.devices, ca, lock));
          return pems;
        })); // prettier-ignore
        const numbers = await Promise.all(signed.flat().map(crlNumberOf));
        expect([...numbers].sort((x, y) => x - y)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    }, 60_000);
  });
} // prettier-ignore
