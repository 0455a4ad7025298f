import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Shelters have rooms and beds; a placement takes one bed.
 *
 * A room serves a sex and an age group; a bed may be accessible. The shelter's capacity
 * stays as a column, kept equal to its beds in use by the service (which locks the
 * shelter row to change either), so the lists, the board and the statistics that read
 * capacity keep their meaning.
 *
 * Existing shelters get one room that serves whom their kind serves, with as many beds
 * as their capacity; the current stays take beds in order of arrival. Stays that ended
 * before beds existed keep no bed.
 *
 * At most one current placement per bed, enforced by the database: two staff placing
 * into one bed at the same moment cannot both win, whatever the application does.
 */
export class ShelterRoomsBeds1764484000000 implements MigrationInterface {
  name = 'ShelterRoomsBeds1764484000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE app.shelter_room (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        shelter_id uuid NOT NULL REFERENCES app.shelter(id),
        name text NOT NULL,
        sex text NOT NULL CHECK (sex IN ('female', 'male', 'any')),
        age_group text NOT NULL CHECK (age_group IN ('child', 'adult', 'any')),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT shelter_room_name_key UNIQUE (shelter_id, name)
      )`);
    await queryRunner.query(`
      CREATE TABLE app.shelter_bed (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        shelter_id uuid NOT NULL REFERENCES app.shelter(id),
        room_id uuid NOT NULL REFERENCES app.shelter_room(id),
        label text NOT NULL,
        position integer NOT NULL,
        accessible boolean NOT NULL DEFAULT false,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT shelter_bed_label_key UNIQUE (room_id, label)
      )`);
    await queryRunner.query(`CREATE INDEX shelter_bed_shelter_idx ON app.shelter_bed (shelter_id, position)`);
    await queryRunner.query(`ALTER TABLE app.placement ADD COLUMN bed_id uuid REFERENCES app.shelter_bed(id)`);

    await queryRunner.query(`
      INSERT INTO app.shelter_room (shelter_id, name, sex, age_group)
      SELECT s.id, 'Room 1',
             CASE s.kind WHEN 'women' THEN 'female' WHEN 'men' THEN 'male' ELSE 'any' END,
             CASE s.kind WHEN 'children' THEN 'child' WHEN 'women' THEN 'adult' WHEN 'men' THEN 'adult' ELSE 'any' END
        FROM app.shelter s`);
    await queryRunner.query(`
      INSERT INTO app.shelter_bed (shelter_id, room_id, label, position)
      SELECT r.shelter_id, r.id, n::text, n
        FROM app.shelter_room r JOIN app.shelter s ON s.id = r.shelter_id
       CROSS JOIN LATERAL generate_series(1, s.capacity) AS n`);
    // The statistics do not read the bed: filling it must not queue every placed case for re-projection.
    await queryRunner.query(`ALTER TABLE app.placement DISABLE TRIGGER stats_enqueue`);
    await queryRunner.query(`
      WITH stays AS (
        SELECT id, shelter_id, row_number() OVER (PARTITION BY shelter_id ORDER BY from_date, created_at, id) AS n
          FROM app.placement WHERE to_date IS NULL
      )
      UPDATE app.placement p SET bed_id = b.id
        FROM stays JOIN app.shelter_bed b ON b.shelter_id = stays.shelter_id AND b.position = stays.n
       WHERE p.id = stays.id`);
    await queryRunner.query(`ALTER TABLE app.placement ENABLE TRIGGER stats_enqueue`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX placement_one_per_bed_idx ON app.placement (bed_id) WHERE to_date IS NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX app.placement_one_per_bed_idx`);
    await queryRunner.query(`ALTER TABLE app.placement DROP COLUMN bed_id`);
    await queryRunner.query(`DROP TABLE app.shelter_bed`);
    await queryRunner.query(`DROP TABLE app.shelter_room`);
  }
}
