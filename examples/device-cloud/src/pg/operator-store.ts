import type { Clock } from '@cra-kit/core';
import type { Pool, PoolClient } from 'pg';
import { generateApiToken, hashApiToken, hashesEqual } from '../auth/api-token.js';
import {
  lookupHash,
  nameTaken,
  newOperator,
  noOperator,
  noToken,
  toOperator,
  toOperatorView,
  type OperatorRow,
  type OperatorStore,
  type TokenRow,
} from '../auth/operator-store.js';
import type { Role } from '../context.js';
import { appendAudit } from './audit-log.js';
import { inTransaction, query } from './transaction.js';

/** Serialises operator creation across instances (names are unique, the first admin is one). */
const OPERATORS_LOCK = 7_340_111;

/** The {@link OperatorStore} on PostgreSQL; each change and its audit entry in one transaction. */
export function createPostgresOperatorStore(pool: Pool, clock: Clock): OperatorStore {
  const now = () => clock.now().toISOString();
  const create = async (c: PoolClient, input: { name: string; roles: readonly Role[] }, actor: string) => {
    await c.query('SELECT pg_advisory_xact_lock($1)', [OPERATORS_LOCK]);
    if ((await c.query('SELECT 1 FROM operators WHERE name = $1', [input.name])).rowCount !== 0) throw nameTaken();
    const op = newOperator(input);
    await c.query('INSERT INTO operators (id, name, roles, created_at) VALUES ($1, $2, $3, $4)', [op.id, op.name, JSON.stringify(op.roles), now()]);
    await appendAudit(c, clock, { actor, action: 'operator.create', subject: `operator:${op.id}`, detail: { name: op.name, roles: op.roles } });
    return op;
  };
  const issueToken = async (c: PoolClient, operatorId: string, label: string | undefined, actor: string) => {
    // FOR SHARE: the operator cannot be deleted under the new token.
    if ((await c.query('SELECT 1 FROM operators WHERE id = $1 FOR SHARE', [operatorId])).rowCount === 0) throw noOperator();
    const fresh = generateApiToken();
    await c.query('INSERT INTO api_tokens (id, operator_id, token_hash, label, created_at) VALUES ($1, $2, $3, $4, $5)', [fresh.id, operatorId, hashApiToken(fresh.token), label ?? null, now()]);
    await appendAudit(c, clock, { actor, action: 'operator.token.create', subject: `operator:${operatorId}`, detail: { tokenId: fresh.id } });
    return fresh;
  };
  return {
    count: async () => Number((await query<{ n: string }>(pool, 'SELECT count(*) AS n FROM operators'))[0]?.n ?? 0),
    create: (input, actor) => inTransaction(pool, (c) => create(c, input, actor)),
    list: () =>
      inTransaction(pool, async (c) => {
        const ops = (await c.query<OperatorRow>('SELECT * FROM operators ORDER BY created_at, name')).rows;
        const tokens = (await c.query<TokenRow>('SELECT * FROM api_tokens ORDER BY created_at')).rows;
        return ops.map((r) => toOperatorView(r, tokens.filter((t) => t.operator_id === r.id)));
      }),
    find: async (by) => {
      const [row] = 'id' in by
        ? await query<OperatorRow>(pool, 'SELECT * FROM operators WHERE id = $1', [by.id])
        : await query<OperatorRow>(pool, 'SELECT * FROM operators WHERE name = $1', [by.name]);
      return row === undefined ? undefined : toOperator(row);
    },
    issueToken: (operatorId, label, actor) => inTransaction(pool, (c) => issueToken(c, operatorId, label, actor)),
    deleteToken: (operatorId, tokenId, actor) =>
      inTransaction(pool, async (c) => {
        if ((await c.query('DELETE FROM api_tokens WHERE id = $1 AND operator_id = $2', [tokenId, operatorId])).rowCount === 0) throw noToken();
        await appendAudit(c, clock, { actor, action: 'operator.token.delete', subject: `operator:${operatorId}`, detail: { tokenId } });
      }),
    authenticate: async (token) => {
      const hash = lookupHash(token);
      if (hash === undefined) return undefined;
      const rows = await query<OperatorRow & { token_hash: Buffer }>(pool, 'SELECT o.*, t.token_hash FROM api_tokens t JOIN operators o ON o.id = t.operator_id WHERE t.token_hash = $1', [hash]);
      const row = rows[0];
      // The index lookup finds the candidate; the constant-time compare decides.
      return row === undefined || !hashesEqual(row.token_hash, hash) ? undefined : toOperator(row);
    },
    createFirstAdmin: (keep) =>
      inTransaction(pool, async (c) => {
        await c.query('SELECT pg_advisory_xact_lock($1)', [OPERATORS_LOCK]);
        if ((await c.query('SELECT 1 FROM operators LIMIT 1')).rowCount !== 0) return false;
        const admin = await create(c, { name: 'admin', roles: ['admin'] }, 'system');
        keep((await issueToken(c, admin.id, 'bootstrap', 'system')).token);
        return true;
      }),
  };
} // prettier-ignore
