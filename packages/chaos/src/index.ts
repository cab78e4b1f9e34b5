export { ManagedProcess, REPO_ROOT, freePort, sleep, until } from './processes.js';
export { TestRedisServer, type RedisServerOptions } from './redis-server.js';
export { TestPostgresCluster, postgresBinDir } from './postgres-cluster.js';
export { TcpForwarder } from './tcp-forwarder.js';
export { SmtpSink, type SunkMail } from './smtp-sink.js';
export {
  API_MAIN,
  WORKER_MAIN,
  health,
  startApiProcess,
  startWorkerProcess,
  type ApiProcess,
  type ApiProcessOptions,
  type WorkerProcessOptions,
} from './services.js';
export { commitNotifyDecision, createRecipients, notifyLedger, publishChaosDefinition, type NotifyLedger } from './effects.js';
export { countsLine, type FaultCounts } from './report.js';
export { HeldQueue } from './held-queue.js';
export { TestRedisCluster, type RedisClusterOptions } from './redis-cluster.js';
export { TestPgBouncer, PGBOUNCER_BIN, type PgBouncerOptions } from './pgbouncer.js';
export { Balancer, type Backend, type BalancerOptions } from './balancer.js';
export {
  CHAOS_PASSWORD,
  OFFICER_EMAIL,
  returnEntry,
  seedSubmittedEntries,
  sendReturns,
  signIn,
  type CommandAnswer,
  type ReturnAttempt,
  type ReturnLoad,
  type SubmittedEntry,
} from './entries.js';
