import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { Agent } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createCaseService,
  createIntakeHandler,
  openSqliteCaseStore,
  toNodeListener,
  type CaseService,
  type CaseStore,
} from '../src/index.js';
import { json, send } from './http-client.js';

const HOSTILE = '<script>alert(1)</script><img src=x onerror=alert(2)>"\'&';
let dir: string, store: CaseStore, service: CaseService, server: Server, port: number;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cra-vuln-intake-'));
  store = await openSqliteCaseStore({ path: join(dir, 'cases.db') });
  service = createCaseService({ store });
  const handler = createIntakeHandler({ service, rateLimit: { burst: 5, perSecond: 0.2 } });
  server = createServer(toNodeListener(handler));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

const report = {
  title: 'Telnet enabled on port 2323',
  description: 'A debug shell is reachable without a password.',
  email: 'r@example.org',
  product: 'VS-1',
  versions: '2.4.0',
};
let address = 10;
const freshSource = () => `127.0.0.${address++}`;

describe('the intake endpoint over node:http', () => {
  it('accepts a JSON report, answers with case id and token after storing it, and lets the reporter follow it', async () => {
    const res = await send(port, { ...json(report), localAddress: freshSource() });
    expect(res.status).toBe(201);
    const body = JSON.parse(res.body) as { caseId: string; reporterToken: string };
    const kase = await service.get(body.caseId);
    expect(kase).toMatchObject({
      title: report.title,
      state: 'received',
      affected: [{ model: 'VS-1', versions: ['2.4.0'] }],
    });
    expect(JSON.stringify(kase)).not.toContain(body.reporterToken);
    const status = await send(port, {
      method: 'GET',
      path: `/report?case=${body.caseId}`,
      headers: { authorization: `Bearer ${body.reporterToken}` },
    });
    expect(status.status).toBe(200);
    expect(JSON.parse(status.body)).toMatchObject({ caseId: body.caseId, state: 'received' });
    const wrong = await send(port, {
      method: 'GET',
      path: `/report?case=${body.caseId}`,
      headers: { authorization: 'Bearer 00' },
    });
    expect(wrong.status).toBe(404);
  });

  it('accepts a form post', async () => {
    const res = await send(port, {
      body: new URLSearchParams({
        title: 'XSS in the web UI',
        description: 'Stored XSS.',
        credit: 'on',
      }).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      localAddress: freshSource(),
    });
    expect(res.status).toBe(201);
    const kase = await service.get((JSON.parse(res.body) as { caseId: string }).caseId);
    expect(kase.reporter.credit).toBe(true);
  });

  it('refuses a 10 MB report unread (413) and stores nothing', async () => {
    const before = (await store.list()).length;
    const big = JSON.stringify({ ...report, description: 'A'.repeat(10 * 1024 * 1024) });
    const res = await send(port, { ...json(null), body: big, localAddress: freshSource() });
    expect(res.status).toBe(413);
    expect(JSON.parse(res.body)).toMatchObject({ error: { code: 'TOO_LARGE' } });
    expect((await store.list()).length).toBe(before);
  });

  it('refuses a 10 MB report without a length header while streaming it (413)', async () => {
    const handler = createIntakeHandler({ service });
    const chunk = new Uint8Array(1024 * 1024).fill(65);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull: (c) => {
        if (sent++ < 10) c.enqueue(chunk);
        else c.close();
      },
    });
    const res = await handler(
      new Request('http://x/report', {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json' },
        duplex: 'half',
      }),
      { remoteAddress: 'a' },
    );
    expect(res.status).toBe(413);
    expect(sent).toBeLessThan(10);
  });

  it('stores HTML and script in every text field as sent, and never echoes it unescaped', async () => {
    const hostile = {
      title: HOSTILE,
      description: HOSTILE,
      name: HOSTILE,
      preferredContact: HOSTILE,
      product: HOSTILE,
      versions: HOSTILE,
    };
    const res = await send(port, { ...json(hostile), localAddress: freshSource() });
    expect(res.status).toBe(201);
    expect(res.body).not.toMatch(/[<>]/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    const kase = await service.get((JSON.parse(res.body) as { caseId: string }).caseId);
    expect(kase.title).toBe(HOSTILE);
    expect(kase.reporter.name).toBe(HOSTILE);
    expect(kase.affected[0]).toEqual({ model: HOSTILE, versions: [HOSTILE] });
    const invalid = await send(port, {
      ...json({ ...hostile, email: HOSTILE }),
      localAddress: freshSource(),
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body).not.toMatch(/[<>]/);
  });

  it('refuses invalid UTF-8 (400), bad JSON (400), unknown fields (400) and other media types (415)', async () => {
    const bytes = new Uint8Array([
      ...new TextEncoder().encode('{"title":"a'),
      0xc3,
      0x28,
      ...new TextEncoder().encode('","description":"b"}'),
    ]);
    const utf8 = await send(port, { ...json(null), body: bytes, localAddress: freshSource() });
    expect(utf8.status).toBe(400);
    expect(JSON.parse(utf8.body)).toMatchObject({ error: { code: 'CORE_INPUT_MALFORMED' } });
    expect(
      (await send(port, { ...json(null), body: '{"title":', localAddress: freshSource() })).status,
    ).toBe(400);
    const extra = await send(port, {
      ...json({ ...report, isAdmin: true }),
      localAddress: freshSource(),
    });
    expect(JSON.parse(extra.body)).toMatchObject({ error: { code: 'VULN_INPUT_INVALID' } });
    expect(
      (
        await send(port, {
          body: 'x',
          headers: { 'content-type': 'text/plain' },
          localAddress: freshSource(),
        })
      ).status,
    ).toBe(415);
    expect((await send(port, { method: 'DELETE', localAddress: freshSource() })).status).toBe(405);
  });

  it('rate-limits 1,000 reports a second from one address while accepting a legitimate one from another', async () => {
    const flood = freshSource();
    const legit = freshSource();
    const agent = new Agent({ keepAlive: true, maxSockets: 50, localAddress: flood });
    const started = Date.now();
    const floodDone = Promise.all(
      Array.from({ length: 1000 }, (_, i) =>
        send(port, { ...json({ ...report, title: `flood ${i}` }), agent }),
      ),
    );
    const good = await send(port, {
      ...json({ ...report, title: 'the real one' }),
      localAddress: legit,
    });
    const results = await floodDone;
    agent.destroy();
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(good.status).toBe(201);
    const accepted = results.filter((r) => r.status === 201).length;
    expect(accepted).toBeGreaterThanOrEqual(5);
    expect(accepted).toBeLessThanOrEqual(8);
    expect(results.filter((r) => r.status === 429).length).toBe(1000 - accepted);
    expect(results.find((r) => r.status === 429)?.headers['retry-after']).toMatch(/^\d+$/);
    expect((await service.get((JSON.parse(good.body) as { caseId: string }).caseId)).title).toBe(
      'the real one',
    );
  });
});

