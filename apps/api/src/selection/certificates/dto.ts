import { z } from 'zod';
import { CERTIFICATE_NUMBER_PATTERN } from '@khuyencong/certificates';
import { pageOffset, searchText, sortColumn, sortOrder, unitCode, yearParam, listTotalShape } from '../../common/list-query.js';

export const CertificateNumberParam = z.object({
  number: z.string().regex(CERTIFICATE_NUMBER_PATTERN, 'Số giấy chứng nhận không hợp lệ / Not a certificate number, e.g. KV-2022-0001'),
});

export const CERTIFICATE_SORTS = ['issuedOn', 'number', 'product', 'establishment', 'validUntil'] as const;

export const CertificateListQuery = z
  .object({
    roundId: z.string().uuid().optional(),
    establishmentId: z.string().uuid().optional(),
    status: z.enum(['valid', 'expired', 'revoked']).optional(),
    /** Certificate number, product or establishment name. */
    q: searchText,
    level: z.enum(['commune', 'province', 'region', 'national']).optional(),
    year: yearParam.optional(),
    provinceCode: unitCode.optional(),
    communeCode: unitCode.optional(),
    productGroup: z.enum(['HANDICRAFT', 'PROCESSED_FOOD', 'MECHANICAL', 'OTHER']).optional(),
    sort: sortColumn(CERTIFICATE_SORTS),
    order: sortOrder,
    limit: z.coerce.number().int().min(1).max(500).default(100),
    offset: pageOffset,
  })
  .strict();
export type CertificateListQuery = z.output<typeof CertificateListQuery>;

export const RevokeBody = z
  .object({
    reason: z.string().trim().min(3).max(2000),
    decisionReference: z.string().trim().min(1).max(200).describe('The revocation decision, e.g. 12/QĐ-SCT ngày 01/03/2026'),
  })
  .strict();
export type RevokeBody = z.output<typeof RevokeBody>;

export const CertificateView = z.object({
  number: z.string(),
  level: z.string(),
  instanceId: z.string().uuid(),
  roundId: z.string().uuid(),
  decisionNumber: z.string(),
  productName: z.string(),
  establishmentId: z.string().uuid(),
  establishmentName: z.string(),
  provinceCode: z.string().nullable(),
  issuedOn: z.string(),
  validUntil: z.string(),
  status: z.enum(['valid', 'expired', 'revoked']),
  revocationReason: z.string().nullable(),
  revocationDecisionRef: z.string().nullable(),
  pdfReady: z.boolean(),
  year: z.number().int(),
  provinceName: z.string().nullable(),
});
export type CertificateView = z.output<typeof CertificateView>;
/** One page of certificates and how many match in all. */
export const CertificateList = z.object({ items: z.array(CertificateView), ...listTotalShape });
export type CertificateList = z.output<typeof CertificateList>;

/** What anyone may learn about a certificate: nothing private (no ids, people, reasons). */
export const PublicCertificate = z.object({
  number: z.string(),
  productName: z.string(),
  establishmentName: z.string(),
  province: z.string().nullable(),
  level: z.string(),
  levelName: z.string(),
  decisionNumber: z.string(),
  issuedOn: z.string(),
  validUntil: z.string(),
  status: z.enum(['valid', 'expired', 'revoked']),
  statusName: z.string(),
});
export type PublicCertificate = z.output<typeof PublicCertificate>;
