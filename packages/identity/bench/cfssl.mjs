// Reference: cfssl's signing API (Debian's golang-cfssl, `cfssl serve`) signing the same kind of
// P-256 CSRs from one client, sequentially over a keep-alive connection; printed beside ours
// (issueFromCsr in-process, also sequential). Run after `pnpm --filter @cra-kit/identity build`.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSigningKey } from '@cra-kit/core';
import {
  createCsr,
  createNodeKeySigner,
  createRootCa,
  issueFromCsr,
  toPem,
} from '../dist/index.js';

const N = Number(process.env.IDENTITY_BENCH_CSRS ?? 2000);
const work = mkdtempSync(join(tmpdir(), 'identity-cfssl-'));
const key = join(work, 'ca.key');
const cert = join(work, 'ca.pem');
execFileSync('openssl', ['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', key]);
execFileSync('openssl', [
  'req',
  '-x509',
  '-new',
  '-key',
  key,
  '-subj',
  '/O=Bench/CN=Bench CA',
  '-days',
  '30',
  '-out',
  cert,
]);
writeFileSync(
  join(work, 'config.json'),
  JSON.stringify({
    signing: { default: { expiry: '2160h', usages: ['digital signature', 'client auth'] } },
  }),
);
const port = await new Promise((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const p = s.address().port;
    s.close(() => resolve(p));
  });
});
const server = spawn(
  'cfssl',
  [
    'serve',
    '-address',
    '127.0.0.1',
    '-port',
    String(port),
    '-ca',
    cert,
    '-ca-key',
    key,
    '-config',
    join(work, 'config.json'),
  ],
  { stdio: 'ignore' },
);

const csrs = [];
for (let i = 0; i < N; i++) {
  const k = await generateSigningKey('ecdsa-p256-sha256');
  csrs.push(await createCsr({ signer: k.signer, serial: `B-${String(i).padStart(7, '0')}` }));
}
const agent = new Agent({ keepAlive: true, maxSockets: 1 });
const sign = (csr) =>
  new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path: '/api/v1/cfssl/sign',
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json' },
      },
      (res) => {
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () =>
          res.statusCode === 200
            ? resolve(body)
            : reject(new Error(`cfssl ${res.statusCode}: ${body}`)),
        );
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify({ certificate_request: toPem(csr, 'CERTIFICATE REQUEST') }));
  });
for (let tries = 0; ; tries++) {
  try {
    await sign(csrs[0]);
    break;
  } catch (e) {
    if (tries > 100) throw e;
    await new Promise((r) => setTimeout(r, 100));
  }
}
let started = performance.now();
for (const csr of csrs) await sign(csr);
const cfssl = N / ((performance.now() - started) / 1000);
server.kill();

// Our CA key as a key file gives it (openCaDirectory): a node:crypto KeyObject signer.
const rootKey = await generateSigningKey('ecdsa-p256-sha256');
const signer = await createNodeKeySigner({
  algorithm: 'ecdsa-p256-sha256',
  privateKeyPkcs8: rootKey.privateKeyPkcs8,
});
const ca = {
  signer,
  certificate: await createRootCa({ organization: 'Bench', commonName: 'Bench CA', signer }),
};
for (let i = 0; i < 200; i++)
  await issueFromCsr({
    ca,
    csr: csrs[i % N],
    request: { serial: `B-${String(i % N).padStart(7, '0')}` },
  }); // warm-up
started = performance.now();
for (let i = 0; i < N; i++)
  await issueFromCsr({ ca, csr: csrs[i], request: { serial: `B-${String(i).padStart(7, '0')}` } });
const ours = N / ((performance.now() - started) / 1000);
console.log(`certificates from CSR, sequential, P-256 (${N} CSRs)`);
console.log(`  @cra-kit/identity (in-process)     ${Math.round(ours)} certs/s`);
console.log(
  `  cfssl serve /api/v1/cfssl/sign      ${Math.round(cfssl)} certs/s (one HTTP client, keep-alive)`,
);
rmSync(work, { recursive: true, force: true });
