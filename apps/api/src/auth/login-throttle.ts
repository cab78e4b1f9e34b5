import { createHash } from 'node:crypto';
import { HttpException, HttpStatus, Inject, Injectable } from '@nestjs/common';
import { type ApiConfig } from '@khuyencong/config';
import { scanKeys, type RedisClient } from '@khuyencong/jobs';
import { API_CONFIG } from '../config.js';
import { REDIS } from '../infra/redis.module.js';

// Failed sign-ins slow an e-mail down; nothing locks it. Two counters, in Redis so every API instance shares them:
//
// - per (e-mail, address): from the LOGIN_LOCKOUT_THRESHOLD-th attempt on, each attempt from that address makes
//   the next one wait 1 s, 2 s, 4 s … up to LOGIN_LOCKOUT_MINUTES. An attacker at one address guesses a few
//   times an hour at most; the owner at any other address is not slowed at all.
// - per e-mail (all addresses): an attack spread over many addresses is slowed from accountThreshold() attempts
//   on, with waits capped at ACCOUNT_MAX_DELAY_MS so the owner waits a minute at worst — and not at all from an
//   address they signed in from during the last KNOWN_ADDRESS_DAYS days.
//
// Attempts are counted when admitted, before the password is checked, in one Lua script: a burst of parallel
// guesses gets no more than the threshold through. A success forgets its pair and takes itself off the e-mail's
// count. Counters are keyed by a hash of the e-mail whether or not an account has it, so unknown and known
// e-mails are answered alike (the refusal never names the account either).

const ACCOUNT_FACTOR = 4;
const ACCOUNT_MAX_DELAY_MS = 60_000;
const KNOWN_ADDRESS_DAYS = 30;
/** Counters are forgotten after this long without an attempt (and never before a wait could end). */
const MIN_MEMORY_MS = 60 * 60 * 1000;

/** The wait an admitted attempt imposes on the next one, given the attempts counted so far (this one included). */
export function throttleDelayMs(attempts: number, threshold: number, maxMs: number): number {
  if (attempts < threshold) return 0;
  return Math.min(1000 * 2 ** Math.min(attempts - threshold, 40), maxMs);
}

/** Failed attempts of one e-mail over all addresses before the account-wide wait starts. */
export function accountThreshold(threshold: number): number {
  return threshold * ACCOUNT_FACTOR;
}

export type Admission = { admitted: true } | { admitted: false; retryAfterSeconds: number };

/** 429 with Retry-After: the same for every e-mail, known or not. */
export class LoginThrottledException extends HttpException {
  constructor(readonly retryAfterSeconds: number) {
    super(
      {
        statusCode: 429,
        code: 'LOGIN_THROTTLED',
        message: `Quá nhiều lần đăng nhập sai, hãy thử lại sau ${retryAfterSeconds} giây / Too many failed sign-ins, try again in ${retryAfterSeconds} s`,
        retryAfterSeconds,
      },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}

// KEYS: pair count, pair wait, account count, account wait, known address.
// ARGV: threshold, pair max ms, account threshold, account max ms, memory ms.
const ADMIT = `
local pairWait = redis.call('PTTL', KEYS[2])
if pairWait > 0 then return {0, pairWait} end
if redis.call('EXISTS', KEYS[5]) == 0 then
  local accountWait = redis.call('PTTL', KEYS[4])
  if accountWait > 0 then return {0, accountWait} end
end
local function count(key, waitKey, threshold, maxMs)
  local n = redis.call('INCR', key)
  redis.call('PEXPIRE', key, ARGV[5])
  if n >= threshold then
    local delay = math.min(1000 * 2 ^ math.min(n - threshold, 40), maxMs)
    redis.call('SET', waitKey, '1', 'PX', math.floor(delay))
  end
end
count(KEYS[1], KEYS[2], tonumber(ARGV[1]), tonumber(ARGV[2]))
count(KEYS[3], KEYS[4], tonumber(ARGV[3]), tonumber(ARGV[4]))
return {1, 0}
`;

// KEYS: pair count, pair wait, account count, known address. ARGV: seconds an address stays known.
const SUCCEEDED = `
redis.call('DEL', KEYS[1], KEYS[2])
if (tonumber(redis.call('GET', KEYS[3])) or 0) > 0 then redis.call('DECR', KEYS[3]) end
redis.call('SET', KEYS[4], '1', 'EX', ARGV[1])
return 1
`;

type ThrottleConfig = Pick<ApiConfig, 'REDIS_PREFIX' | 'LOGIN_LOCKOUT_THRESHOLD' | 'LOGIN_LOCKOUT_MINUTES'>;

@Injectable()
export class LoginThrottle {
  constructor(
    @Inject(REDIS) private readonly redis: RedisClient,
    @Inject(API_CONFIG) private readonly config: ThrottleConfig,
  ) {}

  /** Counts an attempt of `email` from `address`, or says how long to wait before the next one. */
  async admit(email: string, address: string): Promise<Admission> {
    const keys = this.keys(email, address);
    const threshold = this.config.LOGIN_LOCKOUT_THRESHOLD;
    const maxMs = this.config.LOGIN_LOCKOUT_MINUTES * 60_000;
    const [admitted, waitMs] = (await this.redis.eval(
      ADMIT,
      5,
      keys.pairCount,
      keys.pairWait,
      keys.accountCount,
      keys.accountWait,
      keys.known,
      threshold,
      maxMs,
      accountThreshold(threshold),
      Math.min(ACCOUNT_MAX_DELAY_MS, maxMs),
      Math.max(MIN_MEMORY_MS, 4 * maxMs),
    )) as [number, number];
    return admitted === 1 ? { admitted: true } : { admitted: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
  }

  /** The right password: the pair starts afresh, and the address is known to the account from now on. */
  async succeeded(email: string, address: string): Promise<void> {
    const keys = this.keys(email, address);
    await this.redis.eval(SUCCEEDED, 4, keys.pairCount, keys.pairWait, keys.accountCount, keys.known, KNOWN_ADDRESS_DAYS * 86_400);
  }

  /**
   * An administrator's unlock: every wait and count of the e-mail is forgotten (the addresses it signed in from
   * stay known). Its keys share one hash slot, so the one DEL is allowed on a cluster; SCAN walks one node only, so
   * scanKeys asks every master there (the one owning the slot finds them).
   */
  async forget(email: string): Promise<void> {
    const { accountCount, accountWait, account } = this.keys(email, '');
    const pairs = await scanKeys(this.redis, `${this.accountBase(account)}:pair*`);
    await this.redis.del(accountCount, accountWait, ...pairs);
  }

  private accountBase(account: string): string {
    // The {account} hash tag keeps every key of one e-mail in one Redis Cluster slot, as one script needs.
    return `${this.config.REDIS_PREFIX}:login:{${account}}`;
  }

  private keys(email: string, address: string) {
    const account = createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 32);
    const base = this.accountBase(account);
    return {
      account,
      pairCount: `${base}:pair:${address}`,
      pairWait: `${base}:pair-wait:${address}`,
      accountCount: `${base}:account`,
      accountWait: `${base}:account-wait`,
      known: `${base}:known:${address}`,
    };
  }
}
