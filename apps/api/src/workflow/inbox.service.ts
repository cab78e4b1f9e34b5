import { BadRequestException, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource } from 'typeorm';
import { INBOX_NO_DEADLINE, InboxStore } from '@khuyencong/persistence';
import { type Actor } from '../common/actor.js';
import { toItem } from './inbox-rows.js';
import { type InboxQuery, type InboxResponse } from './inbox.dto.js';
import { coverageGrants } from './visibility.js';

function encodeCursor(dueAt: Date | null, id: string): string {
  return Buffer.from(JSON.stringify([dueAt ? dueAt.toISOString() : INBOX_NO_DEADLINE, id])).toString('base64url');
}

function decodeCursor(cursor: string): [string, string] {
  try {
    const [dueAt, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown, unknown];
    if (typeof dueAt === 'string' && !Number.isNaN(Date.parse(dueAt)) && typeof id === 'string' && /^[0-9a-f-]{36}$/.test(id)) return [dueAt, id];
  } catch {
    // fall through
  }
  throw new BadRequestException({ statusCode: 400, code: 'MALFORMED_REQUEST', message: 'Con trỏ phân trang không hợp lệ / Invalid cursor' });
}

/** My tasks: rows assigned to me, or to a role I hold over a scope that covers the instance. */
@Injectable()
export class InboxService {
  private readonly inbox = new InboxStore();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  list(actor: Actor, query: InboxQuery): Promise<InboxResponse> {
    const searched = query.q !== undefined || query.kind !== undefined || query.claim !== undefined || query.sort !== undefined || query.page !== undefined;
    if (searched && query.cursor !== undefined) {
      throw new BadRequestException({
        statusCode: 400,
        code: 'MALFORMED_REQUEST',
        message: 'Không dùng cursor cùng q, kind, claim, sort hay page / cursor cannot be combined with q, kind, claim, sort or page',
      });
    }
    return searched ? this.page(actor, query) : this.walk(actor, query);
  }

  /** The searched, sorted page with its total: the inbox screen's query. */
  private async page(actor: Actor, query: InboxQuery): Promise<InboxResponse> {
    const page = query.page ?? 1;
    const { rows, total } = await this.inbox.listPage(this.dataSource.manager, actor.userId, coverageGrants(actor), { ...query, page });
    const now = Date.now();
    return { items: rows.map((row) => toItem(row, actor, now)), nextCursor: null, total, page };
  }

  /** The original deadline-ordered cursor walk (no search): what the benchmark times. */
  private async walk(actor: Actor, query: InboxQuery): Promise<InboxResponse> {
    const after = query.cursor ? decodeCursor(query.cursor) : undefined;
    const rows = await this.inbox.walk(this.dataSource.manager, actor.userId, coverageGrants(actor), {
      ...query,
      after: after && { dueAt: after[0], id: after[1] },
    });
    const page = rows.slice(0, query.limit);
    const now = Date.now();
    return {
      items: page.map((row) => toItem(row, actor, now)),
      nextCursor: rows.length > query.limit ? encodeCursor(page.at(-1)!.due_at, page.at(-1)!.task_id) : null,
    };
  }
}
