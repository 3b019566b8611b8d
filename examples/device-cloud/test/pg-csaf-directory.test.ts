// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- the validator's types, kept once beside vuln-intake's CSAF tests
/// <reference path="../../../packages/vuln-intake/test/csaf-validator-lib.d.ts" />
import { createHash } from 'node:crypto';
import { HTTP_PATHS } from '@cra-kit-examples/device-protocol';
import * as mandatory from '@secvisogram/csaf-validator-lib/mandatoryTests.js';
import * as optional from '@secvisogram/csaf-validator-lib/optionalTests.js';
import { csaf_2_0_strict } from '@secvisogram/csaf-validator-lib/schemaTests.js';
import validateStrict from '@secvisogram/csaf-validator-lib/validateStrict.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vulnModule } from '../src/vuln/index.js';
import {
  startPostgres,
  type PostgresServer,
} from '../../../packages/vuln-intake/test/postgres-server.js';
import { startCluster, type Cluster } from './contract/cluster.js';
import type { Fixture, HttpResult } from './helpers/cloud-fixture.js';

// Two cloud instances on one real PostgreSQL: an advisory published through A is served by B at
// once, directory files and checksums included, with no file written anywhere.
let server: PostgresServer;
let cluster: Cluster;
let a: Fixture;
let b: Fixture;

beforeAll(async () => {
  server = await startPostgres();
  cluster = await startCluster(server.connectionString, 2, () => [vulnModule()]);
  [a, b] = cluster.nodes as [Fixture, Fixture];
}, 120_000);
afterAll(async () => {
  await cluster.close();
  await server.stop();
}, 60_000);

const csaf = (node: Fixture, path: string, headers: Record<string, string> = {}) =>
  node.api('GET', `/.well-known/csaf/${path}`, { headers });
const sha = (algorithm: string, text: string) =>
  createHash(algorithm).update(text, 'utf8').digest('hex');

/** The response headers every directory file carries. */
function expectDirectoryHeaders(res: HttpResult, type: string): void {
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toBe(type);
  expect(Number(res.headers['content-length'])).toBe(Buffer.byteLength(res.text, 'utf8'));
  expect(res.headers['cache-control']).toBe('public, max-age=300');
  expect(res.headers['access-control-allow-origin']).toBe('*');
  expect(res.headers.etag).toMatch(/^"[A-Za-z0-9_-]{32}"$/);
  expect(res.headers['last-modified']).toMatch(/ GMT$/);
}

/** The check vuln-intake's CSAF tests make: strict schema, every mandatory and optional test. */
async function validate(doc: unknown) {
  const result = await validateStrict([csaf_2_0_strict, ...Object.values(mandatory), ...Object.values(optional)], doc);
  const errors = result.tests.flatMap((t) => t.errors.map((e) => `${t.name} ${e.instancePath}: ${e.message}`));
  const mandatoryRan = result.tests.filter((t) => t.name.startsWith('mandatoryTest_6_1_')).length;
  return { isValid: result.isValid, errors, mandatoryRan };
} // prettier-ignore

/** A case reported at A and taken to `released` there, ready for its advisory. */
async function releasedCase(): Promise<string> {
  const report = { title: 'Update check skips signature', description: 'Unsigned images pass when the length field is 0.', email: 'researcher@example.org', product: 'vs300', versions: '1.0.0', cwe: 'CWE-347' };
  const sent = await a.api('POST', HTTP_PATHS.vulnReports, { body: report });
  expect(sent.status, sent.text).toBe(201);
  const { caseId } = sent.json<{ caseId: string }>();
  for (const to of ['acknowledged', 'verifying', 'remediating', 'released']) {
    const moved = await a.api('POST', `/api/v1/cases/${caseId}/transition`, { token: a.adminToken, body: { to } });
    expect(moved.status, moved.text).toBe(200);
  }
  return caseId;
} // prettier-ignore