describe('a limiter of the caller', () => {
  it('decides instead of the in-process bucket: refused reports get 429 with its wait and store nothing', async () => {
    const seen: string[] = [];
    let allowed = 1;
    const handler = createIntakeHandler({
      service,
      // A shared counter stand-in: the first report from a source passes, the next waits 120 s.
      limiter: {
        take: async (source) => {
          seen.push(source);
          return Promise.resolve(allowed-- > 0 ? 0 : 120);
        },
      },
    });
    const post = () =>
      handler(
        new Request('http://intake/report', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(report),
        }),
        { remoteAddress: '192.0.2.7' },
      );
    const before = (await service.list()).length;
    expect((await post()).status).toBe(201);
    const refused = await post();
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('120');
    expect(await refused.json()).toEqual({
      error: { code: 'RATE_LIMITED', message: expect.any(String) },
    });
    expect((await service.list()).length).toBe(before + 1);
    expect(seen).toEqual(['192.0.2.7', '192.0.2.7']);
  });

  it('refuses a limiter and rateLimit figures together with a typed error', () => {
    expect(() =>
      createIntakeHandler({ service, rateLimit: { burst: 1 }, limiter: { take: () => 0 } }),
    ).toThrow(expect.objectContaining({ code: 'VULN_INPUT_INVALID' }));
  });
});
