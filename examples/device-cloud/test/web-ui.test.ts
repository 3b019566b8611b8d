import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as tlsConnect } from 'node:tls';
import { fileURLToPath } from 'node:url';
import { HTTP_PATHS, eventsTopic, type DeviceEvent } from '@cra-kit-examples/device-protocol';
import { systemClock } from '@cra-kit/core';
import type { MqttClient } from 'mqtt';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultModules } from '../src/default-modules.js';
import { ROLES, type Role } from '../src/index.js';
import {
  connectDevice,
  enrollDevice,
  startFixture,
  type Fixture,
} from './helpers/cloud-fixture.js';
import { createOtaFixture } from './helpers/ota-fixture.js';
import { operatorWithPassword } from './web-helpers.js';

/**
 * The operator UI end to end in Debian's headless Chromium (playwright-core, no downloaded
 * browser). Set CRA_WEB_SCREENSHOTS=1 to refresh the screenshots of docs/examples/web-ui.md.
 */
const PASSWORD = 'a long operator passphrase';
const UI_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
const SHOTS =
  process.env.CRA_WEB_SCREENSHOTS === '1'
    ? fileURLToPath(new URL('../../../docs/public/screenshots/', import.meta.url))
    : undefined;
const FIRMWARE = { schemaVersion: 1 as const, hardwareIds: ['rev-b'], securityCounter: 2 };
const DEVICES = ['VS-WEB-1', 'VS-WEB-2', 'VS-WEB-3'];

let f: Fixture;
let context: BrowserContext;
let profileDir: string;
const clients = new Map<string, MqttClient>();
/** Console errors and uncaught page errors of every page (CSP violations land here). */
const problems: string[] = [];

/** SHA-256 of the server certificate's public key: Chromium trusts exactly this key, nothing else. */
function serverSpki(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = tlsConnect({ host: '127.0.0.1', port, servername: 'localhost', ca: f.rootPem }, () => {
      const der = socket.getPeerX509Certificate()?.publicKey.export({ type: 'spki', format: 'der' });
      socket.end();
      if (der === undefined) reject(new Error('no server certificate'));
      else resolve(createHash('sha256').update(der).digest('base64'));
    });
    socket.once('error', reject);
  });
} // prettier-ignore

async function report(deviceId: string, event: DeviceEvent): Promise<void> {
  const client = clients.get(deviceId);
  if (client === undefined) throw new Error(`no client for ${deviceId}`);
  await client.publishAsync(eventsTopic(deviceId), JSON.stringify(event), { qos: 1 });
}

async function signIn(page: Page, name: string): Promise<void> {
  await context.clearCookies();
  await page.goto(`${f.cloud.publicUrl}/ui/login`);
  await page.fill('#name', name);
  await page.fill('#password', PASSWORD);
  await Promise.all([
    page.waitForURL(`${f.cloud.publicUrl}/ui/`),
    page.click('button[type=submit]'),
  ]);
}

