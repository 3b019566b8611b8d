import { SdkError, keyIdOf, p1363ToDer, type Signer } from '@cra-kit/core';
import { AsnConvert, OctetString } from '@peculiar/asn1-schema';
import { AlgorithmIdentifier, SubjectPublicKeyInfo } from '@peculiar/asn1-x509';
import type * as Pkcs11Module from 'pkcs11js';
import { OID } from '../asn1/oids.js';
import { IdentityError } from '../errors.js';

type Pkcs11Algorithm = 'ecdsa-p256-sha256' | 'ecdsa-p384-sha384';

/** Where the key lives: a PKCS#11 module, a token label, the user PIN and the key label. */
export interface Pkcs11KeyOptions {
  /** Path of the PKCS#11 module, e.g. `/usr/lib/softhsm/libsofthsm2.so`. */
  readonly module: string;
  readonly tokenLabel: string;
  /** User PIN. Passed to the module only; never logged. */
  readonly pin: string;
  readonly keyLabel: string;
  readonly algorithm?: Pkcs11Algorithm;
}

/** A {@link Signer} over a key inside a PKCS#11 token; `close()` ends the session. */
export interface Pkcs11Signer extends Signer {
  close(): void;
}

const CURVES: Readonly<Record<Pkcs11Algorithm, { params: string; bytes: number }>> = {
  'ecdsa-p256-sha256': { params: '06082a8648ce3d030107', bytes: 32 },
  'ecdsa-p384-sha384': { params: '06052b81040022', bytes: 48 },
};
const CKR_CRYPTOKI_ALREADY_INITIALIZED = 0x191;
const CKR_USER_ALREADY_LOGGED_IN = 0x100;

const failed = (message: string, cause?: unknown) =>
  new IdentityError('IDENTITY_PKCS11_FAILED', message, cause === undefined ? {} : { cause });

async function loadModule(): Promise<typeof Pkcs11Module> {
  try {
    const mod = (await import('pkcs11js')) as typeof Pkcs11Module & { default?: typeof Pkcs11Module };
    return mod.default ?? mod;
  } catch (cause) {
    throw new IdentityError('IDENTITY_PKCS11_UNAVAILABLE', 'PKCS#11 signing needs the optional dependency: npm install pkcs11js', { cause });
  }
} // prettier-ignore

async function openSession(options: Pkcs11KeyOptions) {
  const p11 = await loadModule();
  const lib = new p11.PKCS11();
  try {
    lib.load(options.module);
    try {
      lib.C_Initialize();
    } catch (error) {
      if ((error as { code?: number }).code !== CKR_CRYPTOKI_ALREADY_INITIALIZED) throw error;
    }
    const slot = lib.C_GetSlotList(true).find((s) => lib.C_GetTokenInfo(s).label.trim() === options.tokenLabel);
    if (slot === undefined) throw failed(`no token labelled ${options.tokenLabel}`);
    const session = lib.C_OpenSession(slot, p11.CKF_SERIAL_SESSION | p11.CKF_RW_SESSION);
    try {
      lib.C_Login(session, p11.CKU_USER, options.pin);
    } catch (error) {
      // Login state is per application and token: a second session shares the first one's.
      if ((error as { code?: number }).code !== CKR_USER_ALREADY_LOGGED_IN) throw error;
    }
    return { p11, lib, session };
  } catch (cause) {
    if (SdkError.isInstance(cause)) throw cause;
    throw failed('cannot open a PKCS#11 session (module, token or PIN)', cause);
  }
} // prettier-ignore

function findKey(s: Awaited<ReturnType<typeof openSession>>, klass: number, label: string) {
  s.lib.C_FindObjectsInit(s.session, [
    { type: s.p11.CKA_CLASS, value: klass },
    { type: s.p11.CKA_LABEL, value: label },
  ]);
  const found = s.lib.C_FindObjects(s.session, 2);
  s.lib.C_FindObjectsFinal(s.session);
  if (found.length !== 1 || found[0] === undefined)
    throw failed(`expected exactly one key labelled ${label}`);
  return found[0];
}

