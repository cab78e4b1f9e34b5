import { Injectable } from '@nestjs/common';
import { CertificateStore } from '@khuyencong/persistence';
import { type PublicCertificate } from '../certificates/dto.js';
import { notFound } from '../shared/errors.js';
import { PublicRateLimiter } from '../shared/rate-limiter.js';
import { ReadRouter } from '../../infra/read-routing.js';

/** Look-ups per client address per minute: enough for people scanning QR codes, too few to enumerate numbers. */
export const VERIFY_RATE_LIMIT_PER_MINUTE = 30;

const LEVEL_NAME: Readonly<Record<string, string>> = { commune: 'Cấp xã', province: 'Cấp tỉnh', region: 'Cấp khu vực', national: 'Cấp quốc gia' };
const STATUS_NAME: Readonly<Record<PublicCertificate['status'], string>> = { valid: 'Còn hiệu lực', expired: 'Hết hiệu lực', revoked: 'Đã bị thu hồi' };

/** The public certificate check behind the QR code: no sign-in, rate-limited per address in Redis. */
@Injectable()
export class VerificationService {
  private readonly certificates = new CertificateStore();

  constructor(
    private readonly reads: ReadRouter,
    private readonly limiter: PublicRateLimiter,
  ) {}

  async verify(number: string, clientAddress: string): Promise<PublicCertificate> {
    // Unknown numbers count too (enumeration).
    await this.limiter.check(
      'verify',
      clientAddress,
      VERIFY_RATE_LIMIT_PER_MINUTE,
      'Tra cứu quá nhiều lần, hãy thử lại sau một phút / Too many look-ups, try again in a minute',
    );
    const row = await this.certificates.findByNumber(await this.reads.reader(), number);
    if (!row) throw notFound('Không tìm thấy giấy chứng nhận / No certificate with this number');
    return {
      number: row.number,
      productName: row.productName,
      establishmentName: row.establishmentName,
      province: row.provinceName,
      level: row.level,
      levelName: LEVEL_NAME[row.level] ?? row.level,
      decisionNumber: row.decisionNumber,
      issuedOn: row.issuedOn,
      validUntil: row.validUntil,
      status: row.status,
      statusName: STATUS_NAME[row.status],
    };
  }
}
