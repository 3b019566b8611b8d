import { VulnIntakeError } from '../errors.js';
import { loadPeer } from '../store/rows.js';

/** Options of {@link signSecurityTxt}. */
export interface SignSecurityTxtOptions {
  /** The armored OpenPGP private key. A secret: never log it. */
  readonly armoredPrivateKey: string;
  /** Its passphrase, if it is encrypted. */
  readonly passphrase?: string;
}

/**
 * OpenPGP cleartext-signs a security.txt, as RFC 9116 §2.3 recommends, with the `openpgp`
 * package (an optional peer dependency). Readers check it with `gpg --verify`.
 * @throws {VulnIntakeError} VULN_DEPENDENCY_MISSING, VULN_INPUT_INVALID (unusable key)
 */
export async function signSecurityTxt(
  text: string,
  options: SignSecurityTxtOptions,
): Promise<string> {
  const openpgp = await loadPeer('openpgp', () => import('openpgp'));
  let key: Awaited<ReturnType<typeof openpgp.readPrivateKey>>;
  try {
    key = await openpgp.readPrivateKey({ armoredKey: options.armoredPrivateKey });
    if (!key.isDecrypted()) {
      key = await openpgp.decryptKey({ privateKey: key, passphrase: options.passphrase ?? '' });
    }
  } catch (cause) {
    // The cause may quote key material: keep it off the error.
    throw new VulnIntakeError(
      'VULN_INPUT_INVALID',
      'the OpenPGP private key cannot be read or decrypted',
      {
        details: { reason: cause instanceof Error ? cause.name : 'unknown' },
      },
    );
  }
  const message = await openpgp.createCleartextMessage({ text });
  return openpgp.sign({ message, signingKeys: key });
}
