import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { Balancer } from './balancer.js';
import { freePort } from './processes.js';

/** A backend that answers with its name and the X-Forwarded-For it saw; `reset` cuts every connection instead. */
async function backend(name: string, reset = false): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    if (reset) return req.socket.destroy();
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ name, forwardedFor: req.headers['x-forwarded-for'] ?? null }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, port: (server.address() as AddressInfo).port };
}

describe('Balancer', () => {
  const servers: Server[] = [];
  const balancers: Balancer[] = [];
  afterAll(async () => {
    for (const balancer of balancers) await balancer.close();
    for (const server of servers) await new Promise((resolve) => server.close(resolve));
  });
  const start = async (ports: number[]) => {
    const balancer = await Balancer.start({ backends: ports.map((port) => ({ host: '127.0.0.1', port })) });
    balancers.push(balancer);
    return balancer;
  };
  const get = async (url: string, init?: RequestInit) => (await fetch(url, init)).json() as Promise<{ name: string; forwardedFor: string | null }>;

  it('takes the backends in turn and adds the client to X-Forwarded-For', async () => {
    const a = await backend('a');
    const b = await backend('b');
    servers.push(a.server, b.server);
    const balancer = await start([a.port, b.port]);
    const names = [];
    for (let i = 0; i < 4; i += 1) names.push((await get(balancer.url)).name);
    expect(names).toEqual(['a', 'b', 'a', 'b']);
    expect((await get(balancer.url, { headers: { 'x-forwarded-for': '203.0.113.9' } })).forwardedFor).toBe('203.0.113.9, 127.0.0.1');
  });

  it('skips a backend that refuses the connection, for a POST too', async () => {
    const a = await backend('a');
    servers.push(a.server);
    const balancer = await start([await freePort(), a.port]);
    for (let i = 0; i < 3; i += 1) expect((await get(balancer.url, { method: 'POST', body: '{}' })).name).toBe('a');
  });

  it('answers 502 to a POST cut on its backend (it may have been applied), but retries a GET elsewhere', async () => {
    const cut = await backend('cut', true);
    const a = await backend('a');
    servers.push(cut.server, a.server);
    const balancer = await start([cut.port, a.port]);
    const post = await fetch(balancer.url, { method: 'POST', body: '{}' });
    expect(post.status).toBe(502);
    await post.arrayBuffer();
    // The next round starts on `a`; the one after on `cut`, where the GET is cut and sent on to `a`.
    expect((await get(balancer.url)).name).toBe('a');
    expect((await get(balancer.url)).name).toBe('a');
    expect(balancer.badGateway).toBe(1);
  });
});
