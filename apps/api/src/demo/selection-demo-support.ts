// Demo loading helpers: a settable clock for the pipeline, engine actors for demo users, and entry rows.
import { type Actor as DomainActor, type Role, type ScopeType } from '@khuyencong/domain';
import { DemoStore } from '@khuyencong/persistence';
import { WorkflowRunner } from '@khuyencong/workflow';
import { type DataSource, type EntityManager } from 'typeorm';
import { roundInfo, type Round } from '../selection/rounds/round-store.js';

const demoStore = new DemoStore();

/** The demo accounts by e-mail prefix (giamkhao1, hoidong1, chutich, cuc, lanhdao.cuc, so.gialai, …). */
export async function demoPeople(tx: EntityManager): Promise<DemoPeople> {
  const rows = await demoStore.listDemoUsers(tx);
  return Object.fromEntries(rows.map((row) => [row.email.split('@')[0]!, row.id]));
}

/** The pipeline with a clock the loader moves, so history carries the dates things happened on. */
export class DemoPipeline {
  private current = new Date();
  readonly runner: WorkflowRunner;

  constructor(
    dataSource: DataSource,
    readonly tx: EntityManager,
  ) {
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
  async open(
    round: Round,
    establishment: { id: string; communeCode: string; provinceCode: string; regionCode: string },
    product: { name: string; group: string },
    actor: DomainActor,
    attributes: Record<string, string> = {},
  ): Promise<DemoEntry> {
    const outcome = await this.runner.start(
      'product-selection',
      {
        subject: {
          establishmentId: establishment.id,
          communeCode: establishment.communeCode,
          provinceCode: establishment.provinceCode,
          regionCode: establishment.regionCode,
        },
        attributes: { productGroup: product.group, productName: product.name, ...attributes },
        round: roundInfo(round),
      },
      actor,
      this.tx,
    );
    await demoStore.insertEntry(this.tx, {
      instanceId: outcome.instanceId,
      roundId: round.id,
      establishmentId: establishment.id,
      productName: product.name,
      productGroup: product.group,
      dossier: { paperDossier: true, photos: [], others: [] },
      createdBy: actor.userId,
    });
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

/** A demo account with one grant (officers of provinces the demo accounts file does not cover, applicants). */
export async function demoAccount(
  tx: EntityManager,
  passwordHash: string,
  email: string,
  displayName: string,
  role: string,
  scopeType: string,
  scopeId: string | null,
): Promise<string> {
  const found = await demoStore.findUserIdByEmail(tx, email);
  if (found) return found;
  const id = await demoStore.insertUser(tx, email, passwordHash, displayName);
  await demoStore.grantRole(tx, id, role, scopeType, scopeId);
  return id;
}
