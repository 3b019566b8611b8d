import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../src/index.js';
import { operatorToken, startFixture, type Fixture } from './helpers/cloud-fixture.js';

const UUID = '00000000-0000-4000-8000-000000000000';
// Each shell route, a request that changes nothing even when allowed, and the roles allowed.
const ROUTES: { method: string; path: string; body?: unknown; roles: Role[] }[] = [
  { method: 'POST', path: '/api/v1/operators', body: {}, roles: ['admin'] },
  { method: 'GET', path: '/api/v1/operators', roles: ['admin'] },
  { method: 'POST', path: `/api/v1/operators/${UUID}/tokens`, body: {}, roles: ['admin'] },
  { method: 'DELETE', path: `/api/v1/operators/${UUID}/tokens/${UUID}`, roles: ['admin'] },
  { method: 'GET', path: '/api/v1/audit', roles: ['admin', 'auditor'] },
  { method: 'GET', path: '/api/v1/devices', roles: [...ROLES] },
  { method: 'GET', path: '/api/v1/devices/VS-NONE', roles: [...ROLES] },
  { method: 'GET', path: '/api/v1/devices/VS-NONE/telemetry', roles: [...ROLES] },
  {
    method: 'PUT',
    path: '/api/v1/devices/VS-NONE/group',
    body: { group: 'canary' },
    roles: ['admin', 'release-manager'],
  },
  {
    method: 'POST',
    path: '/api/v1/devices/VS-NONE/revoke',
    body: {},
    roles: ['admin', 'security-officer'],
  },
  { method: 'POST', path: '/api/v1/devices/bootstrap-tokens', body: {}, roles: ['admin'] },
  {
    method: 'GET',
    path: '/api/v1/telemetry/stats',
    roles: ['admin', 'auditor', 'security-officer'],
  },
];

type ErrorBody = { error: { code: string; message: string } };

describe('operators, API tokens and roles', () => {
  let f: Fixture;
  const tokens = {} as Record<Role, string>;
  beforeAll(async () => {
    f = await startFixture();
    tokens.admin = f.adminToken;
    for (const role of ROLES.filter((r) => r !== 'admin'))
      tokens[role] = await operatorToken(f, `op-${role}`, [role]);
  }, 60_000);
  afterAll(() => f.close());

  it('writes the first admin token to a 0600 file', async () => {
    const { stat } = await import('node:fs/promises');
    expect((await stat(f.cloud.adminTokenFile)).mode & 0o777).toBe(0o600);
    expect(f.adminToken).toMatch(/^cra_op_[A-Za-z0-9_-]{43}$/);
  });

  it.each(ROLES.flatMap((role) => ROUTES.map((route) => [role, route] as const)))(
    '%s → %o',
    async (role, route) => {
      const before = f.cloud.ctx.db.prepare('SELECT count(*) AS n FROM audit_log').get();
      const res = await f.api(route.method, route.path, {
        token: tokens[role],
        ...(route.body === undefined ? {} : { body: route.body }),
      });
      if (route.roles.includes(role)) {
        expect([401, 403]).not.toContain(res.status);
      } else {
        expect(res.status).toBe(403);
        expect(res.json<ErrorBody>().error.code).toBe('FORBIDDEN');
        expect(f.cloud.ctx.db.prepare('SELECT count(*) AS n FROM audit_log').get()).toEqual(before);
      }
    },
  );

  it.each(ROUTES)('refuses %o without a valid token (401 AUTH_REQUIRED)', async (route) => {
    const variants: Record<string, string>[] = [
      {},
      { authorization: 'Bearer cra_op_' + 'A'.repeat(43) },
      { authorization: 'Basic YWRtaW46YWRtaW4=' },
      { authorization: 'Bearer ' },
    ];
    for (const headers of variants) {
      const res = await f.api(route.method, route.path, {
        headers,
        ...(route.body === undefined ? {} : { body: route.body }),
      });
      expect(res.status).toBe(401);
      expect(res.json<ErrorBody>().error.code).toBe('AUTH_REQUIRED');
    }
  });

  it('shows a token once, stores only its SHA-256, and stops accepting it once deleted', async () => {
    const created = await f.api('POST', '/api/v1/operators', {
      token: f.adminToken,
      body: { name: 'rotating', roles: ['auditor'] },
    });
    expect(created.status).toBe(201);
    const id = created.json<{ id: string }>().id;
    const issued = await f.api('POST', `/api/v1/operators/${id}/tokens`, {
      token: f.adminToken,
      body: { label: 'ci' },
    });
    expect(issued.headers['cache-control']).toBe('no-store');
    const { id: tokenId, token } = issued.json<{ id: string; token: string }>();
    const row = f.cloud.ctx.db
      .prepare('SELECT * FROM api_tokens WHERE id = ?')
      .get(tokenId) as Record<string, unknown>;
    expect(row.token_hash).toEqual(createHash('sha256').update(token).digest());
    expect(JSON.stringify(Object.values(row).map(String))).not.toContain(token);
    const list = await f.api('GET', '/api/v1/operators', { token: f.adminToken });
    expect(list.text).not.toContain(token);
    expect((await f.api('GET', '/api/v1/audit', { token })).status).toBe(200);
    expect(
      (await f.api('DELETE', `/api/v1/operators/${id}/tokens/${tokenId}`, { token: f.adminToken }))
        .status,
    ).toBe(204);
    expect((await f.api('GET', '/api/v1/audit', { token })).status).toBe(401);
  });

  it('refuses a duplicate operator name with 409', async () => {
    const res = await f.api('POST', '/api/v1/operators', {
      token: f.adminToken,
      body: { name: 'op-auditor', roles: ['auditor'] },
    });
    expect([res.status, res.json<ErrorBody>().error.code]).toEqual([409, 'CONFLICT']);
  });

  it('audits every change and pages the log newest first', async () => {
    const first = await f.api('GET', '/api/v1/audit?limit=2', { token: tokens.auditor });
    const page = first.json<{
      entries: { seq: number; action: string; actor: string }[];
      next?: number;
    }>();
    expect(page.entries).toHaveLength(2);
    expect(page.entries[0]!.seq).toBeGreaterThan(page.entries[1]!.seq);
    const rest = await f.api('GET', `/api/v1/audit?limit=500&before=${page.next}`, {
      token: tokens.auditor,
    });
    const all = [
      ...page.entries,
      ...rest.json<{ entries: { action: string; actor: string }[] }>().entries,
    ];
    expect(all.map((e) => e.action)).toEqual(
      expect.arrayContaining(['operator.create', 'operator.token.create', 'operator.token.delete']),
    );
    expect(all.at(-1)).toMatchObject({ actor: 'system', action: 'operator.create' });
    expect((await f.api('GET', '/api/v1/audit?limit=0', { token: tokens.auditor })).status).toBe(
      400,
    );
  });
});
