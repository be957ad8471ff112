// The simulator's running balance, worked out again whenever a choice changes. The page works without
// it: "Check my balance" asks the server for the same figures. Its words come translated from the page.
(function () {
  "use strict";
  var pounds = new Intl.NumberFormat("en-GB", { style: "currency", currency: "GBP", minimumFractionDigits: 0, maximumFractionDigits: 2 });

  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (_, name) { return values[name]; });
  }

  function update(form, panel) {
    var found = 0, target = Number(form.dataset.target), words = panel.dataset;
    form.querySelectorAll("input[type=radio]:checked").forEach(function (input) {
      var step = input.closest(".step");
      if (!step) { return; }
      if (step.dataset.change !== undefined) { found -= Number(step.dataset.change); }
      if (step.dataset.saving !== undefined) { found += Number(step.dataset.saving); }
    });
    var met = found >= target;
    panel.querySelector("[data-balance-found]").textContent =
      fill(words.found, { found: pounds.format(found / 100), target: pounds.format(target / 100) });
    panel.querySelector("[data-balance-left]").textContent = met
      ? fill(words.met, { spare: pounds.format((found - target) / 100) })
      : fill(words.short, { short: pounds.format((target - found) / 100) });
    panel.classList.toggle("balance-met", met);
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("simulator");
    var panel = document.getElementById("balance");
    if (!form || !panel) { return; }
    form.addEventListener("change", function () { update(form, panel); });
    var check = form.querySelector("[data-check-button]");
    if (check) { check.hidden = true; }
  });
})();
