import { isAbsolute } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveCloudConfig } from '../src/index.js';

const base = { dataDir: 'data', productProfile: 'p.yaml', ca: {} };

describe('the database section', () => {
  it('defaults to a SQLite file in the data directory, resolved to an absolute path', () => {
    const config = resolveCloudConfig(base, '/srv/cloud');
    expect(config.database).toBe('/srv/cloud/data/cloud.sqlite');
    expect(resolveCloudConfig({ ...base, database: 'db/x.sqlite' }, '/srv/cloud').database).toBe('/srv/cloud/db/x.sqlite');
  });

  it('takes a PostgreSQL URL with pool defaults', () => {
    const config = resolveCloudConfig({ ...base, database: { url: 'postgres://cra@db.internal:5432/cra?sslmode=verify-full' } }, '/srv');
    expect(config.database).toEqual({ url: 'postgres://cra@db.internal:5432/cra?sslmode=verify-full', poolSize: 10, connectTimeoutMs: 10_000 });
    expect(typeof config.database === 'string' && isAbsolute(config.database)).toBe(false);
  });

  it('refuses a password in the URL without echoing it, other schemes and unknown keys', () => {
    const attempt = () => resolveCloudConfig({ ...base, database: { url: 'postgres://cra:hunter2-secret@db/cra' } });
    expect(attempt).toThrow(expect.objectContaining({ code: 'CORE_VALIDATION_FAILED' }) as Error);
    expect(() => attempt()).not.toThrow(/hunter2-secret/);
    for (const database of [{ url: 'mysql://db/cra' }, { url: 'postgres://db/cra', pool: 3 }, { url: 'postgres://db/cra', poolSize: 0 }]) {
      expect(() => resolveCloudConfig({ ...base, database })).toThrow(expect.objectContaining({ code: 'CORE_VALIDATION_FAILED' }) as Error);
    }
  });
}); // prettier-ignore
