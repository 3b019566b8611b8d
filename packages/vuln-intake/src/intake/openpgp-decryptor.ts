import { VulnIntakeError } from '../errors.js';
import { loadPeer } from '../store/rows.js';

/** Options of {@link createOpenPgpDecryptor}. */
export interface OpenPgpDecryptorOptions {
  /** The armored private key whose public half is published in security.txt (`Encryption:`). */
  readonly armoredPrivateKey: string;
  readonly passphrase?: string;
}

/**
 * Decrypts OpenPGP-encrypted reports for {@link createIntakeHandler}'s `decrypt` option, with the
 * `openpgp` package (an optional peer dependency). Reporters encrypt to the public key published
 * in security.txt, so proxies and logs in between never see the report in clear.
 * @throws {VulnIntakeError} VULN_DEPENDENCY_MISSING, VULN_INPUT_INVALID (unusable key)
 */
export async function createOpenPgpDecryptor(
  options: OpenPgpDecryptorOptions,
): Promise<(armored: string) => Promise<string>> {
  const openpgp = await loadPeer('openpgp', () => import('openpgp'));
  let key: Awaited<ReturnType<typeof openpgp.readPrivateKey>>;
  try {
    key = await openpgp.readPrivateKey({ armoredKey: options.armoredPrivateKey });
    if (!key.isDecrypted())
      key = await openpgp.decryptKey({ privateKey: key, passphrase: options.passphrase ?? '' });
  } catch (cause) {
    throw new VulnIntakeError(
      'VULN_INPUT_INVALID',
      'the OpenPGP private key cannot be read or decrypted',
      {
        details: { reason: cause instanceof Error ? cause.name : 'unknown' },
      },
    );
  }
  return async (armored) => {
    try {
      const message = await openpgp.readMessage({ armoredMessage: armored });
      // openpgp's overloaded stream types do not resolve here; the utf8 format gives a string.
      const result = (await openpgp.decrypt({ message, decryptionKeys: key, format: 'utf8' })) as {
        data: unknown;
      };
      if (typeof result.data !== 'string') throw new TypeError('decrypted data is not text');
      return result.data;
    } catch (cause) {
      throw new VulnIntakeError(
        'VULN_INPUT_INVALID',
        'the report is not an OpenPGP message encrypted to our key',
        {
          details: { reason: cause instanceof Error ? cause.name : 'unknown' },
        },
      );
    }
  };
}
