import { describe, expect, it } from 'vitest';
import type { Backend } from './backends.js';
import { lastActions, useFreshStores } from './context.js';

/** The compliance module's SBOM store and the vulnerability module's advisory store. */
export function describeDocumentContract(backend: Backend): void {
  describe(`${backend.name}: SBOMs and advisories`, () => {
    const s = useFreshStores(backend);
    it('keeps one SBOM per release, the newest, audited', async () => {
      const { stores } = s();
      expect(await stores.sboms.get('r1')).toBeUndefined();
      await stores.sboms.put({ releaseId: 'r1', json: '{"a":1}', source: 'given', storedAt: '2027-01-01T00:00:00.000Z' }, { actor: 'operator:x', action: 'sbom.put', subject: 'release:r1' });
      await stores.sboms.put({ releaseId: 'r1', json: '{"a":2}', source: 'generated', storedAt: '2027-01-02T00:00:00.000Z' }, { actor: 'operator:x', action: 'sbom.put', subject: 'release:r1' });
      expect(await stores.sboms.get('r1')).toEqual({ releaseId: 'r1', json: '{"a":2}', source: 'generated', storedAt: '2027-01-02T00:00:00.000Z' });
      expect(await lastActions(stores, 3)).toEqual(['sbom.put', 'sbom.put']);
    });
    it('publishes a tracking id once, and lists advisories in publication order', async () => {
      const { stores } = s();
      const doc = { document: { tracking: { id: 'EX-2027-0002' } } };
      await stores.advisories.add({ trackingId: 'EX-2027-0002', caseId: 'c2', document: doc, publishedAt: '2027-01-02T00:00:00.000Z' }, { actor: 'operator:x', action: 'advisory.publish', subject: 'case:c2' });
      await stores.advisories.add({ trackingId: 'EX-2027-0001', caseId: 'c1', document: { n: 1 }, publishedAt: '2027-01-01T00:00:00.000Z' }, { actor: 'operator:x', action: 'advisory.publish', subject: 'case:c1' });
      await expect(stores.advisories.add({ trackingId: 'EX-2027-0001', caseId: 'c9', document: {}, publishedAt: '2027-01-03T00:00:00.000Z' }, { actor: 'operator:x', action: 'advisory.publish', subject: 'case:c9' })).rejects.toMatchObject({ code: 'ADVISORY_EXISTS' });
      expect(await stores.advisories.list()).toEqual([
        { trackingId: 'EX-2027-0001', caseId: 'c1', document: { n: 1 }, publishedAt: '2027-01-01T00:00:00.000Z' },
        { trackingId: 'EX-2027-0002', caseId: 'c2', document: doc, publishedAt: '2027-01-02T00:00:00.000Z' },
      ]);
      expect(await lastActions(stores, 4)).toEqual(['advisory.publish', 'advisory.publish', 'sbom.put', 'sbom.put']);
    });
  });
} // prettier-ignore
