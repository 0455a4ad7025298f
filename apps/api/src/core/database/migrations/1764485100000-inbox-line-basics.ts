import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A partner's inbox lines could not be told apart (the same sender, service and day). A referral
 * whose lens shares the basic profile now keeps, from when it was sent, her sex and age band, which
 * the line shows while the referral is open. They are kept on the referral because the inbox is read
 * under the partner's row-level security, which never reaches the case (docs/architecture.md,
 * "Row-level security"). Referrals already sent with the basic profile get them from their case, the
 * age counted at the time they were sent.
 */
export class InboxLineBasics1764485100000 implements MigrationInterface {
  name = 'InboxLineBasics1764485100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE app.referral
         ADD COLUMN shared_sex text,
         ADD COLUMN shared_age_band text
           CHECK (shared_age_band IN ('under18', '18to24', '25to34', '35to49', '50plus'))`,
    );
    await queryRunner.query(
      `UPDATE app.referral r
          SET shared_sex = basics.sex, shared_age_band = basics.band
         FROM (SELECT sent.id, c.sex,
                      CASE
                        WHEN a.age IS NULL THEN NULL
                        WHEN a.age < 18 THEN 'under18'
                        WHEN a.age < 25 THEN '18to24'
                        WHEN a.age < 35 THEN '25to34'
                        WHEN a.age < 50 THEN '35to49'
                        ELSE '50plus' END AS band
                 FROM app.referral sent
                 JOIN app."case" c ON c.id = sent.case_id
                 CROSS JOIN LATERAL (SELECT c.age_at_registration
                   + floor(extract(epoch FROM (sent.sent_at - c.registered_at)) / (365.25 * 86400))::int AS age) a
                WHERE 'basicProfile' = ANY(sent.lens)) basics
        WHERE basics.id = r.id`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE app.referral DROP COLUMN shared_sex, DROP COLUMN shared_age_band`);
  }
}
