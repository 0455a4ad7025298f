import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '@haven/testing';
import { preparingClient, PreparedStatementRegistry } from '../../apps/api/src/core/database/prepared-statements.js';
import { registration, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * The API's pooled connections prepare the statements they send often. A plan prepared
 * under one organisation's scope is reused under another's: row-level security must
 * still answer each caller with its own rows only.
 */
describe('prepared statements', () => {
  let harness: TestApp;

  beforeAll(async () => {
    harness = await startTestApp();
  });
  afterAll(() => harness.close());

  it('keep each organisation to its own cases when the same prepared list serves both', async () => {
    const [caseworker, otherCaseworker] = await Promise.all([
      harness.signInAs('caseworker'),
      harness.signInAs('otherCaseworker'),
    ]);
    const own = (await caseworker.post('/api/cases', registration())).body.id as string;
    const other = (await otherCaseworker.post('/api/cases', registration())).body.id as string;
    // Turn about, well past the sightings after which the list is prepared on every pooled connection.
    for (let round = 0; round < 12; round += 1) {
      const [mine, theirs] = await Promise.all([caseworker.get('/api/cases'), otherCaseworker.get('/api/cases')]);
      expect(mine.body.items.map((item: { id: string }) => item.id)).toEqual([own]);
      expect(theirs.body.items.map((item: { id: string }) => item.id)).toEqual([other]);
      expect((await caseworker.get(`/api/cases/${other}`)).status).toBe(404);
      expect((await otherCaseworker.get(`/api/cases/${own}`)).status).toBe(404);
    }
    const [{ prepared }] = (await harness.app
      .get(DataSource)
      .query(`SELECT count(*)::int AS prepared FROM pg_prepared_statements WHERE name LIKE 'haven_%'`)) as [
      { prepared: number },
    ];
    expect(prepared).toBeGreaterThan(0);
  });
});

describe('a prepared statement whose table changed', () => {
  let database: TestDatabase;
  const registry = new PreparedStatementRegistry(10, 1);
  let client: pg.Client;

  beforeAll(async () => {
    database = await createTestDatabase();
    client = new (preparingClient(registry))({ connectionString: database.url });
    await client.connect();
    await client.query('CREATE TABLE shelter_note (id int PRIMARY KEY, body text)');
    await client.query(`INSERT INTO shelter_note VALUES (1, 'first')`);
  });
  afterAll(async () => {
    await client.end();
    await database.drop();
  });

  it('is sent again unnamed when PostgreSQL refuses its old plan, and never prepared again', async () => {
    const text = 'SELECT * FROM shelter_note WHERE id = $1';
    expect((await client.query(text, [1])).rows).toEqual([{ id: 1, body: 'first' }]);
    expect(registry.preparedCount).toBe(1);
    // A migration while the API runs: the prepared SELECT * would now answer another shape.
    await client.query('ALTER TABLE shelter_note ADD COLUMN written_on date');
    expect((await client.query(text, [1])).rows).toEqual([{ id: 1, body: 'first', written_on: null }]);
    expect(registry.preparedCount).toBe(0);
    expect(registry.nameFor(text)).toBeUndefined();
  });
});
