// Northstar's service worker: once loaded, the page works offline; online, every request goes to
// the network first, so a new version is taken as soon as it is deployed, and the cache is only
// the fallback. It caches this site's own files and nothing else, and sends nothing anywhere.
const CACHE = 'northstar-v1';

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      const index = await fetch('./', { cache: 'no-cache' });
      const html = await index.clone().text();
      // The page's own files, as the built index.html names them (hashed by Trunk), and the worker's.
      const named = [...html.matchAll(/(?:href|src)="\.\/([^"]+)"/g)].map((m) => `./${m[1]}`);
      const worker = ['./northstar-worker.js', './northstar-worker_bg.wasm', './northstar-worker_loader.js', './manifest.webmanifest'];
      await cache.put('./', index);
      await cache.addAll([...new Set([...named, ...worker])]);
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(
    (async () => {
      try {
        const response = await fetch(request);
        if (response.ok) {
          const cache = await caches.open(CACHE);
          await cache.put(request.mode === 'navigate' ? './' : request, response.clone());
        }
        return response;
      } catch (offline) {
        const cached = (await caches.match(request, { ignoreSearch: true })) ?? (request.mode === 'navigate' ? await caches.match('./') : undefined);
        if (cached) return cached;
        throw offline;
      }
    })(),
  );
});
