import { Redis } from 'ioredis';

/** BullMQ workers need blocking connections that never give up on a command. */
export function createWorkerRedis(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, enableReadyCheck: false, connectTimeout: 2000 });
}
