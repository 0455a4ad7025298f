import pg from 'pg';
import type { TestApp } from './test-app.js';

/**
 * Synthetic people for the open-data export, inserted with SQL (the triggers queue them for
 * the projection as for any change), all in shelter A and registered in 2025 unless said:
 *
 * - 48 women aged 24 from NG, sexual exploitation, with a statistics consent;
 * - 12 women aged 24 from NG, forced labour, with consent;
 * - 3 women aged 24 from GH, sexual exploitation, with consent: rare, so suppressed;
 * - 15 men aged 33 from ER, forced labour, with consent, and 12 men aged 42 from ER, organ
 *   removal: each a class of 11 or more sharing one type (k-anonymous, not diverse), so
 *   age is published in wider bands, where the 27 men show two types;
 * - 1 man aged 60 from AF, organ removal, with consent: unique, so suppressed;
 * - 5 women like the first 48, without a statistics consent: never in the export;
 * - 12 women like the first 48, registered now: the year has not ended, never in the export yet.
 */
export const OPEN_DATA_PEOPLE = { consented: 91, exported: 87, withoutConsent: 5, thisYear: 12 } as const;

export async function insertOpenDataPeople(harness: TestApp): Promise<void> {
  const client = new pg.Client({ connectionString: harness.database.url });
  await client.connect();
  try {
    const woman = { sex: 'Feminine', age: 24, nationality: 'NG', type: 'SexualExploitation' };
    await insertPeople(client, harness, 'OD-NG', 48, woman);
    await insertPeople(client, harness, 'OD-NL', 12, { ...woman, type: 'ForcedLabour' });
    await insertPeople(client, harness, 'OD-GH', 3, { ...woman, nationality: 'GH' });
    await insertPeople(client, harness, 'OD-ER', 15, {
      sex: 'Masculine',
      age: 33,
      nationality: 'ER',
      type: 'ForcedLabour',
    });
    await insertPeople(client, harness, 'OD-EO', 12, {
      sex: 'Masculine',
      age: 42,
      nationality: 'ER',
      type: 'OrganRemoval',
    });
    await insertPeople(client, harness, 'OD-AF', 1, {
      sex: 'Masculine',
      age: 60,
      nationality: 'AF',
      type: 'OrganRemoval',
    });
    await insertPeople(client, harness, 'OD-NC', 5, woman, { consent: false });
    await insertPeople(client, harness, 'OD-NOW', 12, woman, { registeredNow: true });
  } finally {
    await client.end();
  }
}

export interface Person {
  sex: string;
  age: number;
  nationality: string;
  type: string;
}

/** Inserts `count` cases of one kind, with a statistics consent unless told otherwise. */
export async function insertPeople(
  client: pg.Client,
  harness: TestApp,
  prefix: string,
  count: number,
  person: Person,
  options: { consent?: boolean; registeredNow?: boolean } = {},
): Promise<void> {
  const caseworker = harness.people.caseworker.id;
  await client.query(
    `INSERT INTO app."case" (reference, organisation_id, status, risk_level, sex, nationality, age_at_registration, exploitation_types, profile, registered_by, registered_at)
     SELECT $1 || '-' || lpad(g::text, 4, '0'), $2, 'Active', 'medium', $3, $4, $5, ARRAY[$6], '{"traffickingStatus":"ActualVictimOfTrafficking"}'::jsonb, $7,
            CASE WHEN $9 THEN now() ELSE '2025-03-01T12:00:00Z'::timestamptz + g * interval '1 day' END
       FROM generate_series(1, $8::int) AS g`,
    [
      prefix,
      harness.organisations.shelterA,
      person.sex,
      person.nationality,
      person.age,
      person.type,
      caseworker,
      count,
      options.registeredNow === true,
    ],
  );
  if (options.consent === false) return;
  await client.query(
    `INSERT INTO app.consent (case_id, purpose, given_on, method, interpreter_used, recorded_by)
     SELECT id, 'statistics', '2025-01-01', 'written', false, $2 FROM app."case" WHERE reference LIKE $1 || '-%'`,
    [prefix, caseworker],
  );
}

/** The export's rows: its values hold no comma or quote (bands, codes, regions, flags), so a split reads them. */
export function readOpenData(text: string): { header: string[]; records: Record<string, string>[] } {
  if (text.includes('"')) throw new Error('an open-data value holds a quote or a comma');
  const [header, ...rows] = text
    .split('\r\n')
    .filter((line) => line !== '')
    .map((line) => line.split(','));
  return {
    header: header!,
    records: rows.map((row) => Object.fromEntries(header!.map((field, index) => [field, row[index] ?? '']))),
  };
}
