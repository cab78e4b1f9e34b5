import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager } from 'typeorm';
import { type InstanceState } from '@khuyencong/domain';
import { EventStore, InstanceReadStore } from '@khuyencong/persistence';
import { type Actor } from '../common/actor.js';
import { type ChainResponse, type HistoryResponse, type InstanceView } from './dto.js';
import { instanceView, withPeople } from './views.js';
import { canSee } from './visibility.js';

export const notFound = () => new NotFoundException({ statusCode: 404, code: 'NOT_FOUND', message: 'Không tìm thấy hồ sơ / Not found' });

@Injectable()
export class InstancesService {
  private readonly events = new EventStore();
  private readonly instances = new InstanceReadStore();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Loads an instance the actor may see, or 404 (out of scope looks exactly like missing). */
  async visibleState(actor: Actor, instanceId: string, manager: EntityManager = this.dataSource.manager): Promise<InstanceState> {
    const state = await this.instances.findState<InstanceState>(manager, instanceId);
    if (!state || !canSee(actor, state)) throw notFound();
    return state;
  }

  async get(actor: Actor, instanceId: string): Promise<InstanceView> {
    return withPeople(this.dataSource.manager, instanceView(await this.visibleState(actor, instanceId), actor, new Date()));
  }

  /** Every event, oldest first; a judge's sheet stays hidden from others until the jury closes. */
  async history(actor: Actor, instanceId: string): Promise<HistoryResponse> {
    const state = await this.visibleState(actor, instanceId);
    const events = await this.events.history(this.dataSource.manager, instanceId);
    const juryOpen = state.jury !== null && !state.jury.closed;
    return {
      instanceId,
      events: events.map((event) => ({
        seq: event.seq,
        type: event.type,
        at: event.occurredAt.toISOString(),
        actorUserId: event.actorUserId,
        data: juryOpen ? blindSheets(event.data, actor.userId) : ((event.data ?? null) as Record<string, unknown> | null),
        hash: event.hash,
      })),
    };
  }

  async verifyChain(actor: Actor, instanceId: string): Promise<ChainResponse> {
    await this.visibleState(actor, instanceId);
    const result = await this.events.verifyChain(this.dataSource.manager, instanceId);
    return result.ok ? { instanceId, ok: true, count: result.count } : { instanceId, ok: false, count: result.count, brokenAtSeq: result.brokenAtSeq };
  }
}

/** Events carry the jury as it was; while the jury is open only the viewer's own sheet may show. */
function blindSheets(data: unknown, viewerUserId: string): Record<string, unknown> | null {
  if (data === null || typeof data !== 'object') return null;
  const event = data as { data?: { jury?: { sheets?: Record<string, unknown> } } };
  const sheets = event.data?.jury?.sheets;
  if (!sheets) return data as Record<string, unknown>;
  const own = sheets[viewerUserId];
  return { ...event, data: { ...event.data, jury: { ...event.data!.jury, sheets: own === undefined ? {} : { [viewerUserId]: own } } } };
}
