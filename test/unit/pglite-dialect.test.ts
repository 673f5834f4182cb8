import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, sql } from 'kysely';
import { PGliteDialect } from '../../src/server/store/pglite-dialect.js';

/** The embedded database's prepared statements answer as plain queries do, and give way when they cannot. */
describe('PGliteDialect: prepared statements', () => {
  let pg: PGlite;
  let db: Kysely<any>;
  before(async () => {
    pg = await PGlite.create();
    db = new Kysely<any>({ dialect: new PGliteDialect(pg) });
    await sql`create table t (id int primary key, name text not null, at timestamptz, tags jsonb)`.execute(db);
  });
  after(() => db.destroy().catch(() => undefined));

  test('a query run many times (prepared from the second) answers as the first did, with typed values', async () => {
    const at = new Date('2026-01-02T03:04:05.678Z');
    await db.insertInto('t').values({ id: 1, name: 'a', at, tags: JSON.stringify({ x: [1, 2] }) }).execute();
    const answers = [];
    for (let i = 0; i < 8; i++) answers.push(await db.selectFrom('t').selectAll().where('id', '=', 1).execute());
    for (const rows of answers) assert.deepEqual(rows, [{ id: 1, name: 'a', at, tags: { x: [1, 2] } }]);
    for (let i = 2; i < 10; i++) await db.insertInto('t').values({ id: i, name: `n${i}`, at: null, tags: null }).execute();
    const count = await db.selectFrom('t').select(db.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 9);
  });

  test('after a schema change, a prepared "select *" answers with the new columns (its plan is dropped)', async () => {
    const read = () => sql<Record<string, unknown>>`select * from t where id = ${1}`.execute(db);
    for (let i = 0; i < 3; i++) await read();
    await sql`alter table t add column extra text default 'x'`.execute(db);
    const { rows } = await read();
    assert.equal(rows[0]!.extra, 'x');
    await sql`alter table t drop column extra`.execute(db);
  });

  test('an upsert onto a partial index whose predicate needs the values runs every time (its generic plan fails: 42P10)', async () => {
    await sql`create table u (k text not null, status text not null, n int not null default 0)`.execute(db);
    await sql`create unique index u_live on u ((lower(k))) where status in ('a', 'b')`.execute(db);
    // The nested parentheses hide the predicate from the up-front check: the statement is prepared,
    // fails once PostgreSQL turns to its generic plan, and is dropped and run unprepared from then on.
    for (let i = 0; i < 10; i++) {
      await sql`insert into u (k, status) values (${'Key'}, ${'a'}) on conflict ((lower((k)))) where status in (${'a'}, ${'b'}) do update set n = u.n + 1`.execute(db);
    }
    const { rows } = await sql<{ n: number }>`select n from u`.execute(db);
    assert.deepEqual(rows, [{ n: 9 }]);
  });

  test('more query texts than statements kept: the oldest give way and every query still answers', async () => {
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 520; i++) {
        const { rows } = await sql<{ v: number }>`select ${i}::int + ${sql.lit(i)} as v`.execute(db);
        assert.equal(rows[0]!.v, 2 * i);
      }
    }
  });

  test('a failed statement inside a transaction rolls it back; the next transaction works', async () => {
    await assert.rejects(
      db.transaction().execute(async (trx) => {
        for (let i = 0; i < 3; i++) await trx.insertInto('t').values({ id: 100 + i, name: 'tx' }).execute();
        await trx.insertInto('t').values({ id: 100, name: 'again' }).execute();
      }),
      /duplicate key/,
    );
    assert.equal((await db.selectFrom('t').selectAll().where('id', '>=', 100).execute()).length, 0);
    await db.transaction().execute((trx) => trx.insertInto('t').values({ id: 100, name: 'tx' }).execute());
    assert.equal((await db.selectFrom('t').selectAll().where('id', '=', 100).execute()).length, 1);
  });

  test('once the database is closed, a query is refused with a clear error', async () => {
    await pg.close();
    await assert.rejects(db.selectFrom('t').selectAll().where('id', '=', 1).execute(), /closed/i);
  });
});
