import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createCaseService,
  createIntakeHandler,
  fastifyIntake,
  openSqliteCaseStore,
  type CaseService,
  type CaseStore,
} from '../src/index.js';
import { json, send } from './http-client.js';

let dir: string, store: CaseStore, service: CaseService, port: number;
const app = Fastify();
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cra-vuln-fastify-'));
  store = await openSqliteCaseStore({ path: join(dir, 'cases.db') });
  service = createCaseService({ store });
  await app.register(
    fastifyIntake(createIntakeHandler({ service, rateLimit: { burst: 3, perSecond: 0.1 } })),
    { prefix: '/security/report' },
  );
  app.get('/health', () => ({ ok: true }));
  await app.listen({ port: 0, host: '127.0.0.1' });
  port = (app.server.address() as AddressInfo).port;
});
afterAll(async () => {
  await app.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the intake handler as a Fastify plugin', () => {
  it('accepts a report, leaves the rest of the app alone, and keeps the size and rate limits', async () => {
    const res = await send(port, {
      ...json({ title: 'Via Fastify', description: 'Reported through the plugin.' }),
      path: '/security/report',
      localAddress: '127.0.0.21',
    });
    expect(res.status).toBe(201);
    const { caseId } = JSON.parse(res.body) as { caseId: string };
    expect((await service.get(caseId)).title).toBe('Via Fastify');
    expect(JSON.parse((await send(port, { method: 'GET', path: '/health' })).body)).toEqual({
      ok: true,
    });
    const big = await send(port, {
      ...json(null),
      body: JSON.stringify({ title: 't', description: 'A'.repeat(1024 * 1024) }),
      path: '/security/report',
      localAddress: '127.0.0.22',
    });
    expect(big.status).toBe(413);
    const statuses = [];
    for (let i = 0; i < 5; i++)
      statuses.push(
        (
          await send(port, {
            ...json({ title: `t${i}`, description: 'd' }),
            path: '/security/report',
            localAddress: '127.0.0.23',
          })
        ).status,
      );
    expect(statuses).toEqual([201, 201, 201, 429, 429]);
    expect(
      (
        await send(port, {
          body: 'x',
          headers: { 'content-type': 'text/plain' },
          path: '/security/report',
          localAddress: '127.0.0.24',
        })
      ).status,
    ).toBe(415);
  });
});
