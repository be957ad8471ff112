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
  var slip = null, idleTimer = null, sending = false;  // slip: { code, unlocked (the tablet's clock) }
  // Each area of the day has its ballot on the page; a slip opens its area's (on a day of several areas,
  // its first letter says which, so that a tablet with no connection knows too).
  var sections = Array.prototype.slice.call(root.querySelectorAll("[data-panel=ballot]"));
  var section = sections[0], ballotForm = section.querySelector("[data-ballot]");
  function sectionFor(area, code) {
    if (sections.length === 1) { return sections[0]; }
    return sections.filter(function (candidate) {
      return area ? candidate.dataset.area === String(area) : candidate.dataset.letter === code.charAt(0);
    })[0] || null;
  }

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
    root.querySelectorAll("[data-panel]").forEach(function (panel) {
      panel.hidden = panel.dataset.panel !== name || (name === "ballot" && panel !== section);
    });
  }
  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (_, name) { return values[name]; });
  }
  function csrfToken() {
    // The cookie, not the page: signing in again gives a new token, and this page may be older.
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : csrf;
  }
  function updateCount() {
    return queued().then(function (items) {
      var waiting = items.filter(function (item) { return !item.refused; });
      var refused = root.querySelector("[data-refused]"), kept = items.length - waiting.length;
      root.querySelector("[data-waiting]").textContent = waiting.length;
      if (kept && refused.hidden) { refused.hidden = false; refused.textContent = words.refused + ": " + kept; }
      if (!waiting.length) { root.querySelector("[data-signin]").hidden = true; }
      return waiting.length;
    });
  }
  function signInAgain() {
    return updateCount().then(function (waiting) {
      root.querySelector("[data-signin-text]").textContent = fill(words.signin, { n: waiting });
      root.querySelector("[data-signin]").hidden = false;
    });
  }
  var ballotForm = root.querySelector("[data-ballot]");
  function leaveOut(match) {
    var titles = [];
    ballotForm.querySelectorAll(".ballot-row").forEach(function (row) {
      var out = match(row);
      row.toggleAttribute("data-left-out", out);
      row.querySelector("[data-left-out-row]").hidden = !out;
      row.querySelectorAll("input, select").forEach(function (input) { input.disabled = out; });
      if (out) { titles.push(row.dataset.title); }
    });
    section.querySelector("[data-left-out-titles]").textContent = titles.join(", ");
    section.querySelector("[data-left-out-notice]").hidden = !titles.length;
  }
  function lock() {
    slip = null;
    clearTimeout(idleTimer);
    sections.forEach(function (each) {
      section = each;
      ballotForm = each.querySelector("[data-ballot]");
      ballotForm.reset();
      leaveOut(function () { return false; });
      ballotForm.dispatchEvent(new Event("change"));
      each.querySelector("[data-ballot-error]").hidden = true;
    });
    root.querySelector("[data-unlock]").reset();
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
  function post(url, body, key) {
    var headers = { "Content-Type": "application/json", "X-CSRFToken": csrfToken() };
    if (key) { headers["Idempotency-Key"] = key; }
    // Never follow a redirect: a sign-in page answering 200 must not pass for a stored ballot.
    return fetch(url, { method: "POST", credentials: "same-origin", redirect: "manual", headers: headers, body: JSON.stringify(body) })
      .then(function (response) {
        connection(true);
        var json = (response.headers.get("Content-Type") || "").indexOf("application/json") === 0;
        return (json ? response.json() : Promise.resolve({})).then(function (answer) {
          return { status: response.status, redirected: response.type === "opaqueredirect", body: answer };
        });
      });
  }
  function signedOut(answer) {
    return answer.redirected || answer.status === 401 || answer.body.error === "not_officer" ||
      (answer.status === 403 && !answer.body.error);  // a refused CSRF token: signed in again elsewhere
  }

  function send() {
    if (sending) { return Promise.resolve(); }
    sending = true;
    return queued().then(function (items) {
      var chain = Promise.resolve();
      items.filter(function (item) { return !item.refused; }).forEach(function (item) {
        chain = chain.then(function () {
          return post(submitUrl, { slip: item.slip, ballot: item.ballot, unlocked_at: item.unlocked }, item.key)
            .then(function (answer) {
              if (answer.status >= 200 && answer.status < 300 && answer.body.stored === true) { return dequeue(item.key); }
              if (signedOut(answer)) { throw new Error("signed out"); }
              if (answer.body.error && answer.status >= 400 && answer.status < 500 && answer.status !== 429) {
                // Refused for good (a used slip, a broken ballot): kept on the tablet, no longer sent.
                var refused = root.querySelector("[data-refused]");
                refused.hidden = false;
                refused.textContent = words.refused + ": " + (answer.body.messages || []).join(" ");
                item.refused = true;
                return enqueue(item);
              }
              throw new Error("server " + answer.status);
            });
        });
      });
      return chain.then(function () { return updateCount(); });
    }).catch(function (error) {
      if (error && error.message === "signed out") { return signInAgain(); }
      connection(false);
    }).then(function () { sending = false; return updateCount(); });
  }

  function openBallot(chosen, match) {
    section = chosen;
    ballotForm = chosen.querySelector("[data-ballot]");
    leaveOut(match);
    ballotForm.dispatchEvent(new Event("change"));
    show("ballot");
    touch();
  }
  root.querySelector("[data-unlock]").addEventListener("submit", function (event) {
    event.preventDefault();
    var form = this, typed = form.slip.value.replace(/[\s-]/g, "").toUpperCase();
    var length = sections.length === 1 ? 8 : 9;  // a day of several areas: the area's letter first
    var ok = typed.length === length && /^[0-9A-Z]+$/.test(typed) && sectionFor(null, typed) !== null;
    var problem = root.querySelector("[data-unlock-error]");
    root.querySelector("[data-slip-error]").hidden = ok;
    problem.hidden = true;
    if (!ok) { return; }
    var groups = Array.prototype.filter.call(form.querySelectorAll("input[name=group]"), function (box) { return box.checked; })
      .map(function (box) { return box.value; });
    function offline() {
      slip = { code: typed, unlocked: Date.now() };
      openBallot(sectionFor(null, typed), function (row) { return groups.indexOf(row.dataset.group) !== -1; });
    }
    post(root.dataset.slipUrl, { slip: typed }).then(function (answer) {
      var chosen = answer.status === 200 && answer.body.left_out ? sectionFor(answer.body.area, typed) : null;
      if (chosen) {
        var ids = answer.body.left_out.map(function (project) { return String(project.id); });
        slip = { code: typed, unlocked: Date.now() };
        openBallot(chosen, function (row) { return ids.indexOf(row.dataset.proposal) !== -1; });
      } else if (!signedOut(answer) && answer.body.error) {
        problem.textContent = (answer.body.messages || []).join(" ");
        problem.hidden = false;
      } else {
        if (signedOut(answer)) { signInAgain(); }
        offline();
      }
    }, function () { connection(false); offline(); });
  });
  sections.forEach(function (each) {
    var form = each.querySelector("[data-ballot]");
    form.addEventListener("input", touch);
    each.querySelector("[data-cancel]").addEventListener("click", lock);
    form.addEventListener("submit", submitBallot);
  });
  function submitBallot(event) {
    event.preventDefault();
    var fields = {};
    new FormData(this).forEach(function (value, name) { fields[name] = value; });
    if (this.dataset.everyProject) {
      var missing = Array.prototype.some.call(this.querySelectorAll(".ballot-row:not([data-left-out])"), function (row) {
        return !row.querySelector("input:checked");
      });
      if (missing) { section.querySelector("[data-ballot-error]").hidden = false; return; }
    }
    var key = (window.crypto && crypto.randomUUID) ? crypto.randomUUID() : String(Date.now()) + Math.random();
    enqueue({ key: key, slip: slip.code, ballot: fields, unlocked: slip.unlocked, at: Date.now() }).then(function () {
      show("thanks");
      clearTimeout(idleTimer);
      setTimeout(lock, Number(root.dataset.thanksSeconds) * 1000);
      return updateCount().then(send);
    });
  }

  window.addEventListener("online", function () { connection(true); send(); });
  window.addEventListener("offline", function () { connection(false); });
  setInterval(send, 10000);
  connection(navigator.onLine);
  updateCount().then(send);
  if ("serviceWorker" in navigator) {
    navigator.serviceWorker.register(root.dataset.workerUrl, { scope: "/office/decision-days/" }).catch(function () {});
  }
})();
