import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Consent to a transfer is its own purpose (docs/architecture.md, rule 3): agreeing to see a
 * clinic is not agreeing that the whole case be handed to another organisation, so a transfer
 * needs a `transfer` consent naming the receiving organisation, as a referral needs a
 * `referral` one. Until now a transfer was gated by a referral consent to its recipient: each
 * proposal still waiting, proposed on such a consent, keeps it as a transfer consent of the
 * same date and manner, so that withdrawing it can still stop that transfer.
 */
export class TransferConsent1764485000000 implements MigrationInterface {
  name = 'TransferConsent1764485000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await this.replaceChecks(queryRunner, ['assistance', 'referral', 'transfer', 'statistics', 'research']);
    await queryRunner.query(
      `INSERT INTO app.consent (case_id, purpose, recipient_organisation_id, given_on, method, interpreter_used, recorded_by, recorded_at)
       SELECT DISTINCT ON (c.case_id, c.recipient_organisation_id)
              c.case_id, 'transfer', c.recipient_organisation_id, c.given_on, c.method, c.interpreter_used, c.recorded_by, c.recorded_at
         FROM app.consent c
         JOIN app.transfer t ON t.case_id = c.case_id AND t.to_organisation_id = c.recipient_organisation_id
        WHERE c.purpose = 'referral' AND c.withdrawn_on IS NULL AND t.status = 'proposed'
        ORDER BY c.case_id, c.recipient_organisation_id, c.given_on DESC`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DELETE FROM app.consent WHERE purpose = 'transfer'`);
    await this.replaceChecks(queryRunner, ['assistance', 'referral', 'statistics', 'research']);
  }

  /** The purpose list and the rule that exactly the recipient-naming purposes name a recipient. */
  private async replaceChecks(queryRunner: QueryRunner, purposes: string[]): Promise<void> {
    const checks: { conname: string }[] = await queryRunner.query(
      `SELECT conname FROM pg_constraint
        WHERE conrelid = 'app.consent'::regclass AND contype = 'c' AND pg_get_constraintdef(oid) LIKE '%purpose%'`,
    );
    for (const { conname } of checks) {
      await queryRunner.query(`ALTER TABLE app.consent DROP CONSTRAINT "${conname}"`);
    }
    const named = purposes.filter((purpose) => purpose === 'referral' || purpose === 'transfer');
    const list = (values: string[]) => values.map((value) => `'${value}'`).join(', ');
    await queryRunner.query(
      `ALTER TABLE app.consent
         ADD CONSTRAINT consent_purpose_check CHECK (purpose IN (${list(purposes)})),
         ADD CONSTRAINT consent_recipient_check CHECK ((purpose IN (${list(named)})) = (recipient_organisation_id IS NOT NULL))`,
    );
  }
}
