import { HTTP_PATHS } from '@cra-kit-examples/device-protocol';
import { certificatesOfPkcs7, deviceIdentityOf, toPem } from '@cra-kit/identity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bootstrapToken,
  deviceCall,
  enrollDevice,
  makeCsr,
  startFixture,
  type Fixture,
} from './helpers/cloud-fixture.js';

const pkcs10 = { 'content-type': 'application/pkcs10' };

describe('provisioning (EST)', () => {
  let f: Fixture;
  beforeAll(async () => {
    f = await startFixture();
  }, 60_000);
  afterAll(() => f.close());

  it('serves the CA certificates on both listeners', async () => {
    const res = await f.api('GET', HTTP_PATHS.estCaCerts);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/pkcs7-mime/);
    expect(certificatesOfPkcs7(new Uint8Array(Buffer.from(res.text, 'base64')))).toHaveLength(2);
  });

  it('accepts a bootstrap token once', async () => {
    const token = await bootstrapToken(f, 'VS-P1');
    const first = await makeCsr('VS-P1');
    const ok = await f.api('POST', HTTP_PATHS.estSimpleEnroll, {
      token,
      raw: first.csrBase64,
      headers: pkcs10,
    });
    expect(ok.status).toBe(200);
    expect(ok.headers['content-type']).toBe('application/pkcs7-mime; smime-type=certs-only');
    const again = await f.api('POST', HTTP_PATHS.estSimpleEnroll, {
      token,
      raw: (await makeCsr('VS-P1')).csrBase64,
      headers: pkcs10,
    });
    expect(again.status).toBe(401);
    expect(again.json()).toEqual({
      error: { code: 'IDENTITY_ENROLLMENT_DENIED', message: expect.any(String) },
    });
    const none = await f.api('POST', HTTP_PATHS.estSimpleEnroll, {
      raw: first.csrBase64,
      headers: pkcs10,
    });
    expect([none.status, none.json<{ error: { code: string } }>().error.code]).toEqual([
      401,
      'AUTH_REQUIRED',
    ]);
    const device = await f.cloud.ctx.devices.get('VS-P1');
    expect(device).toMatchObject({ id: 'VS-P1', status: 'active' });
  });

  it('refuses a CSR that names another serial than the token was issued for', async () => {
    const token = await bootstrapToken(f, 'VS-P2');
    const csr = await makeCsr('VS-EVIL');
    const res = await f.api('POST', HTTP_PATHS.estSimpleEnroll, {
      token,
      raw: csr.csrBase64,
      headers: pkcs10,
    });
    expect([res.status, res.json<{ error: { code: string } }>().error.code]).toEqual([
      400,
      'IDENTITY_POLICY_VIOLATION',
    ]);
    expect(await f.cloud.ctx.devices.get('VS-EVIL')).toBeUndefined();
    expect(await f.cloud.ctx.devices.get('VS-P2')).toBeUndefined();
  });

  it('renews on the device listener with the current certificate', async () => {
    const creds = await enrollDevice(f, 'VS-P3');
    const before = await f.cloud.ctx.devices.get('VS-P3');
    const next = await makeCsr('VS-P3');
    const res = await deviceCall(f, HTTP_PATHS.estSimpleReenroll, creds, {
      method: 'POST',
      headers: pkcs10,
      body: next.csrBase64,
    });
    expect(res.status).toBe(200);
    const [cert] = certificatesOfPkcs7(new Uint8Array(Buffer.from(res.text, 'base64')));
    const after = await f.cloud.ctx.devices.get('VS-P3');
    expect(after?.certificateSerial).toBe(deviceIdentityOf(cert!).certificateSerial);
    expect(after?.certificateSerial).not.toBe(before?.certificateSerial);
    // The renewed certificate works on the device listener.
    const renewed = { keyPem: next.keyPem, certPem: toPem(cert!, 'CERTIFICATE') + f.ca.chainPem };
    expect((await deviceCall(f, HTTP_PATHS.estCaCerts, renewed)).status).toBe(200);
  });

  it('pages the device list by id', async () => {
    const first = await f.api('GET', '/api/v1/devices?limit=1', { token: f.adminToken });
    const page = first.json<{ devices: { id: string }[]; next?: string }>();
    expect(page.devices).toHaveLength(1);
    expect(page.next).toBe(page.devices[0]?.id);
    const rest = await f.api('GET', `/api/v1/devices?limit=1000&after=${page.next ?? ''}`, {
      token: f.adminToken,
    });
    const ids = rest.json<{ devices: { id: string }[] }>().devices.map((d) => d.id);
    expect(ids).not.toContain(page.next);
    expect(ids.length).toBeGreaterThan(0);
    expect((await f.api('GET', '/api/v1/devices?limit=5000', { token: f.adminToken })).status).toBe(
      400,
    );
  });

  it('refuses a malformed CSR with a typed 4xx', async () => {
    const token = await bootstrapToken(f, 'VS-P4');
    const res = await f.api('POST', HTTP_PATHS.estSimpleEnroll, {
      token,
      raw: 'bm90IGEgY3Ny',
      headers: pkcs10,
    });
    expect(res.status).toBe(400);
    expect(res.json<{ error: { code: string } }>().error.code).toMatch(/^IDENTITY_CSR_/);
  });
});
