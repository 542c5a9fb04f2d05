// Keeps the helper's pages (我的帮扶, the two forms of each household, 待发送) and the app's files so they open without
// signal: network first, the last copy when there is none. The API is never cached: records are sent by offline.js.
'use strict';
var PAGES = 'tx-pages-v1', SHELL = 'tx-shell-v2';
var SHELL_FILES = ['/lib/bootstrap.min.css', '/css/site.css', '/lib/bootstrap.bundle.min.js', '/lib/htmx.min.js', '/js/site.js', '/js/offline.js',
  '/manifest.webmanifest', '/icons/icon-192.png'];

self.addEventListener('install', function (e) {
  e.waitUntil(caches.open(SHELL).then(function (c) { return c.addAll(SHELL_FILES); }).catch(function () { }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener('activate', function (e) {
  e.waitUntil(caches.keys().then(function (keys) {
    return Promise.all(keys.filter(function (k) { return k !== PAGES && k !== SHELL; }).map(function (k) { return caches.delete(k); }));
  }).then(function () { return self.clients.claim(); }));
});

function isPage(path) {
  return path === '/Pairing/Mine' || path === '/Pairing/Outbox' || /^\/Pairing\/(Log|Visit)\/[0-9a-fA-F-]{36}$/.test(path);
}

function isShell(path) {
  return /^\/(lib|css|js|icons)\//.test(path) || path === '/manifest.webmanifest';
}

self.addEventListener('fetch', function (e) {
  var req = e.request, url = new URL(req.url);
  if (req.method !== 'GET' || url.origin !== self.location.origin) { return; }
  // The home address (the installed app's start) opens 我的帮扶 from the phone's copy when there is no signal.
  if (url.pathname === '/' && req.mode === 'navigate') {
    e.respondWith(fetch(req).catch(function () {
      return caches.open(PAGES).then(function (c) { return c.match('/Pairing/Mine'); }).then(function (hit) { return hit || offlinePage(); });
    }));
    return;
  }
  var page = isPage(url.pathname);
  if (!page && !isShell(url.pathname)) { return; }
  var cacheName = page ? PAGES : SHELL;
  e.respondWith(fetch(req).then(function (res) {
    // Only a page the user really got (not the sign-in page it redirects to) is kept.
    if (res.ok && !res.redirected && res.type === 'basic') {
      var copy = res.clone();
      caches.open(cacheName).then(function (c) { return c.put(page ? url.pathname : req, copy); });
    }
    return res;
  }, function () {
    return caches.open(cacheName).then(function (c) { return c.match(page ? url.pathname : req, { ignoreSearch: true }); })
      .then(function (hit) { return hit || offlinePage(); });
  }));
});

function offlinePage() {
  return new Response('<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">'
    + '<title>没有信号</title><link rel="stylesheet" href="/lib/bootstrap.min.css"></head><body class="p-3"><h1 class="h5">没有信号</h1>'
    + '<p>此页面尚未保存在手机上。有信号时打开一次“我的帮扶”，以后没有信号也能使用。</p>'
    + '<p><a class="btn btn-primary" href="/Pairing/Mine">我的帮扶</a> <a class="btn btn-outline-secondary" href="/Pairing/Outbox">待发送</a></p></body></html>',
    { status: 503, headers: { 'Content-Type': 'text/html; charset=utf-8' } });
}
