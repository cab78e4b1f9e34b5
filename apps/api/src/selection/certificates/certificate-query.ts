import { type CertificateRecord } from '@khuyencong/persistence';
import { type CertificateView } from './dto.js';

/** A stored certificate as the signed-in API shows it (without its row id and commune). */
export function certificateView(row: CertificateRecord): CertificateView {
  return {
    number: row.number,
    level: row.level,
    instanceId: row.instanceId,
    roundId: row.roundId,
    decisionNumber: row.decisionNumber,
    productName: row.productName,
    establishmentId: row.establishmentId,
    establishmentName: row.establishmentName,
    provinceCode: row.provinceCode,
    issuedOn: row.issuedOn,
    validUntil: row.validUntil,
    status: row.status,
    revocationReason: row.revocationReason,
    revocationDecisionRef: row.revocationDecisionRef,
    pdfReady: row.pdfReady,
    year: row.year,
    provinceName: row.provinceName,
  };
}
