/** What the store needs from an engine: parameterised SQL and transactions. */
export interface Queryable {
  query<Row = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<Row[]>;
  /** Runs a script of several statements without parameters (a migration file, whole). */
  exec(sql: string): Promise<void>;
}

export interface Database extends Queryable {
  readonly engine: 'embedded' | 'postgres';
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /**
   * The same store through `size` connections of its own, opened now and kept open while idle: for
   * the webhook handlers, whose answers must not wait for a connection to be made or for the
   * worker's queries. Closed with this store.
   */
  keptOpen(size: number): Promise<Database>;
  close(): Promise<void>;
}
