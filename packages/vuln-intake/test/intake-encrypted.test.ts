import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMessage, encrypt, generateKey, readKey } from 'openpgp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  VulnIntakeError,
  createCaseService,
  createIntakeHandler,
  createOpenPgpDecryptor,
  openSqliteCaseStore,
  type CaseService,
  type CaseStore,
} from '../src/index.js';

let dir: string, store: CaseStore, service: CaseService;
let keys: { privateKey: string; publicKey: string };
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cra-vuln-pgp-'));
  store = await openSqliteCaseStore({ path: join(dir, 'cases.db') });
  service = createCaseService({ store });
  keys = await generateKey({
    type: 'ecc',
    curve: 'curve25519Legacy',
    userIDs: [{ email: 'security@acme-sensors.example' }],
    passphrase: 'pw',
    format: 'armored',
  });
});
afterAll(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const post = (
  handler: ReturnType<typeof createIntakeHandler>,
  body: string,
  type = 'application/pgp-encrypted',
) =>
  handler(
    new Request('http://x/report', { method: 'POST', body, headers: { 'content-type': type } }),
    { remoteAddress: 'r' },
  );

describe('OpenPGP-encrypted reports', () => {
  it('decrypts a report encrypted to the published key and opens the case', async () => {
    const handler = createIntakeHandler({
      service,
      decrypt: await createOpenPgpDecryptor({
        armoredPrivateKey: keys.privateKey,
        passphrase: 'pw',
      }),
    });
    const report = {
      title: 'Encrypted: key leak in firmware',
      description: 'The TLS key is the same on every device.',
    };
    const armored = await encrypt({
      message: await createMessage({ text: JSON.stringify(report) }),
      // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment -- readKey gives a PublicKey for a public armor
      encryptionKeys: await readKey({ armoredKey: keys.publicKey }),
    });
    expect(armored).not.toContain('key leak');
    const res = await post(handler, armored as string);
    expect(res.status).toBe(201);
    const { caseId } = (await res.json()) as { caseId: string };
    expect((await service.get(caseId)).title).toBe(report.title);
  });

  it('refuses a message for another key, garbage, and encrypted reports when no key is configured', async () => {
    const handler = createIntakeHandler({
      service,
      decrypt: await createOpenPgpDecryptor({
        armoredPrivateKey: keys.privateKey,
        passphrase: 'pw',
      }),
    });
    const other = await generateKey({
      type: 'ecc',
      curve: 'curve25519Legacy',
      userIDs: [{ email: 'x@y.example' }],
      format: 'armored',
    });
    const forOther = await encrypt({
      message: await createMessage({ text: '{"title":"t","description":"d"}' }),
      // eslint-disable-next-line @typescript-eslint/no-unsafe-class-instance-assignment -- as above
      encryptionKeys: await readKey({ armoredKey: other.publicKey }),
    });
    const wrongKey = await post(handler, forOther as string);
    expect(wrongKey.status).toBe(400);
    expect(await wrongKey.json()).toMatchObject({ error: { code: 'VULN_INPUT_INVALID' } });
    expect((await post(handler, 'not a pgp message')).status).toBe(400);
    expect((await post(createIntakeHandler({ service }), 'x')).status).toBe(415);
  });

  it('refuses an unusable private key', async () => {
    await expect(
      createOpenPgpDecryptor({ armoredPrivateKey: keys.privateKey, passphrase: 'wrong' }),
    ).rejects.toBeErrorWithCode(VulnIntakeError, 'VULN_INPUT_INVALID');
  });
});