describe('the CSAF provider directory on two instances', () => {
  it('serves at B what was published through A, at once and consistently', async () => {
    // B has served (and cached) the empty directory before A publishes.
    const before = await csaf(b, 'white/index.txt');
    expectDirectoryHeaders(before, 'text/plain; charset=utf-8');
    expect(before.text).toBe('');
    const metaBefore = await csaf(b, 'provider-metadata.json');
    expect(metaBefore.status).toBe(200);

    const caseId = await releasedCase();
    const published = await a.api('POST', `/api/v1/cases/${caseId}/advisory`, { token: a.adminToken, body: { trackingId: 'ACME-SA-2027-007', fixedIn: '1.1.0' } });
    expect(published.status, published.text).toBe(201);
    const { publishedAt } = published.json<{ publishedAt: string }>();
    const rel = `${publishedAt.slice(0, 4)}/acme-sa-2027-007.json`;

    // No polling: the very next request to B serves the new directory.
    const index = await csaf(b, 'white/index.txt');
    expectDirectoryHeaders(index, 'text/plain; charset=utf-8');
    expect(index.text).toBe(`${rel}\n`);
    const changes = await csaf(b, 'white/changes.csv');
    expectDirectoryHeaders(changes, 'text/csv; charset=utf-8');
    expect(changes.text).toMatch(new RegExp(`^"${rel.replace(/\./g, '\\.')}","[^"]+"\\n$`));
    const meta = await csaf(b, 'provider-metadata.json');
    expectDirectoryHeaders(meta, 'application/json');
    expect(meta.json()).toMatchObject({ role: 'csaf_provider', last_updated: publishedAt, distributions: [{ directory_url: `${new URL(b.cloud.publicUrl).origin}/.well-known/csaf/white/` }] });
    expect(meta.headers.etag).not.toBe(metaBefore.headers.etag);
    expect(meta.headers['last-modified']).toBe(new Date(publishedAt).toUTCString());

    const doc = await csaf(b, `white/${rel}`);
    expectDirectoryHeaders(doc, 'application/json');
    const name = 'acme-sa-2027-007.json';
    const sum256 = await csaf(b, `white/${rel}.sha256`);
    const sum512 = await csaf(b, `white/${rel}.sha512`);
    expectDirectoryHeaders(sum256, 'text/plain; charset=utf-8');
    expect(sum256.text).toBe(`${sha('sha256', doc.text)}  ${name}\n`);
    expect(sum512.text).toBe(`${sha('sha512', doc.text)}  ${name}\n`);
    // A serves the same bytes (the document is the one stored in the database).
    expect((await csaf(a, `white/${rel}`)).text).toBe(doc.text);

    const checked = await validate(doc.json());
    expect(checked.errors).toEqual([]);
    expect(checked.isValid).toBe(true);
    expect(checked.mandatoryRan).toBeGreaterThan(30);

    // Revalidation: a poller holding the ETag gets 304 with no body.
    const again = await csaf(b, `white/${rel}`, { 'if-none-match': String(doc.headers.etag) });
    expect(again.status).toBe(304);
    expect(again.text).toBe('');
    expect(again.headers.etag).toBe(doc.headers.etag);
    // An id differing only in case would share the file name: refused, the directory unchanged.
    const clash = await b.api('POST', `/api/v1/cases/${caseId}/advisory`, { token: a.adminToken, body: { trackingId: 'acme-SA-2027-007', fixedIn: '1.1.0' } });
    expect(clash.status, clash.text).toBe(409);
    expect(clash.json()).toMatchObject({ error: { code: 'ADVISORY_EXISTS' } });
    expect((await csaf(a, 'white/index.txt')).text).toBe(`${rel}\n`);
    // The allow-list still holds, and nothing else is served.
    for (const path of ['../../cloud.sqlite', 'white/..%2f..%2fcloud.sqlite', 'keys', 'white/2027/x.exe', 'white/1999/missing.json']) {
      expect((await csaf(b, path)).status, path).toBe(404);
    }
  }, 90_000); // prettier-ignore
});
