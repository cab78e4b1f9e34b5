// The certificate.render processor against a real PostgreSQL: renders once per outbox row, stores the PDF, and
// the PDF's text keeps the Vietnamese product name and the verification address of its QR code.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DefinitionRegistry } from '@khuyencong/workflow';
import { createTestDatabase, type TestDatabase } from '@khuyencong/persistence/testing';
import { certificateRenderProcessor } from '../src/processors/certificate-render.processor.js';

const PRODUCT = 'Rượu cần Kbang ủ men lá rừng';

describe('certificate.render processor', () => {
  let db: TestDatabase;
  let outboxId: string;
  let dir: string;

  beforeAll(async () => {
    db = await createTestDatabase();
    dir = mkdtempSync(join(tmpdir(), 'kc-certificate-render-'));
    const sql = db.dataSource;
    await new DefinitionRegistry().publishAll(sql.manager);
    // A 2024 certificate: the establishment was registered then, in the old Gia Lai (before the 2025 reform).
    const [org] = await sql.query<{ id: string }[]>(
      `INSERT INTO organisations (type, name, province_code, created_at) VALUES ('establishment', 'Hợp tác xã rượu cần Đăk Smar', 'gia-lai', '2024-01-15T02:00:00Z') RETURNING id`,
    );
    const [instance] = await sql.query<{ id: string }[]>(
      `INSERT INTO workflow_instances (definition_code, definition_version, stage, status, state, subject_kind) VALUES ('product-selection', 1, 'recognised', 'active', '{}', 'entry') RETURNING id`,
    );
    const [round] = await sql.query<{ id: string }[]>(
      `INSERT INTO rounds (name, level, year, scope_type, scope_code, registration_opens_at, registration_closes_at) VALUES ('Gia Lai 2024', 'province', 2024, 'province', 'gia-lai', '2024-03-01', '2024-06-30') RETURNING id`,
    );
    const [decision] = await sql.query<{ id: string }[]>(
      `INSERT INTO recognition_decisions (round_id, number, decided_on, issuer, entry_count) VALUES ($1, '15/QĐ-SCT', '2024-08-20', 'Sở Công Thương tỉnh Gia Lai', 1) RETURNING id`,
      [round!.id],
    );
    await sql.query(
      `INSERT INTO certificates (number, level, year, sequence, instance_id, decision_id, round_id, establishment_id, product_name, issued_on, valid_until)
       VALUES ('T-GL-2024-0007', 'province', 2024, 7, $1, $2, $3, $4, $5, '2024-08-20', '2027-12-31')`,
      [instance!.id, decision!.id, round!.id, org!.id, PRODUCT],
    );
    const [outbox] = await sql.query<{ id: string }[]>(
      `INSERT INTO outbox (instance_id, effect_type, payload) VALUES ($1, 'generate_certificate', $2) RETURNING id`,
      [instance!.id, JSON.stringify({ type: 'generate_certificate', instanceId: instance!.id, certificateNumber: 'T-GL-2024-0007' })],
    );
    outboxId = String(outbox!.id);
  });

  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await db.drop();
  });

  it('renders the PDF once, stores it and marks the certificate; a redelivery changes nothing', async () => {
    const render = certificateRenderProcessor(db.dataSource, 'https://khuyencong.example.vn');
    const first = await render({ outboxId, idempotencyKey: `outbox:${outboxId}` });
    expect(first).toMatchObject({ certificateNumber: 'T-GL-2024-0007', rendered: true });
    const again = await render({ outboxId, idempotencyKey: `outbox:${outboxId}` });
    expect(again.rendered).toBe(false);
    const rows = await db.dataSource.query<{ content: Buffer; sha256: string; ready: boolean }[]>(
      `SELECT p.content, p.sha256, c.pdf_rendered_at IS NOT NULL AS ready FROM certificate_pdfs p JOIN certificates c ON c.id = p.certificate_id`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.ready).toBe(true);
    expect(rows[0]!.sha256).toBe(first.sha256);
    writeFileSync(join(dir, 'c.pdf'), rows[0]!.content);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', join(dir, 'c.pdf'), '-'], { encoding: 'utf8' })
      .normalize('NFC')
      .replace(/\s+/g, ' ');
    expect(text).toContain(PRODUCT);
    expect(text).toContain('tỉnh Gia Lai');
    expect(text).toContain('https://khuyencong.example.vn/verify/T-GL-2024-0007');
  });

  it('fails for good when the outbox row names no certificate', async () => {
    const [outbox] = await db.dataSource.query<{ id: string }[]>(
      `INSERT INTO outbox (effect_type, payload) VALUES ('generate_certificate', '{}') RETURNING id`,
    );
    const render = certificateRenderProcessor(db.dataSource, 'https://khuyencong.example.vn');
    await expect(render({ outboxId: String(outbox!.id), idempotencyKey: 'k' })).rejects.toThrow(/generate_certificate payload: certificateNumber/);
  });
});
