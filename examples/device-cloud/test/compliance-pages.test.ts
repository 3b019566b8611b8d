import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_STYLESHEET } from '@cra-kit/docs-generator';
import { fixedClock } from '@cra-kit/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DOCUMENT_STYLESHEET_PATH, complianceModule } from '../src/compliance/index.js';
import { updatesModule } from '../src/updates/index.js';
import { createFeatureHarness, type FeatureHarness } from './helpers/feature-harness.js';
import { createOtaFixture, SECURITY_FIX } from './helpers/ota-fixture.js';

const root = new URL('../../../', import.meta.url).pathname;
const OSV_DIR = join(root, 'packages/sbom/test/fixtures/advisories/osv');
const BOM_FIXTURE = join(root, 'packages/sbom/test/fixtures/cyclonedx-1.6/valid-bom-1.6.json');
const EVIDENCE = join(root, 'examples/products/vibration-sensor.evidence/evidence.yaml');
const XSS = '<img src=x onerror=alert(1)>';

let h: FeatureHarness;
let tmp: string;
let releaseId: string;

beforeEach(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'compliance-test-'));
  const clock = fixedClock('2027-12-11T00:00:00Z');
  const fx = await createOtaFixture(tmp, clock, [SECURITY_FIX]);
  const updates = updatesModule({ repositoryDir: fx.repositoryDir, directorKeyFile: fx.directorKeyFile, tickIntervalMs: 0 });
  h = await createFeatureHarness([updates, complianceModule({ releases: updates.store, osvDir: OSV_DIR, evidenceFile: EVIDENCE })], { clock });
  for (const id of ['d1', 'd2']) h.addDevice({ id });
  h.addDevice({ id: 'd3', firmwareVersion: '1.1.0' });
  releaseId = (
    (await h.api('POST', '/api/v1/releases', 'release-manager', { targetName: 'vs300-1.1.0.bin' })).json<{ id: string }>()
  ).id;
}); // prettier-ignore
afterEach(async () => {
  await h.close();
  await rm(tmp, { recursive: true, force: true });
});

const COMPONENTS = {
  components: [
    {
      name: 'lodash',
      version: '4.17.20',
      purl: 'pkg:npm/lodash@4.17.20',
      supplier: 'OpenJS Foundation',
      licenses: ['MIT'],
      topLevel: true,
    },
    { name: XSS, version: '1.0.0', topLevel: true },
  ],
};

