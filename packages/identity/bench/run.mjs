// Benchmarks of @cra-kit/identity, each printed beside a reference measured in the same run.
// Run with `pnpm --filter @cra-kit/identity build && pnpm --filter @cra-kit/identity bench`.
// Reads the built package, as users get it. IDENTITY_BENCH_CSRS sets the number of CSRs (default 3000).
import { execFileSync, spawnSync } from 'node:child_process';
import { generateSigningKey } from '@cra-kit/core';
import { createIssuingCa, createRootCa, createCsr, issueFromCsr } from '../dist/index.js';

const N = Number(process.env.IDENTITY_BENCH_CSRS ?? 3000);

async function hierarchy() {
  const rootKey = await generateSigningKey('ecdsa-p256-sha256');
  const root = {
    signer: rootKey.signer,
    certificate: await createRootCa({
      organization: 'Bench',
      commonName: 'Bench Root',
      signer: rootKey.signer,
    }),
  };
  const key = await generateSigningKey('ecdsa-p256-sha256');
  return {
    signer: key.signer,
    certificate: await createIssuingCa({
      organization: 'Bench',
      commonName: 'Bench Issuing',
      signer: key.signer,
      root,
    }),
  };
}

// 1. Ours: verify the CSR (proof of possession, policy) and sign the certificate, one at a time.
const ca = await hierarchy();
const csrs = [];
for (let i = 0; i < N; i++) {
  const key = await generateSigningKey('ecdsa-p256-sha256');
  csrs.push(await createCsr({ signer: key.signer, serial: `B-${String(i).padStart(7, '0')}` }));
}
for (let i = 0; i < 200; i++)
  await issueFromCsr({
    ca,
    csr: csrs[i % N],
    request: { serial: `B-${String(i % N).padStart(7, '0')}` },
  }); // warm-up
const started = performance.now();
for (let i = 0; i < N; i++)
  await issueFromCsr({ ca, csr: csrs[i], request: { serial: `B-${String(i).padStart(7, '0')}` } });
const ours = N / ((performance.now() - started) / 1000);

// 2. Reference: OpenSSL's own ECDSA P-256 sign and verify rate on one core, in this run.
const speed = execFileSync('openssl', ['speed', '-seconds', '3', 'ecdsap256'], {
  encoding: 'utf8',
  stdio: ['ignore', 'pipe', 'ignore'],
});
const row = speed.split('\n').find((l) => /256 bits ecdsa \(nistp256\)/.test(l));
const [, signPerS, verifyPerS] = (row ?? '')
  .trim()
  .split(/\s+/)
  .slice(-2)
  .map(Number)
  .reduce((a, v) => [...a, v], [0]);
const bound = 1 / (1 / signPerS + 1 / verifyPerS);

// 3. Reference: cfssl's signing API, when Debian's golang-cfssl is installed.
const cfssl = spawnSync('cfssl', ['version'], { encoding: 'utf8' });

const f = (n) => Math.round(n).toLocaleString('en');
console.log('certificates from CSR, one core (verify CSR + sign certificate), P-256');
console.log(`  @cra-kit/identity         ${f(ours)} certs/s  (${N} CSRs)`);
console.log(
  `  openssl speed ecdsap256   sign ${f(signPerS)}/s, verify ${f(verifyPerS)}/s -> sign+verify bound ${f(bound)}/s`,
);
console.log(`  ours / openssl bound      ${((ours / bound) * 100).toFixed(1)}% (target >= 35%)`);
console.log(
  `  cfssl serve               ${cfssl.error ? 'not installed (apt-get install golang-cfssl to compare)' : 'installed: run bench/cfssl.mjs'}`,
);
