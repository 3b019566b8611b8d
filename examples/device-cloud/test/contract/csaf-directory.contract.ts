import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseProductProfile } from '@cra-kit/core';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { AdvisoryStore } from '../../src/vuln/advisory-store.js';
import { advisoryRevision, createProviderDirectory } from '../../src/vuln/index.js';
import { PROFILE } from '../helpers/cloud-fixture.js';
import type { Backend } from './backends.js';
import { useFreshStores } from './context.js';

const profile = parseProductProfile(parse(readFileSync(PROFILE, 'utf8')));
const AUDIT = { actor: 'operator:x', action: 'advisory.publish', subject: 'case:c' };

/** The part of a CSAF advisory the provider directory reads. */
const advisory = (id: string, at: string) => ({
  trackingId: id,
  caseId: `case-${id}`,
  publishedAt: at,
  document: {
    document: { tracking: { id, current_release_date: at, initial_release_date: at } },
  },
});

/** The store as it is, counting the full reads (renders) the directory makes. */
function counting(store: AdvisoryStore) {
  let lists = 0;
  const counted: AdvisoryStore = {
    add: (a, e) => store.add(a, e),
    list: () => {
      lists += 1;
      return store.list();
    },
    revision: () => store.revision(),
  };
  return { store: counted, lists: () => lists };
}

/** The advisory store's revision, and the provider directory rendered from it on request. */
export function describeCsafDirectoryContract(backend: Backend): void {
  describe(`${backend.name}: CSAF provider directory from the advisory store`, () => {
    const s = useFreshStores(backend);

    it('changes the revision with every advisory, in step with what list() returns', async () => {
      const { advisories } = s().stores;
      expect(await advisories.revision()).toBe(advisoryRevision(0, undefined));
      const seen = new Set([await advisories.revision()]);
      for (const [id, at] of [['EX-2027-0010', '2027-03-01T00:00:00.000Z'], ['EX-2027-0011', '2027-02-01T00:00:00.000Z']] as const) {
        await advisories.add(advisory(id, at), AUDIT);
        const list = await advisories.list();
        const latest = list.map((a) => a.publishedAt).sort().at(-1);
        expect(await advisories.revision()).toBe(advisoryRevision(list.length, latest));
        seen.add(await advisories.revision());
      }
      expect(seen.size).toBe(3);
    }); // prettier-ignore

    it('renders once per revision, shares a render among concurrent requests, and sees new advisories at once', async () => {
      const { store, lists } = counting(s().stores.advisories);
      const directory = createProviderDirectory({ store, profile, origin: 'https://cloud.example', now: () => new Date('2027-06-01T00:00:00Z') });
      const index = await Promise.all(Array.from({ length: 8 }, () => directory.file('white/index.txt')));
      expect(lists()).toBe(1);
      expect(new Set(index.map((f) => f?.body.toString('utf8')))).toEqual(new Set(['2027/ex-2027-0010.json\n2027/ex-2027-0011.json\n']));
      expect(await directory.file('white/changes.csv')).toMatchObject({ type: 'text/csv; charset=utf-8' });
      expect(lists()).toBe(1);

      // Written by "another instance" straight into the store: the next request serves it.
      await s().stores.advisories.add(advisory('EX-2027-0012', '2027-04-01T00:00:00.000Z'), AUDIT);
      const [doc, sha256, sha512, meta] = await Promise.all(['white/2027/ex-2027-0012.json', 'white/2027/ex-2027-0012.json.sha256', 'white/2027/ex-2027-0012.json.sha512', 'provider-metadata.json'].map((p) => directory.file(p)));
      expect(lists()).toBe(2);
      if (doc === undefined || sha256 === undefined || sha512 === undefined || meta === undefined) throw new Error('a file is missing');
      expect(doc.type).toBe('application/json');
      expect(sha256.body.toString('utf8')).toBe(`${createHash('sha256').update(doc.body).digest('hex')}  ex-2027-0012.json\n`);
      expect(sha512.body.toString('utf8')).toBe(`${createHash('sha512').update(doc.body).digest('hex')}  ex-2027-0012.json\n`);
      expect(JSON.parse(meta.body.toString('utf8'))).toMatchObject({ last_updated: '2027-04-01T00:00:00.000Z', canonical_url: 'https://cloud.example/.well-known/csaf/provider-metadata.json' });
      expect(meta.lastModified).toBe('Thu, 01 Apr 2027 00:00:00 GMT');
      expect(doc.etag).not.toBe(meta.etag);
      expect((await directory.file('white/index.txt'))?.body.toString('utf8').split('\n')[0]).toBe('2027/ex-2027-0012.json');
      expect(await directory.file('white/2027/nope.json')).toBeUndefined();
      expect(lists()).toBe(2);
    }); // prettier-ignore
  });
}
