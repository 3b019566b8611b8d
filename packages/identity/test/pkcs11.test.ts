import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pkcs11js from 'pkcs11js';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateSigningKey } from '@cra-kit/core';
import {
  IdentityError,
  createIssuingCa,
  createPkcs11Signer,
  createRootCa,
  generatePkcs11Key,
  issueCertificate,
  toPem,
} from '@cra-kit/identity';
import { deviceKey, openssl, pemFiles, tempDir } from './helpers.js';

const MODULE = '/usr/lib/softhsm/libsofthsm2.so';
const TOKEN = 'cra-test';
const PIN = '87654321';

beforeAll(async () => {
  const dir = await tempDir();
  await mkdir(join(dir, 'tokens'));
  const conf = join(dir, 'softhsm2.conf');
  await writeFile(
    conf,
    `directories.tokendir = ${join(dir, 'tokens')}\nobjectstore.backend = file\nlog.level = ERROR\n`,
  );
  process.env.SOFTHSM2_CONF = conf;
  await promisify(execFile)('softhsm2-util', [
    '--init-token',
    '--free',
    '--label',
    TOKEN,
    '--so-pin',
    '12345678',
    '--pin',
    PIN,
  ]);
});

describe('the PKCS#11 signer against SoftHSM2', () => {
  it('an issuing CA whose key lives in the token issues a device certificate that openssl verifies', async () => {
    const hsm = await generatePkcs11Key({ module: MODULE, tokenLabel: TOKEN, pin: PIN, keyLabel: 'issuing-1' });
    const rootKey = await generateSigningKey('ecdsa-p256-sha256');
    const root = { signer: rootKey.signer, certificate: await createRootCa({ organization: 'Acme Sensors', commonName: 'Acme Root', signer: rootKey.signer }) };
    const issuing = { signer: hsm, certificate: await createIssuingCa({ organization: 'Acme Sensors', commonName: 'Acme HSM Issuing CA', signer: hsm, root }) };
    const device = await deviceKey();
    const issued = await issueCertificate({ ca: issuing, subjectPublicKey: device.spki, request: { serial: 'VS-HSM-1' } });
    const f = await pemFiles(await tempDir(), { 'root.pem': toPem(root.certificate, 'CERTIFICATE'), 'issuing.pem': toPem(issuing.certificate, 'CERTIFICATE'), 'cert.pem': toPem(issued.certificate, 'CERTIFICATE') });
    const res = await openssl(['verify', '-x509_strict', '-CAfile', f['root.pem']!, '-untrusted', f['issuing.pem']!, f['cert.pem']!]);
    expect(res.out).toContain(': OK');
    hsm.close();
    // A new session finds the same key by label.
    const again = await createPkcs11Signer({ module: MODULE, tokenLabel: TOKEN, pin: PIN, keyLabel: 'issuing-1' });
    expect(again.keyId).toBe(hsm.keyId);
    again.close();
  });

  it('the private key is sensitive and never extractable: its value cannot be read into the process', async () => {
    const signer = await generatePkcs11Key({ module: MODULE, tokenLabel: TOKEN, pin: PIN, keyLabel: 'issuing-2', algorithm: 'ecdsa-p384-sha384' });
    signer.close();
    const lib = new pkcs11js.PKCS11();
    lib.load(MODULE);
    try { lib.C_Initialize(); } catch { /* initialised by the signer already */ }
    const slot = lib.C_GetSlotList(true).find((s) => lib.C_GetTokenInfo(s).label.trim() === TOKEN)!;
    const session = lib.C_OpenSession(slot, pkcs11js.CKF_SERIAL_SESSION);
    lib.C_Login(session, pkcs11js.CKU_USER, PIN);
    lib.C_FindObjectsInit(session, [{ type: pkcs11js.CKA_CLASS, value: pkcs11js.CKO_PRIVATE_KEY }, { type: pkcs11js.CKA_LABEL, value: 'issuing-2' }]);
    const [key] = lib.C_FindObjects(session, 1);
    lib.C_FindObjectsFinal(session);
    const flags = lib.C_GetAttributeValue(session, key!, [{ type: pkcs11js.CKA_SENSITIVE }, { type: pkcs11js.CKA_EXTRACTABLE }, { type: pkcs11js.CKA_NEVER_EXTRACTABLE }]);
    expect(flags.map((a) => a.value[0])).toEqual([1, 0, 1]);
    expect(() => lib.C_GetAttributeValue(session, key!, [{ type: pkcs11js.CKA_VALUE }])).toThrow(/CKR_ATTRIBUTE_SENSITIVE/);
    lib.C_CloseSession(session);
  });

  it('a wrong PIN or an unknown key is a typed error', async () => {
    await expect(createPkcs11Signer({ module: MODULE, tokenLabel: TOKEN, pin: '00000000', keyLabel: 'issuing-1' })).rejects.toBeErrorWithCode(IdentityError, 'IDENTITY_PKCS11_FAILED');
    await expect(createPkcs11Signer({ module: MODULE, tokenLabel: TOKEN, pin: PIN, keyLabel: 'nope' })).rejects.toBeErrorWithCode(IdentityError, 'IDENTITY_PKCS11_FAILED');
  });
}); // prettier-ignore
