import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The admin talks to the API through the same origin: /api is proxied to the API process in dev and preview.
const apiTarget = process.env.API_URL ?? 'http://127.0.0.1:3000';
const proxy = { '/api': { target: apiTarget, changeOrigin: false } };

export default defineConfig({
  plugins: [react()],
  server: { host: '127.0.0.1', port: 5173, strictPort: true, proxy },
  preview: { host: '127.0.0.1', port: Number(process.env.ADMIN_PORT ?? 5173), strictPort: true, proxy },
  build: { outDir: 'dist', sourcemap: true, chunkSizeWarningLimit: 400 },
});
