// sanctionguard UI: small progressive enhancements; every page works without them.
"use strict";

// "Select all" checkbox of the alert queue: toggles every checkbox of the named field.
function wireSelectAll() {
  document.querySelectorAll("input[data-select-all]").forEach(function (box) {
    var field = box.getAttribute("data-select-all");
    var boxes = function () {
      return document.querySelectorAll('input[type="checkbox"][name="' + field + '"]');
    };
    box.addEventListener("change", function () {
      boxes().forEach(function (b) { b.checked = box.checked; });
    });
  });
}

// Flash messages are in the page at load; screen readers announce live-region *changes*,
// so the messages are re-inserted once the page is ready.
function announceFlashes() {
  var region = document.getElementById("flashes");
  if (!region || !region.children.length) { return; }
  var items = Array.prototype.slice.call(region.children);
  region.textContent = "";
  window.setTimeout(function () {
    items.forEach(function (item) { region.appendChild(item); });
  }, 100);
}

document.addEventListener("DOMContentLoaded", function () {
  wireSelectAll();
  announceFlashes();
});
