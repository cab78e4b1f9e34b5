import { type MigrationInterface, type QueryRunner } from 'typeorm';

/** Users, role grants (role x scope, dated), refresh tokens with rotation families, and the audit log. */
export class Identity1764100001000 implements MigrationInterface {
  name = 'Identity1764100001000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const statements = [
      `CREATE TABLE users (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        email text NOT NULL,
        password_hash text NOT NULL,
        display_name text NOT NULL,
        locale text NOT NULL DEFAULT 'vi',
        active boolean NOT NULL DEFAULT true,
        failed_logins integer NOT NULL DEFAULT 0,
        locked_until timestamptz NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_users PRIMARY KEY (id),
        CONSTRAINT ck_users_locale CHECK (locale IN ('vi', 'en')),
        CONSTRAINT ck_users_failed_logins_nonneg CHECK (failed_logins >= 0)
      )`,
      // Case-insensitive uniqueness: look users up with lower(email) so this index serves the login query.
      `CREATE UNIQUE INDEX uq_users_email ON users (lower(email))`,
      `CREATE TABLE role_grants (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL,
        role text NOT NULL,
        scope_type text NOT NULL,
        scope_id text NULL,
        valid_from timestamptz NOT NULL DEFAULT now(),
        valid_to timestamptz NULL,
        granted_by uuid NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_role_grants PRIMARY KEY (id),
        CONSTRAINT fk_role_grants_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
        CONSTRAINT fk_role_grants_granted_by FOREIGN KEY (granted_by) REFERENCES users (id),
        CONSTRAINT ck_role_grants_role CHECK (role IN ('applicant', 'commune_officer', 'provincial_officer', 'judge', 'council_member', 'council_chair', 'central_officer', 'signer', 'admin')),
        CONSTRAINT ck_role_grants_scope_type CHECK (scope_type IN ('establishment', 'commune', 'province', 'region', 'national')),
        CONSTRAINT ck_role_grants_scope_id CHECK ((scope_type = 'national') = (scope_id IS NULL)),
        CONSTRAINT ck_role_grants_validity CHECK (valid_to IS NULL OR valid_to > valid_from)
      )`,
      `CREATE INDEX ix_role_grants_user ON role_grants (user_id)`,
      `CREATE INDEX ix_role_grants_role_scope ON role_grants (role, scope_type, scope_id)`,
      `CREATE TABLE refresh_tokens (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL,
        family_id uuid NOT NULL,
        token_hash text NOT NULL,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz NULL,
        replaced_by_id uuid NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT pk_refresh_tokens PRIMARY KEY (id),
        CONSTRAINT fk_refresh_tokens_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE,
        CONSTRAINT fk_refresh_tokens_replaced_by FOREIGN KEY (replaced_by_id) REFERENCES refresh_tokens (id),
        CONSTRAINT uq_refresh_tokens_token_hash UNIQUE (token_hash)
      )`,
      `CREATE INDEX ix_refresh_tokens_family ON refresh_tokens (family_id)`,
      `CREATE INDEX ix_refresh_tokens_user ON refresh_tokens (user_id)`,
      // No foreign key to users: the audit trail must outlive anything it mentions.
      `CREATE TABLE audit_log (
        id bigserial NOT NULL,
        actor_user_id uuid NULL,
        action text NOT NULL,
        target_type text NULL,
        target_id text NULL,
        details jsonb NOT NULL DEFAULT '{}'::jsonb,
        at timestamptz NOT NULL DEFAULT now(),
        request_id text NULL,
        CONSTRAINT pk_audit_log PRIMARY KEY (id)
      )`,
      `CREATE INDEX ix_audit_log_at ON audit_log (at)`,
      `CREATE INDEX ix_audit_log_actor ON audit_log (actor_user_id, at)`,
      `CREATE INDEX ix_audit_log_target ON audit_log (target_type, target_id)`,
    ];
    for (const sql of statements) await queryRunner.query(sql);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['audit_log', 'refresh_tokens', 'role_grants', 'users']) await queryRunner.query(`DROP TABLE ${table}`);
  }
}
