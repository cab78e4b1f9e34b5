// The people of the benchmark: national judges and a council shared by every virtual user, and per virtual user
// one province with its officers, signer and (for selection) an applicant with a verified establishment and a
// stored dossier, or (for schemes) a provincial industrial-promotion centre. Users are inserted with a real
// argon2 hash and sign in once over HTTP, as people would.
import { randomUUID } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import { type TestDatabase } from '@khuyencong/persistence/testing';

type DataSource = TestDatabase['dataSource'];
import { type HttpClient, UnexpectedReply } from './http-client.js';

const PASSWORD = 'Bench-Mat-khau-2026';

/** The national people every virtual user shares. */
export interface SharedPeople {
  judges: string[];
  council: { members: string[]; chair: string };
  tokens: { judges: string[]; member1: string; member2: string; chair: string };
}

/** One selection virtual user's province and accounts (tokens already signed in). */
export interface SelectionLane {
  province: string;
  applicant: string;
  officer: string;
  signer: string;
  establishmentId: string;
  dossier: { registrationForm: string; businessRegistration: string; productDescription: string; photos: string[] };
}

/** One scheme virtual user's province and accounts. */
export interface SchemeLane {
  province: string;
  implementer: string;
  appraiser: string;
  signer: string;
  centreId: string;
}

type Grant = [role: string, scopeType: string, scopeId: string | null];

