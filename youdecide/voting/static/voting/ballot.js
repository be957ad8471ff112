// Running total on budget and points ballots (its words come translated from the page), and the code
// from a card's QR code filled in.
(function () {
  "use strict";
  var pounds = new Intl.NumberFormat("en-GB", { style: "currency", currency: "GBP", minimumFractionDigits: 0, maximumFractionDigits: 2 });

  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, function (_, name) { return values[name]; });
  }

  function update(form, output) {
    var words = output.dataset, kind = form.dataset.kind, over = false, text;
    if (kind === "knapsack") {
      var pot = Number(form.dataset.pot), spent = 0;
      form.querySelectorAll(".ballot-row").forEach(function (row) {
        var box = row.querySelector("input[type=checkbox]");
        if (box && box.checked) { spent += Number(row.dataset.cost); }
      });
      over = spent > pot;
      text = fill(words.spent, { spent: pounds.format(spent / 100), pot: pounds.format(pot / 100) }) + " — " +
        (over ? fill(words.over, { over: pounds.format((spent - pot) / 100) })
              : fill(words.left, { left: pounds.format((pot - spent) / 100) }));
    } else {
      var total = Number(form.dataset.points), given = 0;
      form.querySelectorAll("input[type=number]").forEach(function (input) { given += Number(input.value || 0); });
      over = given > total;
      text = fill(words.given, { given: given, total: total }) + (over ? " — " + words.tooMany : "");
    }
    output.textContent = text;
    output.classList.toggle("running-total-over", over);
    output.hidden = false;
  }

  document.addEventListener("DOMContentLoaded", function () {
    // The ballot, or each area's ballot on a Decision Day tablet.
    document.querySelectorAll("#ballot, form[data-ballot]").forEach(function (form) {
      var output = form.querySelector("[data-running-total]");
      if (!output) { return; }
      form.addEventListener("input", function () { update(form, output); });
      form.addEventListener("change", function () { update(form, output); });
      update(form, output);
    });
    var code = document.getElementById("id_code");
    var match = window.location.hash.match(/code=([0-9A-Za-z-]+)/);
    if (code && match && !code.value) { code.value = match[1]; }
  });
})();
