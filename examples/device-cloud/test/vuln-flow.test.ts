import { createHash } from 'node:crypto';
import { HTTP_PATHS } from '@cra-kit-examples/device-protocol';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { vulnModule, type VulnModule } from '../src/vuln/index.js';
import { createFeatureHarness, type FeatureHarness } from './helpers/feature-harness.js';

let h: FeatureHarness;
let vuln: VulnModule;

beforeEach(async () => {
  vuln = vulnModule({ rateLimit: { burst: 5, perSecond: 0.001 } });
  h = await createFeatureHarness([vuln]);
});
afterEach(async () => {
  await h.close();
});

const REPORT = {
  title: 'Firmware update check skips signature <script>',
  description: 'The bootloader accepts unsigned images when the length field is 0.',
  email: 'researcher@example.org',
  product: 'vs300',
  versions: '1.0.0',
  cwe: 'CWE-347',
};

async function report(body: unknown = REPORT, headers: Record<string, string> = {}) {
  return h.publicApp.inject({ method: 'POST', url: HTTP_PATHS.vulnReports, payload: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } });
} // prettier-ignore

describe('intake', () => {
  it('opens an audited case and answers the reporter with a token', async () => {
    const res = await report();
    expect(res.statusCode).toBe(201);
    const { caseId, reporterToken } = res.json<{ caseId: string; reporterToken: string }>();
    expect(h.auditEntries()).toContainEqual({ actor: 'researcher', action: 'case.open', subject: `case:${caseId}` });
    expect(JSON.stringify(h.auditEntries())).not.toContain(reporterToken);
    const status = await h.publicApp.inject({ method: 'GET', url: `${HTTP_PATHS.vulnReports}?case=${caseId}`, headers: { authorization: `Bearer ${reporterToken}` } });
    expect(status.json()).toMatchObject({ caseId, state: 'received' });
    const wrong = await h.publicApp.inject({ method: 'GET', url: `${HTTP_PATHS.vulnReports}?case=${caseId}`, headers: { authorization: 'Bearer nope' } });
    expect(wrong.statusCode).toBe(404);
  }); // prettier-ignore

  it('refuses malformed, oversized, mistyped and flooding reports with 4xx codes', async () => {
    const cases: [unknown, Record<string, string>, number, string][] = [
      ['{"title":', {}, 400, 'MALFORMED'],
      [{ ...REPORT, extra: 1 }, {}, 400, 'VULN_INPUT_INVALID'],
      [{ ...REPORT, description: 'x'.repeat(200_000) }, {}, 413, 'TOO_LARGE'],
      ['<xml/>', { 'content-type': 'application/xml' }, 415, 'UNSUPPORTED_MEDIA_TYPE'],
    ];
    for (const [body, headers, status, code] of cases) {
      const res = await report(body, headers);
      expect(res.statusCode, code).toBe(status);
      expect(res.json<{ error: { code: string } }>().error.code).toBe(code);
    }
    // The burst is 5 per source, and every attempt above took one.
    expect((await report()).statusCode).toBe(201);
    const limited = await report();
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ error: { code: 'RATE_LIMITED' } });
  });
});

describe('security.txt and the CSAF provider directory', () => {
  it('serves an RFC 9116 file pointing at the intake, the policy and the CSAF metadata', async () => {
    const res = await h.publicApp.inject({ method: 'GET', url: HTTP_PATHS.securityTxt });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(res.body).toContain(`Contact: ${h.ctx.publicUrl}${HTTP_PATHS.vulnReports}`);
    expect(res.body).toContain('Contact: mailto:security@acme-sensors.example');
    expect(res.body).toContain('Policy: https://acme-sensors.example/security/cvd-policy');
    expect(res.body).toContain(`CSAF: ${h.ctx.publicUrl}${HTTP_PATHS.csafProviderMetadata}`);
    expect(res.body).toMatch(/^Expires: 2028-06-0\dT00:00:00Z$/m);
    const meta = await h.publicApp.inject({ method: 'GET', url: HTTP_PATHS.csafProviderMetadata });
    expect(meta.json()).toMatchObject({ canonical_url: `${h.ctx.publicUrl}${HTTP_PATHS.csafProviderMetadata}`, role: 'csaf_provider' });
    for (const path of ['../../cloud.sqlite', 'white/..%2f..%2fcloud.sqlite', 'keys', 'white/2027/x.exe']) {
      expect((await h.publicApp.inject({ method: 'GET', url: `/.well-known/csaf/${path}` })).statusCode, path).toBe(404);
    }
  }); // prettier-ignore
});

