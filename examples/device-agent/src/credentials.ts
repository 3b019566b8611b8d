import { mkdir, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import { generateSigningKey } from '@cra-kit/core';
import { syncDirectory, writeFileAtomic } from '@cra-kit/core/node';
import {
  certificatesOfPkcs7,
  createCsr,
  deviceIdentityOf,
  mtlsClientOptions,
  toPem,
  type MtlsClientOptions,
} from '@cra-kit/identity';
import { HTTP_PATHS } from '@cra-kit-examples/device-protocol';
import { AgentError } from './errors.js';
import { readIfExists, secureErase } from './local-files.js';
import { httpsRequest, type TlsClient } from './https.js';
import type { DataLayout } from './layout.js';

/** The device's operational credentials (PEM). */
export interface Credentials {
  readonly key: string;
  readonly cert: string;
  /** The issuing CA chain from the cloud's `cacerts`. */
  readonly chain: string;
  /** DER of `cert`. */
  readonly certificate: Uint8Array;
}

const derOfPem = (pem: string) =>
  new Uint8Array(Buffer.from(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64'));

/** An EST certs-only body: base64 as RFC 7030 sends it, or raw DER from a lenient server. */
const pkcs7Of = (body: Buffer): Uint8Array =>
  body[0] === 0x30
    ? new Uint8Array(body)
    : new Uint8Array(Buffer.from(body.toString('ascii').replace(/\s+/g, ''), 'base64'));

/** Where the agent talks to, and the trust anchor it checks the servers against. */
export interface CloudEndpoints {
  readonly publicUrl: string;
  readonly deviceUrl: string;
  /** Root CA (PEM) of the cloud's PKI: the only certificate the agent trusts. */
  readonly caPem: string;
  readonly servername?: string;
}

/** mTLS options from credentials (spread into https and mqtt). */
export function tlsOf(endpoints: CloudEndpoints, creds: Credentials): MtlsClientOptions {
  return mtlsClientOptions({ key: creds.key, cert: creds.cert, chain: creds.chain, ca: endpoints.caPem, ...(endpoints.servername ? { servername: endpoints.servername } : {}) });
} // prettier-ignore

const serverOnly = (e: CloudEndpoints): TlsClient => ({
  ca: e.caPem,
  ...(e.servername ? { servername: e.servername } : {}),
});

/**
 * Loads stored credentials, first finishing an interrupted renewal: a complete new pair is
 * swapped in; a lone new key (the certificate never arrived) is erased.
 */
export async function loadCredentials(layout: DataLayout): Promise<Credentials | undefined> {
  const nextKey = await readIfExists(layout.nextKey);
  const nextCert = await readIfExists(layout.nextCert);
  if (nextKey !== undefined && nextCert !== undefined) await swapIn(layout);
  else if (nextKey !== undefined) await secureErase(layout.nextKey);
  const key = await readIfExists(layout.key);
  const cert = await readIfExists(layout.cert);
  const chain = await readIfExists(layout.chain);
  if (key === undefined || cert === undefined) return undefined;
  const certPem = cert.toString('utf8');
  return { key: key.toString('utf8'), cert: certPem, chain: chain?.toString('utf8') ?? '', certificate: derOfPem(certPem) };
} // prettier-ignore

async function swapIn(layout: DataLayout): Promise<void> {
  // The old key is overwritten before the rename drops it, so it does not linger on disk.
  await secureErase(layout.key);
  await rename(layout.nextKey, layout.key);
  await rename(layout.nextCert, layout.cert);
  await syncDirectory(layout.identity);
}

async function csrFor(serial: string) {
  const key = await generateSigningKey('ecdsa-p256-sha256');
  const csr = await createCsr({ signer: key.signer, serial });
  return { keyPem: toPem(key.privateKeyPkcs8, 'PRIVATE KEY'), body: Buffer.from(csr).toString('base64') };
} // prettier-ignore

function certificateOf(res: { status: number; body: Buffer }, serial: string, code: 'AGENT_ENROLLMENT_FAILED' | 'AGENT_RENEWAL_FAILED'): Uint8Array {
  if (res.status !== 200) {
    let reason = '';
    try { const body = JSON.parse(res.body.toString('utf8')) as { code?: unknown }; reason = typeof body.code === 'string' ? body.code.slice(0, 64) : ''; } catch { reason = ''; }
    throw new AgentError(code, `EST answered HTTP ${res.status}`, { details: { status: res.status, reason } });
  }
  const [cert] = certificatesOfPkcs7(pkcs7Of(res.body));
  if (cert === undefined || deviceIdentityOf(cert).serial !== serial) throw new AgentError(code, 'EST returned no certificate for this device');
  return cert;
} // prettier-ignore

/** The CA chain to present with the device certificate: `cacerts` minus our root. */
async function fetchChain(endpoints: CloudEndpoints): Promise<string> {
  const res = await httpsRequest(new URL(HTTP_PATHS.estCaCerts, endpoints.publicUrl), serverOnly(endpoints));
  if (res.status !== 200) throw new AgentError('AGENT_ENROLLMENT_FAILED', `cacerts answered HTTP ${res.status}`);
  const root = Buffer.from(derOfPem(endpoints.caPem));
  const certs = certificatesOfPkcs7(pkcs7Of(res.body));
  return certs.filter((c) => !root.equals(c)).map((c) => toPem(c, 'CERTIFICATE')).join('');
} // prettier-ignore

/**
 * First boot: a new P-256 key (it never leaves the device), a CSR, and the bootstrap token
 * traded for an operational certificate over HTTPS (server checked against our CA only).
 * @throws {AgentError} AGENT_ENROLLMENT_FAILED, AGENT_HTTP_FAILED
 */
export async function enroll(layout: DataLayout, endpoints: CloudEndpoints, serial: string, token: string): Promise<Credentials> {
  const { keyPem, body } = await csrFor(serial);
  const res = await httpsRequest(new URL(HTTP_PATHS.estSimpleEnroll, endpoints.publicUrl), serverOnly(endpoints), {
    method: 'POST', body, headers: { 'content-type': 'application/pkcs10', 'content-transfer-encoding': 'base64', authorization: `Bearer ${token}` },
  });
  const cert = certificateOf(res, serial, 'AGENT_ENROLLMENT_FAILED');
  const chain = await fetchChain(endpoints);
  await mkdir(layout.identity, { recursive: true, mode: 0o700 });
  await writeFileAtomic(layout.key, keyPem, { mode: 0o600 });
  await writeFileAtomic(layout.chain, chain, { mode: 0o644 });
  const certPem = toPem(cert, 'CERTIFICATE');
  // The certificate last: it is what marks the device as enrolled.
  await writeFileAtomic(layout.cert, certPem, { mode: 0o644 });
  return { key: keyPem, cert: certPem, chain, certificate: cert };
} // prettier-ignore

/**
 * Renewal over `simplereenroll` with mutual TLS (the current certificate authenticates) and a
 * new key. The new pair is written beside the old one, then swapped in (see {@link loadCredentials}).
 * @throws {AgentError} AGENT_RENEWAL_FAILED, AGENT_HTTP_FAILED
 */
export async function renew(layout: DataLayout, endpoints: CloudEndpoints, serial: string, current: Credentials): Promise<Credentials> {
  const { keyPem, body } = await csrFor(serial);
  const res = await httpsRequest(new URL(HTTP_PATHS.estSimpleReenroll, endpoints.deviceUrl), tlsOf(endpoints, current), {
    method: 'POST', body, headers: { 'content-type': 'application/pkcs10', 'content-transfer-encoding': 'base64' },
  });
  const cert = certificateOf(res, serial, 'AGENT_RENEWAL_FAILED');
  const certPem = toPem(cert, 'CERTIFICATE');
  await writeFileAtomic(layout.nextKey, keyPem, { mode: 0o600 });
  await writeFileAtomic(layout.nextCert, certPem, { mode: 0o644 });
  await swapIn(layout);
  return { key: keyPem, cert: certPem, chain: current.chain, certificate: cert };
} // prettier-ignore

/** Erases the credentials: key material overwritten before unlink, then the certificates. */
export async function eraseCredentials(layout: DataLayout): Promise<void> {
  for (const path of [layout.key, layout.nextKey, layout.cert, layout.nextCert, layout.chain]) {
    await secureErase(path);
  }
  await syncDirectory(dirname(layout.key)).catch(() => undefined);
}
