// The tablet kiosk. An officer unlocks one ballot with a slip code; the voter fills it in; the ballot goes
// into a queue kept in IndexedDB (so it survives a dropped connection or a reload) and is sent with its
// idempotency key until the server has it. The screen then clears itself; nothing about the voter stays.
(function () {
  "use strict";
  var root = document.getElementById("kiosk");
  if (!root) { return; }
  var words = root.querySelector("[data-words]").dataset;
  var csrf = root.querySelector("input[name=csrfmiddlewaretoken]").value;
  var submitUrl = root.dataset.submitUrl;
  var store = "ballots", dbName = "youdecide-kiosk-" + root.dataset.event;
  var slip = null, idleTimer = null, sending = false;

  function openDb() {
    return new Promise(function (resolve, reject) {
      var request = indexedDB.open(dbName, 1);
      request.onupgradeneeded = function () { request.result.createObjectStore(store, { keyPath: "key" }); };
      request.onsuccess = function () { resolve(request.result); };
      request.onerror = function () { reject(request.error); };
    });
  }
  function withStore(mode, work) {
    return openDb().then(function (db) {
      return new Promise(function (resolve, reject) {
        var tx = db.transaction(store, mode), result = work(tx.objectStore(store));
        tx.oncomplete = function () { resolve(result && result.result !== undefined ? result.result : result); };
        tx.onerror = function () { reject(tx.error); };
      });
    });
  }
  function queued() { return withStore("readonly", function (s) { return s.getAll(); }); }
  function enqueue(item) { return withStore("readwrite", function (s) { s.put(item); }); }
  function dequeue(key) { return withStore("readwrite", function (s) { s.delete(key); }); }

  function show(name) {
    root.querySelectorAll("[data-panel]").forEach(function (panel) { panel.hidden = panel.dataset.panel !== name; });
  }
  function updateCount() {
    return queued().then(function (items) { root.querySelector("[data-waiting]").textContent = items.length; });
  }
  function lock() {
    slip = null;
    clearTimeout(idleTimer);
    root.querySelector("[data-ballot]").reset();
    root.querySelector("[data-unlock]").reset();
    root.querySelector("[data-ballot-error]").hidden = true;
    show("locked");
  }
  function touch() {
    clearTimeout(idleTimer);
    idleTimer = setTimeout(lock, Number(root.dataset.idleSeconds) * 1000);
  }
  function connection(online) {
    root.querySelector("[data-connection]").textContent = online ? words.online : words.offline;
    root.classList.toggle("kiosk-offline", !online);
  }

  function send() {
    if (sending) { return Promise.resolve(); }
    sending = true;
    return queued().then(function (items) {
      var chain = Promise.resolve();
      items.forEach(function (item) {
        chain = chain.then(function () {
          return fetch(submitUrl, {
            method: "POST",
            credentials: "same-origin",
            headers: { "Content-Type": "application/json", "X-CSRFToken": csrf, "Idempotency-Key": item.key },
            body: JSON.stringify({ slip: item.slip, choices: item.choices })
          }).then(function (response) {
            connection(true);
            if (response.ok) { return dequeue(item.key); }
            if (response.status === 403 || response.redirected) { throw new Error(words.signin); }
            if (response.status >= 400 && response.status < 500) {
              return response.json().then(function (body) {
                var refused = root.querySelector("[data-refused]");
                refused.hidden = false;
                refused.textContent = words.refused + ": " + (body.messages || []).join(" ");
                return dequeue(item.key);
              });
            }
            throw new Error("server " + response.status);
          });
        });
      });
      return chain;
    }).catch(function () { connection(false); })
      .then(function () { sending = false; return updateCount(); });
  }

  root.querySelector("[data-unlock]").addEventListener("submit", function (event) {
    event.preventDefault();
    var typed = this.slip.value.replace(/[\s-]/g, "").toUpperCase();
    var ok = /^[0-9A-Z]{8}$/.test(typed);
    root.querySelector("[data-slip-error]").hidden = ok;
    if (!ok) { return; }
    slip = typed;
    show("ballot");
    touch();
  });
  root.querySelector("[data-ballot]").addEventListener("input", touch);
  root.querySelector("[data-cancel]").addEventListener("click", lock);
  root.querySelector("[data-ballot]").addEventListener("submit", function (event) {
    event.preventDefault();
    var choices = {}, names = {};
    Array.prototype.forEach.call(this.elements, function (input) {
      if (!input.name || input.name.charAt(0) !== "p") { return; }
      names[input.name] = true;
      var id = input.name.slice(1);
      if ((input.type === "radio" || input.type === "checkbox") && !input.checked) { return; }
      if (input.value === "") { return; }
      choices[id] = Number(input.value);
    });
    if (root.dataset.everyProject && Object.keys(choices).length < Object.keys(names).length) {
      root.querySelector("[data-ballot-error]").hidden = false;
      return;
    }
    var key = (window.crypto && crypto.randomUUID) ? crypto.randomUUID() : String(Date.now()) + Math.random();
    enqueue({ key: key, slip: slip, choices: choices, at: Date.now() }).then(function () {
      show("thanks");
      clearTimeout(idleTimer);
      setTimeout(lock, Number(root.dataset.thanksSeconds) * 1000);
      return updateCount().then(send);
    });
  });

  window.addEventListener("online", function () { connection(true); send(); });
  window.addEventListener("offline", function () { connection(false); });
  setInterval(send, 10000);
  connection(navigator.onLine);
  updateCount().then(send);
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register(root.dataset.workerUrl, { scope: "/office/decision-days/" }).catch(function () {});
  }
})();
