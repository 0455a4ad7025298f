import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The audit chain's lock; every writer takes the same one (it was taken by the API before). */
const AUDIT_CHAIN_LOCK = 7_150_001;

/**
 * Audit events joined to the chain when their transaction commits.
 *
 * Each event links to the one before it, so writers are serialised by a
 * transaction-level advisory lock, held until the writer commits. The API took the lock,
 * read the newest hash and inserted the event in three statements, then committed: the
 * lock was held across four round trips through a busy API process, and every other
 * writer waited for them. About 90 registrations a second on two cores, whatever else
 * was free.
 *
 * Now the API inserts the event into `audit.pending_event`, with the canonical JSON its
 * hash covers (built by `audit-chain.ts`, which also verifies). A deferred constraint
 * trigger runs as the transaction commits: it takes the lock, reads the newest hash,
 * appends the event to `audit.event` with SHA-256(previous hash ‖ canonical JSON) and
 * removes the pending row. The lock is held for those two statements and the commit
 * itself, with no round trip to the API. What stays the same: an event commits or rolls
 * back with the change it records, ids follow the chain, `audit.event` is only ever
 * appended to, and in a VOLATILE function each statement takes its own snapshot, so
 * the newest hash is read after the lock.
 */
export class AuditChainedAtCommit1764460000000 implements MigrationInterface {
  name = 'AuditChainedAtCommit1764460000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE audit.pending_event (
        id bigserial PRIMARY KEY,
        occurred_at timestamptz NOT NULL,
        actor_user_id uuid,
        actor_organisation_id uuid,
        action text NOT NULL,
        category text NOT NULL,
        subject_type text,
        subject_id text,
        subject_organisation_id uuid,
        outcome text NOT NULL,
        address text,
        reason text,
        canonical text NOT NULL
      )`);
    await queryRunner.query(`
      CREATE FUNCTION audit.chain_pending_event() RETURNS trigger LANGUAGE plpgsql VOLATILE AS $$
      DECLARE
        previous bytea;
      BEGIN
        PERFORM pg_advisory_xact_lock(${AUDIT_CHAIN_LOCK});
        SELECT e.hash INTO previous FROM audit.event e ORDER BY e.id DESC LIMIT 1;
        previous := coalesce(previous, '\\x${'00'.repeat(32)}'::bytea);
        INSERT INTO audit.event (occurred_at, actor_user_id, actor_organisation_id, action, category, subject_type, subject_id,
                                 subject_organisation_id, outcome, address, reason, previous_hash, hash)
        VALUES (NEW.occurred_at, NEW.actor_user_id, NEW.actor_organisation_id, NEW.action, NEW.category, NEW.subject_type,
                NEW.subject_id, NEW.subject_organisation_id, NEW.outcome, NEW.address, NEW.reason, previous,
                sha256(previous || convert_to(NEW.canonical, 'UTF8')));
        DELETE FROM audit.pending_event WHERE id = NEW.id;
        RETURN NULL;
      END $$`);
    // Deferred: fires as the transaction commits, in the order the events were written.
    await queryRunner.query(`
      CREATE CONSTRAINT TRIGGER chain_at_commit AFTER INSERT ON audit.pending_event
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION audit.chain_pending_event()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE audit.pending_event`);
    await queryRunner.query(`DROP FUNCTION audit.chain_pending_event()`);
  }
}