describe('the security officer’s case API', () => {
  it('walks a case through triage, the Art. 14 clock and a published advisory, audited', async () => {
    const { caseId } = (await report()).json<{ caseId: string }>();
    const post = (path: string, body: unknown, role: 'security-officer' | 'auditor' = 'security-officer') => h.api('POST', `/api/v1/cases/${caseId}/${path}`, role, body);

    expect((await h.api('GET', '/api/v1/cases', 'auditor')).json()).toMatchObject({ cases: [{ id: caseId, state: 'received' }] });
    expect((await h.api('GET', '/api/v1/cases', 'release-manager')).statusCode).toBe(403);
    expect((await post('transition', { to: 'acknowledged' }, 'auditor')).statusCode).toBe(403);
    const illegal = await post('transition', { to: 'released' });
    expect(illegal.statusCode).toBe(409);
    expect(illegal.json()).toMatchObject({ error: { code: 'VULN_TRANSITION_ILLEGAL' } });
    for (const body of [{}, { to: 'nowhere' }, { to: 'acknowledged', extra: true }]) expect((await post('transition', body)).statusCode).toBe(400);
    expect((await h.api('GET', '/api/v1/cases/VC-0000-000000000000', 'auditor')).statusCode).toBe(404);
    expect((await h.api('GET', '/api/v1/cases/..%2f', 'auditor')).statusCode).toBe(400);

    for (const to of ['acknowledged', 'verifying']) expect((await post('transition', { to })).json()).toMatchObject({ state: to });
    const exploited = (await post('actively-exploited', { evidence: 'Seen in the wild against a customer site.' })).json<{ obligations: { stage: string; dueAt?: string }[] }>();
    const now = h.clock.now().getTime();
    const due = Object.fromEntries(exploited.obligations.map((o) => [o.stage, o.dueAt]));
    expect(due['early-warning']).toBe(new Date(now + 24 * 3_600_000).toISOString());
    expect(due['notification']).toBe(new Date(now + 72 * 3_600_000).toISOString());
    const open = (await h.api('GET', '/api/v1/obligations', 'auditor')).json<{ obligations: { caseId: string; stage: string }[] }>();
    expect(open.obligations.filter((o) => o.caseId === caseId).map((o) => o.stage)).toEqual(expect.arrayContaining(['early-warning', 'notification']));
    expect((await post('submissions', { stage: 'early-warning', reference: 'SRP-1' })).statusCode).toBe(200);

    const early = await post('advisory', { trackingId: 'ACME-SA-2027-001', fixedIn: '1.1.0' });
    expect(early.statusCode).toBe(409);
    expect(early.json()).toMatchObject({ error: { code: 'CASE_STATE' } });
    for (const to of ['remediating', 'released']) expect((await post('transition', { to })).statusCode).toBe(200);
    expect((await post('advisory', { trackingId: 'x' })).statusCode).toBe(400);
    const published = await post('advisory', { trackingId: 'ACME-SA-2027-001', fixedIn: '1.1.0' });
    expect(published.statusCode, published.body).toBe(201);
    expect((await post('advisory', { trackingId: 'ACME-SA-2027-001' })).json()).toMatchObject({ error: { code: 'ADVISORY_EXISTS' } });

    const doc = await h.publicApp.inject({ method: 'GET', url: '/.well-known/csaf/white/2027/acme-sa-2027-001.json' });
    expect(doc.statusCode).toBe(200);
    expect(doc.json()).toMatchObject({ document: { category: 'csaf_security_advisory', tracking: { id: 'ACME-SA-2027-001' } } });
    const sum = await h.publicApp.inject({ method: 'GET', url: '/.well-known/csaf/white/2027/acme-sa-2027-001.json.sha256' });
    expect(sum.body.split(' ')[0]).toBe(createHash('sha256').update(doc.rawPayload).digest('hex'));
    expect((await h.publicApp.inject({ method: 'GET', url: '/.well-known/csaf/white/index.txt' })).body).toBe('2027/acme-sa-2027-001.json\n');

    const log = (await h.api('GET', `/api/v1/cases/${caseId}/log`, 'auditor')).json<{ entries: { event: string }[]; verification: { valid: boolean } }>();
    expect(log.entries.map((e) => e.event)).toContain('advisory-published');
    expect(log.verification).toMatchObject({ valid: true });
    const audited = h.auditEntries().filter((e) => e.subject === `case:${caseId}`).map((e) => e.action);
    expect(audited).toEqual(['case.open', 'case.transition', 'case.transition', 'case.actively-exploited', 'case.submission', 'case.transition', 'case.transition', 'advisory.publish']);
    expect(JSON.stringify((await h.api('GET', `/api/v1/cases/${caseId}`, 'auditor')).json())).not.toContain('reporterTokenHash');
  }); // prettier-ignore
});