export class People {
  private passwordHash: Promise<string> | undefined;
  /** Province code → one of its communes in force today. */
  private readonly communes = new Map<string, string>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly http: HttpClient,
  ) {}

  private async user(email: string, grants: Grant[]): Promise<string> {
    this.passwordHash ??= hash(PASSWORD);
    const id = randomUUID();
    await this.dataSource.query(`INSERT INTO users (id, email, password_hash, display_name) VALUES ($1, $2, $3, $4)`, [
      id,
      email,
      await this.passwordHash,
      email.split('@')[0],
    ]);
    for (const [role, scopeType, scopeId] of grants) {
      await this.dataSource.query(`INSERT INTO role_grants (user_id, role, scope_type, scope_id) VALUES ($1, $2, $3, $4)`, [id, role, scopeType, scopeId]);
    }
    return id;
  }

  private async login(email: string): Promise<string> {
    const reply = await this.http.raw<{ accessToken: string }>('POST', '/api/auth/login', null, { email, password: PASSWORD });
    if (reply.status !== 200 && reply.status !== 201) throw new UnexpectedReply(`login ${email}`, reply.status, reply.body);
    return reply.body.accessToken;
  }

  private async person(email: string, grants: Grant[]): Promise<{ id: string; token: string }> {
    const id = await this.user(email, grants);
    return { id, token: await this.login(email) };
  }

  /**
   * Province codes in force today (new records must use units in force on their date), enough for one per virtual
   * user, each with one of its communes for the lane's establishment.
   */
  async provinces(count: number): Promise<string[]> {
    const rows = await this.dataSource.query<{ code: string; commune_code: string | null }[]>(
      `WITH today AS (SELECT (now() AT TIME ZONE 'Asia/Ho_Chi_Minh')::date AS day)
       SELECT p.code,
              (SELECT c.code FROM administrative_units c
                WHERE c.level = 'commune' AND c.parent_code = p.code AND c.valid_from <= today.day AND (c.valid_to IS NULL OR c.valid_to >= today.day)
                ORDER BY c.code LIMIT 1) AS commune_code
         FROM administrative_units p, today
        WHERE p.level = 'province' AND p.valid_from <= today.day AND (p.valid_to IS NULL OR p.valid_to >= today.day)
        ORDER BY p.code`,
    );
    if (rows.length < count) throw new Error(`only ${rows.length} provinces in force for ${count} virtual users`);
    for (const row of rows) if (row.commune_code) this.communes.set(row.code, row.commune_code);
    return rows.slice(0, count).map((row) => row.code);
  }

  /** A commune in force in the province (read by `provinces`). */
  private communeOf(province: string): string {
    const commune = this.communes.get(province);
    if (!commune) throw new Error(`no commune in force known for ${province}: call provinces() first`);
    return commune;
  }

  async shared(): Promise<SharedPeople> {
    const judges = await Promise.all([1, 2, 3].map((n) => this.person(`giamkhao${n}@bench.vn`, [['judge', 'national', null]])));
    const member1 = await this.person('hoidong1@bench.vn', [['council_member', 'national', null]]);
    const member2 = await this.person('hoidong2@bench.vn', [['council_member', 'national', null]]);
    const chair = await this.person('chutich@bench.vn', [['council_chair', 'national', null]]);
    return {
      judges: judges.map((judge) => judge.id),
      council: { members: [member1.id, member2.id, chair.id], chair: chair.id },
      tokens: { judges: judges.map((judge) => judge.token), member1: member1.token, member2: member2.token, chair: chair.token },
    };
  }

  /** Applicant registers the establishment over HTTP, the province verifies it, the applicant uploads a dossier. */
  async selectionLane(index: number, province: string): Promise<SelectionLane> {
    const applicant = await this.person(`coso${index}@bench.vn`, []);
    const officer = await this.person(`so${index}@bench.vn`, [['provincial_officer', 'province', province]]);
    const signer = await this.person(`ubnd${index}@bench.vn`, [['signer', 'province', province]]);
    const establishment = await this.http.raw<{ id: string }>('POST', '/api/establishments', applicant.token, {
      name: `Cơ sở sản xuất thủ công số ${index}`,
      legalForm: 'household_business',
      registrationNumber: `BENCH-${index}`,
      communeCode: this.communeOf(province),
      provinceCode: province,
    });
    if (establishment.status !== 201) throw new UnexpectedReply('establishment', establishment.status, establishment.body);
    const verified = await this.http.raw('POST', `/api/establishments/${establishment.body.id}/verify`, officer.token);
    if (verified.status !== 200 && verified.status !== 201) throw new UnexpectedReply('verify', verified.status, verified.body);
    const pdf = (label: string) => Buffer.from(`%PDF-1.7\n% ${label} ${index}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`);
    const png = (seed: number) =>
      Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, seed), Buffer.from(String(index))]);
    const dossier = {
      registrationForm: await this.http.upload(applicant.token, pdf('don'), 'don-dang-ky.pdf', 'application/pdf'),
      businessRegistration: await this.http.upload(applicant.token, pdf('dkkd'), 'dang-ky-kinh-doanh.pdf', 'application/pdf'),
      productDescription: await this.http.upload(applicant.token, pdf('mo-ta'), 'thuyet-minh.pdf', 'application/pdf'),
      photos: [
        await this.http.upload(applicant.token, png(1), 'anh-1.png', 'image/png'),
        await this.http.upload(applicant.token, png(2), 'anh-2.png', 'image/png'),
        await this.http.upload(applicant.token, png(3), 'anh-3.png', 'image/png'),
      ],
    };
    return { province, applicant: applicant.token, officer: officer.token, signer: signer.token, establishmentId: establishment.body.id, dossier };
  }

  async schemeLane(index: number, province: string): Promise<SchemeLane> {
    const centreId = randomUUID();
    await this.dataSource.query(`INSERT INTO organisations (id, type, name, province_code) VALUES ($1, 'provincial_centre', $2, $3)`, [
      centreId,
      `Trung tâm Khuyến công ${province}`,
      province,
    ]);
    const implementer = await this.person(`trungtam${index}@bench.vn`, [['provincial_officer', 'province', province]]);
    const appraiser = await this.person(`thamdinh${index}@bench.vn`, [['provincial_officer', 'province', province]]);
    const signer = await this.person(`ubndkc${index}@bench.vn`, [['signer', 'province', province]]);
    return { province, implementer: implementer.token, appraiser: appraiser.token, signer: signer.token, centreId };
  }
}
