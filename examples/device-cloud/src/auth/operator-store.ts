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

/**
 * Operators and their API tokens; every change is audited in the same transaction. Async so the
 * scale-out deployment can keep them in PostgreSQL (`pg/operator-store.ts`).
 */
export interface OperatorStore {
  count(): Promise<number>;
  /** @throws {CloudError} CONFLICT when the name is taken */
  create(input: { name: string; roles: readonly Role[] }, actor: string): Promise<Operator>;
  list(): Promise<OperatorView[]>;
  /** One operator by id or by name (what a web session or login needs), or `undefined`. */
  find(by: { readonly id: string } | { readonly name: string }): Promise<Operator | undefined>;
  /** Issues a token (returned once; only its hash is stored). @throws {CloudError} NOT_FOUND */
  issueToken(
    operatorId: string,
    label: string | undefined,
    actor: string,
  ): Promise<{ id: string; token: string }>;
  /** @throws {CloudError} NOT_FOUND */
  deleteToken(operatorId: string, tokenId: string, actor: string): Promise<void>;
  /** The operator a presented token belongs to, or `undefined`. */
  authenticate(token: string): Promise<Operator | undefined>;
  /**
   * When there is no operator yet: creates `admin` with one token and hands the token to `keep`
   * inside the transaction (so the token is kept exactly when the admin exists). Several
   * instances starting at once create one admin. @returns whether this call created it
   */
  createFirstAdmin(keep: (token: string) => void): Promise<boolean>;
}

export interface OperatorRow {
  id: string;
  name: string;
  roles: string;
  created_at: string;
}
export interface TokenRow {
  id: string;
  operator_id: string;
  token_hash: Buffer;
  label: string | null;
  created_at: string;
}

export const toOperator = (r: OperatorRow): Operator => ({
  id: r.id,
  name: r.name,
  roles: JSON.parse(r.roles) as Role[],
});
export const toOperatorView = (r: OperatorRow, tokens: readonly TokenRow[]): OperatorView => ({
  ...toOperator(r),
  createdAt: r.created_at,
  tokens: tokens.map((t) => ({ id: t.id, label: t.label ?? undefined, createdAt: t.created_at })),
});
export const newOperator = (input: { name: string; roles: readonly Role[] }): Operator => ({
  id: randomUUID(),
  name: input.name,
  roles: [...new Set(input.roles)],
});
export const nameTaken = () => new CloudError('CONFLICT', 'an operator with this name exists');
export const noOperator = () => new CloudError('NOT_FOUND', 'no such operator');
export const noToken = () => new CloudError('NOT_FOUND', 'no such token');
/** The token's hash when it has the shape of one of ours (the lookup key). */
export const lookupHash = (token: string): Buffer | undefined =>
  isApiTokenShape(token) ? hashApiToken(token) : undefined;

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
  // better-sqlite3 is synchronous; the promise carries the result or the error. Changes run in a
  // transaction with their audit entry, reads without one (as before the interface was async).
  const read = <T>(fn: () => T): Promise<T> => new Promise((resolve) => { resolve(fn()); });
  const run = <T>(fn: () => T): Promise<T> => new Promise((resolve) => { resolve(db.transaction(fn)()); });
  const create = (input: { name: string; roles: readonly Role[] }, actor: string) => {
    if (q.byName.get(input.name)) throw nameTaken();
    const op = newOperator(input);
    q.insert.run(op.id, op.name, JSON.stringify(op.roles), now());
    audit({ actor, action: 'operator.create', subject: `operator:${op.id}`, detail: { name: op.name, roles: op.roles } });
    return op;
  };
  const issueToken = (operatorId: string, label: string | undefined, actor: string) => {
    if (q.byId.get(operatorId) === undefined) throw noOperator();
    const fresh = generateApiToken();
    q.insertToken.run(fresh.id, operatorId, hashApiToken(fresh.token), label ?? null, now());
    audit({ actor, action: 'operator.token.create', subject: `operator:${operatorId}`, detail: { tokenId: fresh.id } });
    return fresh;
  };
  return {
    count: () => read(() => q.count.get()?.n ?? 0),
    create: (input, actor) => run(() => create(input, actor)),
    list: () => read(() => q.all.all().map((r) => toOperatorView(r, q.tokensOf.all(r.id)))),
    find: (by) =>
      read(() => {
        const row = 'id' in by ? q.byId.get(by.id) : q.byName.get(by.name);
        return row === undefined ? undefined : toOperator(row);
      }),
    issueToken: (operatorId, label, actor) => run(() => issueToken(operatorId, label, actor)),
    deleteToken: (operatorId, tokenId, actor) =>
      run(() => {
        if (q.deleteToken.run(tokenId, operatorId).changes === 0) throw noToken();
        audit({ actor, action: 'operator.token.delete', subject: `operator:${operatorId}`, detail: { tokenId } });
      }),
    authenticate: (token) =>
      read(() => {
        const hash = lookupHash(token);
        const row = hash === undefined ? undefined : q.tokenByHash.get(hash);
        // The index lookup finds the candidate; the constant-time compare decides.
        if (hash === undefined || row === undefined || !hashesEqual(row.token_hash, hash)) return undefined;
        const op = q.byId.get(row.operator_id);
        return op === undefined ? undefined : toOperator(op);
      }),
    // Immediate: a second process on the same file waits here instead of failing to upgrade its lock.
    createFirstAdmin: (keep) =>
      new Promise((resolve) => { resolve(db.transaction(() => {
        if ((q.count.get()?.n ?? 0) > 0) return false;
        const admin = create({ name: 'admin', roles: ['admin'] }, 'system');
        keep(issueToken(admin.id, 'bootstrap', 'system').token);
        return true;
      }).immediate()); }),
  };
} // prettier-ignore