/** Submits a form the page did not offer (built in the page, so Chromium sends it); the POST's status. */
async function forgePost(
  page: Page,
  path: string,
  fields: Record<string, string>,
): Promise<number> {
  const response = page.waitForResponse(
    (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === path,
  );
  // The next document's load: the one after the POST (and after its redirect, if any).
  const loaded = page.waitForEvent('load');
  // A script string: this package type-checks without the DOM library. It submits after
  // evaluate returns, since the navigation destroys the execution context.
  await page.evaluate(`(() => {
    const form = document.createElement('form');
    form.method = 'post';
    form.action = ${JSON.stringify(path)};
    for (const [name, value] of Object.entries(${JSON.stringify(fields)})) {
      const input = document.createElement('input');
      input.type = 'hidden';
      input.name = name;
      input.value = value;
      form.append(input);
    }
    document.body.append(form);
    setTimeout(() => form.submit(), 0);
  })()`);
  const [res] = await Promise.all([response, loaded]);
  return res.status();
}

/** Polls `condition` (no fixed sleeps): resolves once it holds, fails after 30 s. */
async function until(condition: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not reached in 30 s');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const shot = async (page: Page, name: string) => {
  if (SHOTS !== undefined) await page.screenshot({ path: join(SHOTS, `${name}.png`) });
};

beforeAll(async () => {
  f = await startFixture({
    ota: async (dir) => {
      const ota = await createOtaFixture(dir, systemClock, [
        { name: 'vs300-1.1.0.bin', firmware: { ...FIRMWARE, version: '1.1.0', releaseType: 'security' } },
        { name: 'vs300-1.2.0.bin', firmware: { ...FIRMWARE, version: '1.2.0', releaseType: 'feature', securityCounter: 3 } },
      ]);
      return { repositoryDir: ota.repositoryDir, directorKeyFile: ota.directorKeyFile };
    },
    modules: (config) => defaultModules(config, { tickIntervalMs: 0 }).modules,
  });
  for (const serial of DEVICES) {
    const creds = await enrollDevice(f, serial);
    clients.set(serial, await connectDevice(f, creds, serial));
    await report(serial, { kind: 'boot', at: new Date().toISOString(), version: '1.0.0', hardwareId: 'rev-b', slot: 'a' });
  }
  // The boot events are applied asynchronously after the broker's PUBACK: wait for all three.
  await until(async () => (await f.cloud.ctx.devices.list()).filter((d) => d.hardwareId === 'rev-b').length === DEVICES.length);
  const canary = await f.api('PUT', `/api/v1/devices/${DEVICES[0] ?? ''}/group`, { token: f.adminToken, body: { group: 'canary' } });
  expect(canary.status).toBe(200);
  for (const role of ROLES) await operatorWithPassword(f, `web-${role}`, [role], PASSWORD);
  if (SHOTS !== undefined) await mkdir(SHOTS, { recursive: true });
  profileDir = await mkdtemp(join(tmpdir(), 'cra-chromium-'));
  context = await chromium.launchPersistentContext(profileDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', `--ignore-certificate-errors-spki-list=${await serverSpki(f.cloud.ports.public)}`],
    viewport: { width: 1200, height: 800 },
    timeout: 60_000,
  });
  context.setDefaultTimeout(30_000);
  context.on('console', (message) => {
    if (message.type() === 'error' || /Content.Security.Policy|Refused to/i.test(message.text())) problems.push(message.text());
  });
  context.on('weberror', (error) => problems.push(error.error().message));
}, 120_000); // prettier-ignore

afterAll(async () => {
  await context.close();
  await Promise.all([...clients.values()].map((c) => c.endAsync(true)));
  await f.close();
  await rm(profileDir, { recursive: true, force: true });
});

