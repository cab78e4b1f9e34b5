import { createHash } from 'node:crypto';
import { type DataSource } from 'typeorm';
import { renderCertificatePdf, type CertificateLevel } from '@khuyencong/certificates';
import { type JobPayload } from '@khuyencong/jobs';
import { ReceiptStore } from '@khuyencong/persistence';
import { PermanentJobError } from '../queues/processor-registry.js';
import { readPayload } from '../queues/outbox-payloads.js';

/** The receipt name of this processor: one receipt per outbox row makes a redelivered job a no-op. */
export const CERTIFICATE_RENDER = 'certificate.render';

interface CertificateFacts {
  id: string;
  number: string;
  level: CertificateLevel;
  product_name: string;
  establishment_name: string;
  province_name: string | null;
  issued_on: string;
  valid_until: string;
  decision_number: string;
  decided_on: string;
  issuer: string;
}

export interface RenderOutcome {
  certificateNumber: string;
  sizeBytes: number;
  sha256: string;
  /** False when an earlier delivery already rendered it. */
  rendered: boolean;
}

/**
 * `certificate.render`: re-reads its outbox row (a `generate_certificate` effect) for the certificate number,
 * renders the Vietnamese PDF with the QR code of `${publicBaseUrl}/verify/<number>` and stores it in
 * `certificate_pdfs`, with a receipt in the same transaction. A redelivered job finds the receipt and does nothing.
 */
export function certificateRenderProcessor(dataSource: DataSource, publicBaseUrl: string) {
  const receipts = new ReceiptStore();
  return async (payload: JobPayload<'certificate.render'>): Promise<RenderOutcome> => {
    const [row] = await dataSource.query<{ payload: unknown }[]>(`SELECT payload FROM outbox WHERE id = $1`, [payload.outboxId]);
    if (!row) throw new PermanentJobError(`outbox row ${payload.outboxId} is gone`);
    const number = readPayload(payload.outboxId, 'generate_certificate', row.payload).certificateNumber;
    const [facts] = await dataSource.query<CertificateFacts[]>(
      `SELECT c.id, c.number, c.level, c.product_name, o.name AS establishment_name,
              (SELECT u.name FROM administrative_units u WHERE u.code = o.province_code) AS province_name,
              to_char(c.issued_on, 'YYYY-MM-DD') AS issued_on, to_char(c.valid_until, 'YYYY-MM-DD') AS valid_until,
              d.number AS decision_number, to_char(d.decided_on, 'YYYY-MM-DD') AS decided_on, d.issuer
         FROM certificates c JOIN organisations o ON o.id = c.establishment_id JOIN recognition_decisions d ON d.id = c.decision_id
        WHERE c.number = $1`,
      [number],
    );
    if (!facts) throw new PermanentJobError(`certificate ${number} does not exist`);
    // Rendering happens outside the transaction: it is pure and deterministic, so a retry renders the same bytes.
    const pdf = await renderCertificatePdf({
      number: facts.number,
      level: facts.level,
      productName: facts.product_name,
      establishmentName: facts.establishment_name,
      location: facts.province_name ? `tỉnh ${facts.province_name}` : '',
      issuedOn: facts.issued_on,
      validUntil: facts.valid_until,
      decisionNumber: facts.decision_number,
      decisionDate: facts.decided_on,
      issuer: facts.issuer,
      publicBaseUrl,
    });
    const sha256 = createHash('sha256').update(pdf).digest('hex');
    const outcome = { certificateNumber: number, sizeBytes: pdf.length, sha256 };
    return dataSource.transaction(async (tx) => {
      const first = await receipts.record(tx, payload.outboxId, CERTIFICATE_RENDER, outcome);
      if (!first) return { ...outcome, rendered: false };
      await tx.query(
        `INSERT INTO certificate_pdfs (certificate_id, content, sha256, size_bytes) VALUES ($1, $2, $3, $4)
         ON CONFLICT (certificate_id) DO UPDATE SET content = EXCLUDED.content, sha256 = EXCLUDED.sha256, size_bytes = EXCLUDED.size_bytes, rendered_at = now()`,
        [facts.id, pdf, sha256, pdf.length],
      );
      await tx.query(`UPDATE certificates SET pdf_rendered_at = now() WHERE id = $1`, [facts.id]);
      return { ...outcome, rendered: true };
    });
  };
}
