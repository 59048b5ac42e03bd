// Northstar's service worker: once loaded, the page works offline; online, every request goes to
// the network first, so a new version is taken as soon as it is deployed, and the cache is only
// the fallback. It caches this site's own files and nothing else, and sends nothing anywhere.
// Each new index.html prunes the cache to the files it names, so a deploy's old hashed files go.
const CACHE = 'northstar-v1';
// The worker's files and the icon, which index.html does not name.
const UNNAMED = ['./northstar-worker.js', './northstar-worker_bg.wasm', './northstar-worker_loader.js', './manifest.webmanifest', './icon.svg'];

/// The page's own files, as a built index.html names them (hashed by Trunk).
const named = (html) => [...html.matchAll(/(?:href|src)="\.\/([^"]+)"/g)].map((m) => `./${m[1]}`);

/// Drops every cached file that the current index.html and the worker no longer use.
async function prune(cache, html) {
  const keep = new Set(['./', ...named(html), ...UNNAMED].map((path) => new URL(path, self.registration.scope).href));
  for (const request of await cache.keys()) if (!keep.has(request.url)) await cache.delete(request);
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      const index = await fetch('./', { cache: 'no-cache' });
      const html = await index.clone().text();
      await cache.put('./', index);
      await cache.addAll([...new Set([...named(html), ...UNNAMED])]);
      await prune(cache, html);
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
          if (request.mode === 'navigate') event.waitUntil(response.clone().text().then((html) => prune(cache, html)));
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
