// A static server on 127.0.0.1: the built app (dist/) under /app/ and this folder (the peers' page
// and their npm packages) under /bench/. Cross-origin isolated (COOP + COEP), as a page needs for
// performance.measureUserAgentSpecificMemory and SharedArrayBuffer; everything is same-origin.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';

const TYPES = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.wasm': 'application/wasm',
  '.css': 'text/css',
  '.json': 'application/json',
  '.txt': 'text/plain',
  '.map': 'application/json',
};

export async function startServer({ dist, benchDir }) {
  const roots = { '/app/': dist, '/bench/': benchDir };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://localhost');
    const prefix = Object.keys(roots).find((p) => url.pathname.startsWith(p));
    const root = prefix && path.resolve(roots[prefix]);
    const file = root && path.join(root, decodeURIComponent(url.pathname.slice(prefix.length)) || 'index.html');
    if (!file || !file.startsWith(root) || !fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, {
      'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-embedder-policy': 'require-corp',
      'cross-origin-resource-policy': 'same-origin',
      'cache-control': 'no-store',
    });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${server.address().port}`;
  return { server, origin, app: `${origin}/app/`, peers: `${origin}/bench/web/peers.html` };
}
