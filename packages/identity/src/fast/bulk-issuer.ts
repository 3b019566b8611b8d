import { hash } from 'node:crypto';
import {
  secureRandom,
  systemClock,
  type Clock,
  type RandomSource,
  type SignatureAlgorithm,
} from '@cra-kit/core';
import { AsnConvert } from '@peculiar/asn1-schema';
import { SubjectPublicKeyInfo } from '@peculiar/asn1-x509';
import { derOf } from '../asn1/pem.js';
import { defaultIdentityConfig, type IdentityConfig } from '../config.js';
import { assertCsrNamesDevice } from '../cert/csr-subject.js';
import {
  buildLeafTbs,
  issueCertificate,
  type CaSigner,
  type IssuedCertificate,
} from '../cert/issue.js';
import { assertLintClean } from '../cert/lint.js';
import {
  checkLeafRequest,
  leafSubject,
  leafValidity,
  NO_EXPIRY,
  PROFILE_RULES,
} from '../cert/profiles.js';
import {
  parseIssueRequest,
  type CertificateProfileId,
  type IssueRequest,
  type IssueRequestInput,
} from '../cert/request.js';
import { randomSerial, serialHex, SERIAL_BYTES } from '../cert/serial.js';
import { signatureAlgorithmIdentifier } from '../asn1/algorithms.js';
import { verifyCsr, type VerifiedCsr } from '../csr/parse-csr.js';
import { IdentityError } from '../errors.js';
import { syncSignOf } from '../keys/node-key-signer.js';
import { fastVerifyCsr, spkiShapeOf } from './fast-csr.js';
import { DerWriter } from './der-writer.js';
import { certificateDer, createTbsTemplate, fillTbs, type TbsTemplate } from './tbs-template.js';

/** Issues many certificates from one CA, reusing its parsed state and pre-encoded templates. */
export interface BulkIssuer {
  /** The CSR flow, with the contract of {@link issueFromCsr}. */
  issueFromCsr(csr: string | Uint8Array, request: IssueRequestInput): Promise<IssuedCertificate>;
  /** Issues for a DER SubjectPublicKeyInfo, with the contract of {@link issueCertificate}. */
  issueCertificate(
    subjectPublicKey: Uint8Array,
    request: IssueRequestInput,
  ): Promise<IssuedCertificate>;
}

interface IssuerState {
  readonly ca: CaSigner;
  readonly templates: Map<CertificateProfileId, TbsTemplate>;
  /** Templates whose first certificate was built both ways and matched. */
  readonly checked: Set<CertificateProfileId>;
  /** Scratch space for the TBS of the certificate being issued (used synchronously). */
  readonly writer: DerWriter;
}
interface CallOptions {
  readonly clock: Clock;
  readonly random: RandomSource;
  readonly config: IdentityConfig;
}

// One state per (CA certificate, signer): the parsed issuer and the templates outlive calls.
const states = new WeakMap<Uint8Array, WeakMap<object, IssuerState>>();
function stateOf(ca: CaSigner): IssuerState {
  let bySigner = states.get(ca.certificate);
  if (bySigner === undefined) states.set(ca.certificate, (bySigner = new WeakMap()));
  let state = bySigner.get(ca.signer);
  if (state === undefined)
    bySigner.set(
      ca.signer,
      (state = { ca, templates: new Map(), checked: new Set(), writer: new DerWriter() }),
    );
  return state;
}

/**
 * A {@link BulkIssuer} for a CA: the fast path for issuing from CSRs at line rate. Each (CA,
 * profile) gets a TBSCertificate template once; each certificate fills its holes, is signed
 * (synchronously when the CA key is a {@link createNodeKeySigner} key, through the async Signer
 * otherwise, e.g. KMS or PKCS#11), and is byte-identical to what {@link issueCertificate} builds
 * with `@peculiar/asn1-x509`. The first certificate of every template is built both ways and
 * compared; CSRs outside the common shape (attributes, unusual encodings) are verified by
 * {@link verifyCsr}, so errors and their codes are the same as on the generic path.
 *
 * @example
 * ```ts
 * const issuer = createBulkIssuer({ ca });
 * for (const { csr, serial } of requests) await issuer.issueFromCsr(csr, { profile: 'ldevid-mtls', serial });
 * ```
 */
export function createBulkIssuer(options: { ca: CaSigner; config?: IdentityConfig; clock?: Clock; random?: RandomSource }): BulkIssuer {
  const state = stateOf(options.ca);
  const call: CallOptions = { clock: options.clock ?? systemClock, random: options.random ?? secureRandom, config: options.config ?? defaultIdentityConfig };
  return Object.freeze({
    issueFromCsr: (csr: string | Uint8Array, request: IssueRequestInput) => issueFromCsrFast(state, csr, request, call),
    issueCertificate: (spki: Uint8Array, request: IssueRequestInput) => issueSpkiFast(state, spki, parseIssueRequest(request), call),
  });
} // prettier-ignore

