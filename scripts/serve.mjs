#!/usr/bin/env node
// Serves the built site (dist/) with the cross-origin isolation headers, like a static host would.
// Usage: node scripts/serve.mjs   (PORT=8080 to change the port; default 4173)
import http from 'node:http';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import handler from 'serve-handler';
import { crossOriginHeaders } from './headers.js';

const root = fileURLToPath(new URL('../dist/', import.meta.url));
if (!existsSync(new URL('../dist/index.html', import.meta.url))) {
  console.error(
    'dist/index.html is missing: build the site first with `npm run build` (or use `npm start`).',
  );
  process.exit(1);
}

const port = Number(process.env.PORT ?? 4173);
const host = process.env.HOST ?? '127.0.0.1';
const headers = Object.entries(crossOriginHeaders).map(([key, value]) => ({ key, value }));

const server = http.createServer((request, response) =>
  handler(request, response, {
    public: root,
    directoryListing: false,
    headers: [{ source: '**/*', headers }],
  }).catch((error) => {
    console.error(`Could not serve ${request.url}:`, error);
    if (!response.headersSent) response.writeHead(500, { 'Content-Type': 'text/plain' });
    response.end('Internal server error');
  }),
);

server.on('error', (error) => {
  console.error(`Could not listen on ${host}:${port}: ${error.message}. Set PORT to a free port.`);
  process.exit(1);
});

server.listen(port, host, () => {
  console.log(`Rivulet is served at http://${host === '0.0.0.0' ? 'localhost' : host}:${port}/`);
});

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.close(() => process.exit(0)));
