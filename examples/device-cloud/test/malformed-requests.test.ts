import { Agent } from 'node:https';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '@cra-kit/core';
import { defaultModules } from '../src/default-modules.js';
import { createOtaFixture } from './helpers/ota-fixture.js';
import type { RouteSummary } from '../src/index.js';
import {
  bootstrapToken,
  enrollDevice,
  httpsCall,
  startFixture,
  type DeviceCredentials,
  type Fixture,
  type HttpResult,
} from './helpers/cloud-fixture.js';

// Every registered route, driven with garbage: the reply is a 4xx with a typed JSON error (or a
// success), never a 5xx, and never a non-JSON error.
const CONTENT_TYPES = [
  'application/json',
  'application/pkcs10',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/json; charset=utf-16',
  '',
  'ü/ä',
];
const JSONISH = fc.oneof(
  fc.json().map((s) => s),
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.string({ maxLength: 200 }),
  fc.constant('{"__proto__":{"x":1}}'),
  fc.constant('{"constructor":{"prototype":{"x":1}}}'),
  fc.constant('{"name":"x","roles":["admin"],"extra":1}'),
  fc.constant('{"serials":["A"],"ttlSeconds":-1}'),
  fc.constant('{"group":null}'),
  fc.constant('{"reason":"keyCompromise"}'),
  fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b).toString('latin1')),
);
const SEGMENT = fc.oneof(
  fc.string({ minLength: 1, maxLength: 40 }),
  fc.constant('VS-FUZZ'),
  fc.constant('00000000-0000-4000-8000-000000000000'),
  fc.constant('%00'),
  fc.constant('..'),
  fc.constant('a'.repeat(300)),
);

const fill = (url: string, segments: string[]) => {
  let i = 0;
  return url.replace(/:[A-Za-z]+/g, () =>
    encodeURIComponent(segments[i++ % segments.length] ?? 'x'),
  );
};

function expectTyped(res: HttpResult, route: string) {
  expect(res.status, `${route}: ${res.text.slice(0, 200)}`).toBeLessThan(500);
  if (res.status >= 400) {
    const body = res.json<{ error: { code: unknown; message: unknown } }>();
    expect(body.error.code, route).toMatch(/^[A-Z][A-Z0-9_]+$/);
    expect(typeof body.error.message).toBe('string');
  }
}

