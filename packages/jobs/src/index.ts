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
export { bullPrefix, heartbeatKey, workerInfoKey } from './keys.js';
export { beat, liveWorkers, type HeartbeatRedis } from './heartbeat.js';