async function signerFor(s: Awaited<ReturnType<typeof openSession>>, options: Pkcs11KeyOptions): Promise<Pkcs11Signer> {
  const algorithm = options.algorithm ?? 'ecdsa-p256-sha256';
  const curve = CURVES[algorithm];
  // Hash here and use plain CKM_ECDSA: every token has it (SoftHSM2 has no CKM_ECDSA_SHA256).
  const hash = algorithm === 'ecdsa-p256-sha256' ? 'SHA-256' : 'SHA-384';
  let privateKey: Buffer;
  let spki: Uint8Array;
  try {
    privateKey = findKey(s, s.p11.CKO_PRIVATE_KEY, options.keyLabel);
    const publicKey = findKey(s, s.p11.CKO_PUBLIC_KEY, options.keyLabel);
    const [params, point] = s.lib.C_GetAttributeValue(s.session, publicKey, [{ type: s.p11.CKA_EC_PARAMS }, { type: s.p11.CKA_EC_POINT }]);
    if (!(params?.value instanceof Buffer) || params.value.toString('hex') !== curve.params || !(point?.value instanceof Buffer)) throw failed('the key is not on the expected curve');
    spki = new Uint8Array(AsnConvert.serialize(new SubjectPublicKeyInfo({
      algorithm: new AlgorithmIdentifier({ algorithm: OID.ecPublicKey, parameters: new Uint8Array(params.value).buffer }),
      subjectPublicKey: AsnConvert.parse(point.value, OctetString).buffer,
    })));
  } catch (cause) {
    if (SdkError.isInstance(cause)) throw cause;
    throw failed('cannot read the key', cause);
  }
  // One operation at a time per session (C_SignInit + C_Sign are a pair).
  let queue: Promise<unknown> = Promise.resolve();
  const signOnce = async (data: Uint8Array) => {
    const digest = Buffer.from(await globalThis.crypto.subtle.digest(hash, data));
    return new Promise<Uint8Array>((resolve, reject) => {
      try {
        s.lib.C_SignInit(s.session, { mechanism: s.p11.CKM_ECDSA }, privateKey);
        s.lib.C_Sign(s.session, digest, Buffer.alloc(curve.bytes * 2), (error: Error | null, raw) => {
          if (error) reject(failed('the token refused to sign', error));
          else resolve(p1363ToDer(new Uint8Array(raw)));
        });
      } catch (cause) {
        reject(failed('the token refused to sign', cause));
      }
    });
  };
  return {
    specificationVersion: 'v1',
    keyId: await keyIdOf(spki),
    algorithm,
    publicKey: () => Promise.resolve(spki.slice()),
    sign(data: Uint8Array) {
      const result = queue.then(() => signOnce(data));
      queue = result.catch(() => undefined);
      return result;
    },
    close() {
      s.lib.C_CloseSession(s.session);
    },
  };
} // prettier-ignore

/**
 * A {@link Signer} over an EC key inside a PKCS#11 token (an HSM, SoftHSM2, a smart card). The
 * private key never leaves the token: we hold only a handle and send bytes to sign.
 * @throws {IdentityError} IDENTITY_PKCS11_UNAVAILABLE (install `pkcs11js`), IDENTITY_PKCS11_FAILED
 * @example
 * ```ts
 * const signer = await createPkcs11Signer({ module: '/usr/lib/softhsm/libsofthsm2.so', tokenLabel: 'ca', pin, keyLabel: 'issuing-1' });
 * ```
 */
export async function createPkcs11Signer(options: Pkcs11KeyOptions): Promise<Pkcs11Signer> {
  return signerFor(await openSession(options), options);
}

/**
 * Generates an EC key pair inside the token (sensitive, never extractable) and returns its signer.
 * @throws {IdentityError} IDENTITY_PKCS11_UNAVAILABLE, IDENTITY_PKCS11_FAILED
 */
export async function generatePkcs11Key(options: Pkcs11KeyOptions): Promise<Pkcs11Signer> {
  const s = await openSession(options);
  const curve = CURVES[options.algorithm ?? 'ecdsa-p256-sha256'];
  const { p11 } = s;
  try {
    s.lib.C_GenerateKeyPair(s.session, { mechanism: p11.CKM_EC_KEY_PAIR_GEN },
      [{ type: p11.CKA_TOKEN, value: true }, { type: p11.CKA_LABEL, value: options.keyLabel }, { type: p11.CKA_VERIFY, value: true }, { type: p11.CKA_EC_PARAMS, value: Buffer.from(curve.params, 'hex') }],
      [{ type: p11.CKA_TOKEN, value: true }, { type: p11.CKA_LABEL, value: options.keyLabel }, { type: p11.CKA_SIGN, value: true }, { type: p11.CKA_PRIVATE, value: true }, { type: p11.CKA_SENSITIVE, value: true }, { type: p11.CKA_EXTRACTABLE, value: false }]);
  } catch (cause) {
    throw failed('the token could not generate the key', cause);
  }
  return signerFor(s, options);
} // prettier-ignore
