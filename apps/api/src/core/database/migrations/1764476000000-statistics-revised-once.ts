import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A published period is revised at most once (docs/architecture.md, "Statistics:
 * releases and the cell key method"): each recount of a period whose people changed is
 * one more perturbation of a count the editor knows the step of, so a revision counts
 * only the periods no revision has counted again yet, and copies the others.
 * `recounts` says how often the figures of a period were counted again after their first
 * publication (0 or 1); it is copied with them into every later release.
 */
export class StatisticsRevisedOnce1764476000000 implements MigrationInterface {
  name = 'StatisticsRevisedOnce1764476000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE stats.release_figure ADD COLUMN recounts smallint NOT NULL DEFAULT 0 CHECK (recounts IN (0, 1))`,
    );
    // Figures a revision counted before this rule (and after a first release) count as revised: on the safe side, a
    // period that revision published for the first time cannot be revised again either.
    await queryRunner.query(
      `UPDATE stats.release_figure f SET recounts = 1
         FROM stats.release r
        WHERE r.id = f.counted_in AND r.kind = 'revision'
          AND EXISTS (SELECT 1 FROM stats.release earlier WHERE earlier.published_at < r.published_at)`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE stats.release_figure DROP COLUMN recounts`);
  }
}
