import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every list paged by cursor reads its page in an index's order (docs/architecture.md, "Lists
 * and paging"). Each index starts with what the list's scope or the row-level policies filter
 * on, then the sort key, then the id that breaks ties in the cursor. Lists already served:
 * the partner inbox (referral_inbox_page_idx), a case's history (case_change_case_idx), a
 * case's access log (audit_event_subject_idx) and an administrator's system events
 * (audit_event_category_idx).
 */
export class ListSortIndexes1764495000000 implements MigrationInterface {
  name = 'ListSortIndexes1764495000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // A case's notes by date written: the id joins the key (the old index had no tie-breaker).
    await queryRunner.query(`CREATE INDEX case_note_case_created_idx ON app.case_note (case_id, created_at, id)`);
    await queryRunner.query(`DROP INDEX app.case_note_case_idx`);
    // A supervisor's system events: those about her own organisation, in the order recorded.
    await queryRunner.query(
      `CREATE INDEX audit_event_organisation_category_idx ON audit.event (subject_organisation_id, category, id)`,
    );
    // The staff list by name or e-mail address, for a supervisor (her organisation) and an administrator (all).
    await queryRunner.query(`CREATE INDEX user_org_display_name_idx ON app."user" (organisation_id, display_name, id)`);
    await queryRunner.query(`CREATE INDEX user_display_name_idx ON app."user" (display_name, id)`);
    await queryRunner.query(`CREATE INDEX user_org_email_idx ON app."user" (organisation_id, email, id)`);
    await queryRunner.query(`CREATE INDEX user_email_id_idx ON app."user" (email, id)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const index of [
      'user_email_id_idx',
      'user_org_email_idx',
      'user_display_name_idx',
      'user_org_display_name_idx',
    ])
      await queryRunner.query(`DROP INDEX app.${index}`);
    await queryRunner.query(`DROP INDEX audit.audit_event_organisation_category_idx`);
    await queryRunner.query(`CREATE INDEX case_note_case_idx ON app.case_note (case_id, created_at DESC)`);
    await queryRunner.query(`DROP INDEX app.case_note_case_created_idx`);
  }
}
