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

/**
 * What the production server (vite preview, started by npm start) sends with every page, as the API does: no
 * framing, no sniffing, no referrer, and a policy that runs only this origin's scripts. Styles may be inline
 * (antd writes its CSS at run time); dossier previews are blob: URLs shown in frames and images.
 */
export const ADMIN_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "frame-src 'self' blob:",
  "object-src 'none'",
  "font-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');
const headers = {
  'Content-Security-Policy': ADMIN_CSP,
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

export default defineConfig({
  plugins: [react()],
  server: { host: '127.0.0.1', port: 5173, strictPort: true, proxy },
  preview: { host: '127.0.0.1', port: Number(process.env.ADMIN_PORT ?? 5173), strictPort: true, proxy, headers },
  // No source maps are published: the bundle is what runs, the source stays in the repository.
  build: { outDir: 'dist', sourcemap: false, chunkSizeWarningLimit: 400 },
});
