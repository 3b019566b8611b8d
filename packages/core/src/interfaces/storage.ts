/** Options of {@link Storage.put}. */
export interface PutOptions {
  /**
   * Compare-and-set: write only if the current version of the key equals this one (`null`: only
   * if the key does not exist). A mismatch rejects with a conflict and writes nothing.
   */
  readonly ifMatch?: string | null;
}

/** A stored value and the version it was read at. */
export interface StoredValue {
  readonly value: Uint8Array;
  /** Opaque version token for {@link PutOptions.ifMatch}. */
  readonly version: string;
}

/**
 * A small key-value store for documents and artefacts: a local directory, SQLite, PostgreSQL,
 * an object store. Writes are atomic per key: a reader sees the old value or the new one, never
 * half of one.
 */
export interface Storage {
  readonly specificationVersion: 'v1';
  get(key: string): Promise<StoredValue | undefined>;
  /** Writes `value` and returns its new version. */
  put(key: string, value: Uint8Array, options?: PutOptions): Promise<string>;
  /** Deletes the key; deleting a missing key is not an error. */
  delete(key: string): Promise<void>;
  /** Keys that start with `prefix`, in lexical order. */
  list(prefix: string): AsyncIterable<string>;
}
