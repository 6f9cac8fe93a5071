/**
 * PostgreSQL writes as prepared statements. Kysely sends every query as an unnamed statement, which
 * PostgreSQL parses, analyses and plans anew each time; for the inserts and updates of a 報告 that was about a
 * quarter of PostgreSQL's CPU per filing (bench: 0.88–0.99 → 0.69–0.71 ms with named statements). This pool
 * hands Kysely clients that run each parameterized INSERT, UPDATE and DELETE as a named statement, prepared
 * once per connection. Reads stay unnamed: a prepared SELECT may switch to a generic plan, and the search's
 * plans depend on its parameters (a one-week range is not a one-year one).
 */
import type { PostgresPool, PostgresPoolClient } from 'kysely';
import type pg from 'pg';

/** Statements named so far, text → name; past the cap new texts run unnamed (bounded per connection). */
const names = new Map<string, string>();
const MAX_NAMED = 200;
/** A write, or writes run together (db/write-together.ts: `with w0 as (insert …) …`). */
const WRITE = /^\s*(?:with\s+\w+\s+as\s+\(\s*)?(?:insert|update|delete)\b/i;

function statementName(text: string): string | undefined {
  let name = names.get(text);
  if (name === undefined && names.size < MAX_NAMED) {
    name = `hersys_${names.size + 1}`;
    names.set(text, name);
  }
  return name;
}

/** `pool` for Kysely's PostgresDialect, with writes as prepared statements. */
export function preparedWritesPool(pool: pg.Pool): PostgresPool {
  const wrapped = new WeakMap<pg.PoolClient, PostgresPoolClient>();
  const wrap = (client: pg.PoolClient): PostgresPoolClient => {
    let w = wrapped.get(client);
    if (!w) {
      w = {
        query(sqlOrCursor: unknown, parameters?: ReadonlyArray<unknown>) {
          if (
            typeof sqlOrCursor === 'string' &&
            parameters &&
            parameters.length > 0 &&
            WRITE.test(sqlOrCursor)
          ) {
            const name = statementName(sqlOrCursor);
            if (name) return client.query({ name, text: sqlOrCursor, values: [...parameters] });
          }
          return (client.query as (...a: unknown[]) => unknown)(sqlOrCursor, parameters);
        },
        release: (destroy?: boolean) => client.release(destroy),
      } as PostgresPoolClient;
      wrapped.set(client, w);
    }
    return w;
  };
  return {
    connect: async () => wrap(await pool.connect()),
    end: () => pool.end(),
  };
}
