import type { ProductProfile } from '@cra-kit/core';
import { VulnIntakeError } from '../errors.js';
import { toHex } from '../internal/encoding.js';
import { csafFileName } from './csaf-product-tree.js';

/** A file of a CSAF provider's web root, relative to it. */
export interface ProviderFile {
  readonly path: string;
  readonly content: string;
}

/** Options of {@link csafProviderFiles}. */
export interface CsafProviderOptions {
  /** The site's origin, https, e.g. `https://acme-sensors.example`. */
  readonly origin: string;
  /** When the set of documents last changed (ISO 8601). */
  readonly lastUpdated: string;
  /** `csaf_publisher`, `csaf_provider` (default) or `csaf_trusted_provider` (CSAF 2.0 §7.2). */
  readonly role?: 'csaf_publisher' | 'csaf_provider' | 'csaf_trusted_provider';
  /** The OpenPGP keys documents are signed with. */
  readonly openpgpKeys?: readonly { fingerprint: string; url: string }[];
}

interface CsafLike {
  readonly document: {
    readonly tracking: {
      readonly id: string;
      readonly current_release_date: string;
      readonly initial_release_date: string;
    };
  };
}

const sha = async (algorithm: 'SHA-256' | 'SHA-512', text: string) =>
  toHex(
    new Uint8Array(
      await globalThis.crypto.subtle.digest(algorithm, new TextEncoder().encode(text)),
    ),
  );

/**
 * The files of a CSAF 2.0 provider with directory-based distribution (§7.1): the documents under
 * `/.well-known/csaf/white/<year>/` with `.sha256` and `.sha512` files, `index.txt`,
 * `changes.csv`, and `provider-metadata.json`. Write them under the web root as they are.
 * @throws {VulnIntakeError} VULN_INPUT_INVALID for a non-https origin or two documents with one name
 */
export async function csafProviderFiles(
  documents: readonly CsafLike[],
  profile: ProductProfile,
  options: CsafProviderOptions,
): Promise<ProviderFile[]> {
  const origin = options.origin.replace(/\/+$/, '');
  if (!/^https:\/\/[^/]+$/.test(origin)) {
    throw new VulnIntakeError(
      'VULN_INPUT_INVALID',
      'the CSAF provider origin must be https://host',
    );
  }
  const root = '.well-known/csaf';
  const files: ProviderFile[] = [];
  const listed: { rel: string; changed: string }[] = [];
  for (const doc of documents) {
    const {
      id,
      current_release_date: changed,
      initial_release_date: initial,
    } = doc.document.tracking;
    const name = csafFileName(id);
    const rel = `${initial.slice(0, 4)}/${name}`;
    if (listed.some((l) => l.rel === rel)) {
      throw new VulnIntakeError('VULN_INPUT_INVALID', `two documents would both be ${rel}`);
    }
    const content = `${JSON.stringify(doc, null, 2)}\n`;
    files.push({ path: `${root}/white/${rel}`, content });
    files.push({
      path: `${root}/white/${rel}.sha256`,
      content: `${await sha('SHA-256', content)}  ${name}\n`,
    });
    files.push({
      path: `${root}/white/${rel}.sha512`,
      content: `${await sha('SHA-512', content)}  ${name}\n`,
    });
    listed.push({ rel, changed });
  }
  listed.sort((a, b) => (a.changed < b.changed ? 1 : a.changed > b.changed ? -1 : 0));
  files.push({
    path: `${root}/white/index.txt`,
    content: listed.map((l) => `${l.rel}\n`).join(''),
  });
  files.push({
    path: `${root}/white/changes.csv`,
    content: listed.map((l) => `"${l.rel}","${l.changed}"\n`).join(''),
  });
  const metadata = {
    canonical_url: `${origin}/${root}/provider-metadata.json`,
    distributions: [{ directory_url: `${origin}/${root}/white/` }],
    last_updated: options.lastUpdated,
    list_on_CSAF_aggregators: true,
    metadata_version: '2.0',
    mirror_on_CSAF_aggregators: true,
    public_openpgp_keys: (options.openpgpKeys ?? []).map((k) => ({
      fingerprint: k.fingerprint,
      url: k.url,
    })),
    publisher: {
      category: 'vendor',
      name: profile.manufacturer.name,
      namespace: profile.manufacturer.website,
    },
    role: options.role ?? 'csaf_provider',
  };
  files.push({
    path: `${root}/provider-metadata.json`,
    content: `${JSON.stringify(metadata, null, 2)}\n`,
  });
  return files;
}
