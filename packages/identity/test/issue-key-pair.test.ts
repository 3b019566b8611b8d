import { createPrivateKey, createPublicKey, X509Certificate } from 'node:crypto';
import { once } from 'node:events';
import { connect, createServer, type TLSSocket } from 'node:tls';
import { describe, expect, it } from 'vitest';
import { issueKeyPair } from '@cra-kit/identity';
import { makeHierarchy, openssl, pemFiles, tempDir } from './helpers.js';

const certificatesOf = (pem: string) =>
  pem.match(/-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----\n?/g) ?? [];

describe('issueKeyPair', () => {
  it('gives a TLS server its key and chain: openssl verifies it, and a client that trusts the root connects', async () => {
    const { issuing, rootPem, issuingPem } = await makeHierarchy();
    const { keyPem, certificatePem, issued } = await issueKeyPair({ ca: issuing, request: { profile: 'tls-server', serial: 'broker-1', dnsNames: ['localhost'] } });
    const [leaf, chain, ...rest] = certificatesOf(certificatePem);
    expect(rest).toHaveLength(0);
    expect(chain).toBe(issuingPem);
    expect(new X509Certificate(leaf ?? '').serialNumber.toLowerCase()).toBe(issued.serialNumber.replace(/^(00)+/, ''));
    // The key is the certificate's key.
    expect(createPublicKey(keyPem).export({ type: 'spki', format: 'der' })).toEqual(new X509Certificate(leaf ?? '').publicKey.export({ type: 'spki', format: 'der' }));

    const files = await pemFiles(await tempDir(), { 'root.pem': rootPem, 'issuing.pem': issuingPem, 'leaf.pem': leaf ?? '' });
    const verified = await openssl(['verify', '-x509_strict', '-purpose', 'sslserver', '-CAfile', files['root.pem'] ?? '', '-untrusted', files['issuing.pem'] ?? '', files['leaf.pem'] ?? '']);
    expect(verified).toMatchObject({ ok: true });
    expect((await openssl(['x509', '-noout', '-checkhost', 'localhost', '-in', files['leaf.pem'] ?? ''])).out).toMatch(/does match/);

    const server = createServer({ key: keyPem, cert: certificatePem }, (socket) => socket.end('ok'));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const port = (server.address() as { port: number }).port;
      const client: TLSSocket = connect({ host: '127.0.0.1', port, servername: 'localhost', ca: rootPem });
      await once(client, 'secureConnect');
      expect(client.authorized).toBe(true);
      const [data] = (await once(client, 'data')) as [Buffer];
      expect(data.toString()).toBe('ok');
      client.destroy();
    } finally {
      server.close();
    }
  }); // prettier-ignore

  it('makes the key type asked for', async () => {
    const { issuing } = await makeHierarchy();
    const p384 = await issueKeyPair({ ca: issuing, algorithm: 'ecdsa-p384-sha384', request: { profile: 'ldevid-mtls', serial: 'svc-1' } });
    expect(createPrivateKey(p384.keyPem).asymmetricKeyDetails).toMatchObject({ namedCurve: 'secp384r1' });
    const ed = await issueKeyPair({ ca: issuing, algorithm: 'ed25519', request: { profile: 'ldevid-mtls', serial: 'svc-2' } });
    expect(createPrivateKey(ed.keyPem).asymmetricKeyType).toBe('ed25519');
    const fresh = await issueKeyPair({ ca: issuing, request: { profile: 'ldevid-mtls', serial: 'svc-2' } });
    expect(createPrivateKey(fresh.keyPem).asymmetricKeyDetails).toMatchObject({ namedCurve: 'prime256v1' });
    expect(fresh.keyPem).not.toBe(ed.keyPem);
  }); // prettier-ignore

  it('refuses a malformed algorithm or request with a typed error', async () => {
    const { issuing } = await makeHierarchy();
    await expect(issueKeyPair({ ca: issuing, algorithm: 'rsa' as never, request: { profile: 'ldevid-mtls', serial: 'x' } })).rejects.toMatchObject({ code: 'CORE_VALIDATION_FAILED' });
    await expect(issueKeyPair({ ca: issuing, request: { profile: 'tls-server', serial: 'x', dnsNames: ['not a host'] } })).rejects.toMatchObject({ code: 'CORE_VALIDATION_FAILED' });
  }); // prettier-ignore
});
