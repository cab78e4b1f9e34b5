import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A person who signs in. Email is unique case-insensitively (index on lower(email)). */
@Entity({ name: 'users' })
export class UserEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'text' }) email: string;
  @Column({ name: 'password_hash', type: 'text' }) passwordHash: string;
  @Column({ name: 'display_name', type: 'text' }) displayName: string;
  /** Contact phone given at self-registration (optional). */
  @Column({ type: 'text', nullable: true }) phone: string | null;
  /** vi | en */
  @Column({ type: 'text', default: 'vi' }) locale: string;
  @Column({ type: 'boolean', default: true }) active: boolean;
  /** Consecutive failed sign-ins; reset on success. */
  @Column({ name: 'failed_logins', type: 'integer', default: 0 }) failedLogins: number;
  @Column({ name: 'locked_until', type: 'timestamptz', nullable: true }) lockedUntil: Date | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}

/** A role held over a scope for a period. scope_id is null exactly when scope_type is national. */
@Entity({ name: 'role_grants' })
export class RoleGrantEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ name: 'user_id', type: 'uuid' }) userId: string;
  @Column({ type: 'text' }) role: string;
  @Column({ name: 'scope_type', type: 'text' }) scopeType: string;
  @Column({ name: 'scope_id', type: 'text', nullable: true }) scopeId: string | null;
  @Column({ name: 'valid_from', type: 'timestamptz', default: () => 'now()' }) validFrom: Date;
  @Column({ name: 'valid_to', type: 'timestamptz', nullable: true }) validTo: Date | null;
  @Column({ name: 'granted_by', type: 'uuid', nullable: true }) grantedBy: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

/** A refresh token (only its hash is stored); rotation links tokens of one family, reuse revokes the family. */
@Entity({ name: 'refresh_tokens' })
export class RefreshTokenEntity {
  @PrimaryColumn({ type: 'uuid' }) id: string;
  @Column({ name: 'user_id', type: 'uuid' }) userId: string;
  @Column({ name: 'family_id', type: 'uuid' }) familyId: string;
  @Column({ name: 'token_hash', type: 'text' }) tokenHash: string;
  @Column({ name: 'expires_at', type: 'timestamptz' }) expiresAt: Date;
  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true }) revokedAt: Date | null;
  @Column({ name: 'replaced_by_id', type: 'uuid', nullable: true }) replacedById: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
}

/** Who did what to which target, for administrators and auditors. */
@Entity({ name: 'audit_log' })
export class AuditLogEntity {
  /** bigserial: the driver returns it as a string. */
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column({ name: 'actor_user_id', type: 'uuid', nullable: true }) actorUserId: string | null;
  @Column({ type: 'text' }) action: string;
  @Column({ name: 'target_type', type: 'text', nullable: true }) targetType: string | null;
  @Column({ name: 'target_id', type: 'text', nullable: true }) targetId: string | null;
  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" }) details: Record<string, unknown>;
  @Column({ type: 'timestamptz', default: () => 'now()' }) at: Date;
  @Column({ name: 'request_id', type: 'text', nullable: true }) requestId: string | null;
}
