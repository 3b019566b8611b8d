import { randomUUID } from 'node:crypto';
import type { Clock } from '@cra-kit/core';
import type Database from 'better-sqlite3';
import type { AuditEntry, Operator, Role } from '../context.js';
import { CloudError } from '../errors.js';
import { generateApiToken, hashApiToken, hashesEqual, isApiTokenShape } from './api-token.js';

/** An operator as the API shows it (never a token or hash). */
export interface OperatorView extends Operator {
  readonly createdAt: string;
  readonly tokens: readonly { id: string; label: string | undefined; createdAt: string }[];
}

/** Operators and their API tokens; every change is audited in the same transaction. */
export interface OperatorStore {
  count(): number;
  create(input: { name: string; roles: readonly Role[] }, actor: string): Operator;
  list(): OperatorView[];
  /** Issues a token (returned once; only its hash is stored). */
  issueToken(
    operatorId: string,
    label: string | undefined,
    actor: string,
  ): { id: string; token: string };
  deleteToken(operatorId: string, tokenId: string, actor: string): void;
  /** The operator a presented token belongs to, or `undefined`. */
  authenticate(token: string): Operator | undefined;
}

interface OperatorRow {
  id: string;
  name: string;
  roles: string;
  created_at: string;
}
interface TokenRow {
  id: string;
  operator_id: string;
  token_hash: Buffer;
  label: string | null;
  created_at: string;
}

const toOperator = (r: OperatorRow): Operator => ({
  id: r.id,
  name: r.name,
  roles: JSON.parse(r.roles) as Role[],
});

/** Creates the operator store over SQLite. */
export function createOperatorStore(db: Database.Database, clock: Clock, audit: (e: AuditEntry) => void): OperatorStore {
  const q = {
    count: db.prepare<[], { n: number }>('SELECT count(*) AS n FROM operators'),
    byName: db.prepare<[string], OperatorRow>('SELECT * FROM operators WHERE name = ?'),
    byId: db.prepare<[string], OperatorRow>('SELECT * FROM operators WHERE id = ?'),
    all: db.prepare<[], OperatorRow>('SELECT * FROM operators ORDER BY created_at, name'),
    insert: db.prepare('INSERT INTO operators (id, name, roles, created_at) VALUES (?, ?, ?, ?)'),
    tokensOf: db.prepare<[string], TokenRow>('SELECT * FROM api_tokens WHERE operator_id = ? ORDER BY created_at'),
    insertToken: db.prepare('INSERT INTO api_tokens (id, operator_id, token_hash, label, created_at) VALUES (?, ?, ?, ?, ?)'),
    deleteToken: db.prepare('DELETE FROM api_tokens WHERE id = ? AND operator_id = ?'),
    tokenByHash: db.prepare<[Buffer], TokenRow>('SELECT * FROM api_tokens WHERE token_hash = ?'),
  };
  const now = () => clock.now().toISOString();
  const requireOperator = (id: string) => {
    const row = q.byId.get(id);
    if (row === undefined) throw new CloudError('NOT_FOUND', 'no such operator');
    return row;
  };
  return {
    count: () => q.count.get()?.n ?? 0,
    create: (input, actor) =>
      db.transaction(() => {
        if (q.byName.get(input.name)) throw new CloudError('CONFLICT', 'an operator with this name exists');
        const op: Operator = { id: randomUUID(), name: input.name, roles: [...new Set(input.roles)] };
        q.insert.run(op.id, op.name, JSON.stringify(op.roles), now());
        audit({ actor, action: 'operator.create', subject: `operator:${op.id}`, detail: { name: op.name, roles: op.roles } });
        return op;
      })(),
    list: () =>
      q.all.all().map((r) => ({
        ...toOperator(r),
        createdAt: r.created_at,
        tokens: q.tokensOf.all(r.id).map((t) => ({ id: t.id, label: t.label ?? undefined, createdAt: t.created_at })),
      })),
    issueToken: (operatorId, label, actor) =>
      db.transaction(() => {
        requireOperator(operatorId);
        const fresh = generateApiToken();
        q.insertToken.run(fresh.id, operatorId, hashApiToken(fresh.token), label ?? null, now());
        audit({ actor, action: 'operator.token.create', subject: `operator:${operatorId}`, detail: { tokenId: fresh.id } });
        return fresh;
      })(),
    deleteToken(operatorId, tokenId, actor) {
      db.transaction(() => {
        if (q.deleteToken.run(tokenId, operatorId).changes === 0) throw new CloudError('NOT_FOUND', 'no such token');
        audit({ actor, action: 'operator.token.delete', subject: `operator:${operatorId}`, detail: { tokenId } });
      })();
    },
    authenticate(token) {
      if (!isApiTokenShape(token)) return undefined;
      const hash = hashApiToken(token);
      const row = q.tokenByHash.get(hash);
      // The index lookup finds the candidate; the constant-time compare decides.
      if (row === undefined || !hashesEqual(row.token_hash, hash)) return undefined;
      const op = q.byId.get(row.operator_id);
      return op === undefined ? undefined : toOperator(op);
    },
  };
} // prettier-ignore
