import { Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource } from 'typeorm';
import { PreferenceStore, type UserPreferences } from '@khuyencong/persistence';
import { type Actor } from '../common/actor.js';
import { type MyPreferences, type UpdateMyPreferencesRequest } from './dto.js';

/** An account that signed in and is gone since (the token outlives it by at most its lifetime). */
const accountGone = () => new NotFoundException({ statusCode: 404, code: 'NOT_FOUND', message: 'Không tìm thấy tài khoản / Account not found' });

/** The signed-in person's own settings: always the actor's, never another user's (no id in the route). */
@Injectable()
export class MeService {
  private readonly preferences = new PreferenceStore();

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async read(actor: Actor): Promise<MyPreferences> {
    return answer(await this.preferences.find(this.dataSource.manager, actor.userId));
  }

  async update(actor: Actor, change: UpdateMyPreferencesRequest): Promise<MyPreferences> {
    return answer(await this.preferences.setEmailDelivery(this.dataSource.manager, actor.userId, change.emailDelivery));
  }
}

function answer(preferences: UserPreferences | undefined): MyPreferences {
  if (preferences === undefined) throw accountGone();
  return { emailDelivery: preferences.emailDelivery };
}
