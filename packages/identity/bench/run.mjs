// Benchmarks of @cra-kit/identity, each printed beside a reference measured in the same run.
// Run with `pnpm --filter @cra-kit/identity build && pnpm --filter @cra-kit/identity bench`.
// Reads the built package, as users get it. IDENTITY_BENCH_CSRS sets the number of CSRs (default 3000).
// Run it pinned to one core (`taskset -c 0 node bench/run.mjs`) so thread-pool work cannot hide.
import { execFileSync, spawnSync } from 'node:child_process';
import { generateSigningKey } from '@cra-kit/core';
import {
  createBulkIssuer,
  createCsr,
  createIssuingCa,
  createNodeKeySigner,
  createRootCa,
  issueCertificate,
  issueFromCsr,
  verifyCsr,
} from '../dist/index.js';

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
  // The issuing key as a key file gives it (openCaDirectory): a node:crypto KeyObject signer.
  const key = await generateSigningKey('ecdsa-p256-sha256');
  const signer = await createNodeKeySigner({
    algorithm: 'ecdsa-p256-sha256',
    privateKeyPkcs8: key.privateKeyPkcs8,
  });
  const certificate = await createIssuingCa({
    organization: 'Bench',
    commonName: 'Bench Issuing',
    signer,
    root,
  });
  // The same CA behind core's WebCrypto signer: what a KMS/HSM Signer looks like (async only).
  return { ca: { signer, certificate }, asyncCa: { signer: key.signer, certificate } };
}

const serial = (i) => `B-${String(i % N).padStart(7, '0')}`;
// Certificates per second of CPU time (user + system, every thread of this process), the way
// `openssl speed` divides by CPU user time: on a shared machine wall time measures the
// neighbours. Wall-clock rates are printed too.
async function rate(count, issueOne) {
  for (let i = 0; i < Math.min(200, count); i++) await issueOne(i); // warm-up
  const wall = performance.now();
  const cpu = process.cpuUsage();
  for (let i = 0; i < count; i++) await issueOne(i);
  const used = process.cpuUsage(cpu);
  return {
    cpu: count / ((used.user + used.system) / 1e6),
    wall: count / ((performance.now() - wall) / 1000),
  };
}

// 1. Ours: verify the CSR (proof of possession, policy) and sign the certificate, one at a time.
const { ca, asyncCa } = await hierarchy();
const csrs = [];
for (let i = 0; i < N; i++) {
  const key = await generateSigningKey('ecdsa-p256-sha256');
  csrs.push(await createCsr({ signer: key.signer, serial: serial(i) }));
}
const issuer = createBulkIssuer({ ca });
const fast = () => rate(N, (i) => issuer.issueFromCsr(csrs[i], { serial: serial(i) }));
const G = Math.min(N, 500);
const generic = await rate(G, async (i) => {
  const csr = await verifyCsr(csrs[i]);
  return issueCertificate({
    ca,
    subjectPublicKey: csr.subjectPublicKey,
    request: { serial: serial(i) },
  });
});
const oursAsync = await rate(N, (i) =>
  issueFromCsr({ ca: asyncCa, csr: csrs[i], request: { serial: serial(i) } }),
);

// 2. Reference: OpenSSL's own ECDSA P-256 sign and verify rate on one core, in this run.
function opensslBound() {
  const speed = execFileSync('openssl', ['speed', '-seconds', '1', 'ecdsap256'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const row = speed.split('\n').find((l) => /256 bits ecdsa \(nistp256\)/.test(l));
  const [signPerS, verifyPerS] = (row ?? '').trim().split(/\s+/).slice(-2).map(Number);
  return { signPerS, verifyPerS, bound: 1 / (1 / signPerS + 1 / verifyPerS) };
}

// On a shared machine the load changes from second to second: measure ours and OpenSSL in
// alternating rounds and compare each round with its neighbour, reporting the median round.
const rounds = [];
for (let r = 0; r < Number(process.env.IDENTITY_BENCH_ROUNDS ?? 5); r++) {
  const ours = await fast();
  const ref = opensslBound();
  rounds.push({ ours, ...ref, ratio: ours.cpu / ref.bound });
}
rounds.sort((a, b) => a.ratio - b.ratio);
const median = rounds[Math.floor(rounds.length / 2)];
const { ours, signPerS, verifyPerS, bound } = median;

// 3. Reference: cfssl's signing API, when Debian's golang-cfssl is installed.
const cfssl = spawnSync('cfssl', ['version'], { encoding: 'utf8' });

const f = (n) => Math.round(n).toLocaleString('en');
const r = (x) => `${f(x.cpu)} certs/s per CPU second (${f(x.wall)}/s wall)`;
console.log('certificates from CSR, one core (verify CSR + sign certificate), P-256');
console.log(
  `  issueFromCsr / createBulkIssuer (fast path, key file)  ${r(ours)}  (${N} CSRs, median of ${rounds.length} rounds)`,
);
console.log(`  issueFromCsr (fast path, async WebCrypto Signer)       ${r(oursAsync)}`);
console.log(`  verifyCsr + issueCertificate (@peculiar generic path)  ${r(generic)}  (${G} CSRs)`);
console.log(
  `  openssl speed ecdsap256   sign ${f(signPerS)}/s, verify ${f(verifyPerS)}/s (per CPU second) -> sign+verify bound ${f(bound)}/s`,
);
console.log(
  `  ours / openssl bound      ${(median.ratio * 100).toFixed(1)}% (target >= 35%); rounds: ${rounds.map((x) => `${(x.ratio * 100).toFixed(1)}%`).join(', ')}`,
);
console.log(
  `  cfssl serve               ${cfssl.error ? 'not installed (apt-get install golang-cfssl to compare)' : 'installed: run bench/cfssl.mjs'}`,
);
