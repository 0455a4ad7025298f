import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Announces every change that can end or alter a signed-in session, on the channel
 * `haven_session_change` (payload: the user's id, or `*` for everyone), so each API
 * process can keep the sessions it has looked up in memory and drop them the moment
 * they change (core/auth/session-cache.ts). Triggers rather than calls in the code: a
 * change is announced whichever code path, process or replica made it, and only once
 * it commits.
 *
 * - a session revoked, cut short or deleted;
 * - a user changed (deactivated, password, role, organisation, team, names) or deleted;
 * - a second factor set up, confirmed or removed (a session without one may do less);
 * - an organisation's team mode switched (sessions carry the team only in team mode);
 * - any of these tables emptied (TRUNCATE, as test set-ups do).
 *
 * Not announced: the idle clock (`last_seen_at`, moved once a minute per session) and
 * the replay guard of the second factor (`last_time_step`): neither decides who a session is.
 */
export class SessionChangeNotifications1764459500000 implements MigrationInterface {
  name = 'SessionChangeNotifications1764459500000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION app.announce_session_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('haven_session_change',
          CASE WHEN TG_ARGV[0] = '*' THEN '*' ELSE COALESCE(to_jsonb(NEW), to_jsonb(OLD)) ->> TG_ARGV[0] END);
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE TRIGGER user_session_changed AFTER UPDATE OF revoked_at, expires_at, user_id OR DELETE ON app.user_session
        FOR EACH ROW EXECUTE FUNCTION app.announce_session_change('user_id')`);
    await queryRunner.query(`
      CREATE TRIGGER user_changed AFTER UPDATE OR DELETE ON app."user"
        FOR EACH ROW EXECUTE FUNCTION app.announce_session_change('id')`);
    await queryRunner.query(`
      CREATE TRIGGER user_two_factor_changed AFTER INSERT OR UPDATE OF confirmed_at, user_id OR DELETE ON app.user_two_factor
        FOR EACH ROW EXECUTE FUNCTION app.announce_session_change('user_id')`);
    await queryRunner.query(`
      CREATE TRIGGER organisation_team_mode_changed AFTER UPDATE OF team_mode OR DELETE ON app.organisation
        FOR EACH STATEMENT EXECUTE FUNCTION app.announce_session_change('*')`);
    for (const table of ['user_session', '"user"', 'user_two_factor']) {
      await queryRunner.query(
        `CREATE TRIGGER ${table.replaceAll('"', '')}_truncated AFTER TRUNCATE ON app.${table} FOR EACH STATEMENT EXECUTE FUNCTION app.announce_session_change('*')`,
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['user_session', '"user"', 'user_two_factor'])
      await queryRunner.query(`DROP TRIGGER ${table.replaceAll('"', '')}_truncated ON app.${table}`);
    await queryRunner.query(`DROP TRIGGER organisation_team_mode_changed ON app.organisation`);
    await queryRunner.query(`DROP TRIGGER user_two_factor_changed ON app.user_two_factor`);
    await queryRunner.query(`DROP TRIGGER user_changed ON app."user"`);
    await queryRunner.query(`DROP TRIGGER user_session_changed ON app.user_session`);
    await queryRunner.query(`DROP FUNCTION app.announce_session_change()`);
  }
}
