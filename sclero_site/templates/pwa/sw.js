// The site's service worker (sclero_site/pwa.py serves it at /sw.js, scope /).
//
// The rule: it stores only what any visitor could read. On install, the static
// files and the offline pages; later, the articles a member saves for offline
// reading ("Save for offline reading" on an article posts {type: "save"} here).
// Both are fetched with credentials "omit", so no cookie goes with them and no
// member's page is ever stored. Nothing else is written to a cache: members'
// pages, messages, photos, accounts, anything "private" or "no-store" only ever
// pass through. Without a connection, a page opens from the saved articles, or
// else the offline page in its language.
"use strict";

const CONFIG = {{ config|safe }};
const STATIC_CACHE = `static-${CONFIG.version}`;
const SAVED_CACHE = "saved-articles";
const SAVABLE = /^\/(zh-hant\/)?articles\/[^/]+\/$/;
// Never stored, whatever a response says (defence in depth: nothing under these
// addresses is savable or precached in the first place).
const NEVER = /^\/(zh-hant\/)?(accounts|messages|members|forum|admin|search|media\/private)(\/|$)/;

function mayStore(url, response) {
  const path = new URL(url).pathname;
  const control = (response.headers.get("Cache-Control") || "").toLowerCase();
  return (
    new URL(url).origin === self.location.origin &&
    !NEVER.test(path) &&
    response.ok &&
    response.type === "basic" &&
    !/\b(private|no-store)\b/.test(control) &&
    !response.headers.has("Set-Cookie")
  );
}

async function fetchPublic(path) {
  return fetch(path, { credentials: "omit", cache: "no-cache" });
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(STATIC_CACHE);
      for (const path of CONFIG.precache) {
        const response = await fetchPublic(path);
        if (!mayStore(response.url, response)) {
          throw new Error(`not stored: ${path}`);
        }
        await cache.put(path, response);
      }
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith("static-") && name !== STATIC_CACHE) {
          await caches.delete(name);
        }
      }
      if (self.registration.navigationPreload) {
        await self.registration.navigationPreload.enable();
      }
      await self.clients.claim();
    })(),
  );
});

function offlinePage(path) {
  const prefixes = Object.keys(CONFIG.offline).sort((a, b) => b.length - a.length);
  const prefix = prefixes.find((p) => path.startsWith(p)) || "/";
  return caches.match(CONFIG.offline[prefix], { ignoreVary: true });
}

async function navigate(event) {
  try {
    return (await event.preloadResponse) || (await fetch(event.request));
  } catch (error) {
    const path = new URL(event.request.url).pathname;
    const saved = await caches.open(SAVED_CACHE);
    return (
      (await saved.match(path, { ignoreVary: true })) ||
      (await offlinePage(path)) ||
      Response.error()
    );
  }
}

// "site.css" and "site.0123456789ab.css" are the same file, a deploy apart: a saved
// article keeps its look offline after the names changed.
const unhashed = (path) => path.replace(/\.[0-9a-f]{12}(\.\w+)$/, "$1");

async function staticFile(request) {
  try {
    return await fetch(request);
  } catch (error) {
    const path = new URL(request.url).pathname;
    const cache = await caches.open(STATIC_CACHE);
    const same = CONFIG.precache.find((p) => unhashed(p) === unhashed(path));
    return (
      (await cache.match(path, { ignoreVary: true })) ||
      (same && (await cache.match(same, { ignoreVary: true }))) ||
      Response.error()
    );
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) {
    return;
  }
  if (request.mode === "navigate") {
    event.respondWith(navigate(event));
  } else if (url.pathname.startsWith("/static/")) {
    event.respondWith(staticFile(request));
  }
  // Anything else (photos, media, scripts' requests) goes to the network untouched.
});

async function save(address) {
  const url = new URL(address, self.location.origin);
  if (url.origin !== self.location.origin || !SAVABLE.test(url.pathname)) {
    return false;
  }
  const response = await fetchPublic(url.pathname);
  const type = response.headers.get("Content-Type") || "";
  const path = new URL(response.url).pathname;
  if (!SAVABLE.test(path) || !type.startsWith("text/html") || !mayStore(response.url, response)) {
    return false;
  }
  // A fresh response (not "redirected"), so a navigation can be answered with it.
  const copy = new Response(await response.blob(), { headers: response.headers });
  await (await caches.open(SAVED_CACHE)).put(path, copy);
  return true;
}

self.addEventListener("message", (event) => {
  const data = event.data || {};
  const port = event.ports[0];
  if (data.type === "save" && port) {
    event.waitUntil(
      save(data.url).then(
        (ok) => port.postMessage({ ok }),
        () => port.postMessage({ ok: false }),
      ),
    );
  }
});
