import { randomBytes } from 'node:crypto';
import { deleteRedisKeys, redisCommand, respCommand } from './redis-cleanup.js';
import { testRedisUrl } from './test-env.js';

describe('the browser runs’ Redis clean-up', () => {
  it('encodes commands in RESP', () => {
    expect(respCommand(['SET', 'k', 'vé'])).toBe('*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$3\r\nvé\r\n');
  });

  it('deletes the keys of its prefix, BullMQ’s hash-tagged ones included, and no others', async () => {
    const prefix = `kce2etest${randomBytes(4).toString('hex')}`;
    const other = `kce2eother${randomBytes(4).toString('hex')}`;
    for (const key of [`{${prefix}}:notifications:meta`, `${prefix}:worker:heartbeat`, `{${other}}:notifications:meta`]) {
      expect(await redisCommand(testRedisUrl, ['SET', key, '1'])).toBe('+OK');
    }
    expect(await deleteRedisKeys(testRedisUrl, prefix)).toBe(2);
    expect(await redisCommand(testRedisUrl, ['EXISTS', `{${prefix}}:notifications:meta`, `${prefix}:worker:heartbeat`])).toBe(':0');
    expect(await redisCommand(testRedisUrl, ['EXISTS', `{${other}}:notifications:meta`])).toBe(':1');
    await deleteRedisKeys(testRedisUrl, other);
    await expect(deleteRedisKeys(testRedisUrl, 'a*b')).rejects.toThrow(/unsafe/);
  });
});