describe('release SBOM and scan', () => {
  it('generates an SBOM, scans it against OSV advisories, and shows it escaped', async () => {
    const none = await h.api('GET', `/api/v1/releases/${releaseId}/scan`, 'auditor');
    expect(none.statusCode).toBe(404);
    expect(none.json()).toMatchObject({ error: { code: 'NO_SBOM' } });
    expect((await h.api('POST', `/api/v1/releases/${releaseId}/sbom/generate`, 'auditor', COMPONENTS)).statusCode).toBe(403);
    const bad = await h.api('POST', `/api/v1/releases/${releaseId}/sbom/generate`, 'release-manager', { components: [{ version: '1' }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: { code: 'SBOM_INPUT_INVALID' } });
    const made = await h.api('POST', `/api/v1/releases/${releaseId}/sbom/generate`, 'release-manager', COMPONENTS);
    expect(made.statusCode, made.body).toBe(201);
    expect(made.json()).toMatchObject({ components: 2 });

    const scan = (await h.api('GET', `/api/v1/releases/${releaseId}/scan`, 'auditor')).json<{ source: string; conformance: { profile: string; passed: boolean }; vulnerabilities: { vulnerability: string; component: string }[] }>();
    expect(scan.source).toBe('generated');
    expect(scan.conformance.profile).toBe('cra-minimum');
    expect(scan.vulnerabilities).toContainEqual(expect.objectContaining({ vulnerability: 'GHSA-35jh-r3h4-6jhm', component: 'lodash@4.17.20' }));
    const sbom = await h.api('GET', `/api/v1/releases/${releaseId}/sbom`, 'security-officer');
    expect(sbom.headers['content-type']).toMatch(/^application\/vnd\.cyclonedx\+json/);
    expect(sbom.json()).toMatchObject({ bomFormat: 'CycloneDX' });

    const page = await h.api('GET', `/compliance/releases/${releaseId}`, 'auditor');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('GHSA-35jh-r3h4-6jhm');
    expect(page.body).not.toContain(XSS);
    expect(page.body).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(h.auditEntries().map((e) => e.action)).toContain('sbom.generate');
  }); // prettier-ignore

  it('accepts a given CycloneDX SBOM and refuses malformed or oversized ones with 4xx codes', async () => {
    const url = `/api/v1/releases/${releaseId}/sbom`;
    const given = await h.api('PUT', url, 'release-manager', JSON.parse(await readFile(BOM_FIXTURE, 'utf8')));
    expect(given.statusCode, given.body).toBe(201);
    expect((await h.api('GET', `/api/v1/releases/${releaseId}/scan`, 'auditor')).json()).toMatchObject({ source: 'given' });
    const notABom = await h.api('PUT', url, 'release-manager', { bomFormat: 'SPDX' });
    expect(notABom.statusCode).toBe(400);
    expect((await h.api('PUT', url, 'release-manager', '{"bomFormat":', { 'content-type': 'application/json' })).statusCode).toBe(400);
    expect((await h.api('PUT', url, 'release-manager', JSON.stringify({ x: 'y'.repeat(9 * 1024 * 1024) }), { 'content-type': 'application/json' })).statusCode).toBe(413);
    expect((await h.api('PUT', '/api/v1/releases/rel-nope/sbom', 'release-manager', { bomFormat: 'CycloneDX' })).statusCode).toBe(404);
    expect((await h.api('PUT', url, 'auditor', { bomFormat: 'CycloneDX' })).statusCode).toBe(403);
  }); // prettier-ignore
});

describe('fleet, documents and gap analysis', () => {
  it('reports the support status of the registry’s devices', async () => {
    const fleet = (await h.api('GET', '/api/v1/compliance/fleet', 'auditor')).json<{
      devices: number;
      supported: number;
      updateAvailable: number;
    }>();
    expect(fleet).toMatchObject({ devices: 3, supported: 3, updateAvailable: 2 });
    const page = await h.api('GET', '/compliance/fleet', 'auditor');
    expect(page.body).toContain('Fleet support status');
    expect((await h.api('GET', '/api/v1/compliance/fleet', undefined)).statusCode).toBe(401);
  });

  it('serves the gap analysis and the generated documents to auditors', async () => {
    const gaps = (await h.api('GET', '/api/v1/compliance/gaps', 'auditor')).json<{ product: { model: string }; requirements: unknown[] }>();
    expect(gaps.product.model).toBe('vs300');
    expect(gaps.requirements.length).toBeGreaterThan(10);
    expect((await h.api('GET', '/compliance/gaps', 'auditor')).body).toContain('Gap analysis');
    const { documents } = (await h.api('GET', '/api/v1/compliance/documents', 'auditor')).json<{ documents: string[] }>();
    expect(documents.length).toBeGreaterThan(2);
    const first = await h.api('GET', `/compliance/documents/${documents[0] ?? ''}`, 'auditor');
    expect(first.statusCode).toBe(200);
    expect(first.body).toMatch(/^<!DOCTYPE html>/);
    expect((await h.api('GET', '/compliance/documents/..%2f..%2fcloud.sqlite', 'auditor')).statusCode).toBe(404);
    const index = await h.api('GET', '/compliance', 'auditor');
    expect(index.body).toContain('1.1.0');
    expect(index.body).toContain('missing');
    expect((await h.publicApp.inject({ method: 'GET', url: '/compliance/style.css' })).headers['content-type']).toMatch(/^text\/css/);
  }); // prettier-ignore

  it('links every generated document to docs-generator’s stylesheet, served under a hashed name for good', async () => {
    expect(DOCUMENT_STYLESHEET_PATH).toMatch(/^\/compliance\/assets\/documents\.[0-9a-f]{16}\.css$/);
    const { documents } = (await h.api('GET', '/api/v1/compliance/documents', 'auditor')).json<{ documents: string[] }>();
    for (const name of documents) {
      const page = await h.api('GET', `/compliance/documents/${name}`, 'auditor');
      expect(page.body).toContain(`<link rel="stylesheet" href="${DOCUMENT_STYLESHEET_PATH}">`);
      // Nothing inline that `style-src 'self'` would refuse.
      expect(page.body).not.toMatch(/<style|style=/);
    }
    // A stylesheet holds no data: no token needed, like the pages' own.
    const css = await h.publicApp.inject({ method: 'GET', url: DOCUMENT_STYLESHEET_PATH });
    expect(css.statusCode).toBe(200);
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(css.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(css.body).toBe(DEFAULT_STYLESHEET);
    expect(Number(css.headers['content-length'])).toBe(Buffer.byteLength(DEFAULT_STYLESHEET));
    expect(DOCUMENT_STYLESHEET_PATH).toContain(createHash('sha256').update(css.rawPayload).digest('hex').slice(0, 16));
    expect((await h.publicApp.inject({ method: 'GET', url: '/compliance/assets/documents.0000000000000000.css' })).statusCode).toBe(404);
  }); // prettier-ignore
});
