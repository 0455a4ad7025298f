import pg from 'pg';

/**
 * Tables whose rows may change while a request is refused, and why. Only their row count
 * is compared; every other table of the app and stats schemas must be identical, row by row.
 */
export const MAY_CHANGE: Record<string, string> = {
  // Each authenticated request may move the session's idle clock (sliding expiry, at most once a minute).
  'app.user_session': 'last_seen_at',
};

/**
 * One connection for the many fingerprints a suite takes (opening one each time is slow).
 */
export async function fingerprintClient(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  return client;
}

/**
 * A fingerprint of every table in the `app` and `stats` schemas: the row count and a hash of
 * every row's text, so an insert, an update (a case version moving) or a delete all show.
 * The audit schema is left out on purpose: refused requests are audited (e.g. denied access).
 */
export async function databaseFingerprint(client: pg.Client): Promise<Record<string, string>> {
  const { rows: tables } = await client.query<{ name: string }>(
    "SELECT quote_ident(table_schema) || '.' || quote_ident(table_name) AS name FROM information_schema.tables WHERE table_schema IN ('app', 'stats') AND table_type = 'BASE TABLE' ORDER BY 1",
  );
  const parts = tables.map(({ name }) => {
    const plain = name.replace(/"/g, '');
    const content = MAY_CHANGE[plain] ? "''" : "coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '')";
    return `SELECT '${plain}' AS name, count(*)::text || ':' || ${content} AS print FROM ${name} t`;
  });
  const { rows } = await client.query<{ name: string; print: string }>(parts.join(' UNION ALL '));
  return Object.fromEntries(rows.map((row) => [row.name, row.print]));
}

/** The tables whose fingerprint differs. */
export function changedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys({ ...before, ...after }).filter((name) => before[name] !== after[name]);
}