/** The CSR flow on the fast path (used by `issueFromCsr`). @internal */
export async function issueFromCsrFast(stateOrCa: IssuerState | CaSigner, csr: string | Uint8Array, input: IssueRequestInput, call: CallOptions): Promise<IssuedCertificate> {
  const state = 'templates' in stateOrCa ? stateOrCa : stateOf(stateOrCa);
  const request = parseIssueRequest(input);
  const size = typeof csr === 'string' ? csr.length : csr.byteLength;
  let verified: VerifiedCsr | undefined;
  if (size <= call.config.maxCsrBytes) {
    let der: Uint8Array | undefined;
    try {
      der = derOf(csr, 'CERTIFICATE REQUEST', 'IDENTITY_CSR_MALFORMED');
    } catch {
      der = undefined; // the generic path reports it
    }
    if (der !== undefined) verified = fastVerifyCsr(der, call.config);
  }
  verified ??= await verifyCsr(csr, call.config);
  assertCsrNamesDevice(verified, request);
  return issueSpkiFast(state, verified.subjectPublicKey, request, call, verified.keyAlgorithm);
} // prettier-ignore

async function issueSpkiFast(state: IssuerState, spki: Uint8Array, request: IssueRequest, call: CallOptions, knownAlgorithm?: SignatureAlgorithm): Promise<IssuedCertificate> {
  const shape = spkiShapeOf(spki);
  // Keys outside the shapes we template (or a mismatch) take the generic path, which decides.
  if (shape === undefined || (knownAlgorithm !== undefined && shape.algorithm !== knownAlgorithm)) {
    return issueCertificate({ ca: state.ca, subjectPublicKey: spki, request, clock: call.clock, random: call.random });
  }
  checkLeafRequest(request, shape.algorithm);
  const { signer } = state.ca;
  let template = state.templates.get(request.profile);
  if (template === undefined) state.templates.set(request.profile, (template = createTbsTemplate(state.ca.certificate, request.profile, signer.algorithm)));
  const now = call.clock.now();
  const serial = randomSerial(call.random);
  const { notBefore, notAfter } = leafValidity(request, now);
  const tbs = fillTbs(state.writer, template, { serial, notBefore, notAfter, subject: leafSubject(request, template.organization), spki, publicKeyAt: shape.publicKeyAt, request });
  if (!state.checked.has(request.profile)) {
    crossCheck(state, template, { tbs, spki, request, now, serial });
    state.checked.add(request.profile);
  } else {
    assertVaryingFieldsLint(request, serial, notBefore, notAfter);
  }
  // `tbs` views the shared writer: a synchronous signer uses it at once; an async one (KMS,
  // HSM) gets its own copy, since other certificates may be built while it signs.
  const sync = syncSignOf(signer);
  let certificate: Uint8Array;
  if (sync) certificate = certificateDer(template, tbs, sync(tbs));
  else {
    const own = tbs.slice();
    certificate = certificateDer(template, own, await signer.sign(own));
  }
  return { certificate, serialNumber: serialHex(serial), deviceSerial: request.serial, fingerprint: hash('sha256', certificate, 'hex'), notBefore, notAfter };
} // prettier-ignore

// After a template's first certificate was linted whole, later ones differ only in the holes:
// the lint rules for serial and validity are re-checked per certificate (subject, SAN and SKI
// are written from the request and key by construction).
function assertVaryingFieldsLint(request: IssueRequest, serial: Uint8Array, notBefore: Date, notAfter: Date) {
  const rules = PROFILE_RULES[request.profile];
  const problems: string[] = [];
  if (serial.length !== SERIAL_BYTES || (serial[0] ?? 0) === 0 || (serial[0] ?? 0x80) >= 0x80) problems.push('serial must be positive, minimal and 16 octets');
  const lifetime = notAfter.getTime() - notBefore.getTime();
  if (lifetime <= 0) problems.push('notAfter must follow notBefore');
  const noExpiry = notAfter.getTime() === NO_EXPIRY.getTime();
  if (noExpiry && !rules.allowNoExpiry) problems.push(`${rules.id} must expire`);
  if (!noExpiry && lifetime > rules.maxValidityDays * 86_400_000 + 60_000) problems.push(`${rules.id} allows at most ${rules.maxValidityDays} days`);
  if (problems.length > 0) throw new IdentityError('IDENTITY_PROFILE_LINT_FAILED', `certificate fails lint: ${problems.join('; ')}`, { details: { problems } });
} // prettier-ignore

// The first certificate of a template is also built by @peculiar/asn1-x509 and linted; the two
// encodings must be identical, or nothing is signed.
function crossCheck(state: IssuerState, template: TbsTemplate, c: { tbs: Uint8Array; spki: Uint8Array; request: IssueRequest; now: Date; serial: Uint8Array }) {
  const { tbs: generic, issuerKeyId } = buildLeafTbs({ caCertificate: state.ca.certificate, request: c.request, spki: AsnConvert.parse(c.spki, SubjectPublicKeyInfo), now: c.now, serial: c.serial });
  assertLintClean(generic, c.request, issuerKeyId);
  generic.signature = signatureAlgorithmIdentifier(state.ca.signer.algorithm);
  if (Buffer.compare(new Uint8Array(AsnConvert.serialize(generic)), c.tbs) !== 0) {
    throw new IdentityError('IDENTITY_PROFILE_LINT_FAILED', `fast-path template for ${template.profile} does not match the generic encoding`);
  }
} // prettier-ignore
