import type { CloudConfig } from '../config/schema.js';
import { CloudError } from '../errors.js';
import { openPostgresPool } from '../pg/pool.js';
import type { CloudDatabase } from './cloud-database.js';
import { openDatabase } from './open.js';

/**
 * Opens the configured database: a SQLite file (`database: <path>`, the default) or a PostgreSQL
 * pool (`database: { url: postgres://… }`).
 * @throws {CloudError} CLOUD_STARTUP_FAILED when it cannot be opened or reached
 */
export async function openCloudDatabase(config: CloudConfig): Promise<CloudDatabase> {
  const setting = config.database ?? `${config.dataDir}/cloud.sqlite`;
  try {
    if (typeof setting === 'string') {
      const sqlite = openDatabase(setting);
      return { kind: 'sqlite', sqlite, close: () => Promise.resolve(void sqlite.close()) };
    }
    const pool = await openPostgresPool(setting);
    return { kind: 'postgres', pool, url: setting.url, close: () => pool.end() };
  } catch (cause) {
    throw new CloudError('CLOUD_STARTUP_FAILED', 'cannot open the database', { cause });
  }
}
