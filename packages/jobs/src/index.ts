export {
  JOBS,
  QUEUE_NAMES,
  isJobName,
  isQueueName,
  jobsOfQueue,
  parsePayload,
  type JobName,
  type JobPayload,
  type QueueName,
  type QueueOf,
} from './contracts.js';
export {
  EFFECT_JOBS,
  ENGINE_EFFECTS,
  OUTBOX_PAYLOADS,
  readOutboxPayload,
  type OutboxPayload,
  isOutboxEffect,
  jobForEffect,
  outboxEffectTypes,
  outboxIdempotencyKey,
  outboxJobId,
  planRelay,
  type EffectType,
  type EngineEffectHandling,
  type RelayableRow,
  type RelayJob,
  type RelayPlan,
} from './effects.js';
export { DEFAULT_JOB_OPTIONS } from './options.js';
export { bullPrefix, heartbeatKey, workerInfoKey } from './keys.js';
export { beat, liveWorkers, type HeartbeatRedis } from './heartbeat.js';
export {
  createRedisConnection,
  isRedisCluster,
  redisConnectionPlan,
  scanKeys,
  type RedisClient,
  type RedisConnectionOptions,
  type RedisConnectionPlan,
  type RedisSettings,
} from './redis-connection.js';
