import { HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type Redis } from 'ioredis';
import { type DataSource } from 'typeorm';
import { type ApiConfig } from '@khuyencong/config';
import { API_CONFIG } from '../../config.js';
import { REDIS } from '../../infra/redis.module.js';
import { CERTIFICATE_SELECT, type CertificateRow } from '../certificates/certificate-query.js';
import { type PublicCertificate } from '../certificates/dto.js';
import { notFound } from '../shared/errors.js';

/** Look-ups per client address per minute: enough for people scanning QR codes, too few to enumerate numbers. */
export const VERIFY_RATE_LIMIT_PER_MINUTE = 30;

const LEVEL_NAME: Readonly<Record<string, string>> = { commune: 'Cấp xã', province: 'Cấp tỉnh', region: 'Cấp khu vực', national: 'Cấp quốc gia' };
const STATUS_NAME: Readonly<Record<PublicCertificate['status'], string>> = { valid: 'Còn hiệu lực', expired: 'Hết hiệu lực', revoked: 'Đã bị thu hồi' };

/** The public certificate check behind the QR code: no sign-in, rate-limited per address in Redis. */
@Injectable()
export class VerificationService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {}

  async verify(number: string, clientAddress: string): Promise<PublicCertificate> {
    await this.limit(clientAddress);
    const [row] = await this.dataSource.query<CertificateRow[]>(`${CERTIFICATE_SELECT} WHERE c.number = $1`, [number]);
    if (!row) throw notFound('Không tìm thấy giấy chứng nhận / No certificate with this number');
    return {
      number: row.number,
      productName: row.product_name,
      establishmentName: row.establishment_name,
      province: row.province_name,
      level: row.level,
      levelName: LEVEL_NAME[row.level] ?? row.level,
      decisionNumber: row.decision_number,
      issuedOn: row.issued_on,
      validUntil: row.valid_until,
      status: row.status,
      statusName: STATUS_NAME[row.status],
    };
  }

  /** A fixed one-minute window shared by every API instance; unknown numbers count too (enumeration). */
  private async limit(clientAddress: string): Promise<void> {
    const window = Math.floor(Date.now() / 60000);
    const key = `${this.config.REDIS_PREFIX}:ratelimit:verify:${clientAddress}:${window}`;
    const count = await this.redis.incr(key);
    if (count === 1) await this.redis.expire(key, 61);
    if (count > VERIFY_RATE_LIMIT_PER_MINUTE) {
      throw new HttpException(
        { statusCode: 429, code: 'RATE_LIMITED', message: 'Tra cứu quá nhiều lần, hãy thử lại sau một phút / Too many look-ups, try again in a minute' },
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
  }
}
