// Search over the site's prebuilt index (search/index.js sets
// window.IGF_SEARCH): every word typed must appear in an entry's title or
// text. Results are built with textContent, never as HTML.
(function () {
  "use strict";
  var index = window.IGF_SEARCH || [];
  var form = document.getElementById("search");
  var input = document.getElementById("q");
  var list = document.getElementById("results");
  var summary = document.getElementById("summary");
  var hay = index.map(function (e) {
    return (e.t + " " + (e.x || "") + " " + (e.d || "")).toLowerCase();
  });
  function run(q) {
    while (list.firstChild) list.removeChild(list.firstChild);
    var words = q.toLowerCase().split(/\s+/).filter(Boolean);
    if (!words.length) { summary.textContent = index.length + " pages and items can be searched."; return; }
    var found = 0;
    for (var i = 0; i < index.length; i++) {
      var ok = true;
      for (var j = 0; j < words.length; j++) {
        if (hay[i].indexOf(words[j]) < 0) { ok = false; break; }
      }
      if (!ok) continue;
      found++;
      var e = index[i], li = document.createElement("li"), a = document.createElement("a");
      a.href = "../" + e.u;
      a.textContent = e.t || e.u;
      var k = document.createElement("span");
      k.className = "kind";
      k.textContent = " (" + e.k + (e.d ? ", " + e.d : "") + ")";
      li.appendChild(a);
      li.appendChild(k);
      list.appendChild(li);
    }
    summary.textContent = found === 1 ? "1 result." : found + " results.";
  }
  var q = new URLSearchParams(window.location.search).get("q") || "";
  input.value = q;
  run(q);
  form.addEventListener("submit", function (ev) { ev.preventDefault(); run(input.value); });
  input.addEventListener("input", function () { run(input.value); });
})();