describe('operator web UI in Chromium', () => {
  it('signs in over TLS with HttpOnly, Secure, SameSite=Strict cookies and the strict CSP', async () => {
    const page = await context.newPage();
    const login = await page.goto(`${f.cloud.publicUrl}/ui/login`);
    expect(login?.status()).toBe(200);
    expect(login?.headers()['content-security-policy']).toBe(UI_CSP);
    await shot(page, 'web-ui-login');
    await signIn(page, 'web-admin');
    const session = (await context.cookies()).find((c) => c.name === '__Host-cra_session');
    expect(session).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Strict', path: '/' });
    const fleet = await page.goto(`${f.cloud.publicUrl}/ui/fleet`);
    expect(fleet?.headers()['content-security-policy']).toBe(UI_CSP);
    for (const serial of DEVICES) await page.getByText(serial).waitFor();
    expect(await page.locator('#fleet-summary').textContent()).toContain('3 devices');
    await shot(page, 'web-ui-fleet');
    // The page's own script ran (it is the only way countdowns and refreshes work).
    expect(await page.locator('script').count()).toBe(1);
    await page.close();
  }, 60_000);

  it('starts a rollout canary-first, pauses, resumes and watches it complete as devices report', async () => {
    const release = await f.api('POST', '/api/v1/releases', { token: f.adminToken, body: { targetName: 'vs300-1.1.0.bin' } });
    expect(release.status).toBe(201);
    const releaseId = release.json<{ id: string }>().id;
    const page = await context.newPage();
    await signIn(page, 'web-release-manager');
    await page.goto(`${f.cloud.publicUrl}/ui/releases`);
    await page.fill(`#canary-${releaseId}`, 'canary');
    await shot(page, 'web-ui-releases');
    await Promise.all([page.waitForURL(/\/ui\/rollouts\/ro-/), page.click(`form[action="/ui/releases/${releaseId}/rollouts"] button`)]);
    expect(await page.locator('#rollout-state').textContent()).toBe('running');
    const committed = (group: string, n: number) => page.locator(`[data-group="${group}"][data-count="committed"]`, { hasText: new RegExp(`^${n}$`) }).waitFor({ timeout: 30_000 });
    await committed('canary', 0);
    const [canary = '', ...rest] = DEVICES;
    const at = () => new Date().toISOString();
    await report(canary, { kind: 'update-progress', at: at(), releaseId, phase: 'downloading' });
    await report(canary, { kind: 'update-result', at: at(), releaseId, outcome: 'committed', version: '1.1.0' });
    // No reload by the test: the page refreshes itself while the rollout runs.
    await committed('canary', 1);
    await report(rest[0] ?? '', { kind: 'update-progress', at: at(), releaseId, phase: 'writing' });
    await page.locator('[data-group="rest"][data-count="in-progress"]', { hasText: /^1$/ }).waitFor({ timeout: 30_000 });
    await shot(page, 'web-ui-rollout');
    await Promise.all([page.waitForURL(/\/ui\/rollouts\/ro-/), page.click('form[action$="/pause"] button')]);
    expect(await page.locator('#rollout-state').textContent()).toBe('paused');
    await Promise.all([page.waitForURL(/\/ui\/rollouts\/ro-/), page.click('form[action$="/resume"] button')]);
    expect(await page.locator('#rollout-state').textContent()).toBe('running');
    for (const serial of rest) await report(serial, { kind: 'update-result', at: at(), releaseId, outcome: 'committed', version: '1.1.0' });
    await committed('rest', 2);
    await page.locator('#rollout-state', { hasText: 'completed' }).waitFor({ timeout: 30_000 });

    // A second release: started for everyone, then aborted from the page.
    const feature = await f.api('POST', '/api/v1/releases', { token: f.adminToken, body: { targetName: 'vs300-1.2.0.bin' } });
    const featureId = feature.json<{ id: string }>().id;
    await page.goto(`${f.cloud.publicUrl}/ui/releases`);
    await Promise.all([page.waitForURL(/\/ui\/rollouts\/ro-/), page.click(`form[action="/ui/releases/${featureId}/rollouts"] button`)]);
    await Promise.all([page.waitForURL(/\/ui\/rollouts\/ro-/), page.click('form[action$="/abort"] button')]);
    expect(await page.locator('#rollout-state').textContent()).toBe('aborted');
    const audit = f.cloud.ctx.db.prepare("SELECT action, actor FROM audit_log WHERE action LIKE 'rollout.%' ORDER BY seq").all() as { action: string; actor: string }[];
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['rollout.create', 'rollout.pause', 'rollout.resume', 'rollout.abort']));
    await page.close();
  }, 120_000); // prettier-ignore

  it('opens a vulnerability case, marks it actively exploited and shows the Art. 14 clock ticking', async () => {
    const filed = await f.api('POST', HTTP_PATHS.vulnReports, { body: { title: 'Update check skips signature <script>alert(1)</script>', description: 'Unsigned images pass when the length field is 0.', email: 'researcher@example.org', product: 'vs300', versions: '1.0.0' } });
    expect(filed.status).toBe(201);
    const { caseId } = filed.json<{ caseId: string }>();
    const page = await context.newPage();
    let dialogs = 0;
    page.on('dialog', (d) => { dialogs += 1; void d.dismiss(); });
    await signIn(page, 'web-security-officer');
    await page.goto(`${f.cloud.publicUrl}/ui/cases`);
    await Promise.all([page.waitForURL(`${f.cloud.publicUrl}/ui/cases/${caseId}`), page.click(`a[href="/ui/cases/${caseId}"]`)]);
    expect(await page.locator('main').textContent()).toContain('<script>alert(1)</script>');
    await page.fill('#evidence', 'Exploit seen in the wild against <b>VS-WEB-2</b>.');
    await Promise.all([page.waitForURL(`${f.cloud.publicUrl}/ui/cases/${caseId}`), page.click(`form[action="/ui/cases/${caseId}/actively-exploited"] button`)]);
    const early = page.locator('time.countdown[data-stage="early-warning"]');
    const notification = page.locator('time.countdown[data-stage="notification"]');
    const first = await early.textContent();
    expect(first).toMatch(/^2[34] h \d\d min \d\d s left$/);
    expect(await notification.textContent()).toMatch(/^(2|3) d \d\d h \d\d min \d\d s left$/);
    // Ticking in the browser from the deadline the server rendered, without a reload.
    await page.locator('time.countdown[data-stage="early-warning"]', { hasNotText: first ?? '' }).waitFor({ timeout: 10_000 });
    const due = Date.parse((await early.getAttribute('datetime')) ?? '');
    const exploited = f.cloud.ctx.db.prepare("SELECT detail FROM audit_log WHERE action = 'case.actively-exploited'").all();
    expect(exploited).toHaveLength(1);
    expect(Math.abs(due - Date.now() - 24 * 3600_000)).toBeLessThan(120_000);
    // The fix ships (through the API): the 14-day final-report clock starts, the advisory is listed.
    for (const to of ['acknowledged', 'verifying', 'remediating', 'released']) {
      const moved = await f.api('POST', `/api/v1/cases/${caseId}/transition`, { token: f.adminToken, body: { to } });
      expect(moved.status, moved.text).toBe(200);
    }
    const advisory = await f.api('POST', `/api/v1/cases/${caseId}/advisory`, { token: f.adminToken, body: { trackingId: 'acme-2026-web-1', fixedIn: '1.1.0' } });
    expect(advisory.status, advisory.text).toBe(201);
    await page.reload();
    expect(await page.locator('time.countdown[data-stage="final-report"]').textContent()).toMatch(/^13 d 23 h \d\d min \d\d s left$/);
    await shot(page, 'web-ui-case');
    await page.goto(`${f.cloud.publicUrl}/ui/cases`);
    expect(await page.locator(`time.countdown[data-stage="early-warning"]`).count()).toBe(1);
    await page.goto(`${f.cloud.publicUrl}/ui/advisories`);
    await page.locator('a[href$="/acme-2026-web-1.json"]').waitFor();
    await page.goto(`${f.cloud.publicUrl}/ui/gaps`);
    await shot(page, 'web-ui-gaps');
    expect(dialogs).toBe(0);
    await page.close();
  }, 60_000); // prettier-ignore

  // Every page and action, for every role: denied pages are 403, and a forged POST carrying the
  // session's valid CSRF token is 403 too and changes nothing; allowed ones get past the check.
  const PAGES: { path: string; roles: Role[] }[] = [
    { path: '/ui/fleet', roles: ['release-manager', 'security-officer', 'auditor'] },
    { path: '/ui/releases', roles: ['release-manager', 'security-officer', 'auditor'] },
    { path: '/ui/rollouts/ro-none', roles: ['release-manager', 'security-officer', 'auditor'] },
    { path: '/ui/cases', roles: ['security-officer', 'auditor'] },
    { path: '/ui/advisories', roles: ['security-officer', 'auditor'] },
    { path: '/ui/gaps', roles: ['release-manager', 'security-officer', 'auditor'] },
    { path: '/ui/operators', roles: [] },
  ];
  const ACTIONS: { path: string; form: Record<string, string>; roles: Role[] }[] = [
    {
      path: '/ui/releases/rel-none/rollouts',
      form: { canaryGroup: '', errorThresholdPercent: '20' },
      roles: ['release-manager'],
    },
    { path: '/ui/rollouts/ro-none/pause', form: {}, roles: ['release-manager'] },
    { path: '/ui/rollouts/ro-none/resume', form: {}, roles: ['release-manager'] },
    { path: '/ui/rollouts/ro-none/abort', form: {}, roles: ['release-manager'] },
    {
      path: '/ui/cases/CASE-none/actively-exploited',
      form: { evidence: 'forged' },
      roles: ['security-officer'],
    },
    {
      path: '/ui/operators/00000000-0000-4000-8000-000000000000/password',
      form: { password: 'forged password 123' },
      roles: [],
    },
  ];
  it.each(ROLES)('lets %s reach only the pages and actions its roles allow', async (role) => {
    const page = await context.newPage();
    await signIn(page, `web-${role}`);
    const allowed = (roles: Role[]) => role === 'admin' || roles.includes(role);
    for (const p of PAGES) {
      const res = await page.goto(f.cloud.publicUrl + p.path);
      // An allowed page renders (the rollout `ro-none` is the API's 404); a denied one is 403.
      const expected = !allowed(p.roles) ? 403 : p.path.endsWith('/ro-none') ? 404 : 200;
      expect(res?.status(), `${role} ${p.path}`).toBe(expected);
      // The navigation only offers what the roles open.
      if (!allowed(p.roles)) expect(await page.locator(`header a[href="${p.path}"]`).count()).toBe(0);
    }
    await page.goto(`${f.cloud.publicUrl}/ui/`);
    const csrf = (await page.locator('input[name=csrf]').first().getAttribute('value')) ?? '';
    expect(csrf).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const auditBefore = f.cloud.ctx.db.prepare('SELECT count(*) AS n FROM audit_log').get();
    for (const a of ACTIONS) {
      const status = await forgePost(page, a.path, { csrf, ...a.form });
      // Allowed: past the role check to the API, which does not know the `none` ids (404).
      expect(status, `${role} ${a.path}`).toBe(allowed(a.roles) ? 404 : 403);
    }
    if (role !== 'admin') expect(f.cloud.ctx.db.prepare('SELECT count(*) AS n FROM audit_log').get()).toEqual(auditBefore);
    await page.close();
  }, 60_000); // prettier-ignore

  it('styles a generated compliance document from its same-origin stylesheet under the strict CSP', async () => {
    const page = await context.newPage();
    // The compliance pages take an operator API token (a browser tool or proxy adds it).
    await page.setExtraHTTPHeaders({ authorization: `Bearer ${f.adminToken}` });
    const before = problems.length;
    const sheets: { status: number; type: string | undefined }[] = [];
    page.on('response', (r) => {
      if (new URL(r.url()).pathname.startsWith('/compliance/assets/')) sheets.push({ status: r.status(), type: r.headers()['content-type'] });
    });
    // `goto` resolves on `load`, after the page's stylesheets.
    const res = await page.goto(`${f.cloud.publicUrl}/compliance/documents/declaration.en.html`);
    expect(res?.status()).toBe(200);
    expect(res?.headers()['content-security-policy']).toMatch(/style-src 'self';/);
    // The default stylesheet's rules are in force: body 48rem wide, h2 underlined.
    expect(await page.evaluate('getComputedStyle(document.body).maxWidth')).toBe('768px');
    expect(sheets).toEqual([{ status: 200, type: 'text/css; charset=utf-8' }]);
    expect(await page.evaluate("getComputedStyle(document.querySelector('h2')).borderBottomStyle")).toBe('solid');
    expect(await page.evaluate('document.styleSheets.length')).toBe(1);
    // No CSP report or error (Chromium's own favicon probe may 404, as in the final check).
    expect(problems.slice(before).filter((p) => !/status of 404/.test(p))).toEqual([]);
    await page.close();
  }, 60_000); // prettier-ignore

  it('saw no CSP violation and no script error on any page', () => {
    expect(problems.filter((p) => !/status of 40[34]/.test(p))).toEqual([]);
  });
});
