// Demo loading helpers: a settable clock for the pipeline, engine actors for demo users, and entry rows.
import { type Actor as DomainActor, type Role, type ScopeType } from '@khuyencong/domain';
import { WorkflowRunner } from '@khuyencong/workflow';
import { type DataSource, type EntityManager } from 'typeorm';
import { roundInfo, type Round } from '../selection/rounds/round-store.js';

/** The pipeline with a clock the loader moves, so history carries the dates things happened on. */
export class DemoPipeline {
  private current = new Date();
  readonly runner: WorkflowRunner;

  constructor(dataSource: DataSource, readonly tx: EntityManager) {
    this.runner = new WorkflowRunner({ dataSource, now: () => this.current });
  }

  at(iso: string): this {
    this.current = new Date(iso);
    return this;
  }

  /** Runs one command at the instance's current version; returns the new version. */
  async act(entry: DemoEntry, type: string, actor: DomainActor, payload: Record<string, unknown> = {}): Promise<string> {
    const outcome = await this.runner.execute(entry.id, { type, expectedVersion: entry.version, payload: payload as never }, actor, this.tx);
    entry.version = outcome.state.version;
    return outcome.state.stage;
  }

  /** Opens an entry in a round and records its row (paper dossier: the demo has no uploaded files). */
  async open(round: Round, establishment: { id: string; communeCode: string; provinceCode: string; regionCode: string }, product: { name: string; group: string }, actor: DomainActor, attributes: Record<string, string> = {}): Promise<DemoEntry> {
    const outcome = await this.runner.start(
      'product-selection',
      {
        subject: { establishmentId: establishment.id, communeCode: establishment.communeCode, provinceCode: establishment.provinceCode, regionCode: establishment.regionCode },
        attributes: { productGroup: product.group, productName: product.name, ...attributes },
        round: roundInfo(round),
      },
      actor,
      this.tx,
    );
    await this.tx.query(
      `INSERT INTO entries (instance_id, round_id, establishment_id, product_name, product_group, dossier, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [outcome.instanceId, round.id, establishment.id, product.name, product.group, JSON.stringify({ paperDossier: true, photos: [], others: [] }), actor.userId],
    );
    return { id: outcome.instanceId, version: outcome.state.version };
  }
}

export interface DemoEntry {
  id: string;
  version: number;
}

/** An engine actor holding one role over one unit. */
export function actorOf(userId: string, role: Role, scopeType: ScopeType = 'national', scopeId = 'VN'): DomainActor {
  return { userId, roles: [{ role, scope: { type: scopeType, id: scopeId } }] };
}

export const COMPLETE_DOSSIER = { dossier: { registrationForm: true, businessRegistration: true, productDescription: true, photoCount: 4 } };

export const sheet = (market: number, econ: number, culture: number, other: number) => ({
  points: { MARKET: market, ECON_TECH_SOC_ENV: econ, CULTURE_AESTHETIC: culture, OTHER: other },
  comment: 'Đánh giá của giám khảo',
});

/** Demo user ids by e-mail prefix (giamkhao1, hoidong1, chutich, cuc, lanhdao.cuc, so.gialai, …). */
export type DemoPeople = Record<string, string>;

/**
 * When a demo grant starts: the demo accounts of the README are granted on today's units and start now; the extra
 * officers of the 2022 regional round (one per Central–Highlands province of 2022) hold grants in units abolished
 * since, which start with the story (a new grant there is refused, issue 16).
 */
export const DEMO_GRANT_START = `CASE WHEN $3 IN ('province', 'commune') AND NOT EXISTS (SELECT 1 FROM administrative_units WHERE code = $4 AND (valid_to IS NULL OR valid_to >= CURRENT_DATE))
  THEN timestamptz '2021-12-01T00:00:00+07' ELSE now() END`;

/** A demo account with one grant (officers of provinces the demo accounts file does not cover, applicants). */
export async function demoAccount(tx: EntityManager, passwordHash: string, email: string, displayName: string, role: string, scopeType: string, scopeId: string | null): Promise<string> {
  const [found] = await tx.query<{ id: string }[]>(`SELECT id FROM users WHERE lower(email) = lower($1)`, [email]);
  if (found) return found.id;
  const [row] = await tx.query<{ id: string }[]>(`INSERT INTO users (email, password_hash, display_name) VALUES ($1, $2, $3) RETURNING id`, [email, passwordHash, displayName]);
  await tx.query(`INSERT INTO role_grants (user_id, role, scope_type, scope_id, valid_from) VALUES ($1, $2, $3, $4, ${DEMO_GRANT_START})`, [row!.id, role, scopeType, scopeId]);
  return row!.id;
}
