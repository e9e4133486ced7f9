// newsroom review: sorting and filtering the dashboard's table in the page (it reads without this script)
(function () {
  "use strict";
  var table = document.getElementById("editions");
  if (!table) return;
  document.documentElement.classList.add("js");
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var state = document.getElementById("filter-state");
  var lang = document.getElementById("filter-lang");
  var text = document.getElementById("filter-text");
  var shown = document.getElementById("shown");

  function filter() {
    var wantState = state.value, wantLang = lang.value, words = text.value.trim().toLowerCase();
    var count = 0;
    rows.forEach(function (row) {
      var show = (!wantState || row.dataset.state === wantState) &&
        (!wantLang || row.dataset.pair === wantLang) &&
        (!words || row.dataset.title.indexOf(words) >= 0);
      row.hidden = !show;
      if (show) count += 1;
    });
    shown.value = count + " of " + rows.length + " editions";
    shown.textContent = shown.value;
  }

  var keys = { title: "title", pair: "pair", state: "stateRank", reviewed: "reviewed", left: "left", changed: "changed" };
  function sortBy(header) {
    var key = keys[header.dataset.key], numeric = header.dataset.type === "number";
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    if (header.dataset.key === "state") numeric = true;
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (cell) { cell.removeAttribute("aria-sort"); });
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var sorted = rows.slice().sort(function (a, b) {
      var x = a.dataset[key], y = b.dataset[key];
      var order = numeric ? parseFloat(x) - parseFloat(y) : x.localeCompare(y);
      return ascending ? order : -order;
    });
    var fragment = document.createDocumentFragment();
    sorted.forEach(function (row) { fragment.appendChild(row); });
    body.appendChild(fragment);
  }

  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (header) {
    var button = header.querySelector("button");
    if (button) button.addEventListener("click", function () { sortBy(header); });
  });
  [state, lang].forEach(function (control) { control.addEventListener("change", filter); });
  text.addEventListener("input", filter);
  table.closest("main").querySelector("form.filters").addEventListener("submit", function (event) {
    event.preventDefault();
    filter();
  });
  filter();
})();
