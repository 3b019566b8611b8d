import { readFile } from 'node:fs/promises';
import { generateSigningKey, ValidationError, type SignatureAlgorithm } from '@cra-kit/core';
import {
  createIssuingCa,
  createRootCa,
  issueCertificate,
  mtlsClientOptions,
  mtlsServerOptions,
  toPem,
  type CaSigner,
} from '@cra-kit/identity';
import {
  downloadTarget,
  fetchBytes,
  httpFetcher,
  OtaSigningError,
  type Fetcher,
} from '@cra-kit/ota-signing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { device, publishedRepo } from './helpers.js';
import { serveDirectory } from './http-server.js';

const DEVICE = { hardwareId: 'vs-200-revB', installedCounter: 3 };
const P256: SignatureAlgorithm = 'ecdsa-p256-sha256';

/** A root and issuing CA of one manufacturer, through @cra-kit/identity's public API. */
async function manufacturer(organization: string) {
  const rootKey = await generateSigningKey(P256);
  const root: CaSigner = { signer: rootKey.signer, certificate: await createRootCa({ organization, commonName: `${organization} Root CA`, signer: rootKey.signer }) };
  const issuingKey = await generateSigningKey(P256);
  const issuing: CaSigner = { signer: issuingKey.signer, certificate: await createIssuingCa({ organization, commonName: `${organization} Issuing CA`, signer: issuingKey.signer, root }) };
  const issue = async (request: { profile: 'tls-server' | 'ldevid-mtls'; serial: string; dnsNames?: string[] }) => {
    const key = await generateSigningKey(P256);
    const issued = await issueCertificate({ ca: issuing, subjectPublicKey: await key.signer.publicKey(), request });
    return { key: toPem(key.privateKeyPkcs8, 'PRIVATE KEY'), cert: toPem(issued.certificate, 'CERTIFICATE') };
  };
  return { rootPem: toPem(root.certificate, 'CERTIFICATE'), chain: toPem(issuing.certificate, 'CERTIFICATE'), issue };
} // prettier-ignore

describe('httpFetcher over mutual TLS (a real HTTPS server requiring a client certificate)', () => {
  let fixture: Awaited<ReturnType<typeof setUp>>;

  async function setUp() {
    const acme = await manufacturer('Acme Sensors');
    const other = await manufacturer('Other Corp');
    const server = await acme.issue({
      profile: 'tls-server',
      serial: 'updates-1',
      dnsNames: ['localhost'],
    });
    const published = await publishedRepo();
    const https = await serveDirectory(published.dir, {
      tls: mtlsServerOptions({ key: server.key, cert: server.cert + acme.chain, ca: acme.rootPem }),
    });
    const deviceCreds = await acme.issue({ profile: 'ldevid-mtls', serial: 'VS-0001' });
    const foreignCreds = await other.issue({ profile: 'ldevid-mtls', serial: 'VS-0002' });
    const tlsOf = (creds: { key: string; cert: string }, chain: string, ca: string) =>
      mtlsClientOptions({ ...creds, chain, ca, servername: 'localhost' });
    return { acme, other, https, published, deviceCreds, foreignCreds, tlsOf };
  }

  beforeAll(async () => {
    fixture = await setUp();
  });
  afterAll(async () => {
    await fixture.https.close();
  });

  const refusedBeforeHttp = async (fetcher: Fetcher) => {
    const before = fixture.https.requests.length;
    await expect(fetchBytes(fetcher, 'metadata/timestamp.json', 16_384)).rejects.toBeErrorWithCode(OtaSigningError, 'OTA_FETCH_FAILED');
    // The handshake failed: no HTTP request reached the server.
    expect(fixture.https.requests.length).toBe(before);
  }; // prettier-ignore

  it('refreshes and installs an image with the device certificate', async () => {
    const { acme, https, published, deviceCreds, tlsOf } = fixture;
    const fetcher = httpFetcher(https.url, { tls: tlsOf(deviceCreds, acme.chain, acme.rootPem) });
    const d = await device(published.repo, { fetcher });
    await d.updater.refresh();
    await downloadTarget(d.updater, 'fw-1.2.0.bin', { out: d.slot, device: DEVICE });
    expect(await readFile(d.slot)).toEqual(await readFile(published.image));
    expect(https.requests).toContain('/metadata/timestamp.json');
    expect(https.requests.some((p) => p.endsWith('.fw-1.2.0.bin'))).toBe(true);
  });

  it('is refused by the server with a certificate from another CA', async () => {
    const { acme, other, foreignCreds, tlsOf } = fixture;
    await refusedBeforeHttp(httpFetcher(fixture.https.url, { tls: tlsOf(foreignCreds, other.chain, acme.rootPem) }));
  }); // prettier-ignore

  it('refuses a server that does not chain to the CA it was given', async () => {
    const { acme, other, deviceCreds, tlsOf } = fixture;
    await refusedBeforeHttp(httpFetcher(fixture.https.url, { tls: tlsOf(deviceCreds, acme.chain, other.rootPem) }));
  }); // prettier-ignore

  it('reports a missing file as not found and cuts a download at its cap', async () => {
    const { acme, deviceCreds, tlsOf } = fixture;
    const fetcher = httpFetcher(fixture.https.url, { tls: tlsOf(deviceCreds, acme.chain, acme.rootPem), timeoutMs: 60_000 });
    const missing = fetchBytes(fetcher, 'metadata/99.root.json', 1024);
    await expect(missing).rejects.toBeErrorWithCode(OtaSigningError, 'OTA_FETCH_FAILED');
    await expect(missing.catch((e: unknown) => (e as OtaSigningError).details?.['notFound'])).resolves.toBe(true);
    await expect(fetchBytes(fetcher, 'metadata/1.root.json', 100)).rejects.toBeErrorWithCode(OtaSigningError, 'OTA_LENGTH_EXCEEDED');
  }); // prettier-ignore
});

describe('httpFetcher options', () => {
  it('downloads through a fetch of the caller', async () => {
    const published = await publishedRepo();
    const http = await serveDirectory(published.dir);
    try {
      const seen: string[] = [];
      const own: typeof fetch = (input, init) => {
        seen.push(input instanceof Request ? input.url : input.toString());
        return fetch(input, init);
      };
      const d = await device(published.repo, {
        fetcher: httpFetcher(`${http.url}/`, { fetch: own }),
      });
      await d.updater.refresh();
      expect(seen).toContain(`${http.url}/metadata/timestamp.json`);
      expect(seen.length).toBe(http.requests.length);
    } finally {
      await http.close();
    }
  });

  it('refuses malformed options with a validation error', () => {
    const tls = { key: 'k', cert: 'c', ca: 'a' };
    expect(() => httpFetcher('https://x.test', { tls, fetch })).toThrowWithCode(ValidationError, 'CORE_VALIDATION_FAILED');
    expect(() => httpFetcher('ftp://x.test')).toThrowWithCode(ValidationError, 'CORE_VALIDATION_FAILED');
    expect(() => httpFetcher('https://x.test', { timeoutMs: -1 })).toThrowWithCode(ValidationError, 'CORE_VALIDATION_FAILED');
    expect(() => httpFetcher('http://x.test', { tls })).toThrowWithCode(OtaSigningError, 'OTA_FETCH_FAILED');
  }); // prettier-ignore
});
