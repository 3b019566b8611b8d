import { createServer, request, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SdkError, generateSigningKey } from '@cra-kit/core';
import { memoryStorage } from '@cra-kit/testing';
import {
  IdentityError,
  certificatesOfPkcs7,
  createBootstrapTokens,
  createCsr,
  createEstService,
  deviceIdentityOf,
  issueCertificate,
  mtlsServerOptions,
  renewalTime,
  toPem,
  type BootstrapTokens,
} from '@cra-kit/identity';
import { makeHierarchy, openssl, pemFiles, tempDir } from './helpers.js';

let pki: Awaited<ReturnType<typeof makeHierarchy>>;
let tokens: BootstrapTokens;
let server: Server;
let port: number;

const STATUS: Record<string, number> = {
  IDENTITY_ENROLLMENT_DENIED: 401,
  IDENTITY_RATE_LIMITED: 429,
  IDENTITY_CERT_UNTRUSTED: 401,
  IDENTITY_CERT_REVOKED: 401,
  IDENTITY_CERT_EXPIRED: 401,
};

beforeAll(async () => {
  pki = await makeHierarchy();
  tokens = createBootstrapTokens({ storage: memoryStorage(), rateLimit: { attempts: 5, windowMs: 60_000 } });
  const est = createEstService({ ca: pki.issuing, root: pki.root.certificate, tokens });
  const serverKey = await generateSigningKey('ecdsa-p256-sha256');
  const serverCert = await issueCertificate({ ca: pki.issuing, subjectPublicKey: await serverKey.signer.publicKey(), request: { profile: 'tls-server', serial: 'est-1', dnsNames: ['localhost'] } });
  // Client certificates are optional at the TLS layer here: simpleenroll uses a token instead, and
  // simplereenroll verifies the peer certificate itself.
  server = createServer({ ...mtlsServerOptions({ key: toPem(serverKey.privateKeyPkcs8, 'PRIVATE KEY'), cert: toPem(serverCert.certificate, 'CERTIFICATE') + pki.issuingPem, ca: pki.rootPem }), rejectUnauthorized: false }, (req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (d: string) => (body += d));
    req.on('end', () => {
      const handle = async () => {
        if (req.url === '/.well-known/est/simpleenroll') {
          return est.simpleEnroll({ body, token: (req.headers.authorization ?? '').replace(/^Bearer /, ''), clientId: req.socket.remoteAddress ?? '' });
        }
        const socket: unknown = req.socket;
        const raw = (socket as TLSSocket).getPeerCertificate().raw as Buffer | undefined;
        return est.simpleReenroll({ body, peerCertificate: new Uint8Array(raw ?? []) });
      };
      handle().then((r) => {
        res.writeHead(200, { 'content-type': r.contentType, 'content-transfer-encoding': 'base64' }).end(r.body);
      }, (error: unknown) => {
        const code = SdkError.isInstance(error) ? error.code : 'INTERNAL';
        res.writeHead(STATUS[code] ?? 400, { 'content-type': 'application/json' }).end(JSON.stringify({ code }));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
}); // prettier-ignore

afterAll(
  () =>
    new Promise<void>((resolve) => {
      server.close(() => {
        resolve();
      });
    }),
);

function post(path: string, body: string, extra: { token?: string; key?: string; cert?: string } = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'POST', servername: 'localhost', ca: pki.rootPem, headers: { 'content-type': 'application/pkcs10', ...(extra.token ? { authorization: `Bearer ${extra.token}` } : {}) }, ...(extra.key ? { key: extra.key, cert: extra.cert } : {}) }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => { resolve({ status: res.statusCode ?? 0, body: text }); });
    });
    req.on('error', reject);
    req.end(body);
  });
} // prettier-ignore

const csrBody = async (serial: string) => {
  const key = await generateSigningKey('ecdsa-p256-sha256');
  return {
    key,
    body: Buffer.from(await createCsr({ signer: key.signer, serial })).toString('base64'),
  };
};

describe('EST-style enrollment over HTTPS', () => {
  it('trades a one-time token for an operational certificate; renews with it at 2/3 of its lifetime', async () => {
    const token = await tokens.issue('VS-0300', 3600);
    const first = await csrBody('VS-0300');
    const res = await post('/.well-known/est/simpleenroll', first.body, { token });
    expect(res.status).toBe(200);
    const [cert] = certificatesOfPkcs7(new Uint8Array(Buffer.from(res.body, 'base64')));
    expect(deviceIdentityOf(cert!)).toMatchObject({ serial: 'VS-0300', profile: 'ldevid-mtls' });
    const f = await pemFiles(await tempDir(), { 'root.pem': pki.rootPem, 'issuing.pem': pki.issuingPem, 'cert.pem': toPem(cert!, 'CERTIFICATE') });
    expect((await openssl(['verify', '-x509_strict', '-CAfile', f['root.pem']!, '-untrusted', f['issuing.pem']!, f['cert.pem']!])).ok).toBe(true);
    // The token is single use.
    expect((await post('/.well-known/est/simpleenroll', (await csrBody('VS-0300')).body, { token })).status).toBe(401);
    // Renewal at ~2/3 of a 90-day lifetime.
    const identity = deviceIdentityOf(cert!);
    const lifetime = identity.notAfter.getTime() - identity.notBefore.getTime();
    expect(renewalTime(cert!).getTime() - identity.notBefore.getTime()).toBeCloseTo((lifetime * 2) / 3, -3);
    // simplereenroll: authenticated by the current certificate, new key, same serial.
    const next = await csrBody('VS-0300');
    const renewed = await post('/.well-known/est/simplereenroll', next.body, { key: toPem(first.key.privateKeyPkcs8, 'PRIVATE KEY'), cert: toPem(cert!, 'CERTIFICATE') + pki.issuingPem });
    expect(renewed.status).toBe(200);
    const [newCert] = certificatesOfPkcs7(new Uint8Array(Buffer.from(renewed.body, 'base64')));
    expect(deviceIdentityOf(newCert!).serial).toBe('VS-0300');
    // Renewing for another device's serial is refused.
    const other = await post('/.well-known/est/simplereenroll', (await csrBody('VS-9999')).body, { key: toPem(first.key.privateKeyPkcs8, 'PRIVATE KEY'), cert: toPem(cert!, 'CERTIFICATE') + pki.issuingPem });
    expect(JSON.parse(other.body)).toMatchObject({ code: 'IDENTITY_POLICY_VIOLATION' });
    // Without a client certificate, reenroll is refused.
    expect((await post('/.well-known/est/simplereenroll', next.body)).status).toBe(401);
  });

  it('unknown tokens are denied and guessing is rate limited', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await post('/.well-known/est/simpleenroll', (await csrBody('VS-0301')).body, { token: 'A'.repeat(43) })).status);
    expect(statuses.slice(0, 3)).toContain(401);
    expect(statuses.at(-1)).toBe(429);
  });

  it('redeem is atomic: two concurrent redemptions of one token, one wins', async () => {
    const t = createBootstrapTokens({ storage: memoryStorage() });
    const token = await t.issue('VS-0400');
    const results = await Promise.allSettled([t.redeem(token, 'a'), t.redeem(token, 'b')]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected');
    expect(rejected?.reason).toBeErrorWithCode(IdentityError, 'IDENTITY_ENROLLMENT_DENIED');
  });
}); // prettier-ignore
