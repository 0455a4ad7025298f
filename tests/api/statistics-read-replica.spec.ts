import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import pg from 'pg';
import { DataSource, type EntityManager } from 'typeorm';
import { StatisticsReleaseRepository } from '../../apps/api/src/modules/statistics/statistics-release.repository.js';
import { StatisticsReleases } from '../../apps/api/src/modules/statistics/statistics-releases.service.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/**
 * DATABASE_READ_URL: the statistics release counts the projection on a second, read-only data
 * source and stores the release on the primary. Here the "standby" is the same test database
 * reached with `default_transaction_read_only=on`, so any write sent through it would fail:
 * a release made this way proves nothing is written there.
 */
describe('Statistics releases read on DATABASE_READ_URL', () => {
  let harness: TestApp;
  let readUrl = '';

  beforeAll(async () => {
    harness = await startTestApp({
      readThrough: (applicationUrl) => {
        const url = new URL(applicationUrl);
        url.searchParams.set('options', '-c default_transaction_read_only=on');
        readUrl = url.toString();
        return readUrl;
      },
    });
  });

  afterAll(async () => {
    await harness?.close();
  });

  it('refuses a write through the read URL (so the release below could not have written there)', async () => {
    const client = new pg.Client({ connectionString: readUrl });
    await client.connect();
    try {
      await expect(client.query('CREATE TEMPORARY TABLE written (id int)')).rejects.toMatchObject({ code: '25006' });
    } finally {
      await client.end();
    }
  });

  it('counts the release on the read source and stores it on the primary', async () => {
    const repository = harness.app.get(StatisticsReleaseRepository);
    const primary = harness.app.get(DataSource);
    const counted: EntityManager[] = [];
    const stored: EntityManager[] = [];
    const countTable = jest.spyOn(repository, 'countTable');
    const countIndicators = jest.spyOn(repository, 'countIndicators');
    const insertFigures = jest.spyOn(repository, 'insertFigures');
    try {
      const release = await harness.app.get(StatisticsReleases).publish();
      counted.push(...countTable.mock.calls.map(([manager]) => manager));
      counted.push(...countIndicators.mock.calls.map(([manager]) => manager));
      stored.push(...insertFigures.mock.calls.map(([manager]) => manager));

      expect(counted.length).toBeGreaterThan(0);
      for (const manager of counted) {
        expect(manager.connection).not.toBe(primary);
        expect((manager.connection.options as { url?: string }).url).toBe(readUrl);
      }
      expect(stored).toHaveLength(1);
      expect(stored[0].connection).toBe(primary);

      // Stored on the primary, figures and all, and in force.
      const [row] = await primary.query(
        `SELECT count(*)::int AS figures FROM stats.release_figure WHERE release_id = $1`,
        [release.id],
      );
      expect(row.figures).toBeGreaterThan(0);
      expect((await harness.app.get(StatisticsReleases).latest())?.id).toBe(release.id);
    } finally {
      countTable.mockRestore();
      countIndicators.mockRestore();
      insertFigures.mockRestore();
    }
  });
});
