import { parse, protocol, type PGlite, type Results } from '@electric-sql/pglite';
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
} from 'kysely';

/**
 * A Kysely dialect over embedded PGlite. PGlite is one connection, so queries and transactions are
 * serialised: a connection is handed out to one user at a time.
 */
export class PGliteDialect implements Dialect {
  constructor(private readonly db: PGlite) {}
  createAdapter() {
    return new PostgresAdapter();
  }
  createDriver(): Driver {
    return new PGliteDriver(this.db);
  }
  createIntrospector(db: Kysely<any>) {
    return new PostgresIntrospector(db);
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
}

class PGliteDriver implements Driver {
  private queue: Promise<void> = Promise.resolve();
  private readonly connection: DatabaseConnection;
  private readonly statements: PreparedStatements;

  constructor(private readonly db: PGlite) {
    this.statements = new PreparedStatements(db);
    this.connection = {
      executeQuery: async <R>(query: CompiledQuery): Promise<QueryResult<R>> => {
        const result = (await this.statements.run(query.sql, query.parameters)) as Results<R>;
        return {
          rows: result.rows,
          numAffectedRows: result.affectedRows === undefined ? undefined : BigInt(result.affectedRows),
        };
      },
      streamQuery: () => {
        throw new Error('streaming is not supported on PGlite');
      },
    };
  }

  async init() {}

  async acquireConnection(): Promise<DatabaseConnection> {
    let release!: () => void;
    const previous = this.queue;
    this.queue = new Promise<void>((resolve) => (release = resolve));
    await previous;
    this.releaseCurrent = release;
    return this.connection;
  }

  private releaseCurrent: () => void = () => {};

  async releaseConnection() {
    this.releaseCurrent();
  }

  async beginTransaction(conn: DatabaseConnection) {
    await conn.executeQuery(CompiledQuery.raw('begin'));
  }
  async commitTransaction(conn: DatabaseConnection) {
    await conn.executeQuery(CompiledQuery.raw('commit'));
  }
  async rollbackTransaction(conn: DatabaseConnection) {
    await conn.executeQuery(CompiledQuery.raw('rollback'));
  }
  async destroy() {
    await this.db.close();
  }
}

const { serialize } = protocol;
/** How many statements stay prepared; past it, the one used longest ago is closed. */
const PREPARED_MAX = 500;
/**
 * An upsert whose conflict target names a partial index by a predicate with parameters: PostgreSQL
 * matches the index only with the values in hand, so its generic plan (a named statement's from the
 * sixth run) fails (42P10).
 */
const NEEDS_VALUES_TO_PLAN = /\bon conflict\s*\((?:[^()]|\([^()]*\))*\)\s*where\b/i;
/**
 * Errors by which a prepared statement, not the query, has failed: its generic plan cannot be made
 * (42P10), a schema change altered its result (0A000), or it is gone (26000). The statement is
 * dropped, and outside a transaction the query runs again unprepared.
 */
const STATEMENT_FAILED = new Set(['42P10', '0A000', '26000']);

interface Statement {
  name: string;
  types: number[];
}

/**
 * Named prepared statements, one per query text seen twice: PGlite runs PostgreSQL in WebAssembly,
 * where parsing and planning a statement cost more than running it (the live state's load: 1.3 ms
 * of planning against 0.7 ms of execution), and PostgreSQL reuses a named statement's plan.
 * What `PGlite.query` does otherwise (bind by the parameters' types, parse the rows, sync after a
 * statement outside a transaction), on the same protocol.
 */
class PreparedStatements {
  /** By query text, the one used longest ago first. */
  private readonly prepared = new Map<string, Statement>();
  private readonly seen = new Set<string>();
  /** Query texts whose prepared statement failed by itself (STATEMENT_FAILED): never prepared again. */
  private readonly unpreparable = new Set<string>();
  private names = 0;

  constructor(private readonly db: PGlite) {}

  async run(sql: string, parameters: readonly unknown[]): Promise<Results<unknown>> {
    if (this.db.closed) throw new Error('PGlite is closed');
    if (!this.prepared.has(sql) && !this.worthPreparing(sql)) return this.db.query(sql, [...parameters]);
    const result = await this.db.runExclusive(async (): Promise<Results<unknown> | undefined> => {
      const statement = this.prepared.get(sql) ?? (await this.prepare(sql));
      this.prepared.delete(sql);
      this.prepared.set(sql, statement);
      try {
        return await this.execute(statement, parameters);
      } catch (err) {
        const code = (err as { code?: unknown }).code;
        if (typeof code !== 'string' || !STATEMENT_FAILED.has(code)) throw err;
        await this.drop(sql, statement);
        if (code === '42P10') this.unpreparable.add(sql);
        if (this.db.isInTransaction()) throw err;
        return undefined;
      }
    });
    return result ?? this.db.query(sql, [...parameters]);
  }

  private async execute(statement: Statement, parameters: readonly unknown[]): Promise<Results<unknown>> {
    const values = parameters.map((v, i) => (v === null || v === undefined ? null : (this.db.serializers[statement.types[i]!] ?? String)(v)));
    const messages = [];
    try {
      messages.push(...(await this.send(serialize.bind({ statement: statement.name, values }))));
      messages.push(...(await this.send(serialize.describe({ type: 'P' }))));
      messages.push(...(await this.send(serialize.execute({}))));
    } finally {
      messages.push(...(await this.send(serialize.sync())));
    }
    if (!this.db.isInTransaction()) await this.db.syncToFs();
    return parse.parseResults(messages, this.db.parsers)[0]!;
  }

  private worthPreparing(sql: string): boolean {
    if (this.unpreparable.has(sql) || !/^\s*(select|insert|update|delete|with)\b/i.test(sql) || NEEDS_VALUES_TO_PLAN.test(sql)) return false;
    if (this.seen.has(sql)) return true;
    if (this.seen.size > 10 * PREPARED_MAX) this.seen.clear();
    this.seen.add(sql);
    return false;
  }

  private async prepare(sql: string): Promise<Statement> {
    const oldest = this.prepared.size >= PREPARED_MAX ? this.prepared.entries().next().value : undefined;
    if (oldest) await this.drop(...oldest);
    const name = `k${++this.names}`;
    let described;
    try {
      await this.send(serialize.parse({ name, text: sql, types: [] }));
      described = await this.send(serialize.describe({ type: 'S', name }));
    } finally {
      await this.send(serialize.sync());
    }
    const statement = { name, types: parse.parseDescribeStatementResults(described) };
    this.prepared.set(sql, statement);
    return statement;
  }

  /** Forgets a statement and closes it on the server. */
  private async drop(sql: string, statement: Statement): Promise<void> {
    this.prepared.delete(sql);
    try {
      await this.send(serialize.close({ type: 'S', name: statement.name }));
    } catch {
      // Refused in a failed transaction: the statement stays on the server, never used again.
    } finally {
      await this.send(serialize.sync());
    }
  }

  private send(message: Uint8Array) {
    return this.db.execProtocolStream(message, { syncToFs: false });
  }
}
