import { type CertificateView } from './dto.js';

/** Columns of a certificate with its establishment and decision (alias `c`, `o`, `d`). */
export const CERTIFICATE_SELECT = `
  SELECT c.number, c.level, c.instance_id, c.round_id, d.number AS decision_number, c.product_name, c.establishment_id,
         o.name AS establishment_name, o.province_code, to_char(c.issued_on, 'YYYY-MM-DD') AS issued_on,
         to_char(c.valid_until, 'YYYY-MM-DD') AS valid_until,
         -- Past its validity a certificate reads as expired even before the expiry timer has fired.
         CASE WHEN c.status = 'valid' AND c.valid_until < (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date THEN 'expired' ELSE c.status END AS status,
         c.revocation_reason, c.revocation_decision_ref,
         c.pdf_rendered_at IS NOT NULL AS pdf_ready, c.id, o.commune_code, c.year,
         (SELECT u.name FROM administrative_units u WHERE u.code = o.province_code) AS province_name
    FROM certificates c JOIN organisations o ON o.id = c.establishment_id JOIN recognition_decisions d ON d.id = c.decision_id`;

export interface CertificateRow {
  id: string;
  number: string;
  level: string;
  instance_id: string;
  round_id: string;
  decision_number: string;
  product_name: string;
  establishment_id: string;
  establishment_name: string;
  province_code: string | null;
  commune_code: string | null;
  province_name: string | null;
  issued_on: string;
  valid_until: string;
  status: 'valid' | 'expired' | 'revoked';
  revocation_reason: string | null;
  revocation_decision_ref: string | null;
  pdf_ready: boolean;
  year: number;
}

export function certificateView(row: CertificateRow): CertificateView {
  return {
    number: row.number,
    level: row.level,
    instanceId: row.instance_id,
    roundId: row.round_id,
    decisionNumber: row.decision_number,
    productName: row.product_name,
    establishmentId: row.establishment_id,
    establishmentName: row.establishment_name,
    provinceCode: row.province_code,
    issuedOn: row.issued_on,
    validUntil: row.valid_until,
    status: row.status,
    revocationReason: row.revocation_reason,
    revocationDecisionRef: row.revocation_decision_ref,
    pdfReady: row.pdf_ready,
    year: row.year,
    provinceName: row.province_name,
  };
}
