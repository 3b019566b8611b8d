import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixedClock } from '@cra-kit/testing';
import {
  DocsGeneratorError,
  diffDocumentSets,
  generateDocumentSet,
  loadProductInputs,
  readDocumentSet,
  writeDocumentSet,
} from '@cra-kit/docs-generator';
import { describe, expect, it } from 'vitest';
import { copyOfExample } from './fixtures.js';

const clock = fixedClock(new Date('2027-09-30T12:00:00Z'));

async function generateInto(product: string, evidence: string): Promise<string> {
  const out = await mkdtemp(join(tmpdir(), 'cra-docs-set-'));
  await writeDocumentSet(
    generateDocumentSet({ ...(await loadProductInputs({ product, evidence, clock })), clock }),
    out,
  );
  return out;
}

describe('diff of two document sets', () => {
  it('finds nothing between two generations from the same data', async () => {
    const { profile, evidence } = await copyOfExample();
    const [a, b] = [await generateInto(profile, evidence), await generateInto(profile, evidence)];
    expect(diffDocumentSets(await readDocumentSet(a), await readDocumentSet(b))).toEqual([]);
  });

  it('shows what a new firmware version changes: the SBOM digest and the sections citing it', async () => {
    const { profile, evidence } = await copyOfExample();
    const before = await generateInto(profile, evidence);
    const sbomPath = join(evidence, '..', 'sbom/vs300-firmware-2.4.1.cdx.json');
    const sbom = (await readFile(sbomPath, 'utf8')).replace('"version": "2.4.1"', '"version": "2.5.0"');
    await writeFile(sbomPath, sbom);
    const { createHash } = await import('node:crypto');
    const manifest = await readFile(evidence, 'utf8');
    const old = /path: sbom\/vs300-firmware-2.4.1.cdx.json\n {4}title: .*\n {4}sha256: ([0-9a-f]{64})/.exec(manifest)![1]!;
    await writeFile(evidence, manifest.replace(old, createHash('sha256').update(sbom).digest('hex')));
    const changes = diffDocumentSets(await readDocumentSet(before), await readDocumentSet(await generateInto(profile, evidence)));
    expect(changes).toContainEqual(expect.objectContaining({ kind: 'evidence-changed', subject: 'sbom:sbom/vs300-firmware-2.4.1.cdx.json' }));
    expect(changes).toContainEqual(expect.objectContaining({ kind: 'section-changed', subject: 'declaration.en', section: 'annex-v.4' }));
    expect(changes).toContainEqual(expect.objectContaining({ kind: 'section-changed', subject: 'technical-documentation.en', section: 'annex-vii.1.b' }));
    expect(changes.filter((c) => c.subject.startsWith('user-information'))).toEqual([]);
  });

  it('refuses a directory that holds no document set', async () => {
    await expect(readDocumentSet(tmpdir())).rejects.toBeErrorWithCode(DocsGeneratorError, 'DOCS_NOT_A_DOCUMENT_SET');
  });
}); // prettier-ignore