describe('malformed and oversized requests to every route', () => {
  let f: Fixture;
  let device: DeviceCredentials;
  const agent = new Agent({ keepAlive: true, maxSockets: 4 });
  beforeAll(async () => {
    // The modules `cra-cloud` runs, so their routes are driven too.
    f = await startFixture({
      ota: async (dir) => {
        const ota = await createOtaFixture(dir, systemClock, []);
        return { repositoryDir: ota.repositoryDir, directorKeyFile: ota.directorKeyFile };
      },
      modules: (config) => defaultModules(config, { tickIntervalMs: 0 }).modules,
    });
    device = await enrollDevice(f, 'VS-FUZZ');
  }, 60_000);
  afterAll(async () => {
    agent.destroy();
    await f.close();
  });

  const drive = async (base: string, route: RouteSummary, tls: object, auth: string[]) => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(SEGMENT, { minLength: 1, maxLength: 3 }),
        fc.constantFrom(...CONTENT_TYPES),
        fc.constantFrom(...auth),
        JSONISH,
        fc.dictionary(
          fc.stringMatching(/^x-[a-z]{1,10}$/),
          fc.string({ maxLength: 50 }).filter((v) => /^[\x20-\x7e]*$/.test(v)),
          { maxKeys: 3 },
        ),
        async (segments, type, authorization, body, extra) => {
          const url = fill(route.url, segments);
          const headers: Record<string, string> = {
            ...extra,
            ...(type ? { 'content-type': type } : {}),
            ...(authorization ? { authorization } : {}),
          };
          const hasBody = route.method !== 'GET' && route.method !== 'DELETE';
          const res = await httpsCall(base + url, {
            method: route.method,
            agent,
            headers,
            ...tls,
            ...(hasBody ? { body } : {}),
          });
          expectTyped(res, `${route.method} ${url}`);
        },
      ),
      { numRuns: 40 },
    );
  };

  // First, before the fuzzing below uses up any module's rate limit.
  it('answers oversized bodies with 413 PAYLOAD_TOO_LARGE on the shell’s routes, a typed 4xx on the modules’', async () => {
    const big = `{"x":"${'a'.repeat(1024 * 1024 + 10)}"}`;
    const shellRoutes = new Set([
      '/api/v1/operators',
      '/api/v1/operators/:id/tokens',
      '/api/v1/devices/:id/group',
      '/api/v1/devices/:id/revoke',
      '/api/v1/devices/bootstrap-tokens',
      '/.well-known/est/simpleenroll',
    ]);
    const routes = f.cloud.routes.public.filter((r) => r.method === 'POST' || r.method === 'PUT');
    expect(routes.length).toBeGreaterThan(3);
    for (const route of routes) {
      for (const type of ['application/json', 'application/pkcs10']) {
        const res = await httpsCall(f.cloud.publicUrl + fill(route.url, ['x']), {
          method: route.method,
          agent,
          ca: f.rootPem,
          headers: { 'content-type': type, authorization: `Bearer ${f.adminToken}` },
          body: big,
        });
        const what = `${route.method} ${route.url} ${type}`;
        // The shell's routes stop at the body limit. Modules set their own limits (an SBOM may be
        // larger than 1 MiB), so for them a typed 4xx is what this test can require.
        if (shellRoutes.has(route.url)) {
          expect([res.status, res.json<{ error: { code: string } }>().error.code], what).toEqual([
            413,
            'PAYLOAD_TOO_LARGE',
          ]);
        } else expectTyped(res, what);
      }
    }
  });

  it('public listener: every route, garbage bodies, headers, parameters and tokens', async () => {
    const token = await bootstrapToken(f, 'VS-FUZZ2');
    const auth = [
      '',
      `Bearer ${f.adminToken}`,
      `Bearer ${token}`,
      'Bearer x',
      'Basic Zm9vOmJhcg==',
      `Bearer ${'A'.repeat(600)}`,
    ];
    expect(f.cloud.routes.public.length).toBeGreaterThanOrEqual(12);
    for (const route of f.cloud.routes.public)
      await drive(f.cloud.publicUrl, route, { ca: f.rootPem }, auth);
  }, 180_000);

  it('device listener: every route, garbage bodies from an authenticated device', async () => {
    const tls = { ca: f.rootPem, key: device.keyPem, cert: device.certPem };
    expect(f.cloud.routes.device.length).toBeGreaterThanOrEqual(3); // EST and the modules' OTA routes
    for (const route of f.cloud.routes.device)
      await drive(f.cloud.deviceUrl, route, tls, ['', 'Bearer x']);
  }, 180_000);

  it('answers unknown routes with 404 and unsupported media types with 415, with security headers', async () => {
    const missing = await httpsCall(`${f.cloud.publicUrl}/no/such/route`, { agent, ca: f.rootPem });
    expect([missing.status, missing.json<{ error: { code: string } }>().error.code]).toEqual([
      404,
      'NOT_FOUND',
    ]);
    expect(missing.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(missing.headers['x-content-type-options']).toBe('nosniff');
    expect(missing.headers['x-frame-options']).toBe('DENY');
    const xml = await httpsCall(`${f.cloud.publicUrl}/api/v1/operators`, {
      method: 'POST',
      agent,
      ca: f.rootPem,
      headers: { 'content-type': 'application/xml', authorization: `Bearer ${f.adminToken}` },
      body: '<x/>',
    });
    expect([xml.status, xml.json<{ error: { code: string } }>().error.code]).toEqual([
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    ]);
    const bad = await httpsCall(`${f.cloud.publicUrl}/api/v1/operators`, {
      method: 'POST',
      agent,
      ca: f.rootPem,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${f.adminToken}` },
      body: '{"name":',
    });
    expect([bad.status, bad.json<{ error: { code: string } }>().error.code]).toEqual([
      400,
      'INVALID_REQUEST',
    ]);
  });
});
