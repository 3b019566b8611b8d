import { createHash } from 'node:crypto';
import type { ProductProfile } from '@cra-kit/core';
import { csafProviderFiles } from '@cra-kit/vuln-intake';
import { advisoryRevision, type AdvisoryStore, type PublishedAdvisory } from './advisory-store.js';

/** One file of the provider directory, rendered. */
export interface DirectoryFile {
  readonly body: Buffer;
  readonly type: string;
  /** Strong validator: a hash of the exact bytes. */
  readonly etag: string;
  /** When the set of advisories last changed, as an HTTP date. */
  readonly lastModified: string;
}

/** The CSAF provider directory as every instance serves it: rendered from the shared store. */
export interface ProviderDirectory {
  /** The file at `path` below `/.well-known/csaf/`, as of the store's current revision. */
  file(path: string): Promise<DirectoryFile | undefined>;
}

const TYPES: readonly [RegExp, string][] = [
  [/\.json$/, 'application/json'],
  [/\.csv$/, 'text/csv; charset=utf-8'],
  [/./, 'text/plain; charset=utf-8'],
];
const ROOT = '.well-known/csaf/';

interface Rendering {
  readonly revision: string;
  readonly count: number;
  readonly files: ReadonlyMap<string, DirectoryFile>;
}

/** Renders every file of the directory for `advisories` (CSAF 2.0 §7.1) in memory. */
async function render(advisories: readonly PublishedAdvisory[], profile: ProductProfile, origin: string, now: Date): Promise<Rendering> {
  const latest = advisories.reduce<string | undefined>((l, a) => (l === undefined || a.publishedAt > l ? a.publishedAt : l), undefined);
  // An empty directory has no publication date: it says when this instance first rendered it.
  const lastUpdated = latest ?? now.toISOString();
  const lastModified = new Date(lastUpdated).toUTCString();
  const rendered = await csafProviderFiles(advisories.map((a) => a.document as Parameters<typeof csafProviderFiles>[0][number]), profile, { origin, lastUpdated });
  const files = new Map<string, DirectoryFile>();
  for (const f of rendered) {
    const body = Buffer.from(f.content, 'utf8');
    const path = f.path.startsWith(ROOT) ? f.path.slice(ROOT.length) : f.path;
    const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;
    files.set(path, { body, type: TYPES.find(([re]) => re.test(path))?.[1] ?? 'application/octet-stream', etag, lastModified });
  }
  return { revision: advisoryRevision(advisories.length, latest), count: advisories.length, files };
} // prettier-ignore

/**
 * The provider directory of the advisories in `store`, kept in memory: each request asks the
 * store for its revision (one aggregate query) and the directory is rendered again only when
 * that changed, so every instance on one database serves what was published through any of
 * them. Requests arriving during a render share it; a failed render is not kept.
 */
export function createProviderDirectory(options: {
  store: AdvisoryStore;
  profile: ProductProfile;
  origin: string;
  now: () => Date;
}): ProviderDirectory {
  let current: Rendering | undefined;
  let pending: { revision: string; rendering: Promise<Rendering> } | undefined;

  const refresh = (revision: string): Promise<Rendering> => {
    const rendering = options.store
      .list()
      .then((list) => render(list, options.profile, options.origin, options.now()))
      .then((done) => {
        // Advisories are only added: a render that finished late never replaces a newer one.
        if (current === undefined || done.count >= current.count) current = done;
        return done;
      })
      .finally(() => {
        if (pending?.rendering === rendering) pending = undefined;
      });
    pending = { revision, rendering };
    return rendering;
  };

  return {
    async file(path) {
      const revision = await options.store.revision();
      const view =
        current?.revision === revision
          ? current
          : pending?.revision === revision
            ? await pending.rendering
            : await refresh(revision);
      return view.files.get(path);
    },
  };
}
