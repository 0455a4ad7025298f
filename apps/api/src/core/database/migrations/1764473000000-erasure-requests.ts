import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Erasure along a transfer chain: a supervisor's erasure anonymises her own organisation's
 * copies of the case only; every other organisation holding a copy gets an erasure request
 * here, which one of its supervisors confirms (which erases that copy). Codes and ids only,
 * like the tombstone.
 *
 * Row-level security: the organisation holding the copy (`case_id`) reads and confirms the
 * request; the requesting organisation reads back the requests made from its own case
 * (`requested_from_case_id`), to count what is still waiting. Requests are written in the
 * erasure's system scope, since the copies belong to other organisations.
 */
export class ErasureRequests1764473000000 implements MigrationInterface {
  name = 'ErasureRequests1764473000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE app.case_erasure_request (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES app."case"(id) ON DELETE CASCADE,
        requested_from_case_id uuid NOT NULL REFERENCES app."case"(id) ON DELETE CASCADE,
        requesting_organisation_id uuid NOT NULL REFERENCES app.organisation(id),
        reason text NOT NULL CHECK (reason IN ('survivorRequest', 'consentWithdrawn', 'legalObligation', 'recordedInError')),
        channel text NOT NULL CHECK (channel IN ('inPerson', 'inWriting', 'representative')),
        requested_by uuid NOT NULL REFERENCES app."user"(id),
        requested_at timestamptz NOT NULL,
        confirmed_by uuid REFERENCES app."user"(id),
        confirmed_at timestamptz,
        CONSTRAINT case_erasure_request_confirmation CHECK ((confirmed_by IS NULL) = (confirmed_at IS NULL)),
        CONSTRAINT case_erasure_request_once UNIQUE (case_id, requested_from_case_id)
      )`);
    await queryRunner.query(
      `CREATE INDEX case_erasure_request_from_idx ON app.case_erasure_request (requested_from_case_id)`,
    );
    await queryRunner.query(`ALTER TABLE app.case_erasure_request ENABLE ROW LEVEL SECURITY`);
    const own = `app.scope_is_system() OR app.case_of_scope(case_erasure_request.case_id)`;
    await queryRunner.query(
      `CREATE POLICY case_erasure_request_of_scope ON app.case_erasure_request FOR ALL USING (${own}) WITH CHECK (${own})`,
    );
    await queryRunner.query(
      `CREATE POLICY case_erasure_request_of_requester ON app.case_erasure_request FOR SELECT USING (app.case_of_scope(case_erasure_request.requested_from_case_id))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE app.case_erasure_request`);
  }
}
