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

/**
 * Which of `needles` the database's own files hold, in any case: every table, index and TOAST
 * file of the current database read as bytes after a checkpoint (so every page written so far
 * is on disk), through the server (`pg_read_binary_file`, a superuser's right), whoever owns
 * the files. What a copy of the data directory would give away, not what a query shows.
 */
export async function needlesInDatabaseFiles(client: pg.Client, needles: string[]): Promise<string[]> {
  await client.query('CHECKPOINT');
  const { rows } = await client.query<{ path: string }>(
    `SELECT pg_relation_filepath(c.oid) AS path FROM pg_class c
      WHERE c.relkind IN ('r', 'i', 't', 'm') AND pg_relation_filepath(c.oid) IS NOT NULL`,
  );
  const found = new Set<string>();
  const wanted = needles.flatMap((needle) => [needle, needle.toLowerCase(), needle.toUpperCase()]);
  for (const { path } of rows) {
    const {
      rows: [file],
    } = await client.query<{ bytes: Buffer | null }>(
      `SELECT CASE WHEN s.size > 0 THEN pg_read_binary_file($1::text, 0, s.size, true) END AS bytes FROM pg_stat_file($1::text, true) s`,
      [path],
    );
    if (!file?.bytes?.length) continue;
    for (const [index, needle] of wanted.entries())
      if (file.bytes.includes(Buffer.from(needle, 'utf8'))) found.add(needles[Math.floor(index / 3)]!);
  }
  return [...found];
}

/**
 * The files a database's content reaches on disk: its own folder (tables, indexes, TOAST, free
 * space maps) and the server's write-ahead log, after a checkpoint has written every dirty page and
 * the current WAL segment is closed. Listed and read through the server (`pg_ls_dir`,
 * `pg_read_binary_file`, a superuser's rights), whoever owns the files.
 */
export async function databaseFiles(client: pg.Client): Promise<string[]> {
  await client.query('CHECKPOINT');
  await client.query('SELECT pg_switch_wal()');
  const { rows } = await client.query<{ file: string }>(
    `SELECT 'base/' || d.oid || '/' || f AS file FROM pg_database d, pg_ls_dir('base/' || d.oid) f WHERE d.datname = current_database()
     UNION ALL SELECT 'pg_wal/' || f FROM pg_ls_dir('pg_wal') f WHERE f ~ '^[0-9A-F]{24}$'`,
  );
  return rows.map((row) => row.file);
}

/**
 * For each marker, the files among `files` (as databaseFiles names them) that hold it as UTF-8
 * bytes; each file is read once, whatever the number of markers.
 */
export async function filesHolding(
  client: pg.Client,
  files: string[],
  markers: string[],
): Promise<Record<string, string[]>> {
  const found: Record<string, string[]> = Object.fromEntries(markers.map((marker) => [marker, []]));
  for (const file of files) {
    const {
      rows: [read],
    } = await client.query<{ bytes: Buffer | null }>(
      `SELECT pg_read_binary_file($1::text, 0, (pg_stat_file($1::text, true)).size, true) AS bytes`,
      [file],
    );
    for (const marker of markers) if (read?.bytes?.includes(Buffer.from(marker, 'utf8'))) found[marker]!.push(file);
  }
  return found;
}
