// The tablet app's service worker: the app opens without waiting for the network. The app shell
// (index.html) comes from the cache and is refreshed in the background, so a new release runs from the
// next start; hashed assets never change and are cached on first use. API calls, uploads and
// everything else go to the network untouched.
const CACHE = 'table-order-app-v1';
const SHELL = '/';

// The first start ran before this worker existed: cache the shell and the assets it names now.
self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      const response = await fetch(SHELL, { cache: 'no-cache' });
      if (response.ok) {
        const html = await response.clone().text();
        await cache.put(SHELL, response);
        const assets = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]);
        await cache.addAll(assets);
      }
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    if (url.pathname.startsWith('/admin') || url.pathname.startsWith('/api/')) return;
    event.respondWith(shell(event));
  } else if (url.pathname.startsWith('/assets/')) {
    event.respondWith(asset(request));
  }
});

/** Every tablet route is the same index.html: answer from the cache, refresh it for the next start. */
async function shell(event) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(SHELL);
  const fresh = fetch(event.request).then(async (response) => {
    if (response.ok && response.headers.get('content-type')?.includes('text/html')) {
      await cache.put(SHELL, response.clone());
      await prune(cache, await response.clone().text());
    }
    return response;
  });
  if (!cached) return fresh;
  event.waitUntil(fresh.catch(() => undefined));
  return cached;
}

/** Hashed assets: the cached copy, else the network's (kept when it succeeded). */
async function asset(request) {
  const cache = await caches.open(CACHE);
  const cached = await cache.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

/** Drops cached assets the newest index.html no longer names (older releases). */
async function prune(cache, html) {
  for (const request of await cache.keys()) {
    const path = new URL(request.url).pathname;
    if (path.startsWith('/assets/') && !html.includes(path)) await cache.delete(request);
  }
}
