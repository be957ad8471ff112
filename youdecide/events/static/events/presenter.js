// The pitch timer on the projector: counts down from the slot's start, shown in minutes and seconds.
(function () {
  "use strict";
  function tick() {
    var timer = document.querySelector(".pitch-timer");
    if (!timer || !timer.dataset.started) { return; }
    var left = Number(timer.dataset.seconds) - Math.floor((Date.now() - Date.parse(timer.dataset.started)) / 1000);
    var shown = Math.max(0, left);
    timer.textContent = Math.floor(shown / 60) + ":" + String(shown % 60).padStart(2, "0");
    timer.classList.toggle("pitch-timer-over", left <= 0);
  }
  setInterval(tick, 250);
})();
