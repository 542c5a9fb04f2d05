// The phone's outbox (ADR 0027-phone). Support-log and visit forms are sent with fetch to the API; without signal the
// record (fields, photos, the id made on the phone) is kept in IndexedDB and sent, in the order written, when the line
// is back. The id makes a send idempotent: a record whose answer was lost is sent again and stored once. A 409 stays on
// the phone as a conflict for the user to settle on /Pairing/Outbox. Items are kept per signed-in user.
(function () {
  'use strict';
  var user = document.body.getAttribute('data-user') || '';
  var DB = 'tongxing-outbox', STORE = 'items', PAGES = 'tx-pages-v1';

  // Pages kept for use without signal belong to the user who opened them: another user on this phone starts afresh.
  try {
    if (window.caches && localStorage.getItem('tx-cache-user') !== user) {
      caches.delete(PAGES);
      localStorage.setItem('tx-cache-user', user);
    }
  } catch (e) { /* storage unavailable: nothing kept */ }
  if (!user) { return; }

  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register('/sw.js').catch(function () { /* the forms still work online */ });
  }

  function newId() {
    if (window.crypto && crypto.randomUUID) { return crypto.randomUUID(); }
    var b = crypto.getRandomValues(new Uint8Array(16));
    b[6] = (b[6] & 15) | 64; b[8] = (b[8] & 63) | 128;
    var h = Array.prototype.map.call(b, function (x) { return (x + 256).toString(16).slice(1); }).join('');
    return h.slice(0, 8) + '-' + h.slice(8, 12) + '-' + h.slice(12, 16) + '-' + h.slice(16, 20) + '-' + h.slice(20);
  }

  function open() {
    return new Promise(function (resolve, reject) {
      var req = indexedDB.open(DB, 1);
      req.onupgradeneeded = function () { req.result.createObjectStore(STORE, { keyPath: 'key' }).createIndex('user', 'user'); };
      req.onsuccess = function () { resolve(req.result); };
      req.onerror = function () { reject(req.error); };
    });
  }
  function tx(mode, work) {
    return open().then(function (db) {
      return new Promise(function (resolve, reject) {
        var t = db.transaction(STORE, mode), store = t.objectStore(STORE), result;
        Promise.resolve(work(store)).then(function (r) { result = r; });
        t.oncomplete = function () { resolve(result); };
        t.onerror = function () { reject(t.error); };
      });
    });
  }
  function put(item) { return tx('readwrite', function (s) { s.put(item); }); }
  function remove(key) { return tx('readwrite', function (s) { s.delete(key); }); }
  function mine() {
    return tx('readonly', function (s) {
      return new Promise(function (resolve) {
        var r = s.index('user').getAll(user);
        r.onsuccess = function () { resolve(r.result.sort(function (a, b) { return a.createdAt < b.createdAt ? -1 : 1; })); };
      });
    });
  }

  function formData(item) {
    var fd = new FormData();
    item.fields.forEach(function (f) { fd.append(f[0], f[1]); });
    item.files.forEach(function (f) { fd.append('photos', f.blob, f.name); });
    return fd;
  }

  // Sends one item; resolves to {ok}, {conflict, message}, {invalid, errors} or {retry, message} (no signal, signed out, server busy).
  function send(item) {
    return fetch(item.url, { method: 'POST', body: formData(item), credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (r) {
        if (r.ok) { return r.json().then(function (body) { return { ok: true, body: body }; }); }
        return r.json().catch(function () { return {}; }).then(function (p) {
          if (r.status === 409) { return { conflict: p.conflict || 'changed', message: p.detail || '数据已被他人修改' }; }
          if (r.status === 400 || r.status === 413) { return { invalid: true, errors: p.errors || {}, message: p.detail || p.title || '提交的数据有误' }; }
          if (r.status === 401 || r.status === 403) { return { retry: true, message: '请重新登录后发送' }; }
          if (r.status === 404) { return { invalid: true, errors: {}, message: '未找到该户，或您已无权记录' }; }
          return { retry: true, message: '服务器暂时无法保存，稍后自动重试' };
        });
      }, function () { return { retry: true, message: '没有信号，待有信号时自动发送' }; });
  }

  var sending = false;
  function flush() {
    if (sending || !navigator.onLine) { return refresh(); }
    sending = true;
    return mine().then(function (items) {
      var waiting = items.filter(function (i) { return i.state === 'waiting'; });
      return waiting.reduce(function (p, item) {
        return p.then(function (stop) {
          if (stop) { return true; }
          return send(item).then(function (r) {
            if (r.ok) { return remove(item.key).then(function () { return false; }); }
            if (r.retry) { item.message = r.message; return put(item).then(function () { return true; }); }
            item.state = r.conflict ? 'conflict' : 'failed';
            item.conflict = r.conflict || null;
            var reasons = r.errors ? Object.keys(r.errors).map(function (k) { return r.errors[k].join('；'); }).join('；') : '';
            item.message = reasons ? r.message + '：' + reasons : r.message;
            return put(item).then(function () { return false; });
          });
        });
      }, Promise.resolve(false));
    }).catch(function () { /* IndexedDB unavailable */ }).then(function () { sending = false; return refresh(); });
  }

  function refresh() {
    return mine().then(function (items) {
      var badge = document.getElementById('tx-outbox');
      if (badge) {
        badge.hidden = items.length === 0;
        badge.querySelector('[data-count]').textContent = String(items.length);
      }
      renderOutbox(items);
    }).catch(function () { });
  }

  function renderOutbox(items) {
    var list = document.getElementById('tx-outbox-list'), tpl = document.getElementById('tx-outbox-item');
    if (!list || !tpl) { return; }
    Array.prototype.slice.call(list.querySelectorAll('.card')).forEach(function (c) { c.remove(); });
    list.querySelector('[data-outbox-empty]').hidden = items.length > 0;
    items.forEach(function (item) {
      var node = tpl.content.cloneNode(true), card = node.querySelector('.card');
      function f(name) { return node.querySelector('[data-f="' + name + '"]'); }
      f('title').textContent = item.label + '：' + item.head + ' 户';
      var state = f('state');
      state.textContent = item.state === 'waiting' ? '待发送' : item.state === 'conflict' ? '有冲突' : '未能保存';
      state.className = 'badge ' + (item.state === 'waiting' ? 'text-bg-secondary' : 'text-bg-danger');
      f('when').textContent = '填写于 ' + new Date(item.createdAt).toLocaleString('zh-CN') + (item.files.length ? ' · 照片 ' + item.files.length + ' 张' : '');
      f('summary').textContent = item.summary || '';
      f('message').textContent = item.message || '';
      if (item.state !== 'waiting') {
        f('actions').hidden = false;
        var confirm = node.querySelector('[data-act="confirm"]');
        confirm.hidden = item.conflict !== 'possible-duplicate';
        confirm.addEventListener('click', function () {
          item.fields = item.fields.filter(function (x) { return x[0] !== 'confirmDuplicate'; }).concat([['confirmDuplicate', 'true']]);
          item.state = 'waiting'; item.message = ''; item.conflict = null;
          put(item).then(flush);
        });
        node.querySelector('[data-act="drop"]').addEventListener('click', function () {
          if (window.confirm('放弃后这条记录将从手机上删除，不会发送。确定放弃？')) { remove(item.key).then(refresh); }
        });
      }
      list.appendChild(card);
    });
  }

  function showErrors(form, errors) {
    Array.prototype.forEach.call(form.querySelectorAll('[data-error]'), function (el) {
      var e = errors[el.getAttribute('data-error')];
      el.textContent = e ? e.join('；') : '';
    });
  }

  function locate(form) {
    var box = form.querySelector('[data-record-location]');
    if (!box || !box.checked || !navigator.geolocation) { return Promise.resolve(); }
    return new Promise(function (resolve) {
      navigator.geolocation.getCurrentPosition(function (p) {
        form.elements.latitude.value = String(p.coords.latitude);
        form.elements.longitude.value = String(p.coords.longitude);
        form.elements.accuracy.value = String(Math.round(p.coords.accuracy));
        resolve();
      }, function () { resolve(); }, { timeout: 8000, maximumAge: 60000 });
    });
  }

  function status(form, text) {
    var box = form.parentNode.querySelector('[data-form-status]');
    if (box) { box.textContent = text; box.hidden = !text; }
  }

  Array.prototype.forEach.call(document.querySelectorAll('form[data-offline-send]'), function (form) {
    // A fresh id for each record written on this page (a cached page would otherwise repeat the id it was drawn with).
    var idField = form.querySelector('[data-record-id]');
    if (!form.querySelector('.text-danger:not(:empty)')) { idField.value = newId(); }
    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      var button = form.querySelector('[type=submit]');
      button.disabled = true;
      form.elements.writtenAt.value = new Date().toISOString();
      locate(form).then(function () {
        var fd = new FormData(form), fields = [], files = [];
        fd.forEach(function (v, k) {
          if (k === 'photos') { if (v && v.size > 0) { files.push({ name: v.name || 'photo.jpg', blob: v }); } }
          else if (k !== '__RequestVerificationToken' && k !== 'recordLocation') { fields.push([k, String(v)]); }
        });
        var text = fd.get('content') || fd.get('findings') || '';
        var item = {
          key: idField.value, user: user, url: form.getAttribute('data-offline-send'), head: form.getAttribute('data-head'),
          label: form.getAttribute('data-label'), summary: String(text).slice(0, 60), fields: fields, files: files,
          createdAt: new Date().toISOString(), state: 'waiting', message: ''
        };
        var done = function (message) {
          status(form, message);
          showErrors(form, {});
          form.reset();
          idField.value = newId();
          button.disabled = false;
          refresh();
        };
        var keep = function () {
          return put(item).then(function () { done('已保存在手机上，待有信号时自动发送'); },
            function () { button.disabled = false; status(form, '手机无法保存这条记录（存储不可用），请有信号时再提交'); });
        };
        if (!navigator.onLine) { return keep(); }
        return send(item).then(function (r) {
          if (r.ok) { return done(r.body.duplicate ? '该记录已保存过，未重复保存' : '已保存。'); }
          if (r.retry) { return keep(); }
          button.disabled = false;
          if (r.invalid) { showErrors(form, r.errors); status(form, r.message); return; }
          if (r.conflict === 'possible-duplicate') {
            item.state = 'conflict'; item.conflict = r.conflict; item.message = r.message;
            return put(item).then(function () { done(r.message + '（已放入“待发送”，可选择仍然发送或放弃）'); });
          }
          status(form, r.message);
        });
      });
    });
  });

  // The forms of the helper's households are kept for use without signal, as the service worker keeps the pages it
  // fetches (stored here directly: the page may not be under the service worker yet on its first visit).
  if (navigator.onLine && window.caches) {
    caches.open(PAGES).then(function (cache) {
      // 我的帮扶 and 待发送 themselves too: on the first visit this page came before the service worker did.
      var hrefs = Array.prototype.map.call(document.querySelectorAll('a[data-precache]'), function (a) { return a.getAttribute('href'); });
      if (document.body.getAttribute('data-helper') === 'true') { hrefs.push('/Pairing/Mine', '/Pairing/Outbox'); }
      hrefs.forEach(function (href) {
        fetch(href, { credentials: 'same-origin' }).then(function (res) {
          if (res.ok && !res.redirected) { return cache.put(href, res); }
        }).catch(function () { });
      });
    });
  }
  Array.prototype.forEach.call(document.querySelectorAll('[data-outbox-send]'), function (b) { b.addEventListener('click', flush); });
  window.addEventListener('online', flush);
  flush();
})();
