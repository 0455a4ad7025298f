import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Statistics are published as releases: computed at fixed times from one snapshot of
 * the projection, stored, and served as they are (docs/architecture.md, "Statistics:
 * releases and the cell key method"). A request reads a stored release and never counts.
 *
 * - `stats.release`: one row per release — when its snapshot was taken, its kind
 *   (`nightly`, `monthly` — the first after a month ends, which finalises that month —
 *   or a labelled `revision` that recounts closed periods), and the epsilon it spent
 *   when differential privacy is on.
 * - `stats.release_figure`: the published figures of one table (or the indicator
 *   report) for one scope (`all` or an organisation), granularity and period, exactly
 *   as served. A closed period is counted once, by the first release after it ends,
 *   and copied unchanged into every later release until a revision.
 *
 * Neither table holds a case, a person key or an exact count: only published figures.
 */
export class StatisticsReleases1764475000000 implements MigrationInterface {
  name = 'StatisticsReleases1764475000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE stats.release (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind IN ('nightly', 'monthly', 'revision')),
        label text NOT NULL,
        cut_at timestamptz NOT NULL,
        published_at timestamptz NOT NULL DEFAULT now(),
        epsilon double precision,
        periods_counted integer NOT NULL
      )`);
    await queryRunner.query(`CREATE INDEX release_latest ON stats.release (published_at DESC)`);
    await queryRunner.query(`
      CREATE TABLE stats.release_figure (
        release_id uuid NOT NULL REFERENCES stats.release (id) ON DELETE CASCADE,
        scope text NOT NULL,
        subject text NOT NULL,
        granularity text NOT NULL CHECK (granularity IN ('month', 'quarter', 'year')),
        period text NOT NULL,
        closed boolean NOT NULL,
        counted_in uuid NOT NULL,
        figures jsonb NOT NULL,
        PRIMARY KEY (release_id, scope, subject, granularity, period)
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE stats.release_figure`);
    await queryRunner.query(`DROP TABLE stats.release`);
  }
}
