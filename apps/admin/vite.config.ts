import { type IncomingMessage } from 'node:http';
import { defineConfig, type ProxyOptions } from 'vite';
import react from '@vitejs/plugin-react';

// The admin talks to the API through the same origin: /api is proxied to the API process in dev and preview.
const apiTarget = process.env.API_URL ?? 'http://127.0.0.1:3000';

/** Headers through which a client could claim another address; the proxy never passes the client's own. */
const FORWARDING_HEADERS = ['forwarded', 'x-forwarded-for', 'x-forwarded-host', 'x-forwarded-proto', 'x-forwarded-port', 'x-real-ip'];

/**
 * The API believes X-Forwarded-For only from the proxies in its TRUSTED_PROXIES (none by default). Whatever
 * the client sent is dropped here and X-Forwarded-For is the address of the connection this proxy accepted,
 * so trusting this proxy (TRUSTED_PROXIES=loopback) never lets a client choose the address the sign-in
 * limits count.
 */
const apiProxy: ProxyOptions = {
  target: apiTarget,
  changeOrigin: false,
  xfwd: false,
  configure(proxy) {
    proxy.on('proxyReq', (proxyRequest, request: IncomingMessage) => {
      for (const header of FORWARDING_HEADERS) proxyRequest.removeHeader(header);
      const address = request.socket.remoteAddress;
      if (address) proxyRequest.setHeader('x-forwarded-for', address);
    });
  },
};
const proxy = { '/api': apiProxy };

export default defineConfig({
  plugins: [react()],
  server: { host: '127.0.0.1', port: 5173, strictPort: true, proxy },
  preview: { host: '127.0.0.1', port: Number(process.env.ADMIN_PORT ?? 5173), strictPort: true, proxy },
  build: { outDir: 'dist', sourcemap: true, chunkSizeWarningLimit: 400 },
});
