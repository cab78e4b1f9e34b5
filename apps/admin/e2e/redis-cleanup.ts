// Deletes a browser run's Redis keys when its platform stops (BullMQ's `{<prefix>}:…` and the heartbeat's
// `<prefix>:…`). The admin has no Redis client of its own, so this speaks RESP over a socket: one EVAL.
import { connect } from 'node:net';

const DELETE_MATCHING = `local n = 0 for _, key in ipairs(redis.call('KEYS', ARGV[1])) do redis.call('DEL', key) n = n + 1 end return n`;

/** The RESP encoding of a command. */
export function respCommand(parts: readonly string[]): string {
  return `*${parts.length}\r\n${parts.map((part) => `$${Buffer.byteLength(part)}\r\n${part}\r\n`).join('')}`;
}

/** Sends one command and resolves with its raw reply (one line: integer, status or error replies). */
export function redisCommand(redisUrl: string, parts: readonly string[]): Promise<string> {
  const url = new URL(redisUrl);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(url.port || 6379), url.hostname);
    let reply = '';
    socket.setTimeout(5000, () => socket.destroy(new Error('Redis did not answer within 5 s')));
    socket.on('error', reject);
    socket.on('data', (chunk) => {
      reply += chunk.toString();
      if (!reply.endsWith('\r\n')) return;
      socket.end();
      if (reply.startsWith('-')) reject(new Error(`Redis answered ${reply.trim()}`));
      else resolve(reply.slice(0, -2));
    });
    socket.write(respCommand(parts));
  });
}

/** Deletes every key containing `prefix`; resolves with the number deleted. */
export async function deleteRedisKeys(redisUrl: string, prefix: string): Promise<number> {
  if (!/^[a-z0-9]+$/i.test(prefix)) throw new Error(`unsafe prefix ${prefix}`);
  const reply = await redisCommand(redisUrl, ['EVAL', DELETE_MATCHING, '0', `*${prefix}*`]);
  return Number(reply.slice(1));
}
