// Certificates rendered per second by one process (build first: pnpm --filter @khuyencong/certificates build).
// node packages/certificates/bench/render.mjs [count]: prints PDFs/s, ms per PDF, PDF size and heap/RSS after.
import { renderCertificatePdf } from '../dist/index.js';

const count = Number(process.argv[2] ?? 300);
const content = (n) => ({
  number: `KV-2022-${String(n).padStart(4, '0')}`,
  level: 'region',
  productName: 'Bộ ấm chén gốm Bàu Trúc được nung thủ công',
  establishmentName: 'Hợp tác xã dệt thổ cẩm Ia Mơ Nông',
  location: 'tỉnh Gia Lai',
  issuedOn: '2022-08-18',
  validUntil: '2025-12-31',
  decisionNumber: '245/QĐ-CĐP',
  decisionDate: '2022-08-18',
  issuer: 'Cục Công Thương địa phương',
  publicBaseUrl: 'http://127.0.0.1:5173',
});

// Warm-up: font parsing and JIT.
for (let n = 1; n <= 20; n++) await renderCertificatePdf(content(n));
const started = process.hrtime.bigint();
const cpuStarted = process.cpuUsage();
let bytes = 0;
for (let n = 1; n <= count; n++) bytes += (await renderCertificatePdf(content(n))).length;
const ms = Number(process.hrtime.bigint() - started) / 1e6;
const cpu = process.cpuUsage(cpuStarted);
const memory = process.memoryUsage();
console.log(
  `${count} PDFs: ${((count * 1000) / ms).toFixed(1)} PDFs/s, ${(ms / count).toFixed(2)} ms wall and ${((cpu.user + cpu.system) / 1000 / count).toFixed(2)} ms CPU each, ` +
    `${Math.round(bytes / count)} bytes each; heap ${(memory.heapUsed / 1048576).toFixed(0)} MB, rss ${(memory.rss / 1048576).toFixed(0)} MB`,
);
