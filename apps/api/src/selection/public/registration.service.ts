import { ConflictException, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { hash } from '@node-rs/argon2';
import { type DataSource } from 'typeorm';
import { type ApiConfig } from '@khuyencong/config';
import { ApplicantStore, EstablishmentStore } from '@khuyencong/persistence';
import { isUniqueViolation } from '../../admin/errors.js';
import { AuditService } from '../../audit/audit.service.js';
import { API_CONFIG } from '../../config.js';
import { insertEstablishment } from '../establishments/establishments.service.js';
import { PublicRateLimiter } from '../shared/rate-limiter.js';
import { type PublicRegistration, type PublicRegistrationBody } from './dto.js';

const emailTaken = () =>
  new ConflictException({ statusCode: 409, code: 'EMAIL_TAKEN', message: 'Email đã được dùng cho một tài khoản khác / This e-mail already has an account' });

/** Whether a database error is the case-insensitive unique index on users' e-mails (another registration won the race). */
function isEmailTaken(error: unknown): boolean {
  const driver = (error as { driverError?: { constraint?: unknown } }).driverError;
  return isUniqueViolation(error) && (driver?.constraint ?? (error as { constraint?: unknown }).constraint) === 'uq_users_email';
}

/**
 * A person registers themselves and their establishment on the public page: the account (argon2 hash, like
 * accounts an administrator creates), the unverified establishment and the applicant grant on it, all in one
 * transaction — a refusal of any part leaves nothing behind. They sign in at /login afterwards.
 */
@Injectable()
export class RegistrationService {
  private readonly applicants = new ApplicantStore();
  private readonly establishments = new EstablishmentStore();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    private readonly audit: AuditService,
    private readonly limiter: PublicRateLimiter,
  ) {}

  async register(body: PublicRegistrationBody, clientAddress: string): Promise<PublicRegistration> {
    // Registrations from one address share the sign-in allowance per minute (in their own bucket).
    await this.limiter.check(
      'register',
      clientAddress,
      this.config.LOGIN_RATE_LIMIT_PER_MINUTE,
      'Quá nhiều lần đăng ký, hãy thử lại sau một phút / Too many registrations, try again in a minute',
    );
    const passwordHash = await hash(body.account.password);
    try {
      return await this.dataSource.transaction(async (tx) => {
        if (await this.applicants.emailInUse(tx, body.account.email)) throw emailTaken();
        const userId = await this.applicants.insertUser(tx, {
          email: body.account.email,
          passwordHash,
          displayName: body.account.displayName,
          phone: body.account.phone ?? null,
        });
        await this.audit.record(
          { actorUserId: userId, action: 'user.self_register', targetType: 'user', targetId: userId, details: { email: body.account.email } },
          tx,
        );
        const establishmentId = await insertEstablishment(tx, this.audit, body.establishment, userId);
        await this.applicants.grantApplicant(tx, userId, establishmentId);
        return { userId, email: body.account.email, establishment: (await this.establishments.find(tx, establishmentId))! };
      });
    } catch (error) {
      if (isEmailTaken(error)) throw emailTaken();
      throw error;
    }
  }
}
