import { type EntityManager } from 'typeorm';

/** The columns of an account a person creates for themselves on the public registration page. */
export interface ApplicantUserInsert {
  email: string;
  passwordHash: string;
  displayName: string;
  phone: string | null;
}

/**
 * Applicants: the accounts that register establishments and the applicant grants that tie them to one. The
 * e-mails are compared lower-cased (the unique index uq_users_email is on lower(email)).
 */
export class ApplicantStore {
  /** Whether any account (active or not) uses this e-mail. */
  async emailInUse(manager: EntityManager, email: string): Promise<boolean> {
    const taken = await manager.query<unknown[]>(`SELECT 1 FROM users WHERE lower(email) = $1`, [email]);
    return taken.length > 0;
  }

  /** The active account with this e-mail, if any. */
  async findActiveUserIdByEmail(manager: EntityManager, email: string): Promise<string | undefined> {
    const [user] = await manager.query<{ id: string }[]>(`SELECT id FROM users WHERE lower(email) = $1 AND active`, [email]);
    return user?.id;
  }

  /** Writes a new account; a concurrent registration of the same e-mail fails on uq_users_email. Returns its id. */
  async insertUser(manager: EntityManager, user: ApplicantUserInsert): Promise<string> {
    const [row] = await manager.query<{ id: string }[]>(`INSERT INTO users (email, password_hash, display_name, phone) VALUES ($1, $2, $3, $4) RETURNING id`, [
      user.email,
      user.passwordHash,
      user.displayName,
      user.phone,
    ]);
    return row!.id;
  }

  /** Makes the user the establishment's applicant. */
  async grantApplicant(manager: EntityManager, userId: string, establishmentId: string): Promise<void> {
    await manager.query(`INSERT INTO role_grants (user_id, role, scope_type, scope_id) VALUES ($1, 'applicant', 'establishment', $2)`, [
      userId,
      establishmentId,
    ]);
  }
}
