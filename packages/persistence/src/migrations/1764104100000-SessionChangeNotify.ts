import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Every change that can end a session or change what a user may do — a grant added, ended or removed, an
 * account disabled or changed, a refresh token revoked — NOTIFYs channel `kc_sessions` with the user's id when
 * it commits, whoever made it (the API, a script, an operator in psql). API processes that keep verified
 * sessions for a few seconds drop that user's entries at once.
 */
export class SessionChangeNotify1764104100000 implements MigrationInterface {
  name = 'SessionChangeNotify1764104100000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Rows that name their user in user_id (grants, refresh tokens); a grant moved to another user tells both.
    await queryRunner.query(
      `CREATE FUNCTION kc_announce_session_change() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF TG_OP IN ('UPDATE', 'DELETE') THEN
           PERFORM pg_notify('kc_sessions', OLD.user_id::text);
         END IF;
         IF TG_OP IN ('INSERT', 'UPDATE') THEN
           PERFORM pg_notify('kc_sessions', NEW.user_id::text);
         END IF;
         RETURN NULL;
       END $$`,
    );
    await queryRunner.query(
      `CREATE FUNCTION kc_announce_user_change() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         PERFORM pg_notify('kc_sessions', NEW.id::text);
         RETURN NULL;
       END $$`,
    );
    await queryRunner.query(
      `CREATE TRIGGER tr_role_grants_session_change AFTER INSERT OR UPDATE OR DELETE ON role_grants
       FOR EACH ROW EXECUTE FUNCTION kc_announce_session_change()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER tr_users_session_change AFTER UPDATE OF active, email, password_hash ON users
       FOR EACH ROW EXECUTE FUNCTION kc_announce_user_change()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER tr_refresh_tokens_session_change AFTER UPDATE OF revoked_at ON refresh_tokens
       FOR EACH ROW WHEN (NEW.revoked_at IS DISTINCT FROM OLD.revoked_at) EXECUTE FUNCTION kc_announce_session_change()`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER tr_refresh_tokens_session_change ON refresh_tokens`);
    await queryRunner.query(`DROP TRIGGER tr_users_session_change ON users`);
    await queryRunner.query(`DROP TRIGGER tr_role_grants_session_change ON role_grants`);
    await queryRunner.query(`DROP FUNCTION kc_announce_user_change()`);
    await queryRunner.query(`DROP FUNCTION kc_announce_session_change()`);
  }
}
