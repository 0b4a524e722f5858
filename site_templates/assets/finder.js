/* Program finder: filters the programs in find/programs.json as the user chooses, keeps the
   filters in the address (shareable; the words go in "words", not "q", because Material opens its
   search dialog for any address with ?q=), and never puts content into the page as HTML. Without
   JavaScript the page lists every program by community. */
(function () {
  "use strict";
  var FILTERS = ["community", "goal_path", "stream", "language", "delivery_mode", "time_of_day", "training_support", "intake_status"];

  function fold(text) {
    return String(text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function matches(program, state, communities) {
    for (var i = 0; i < FILTERS.length; i++) {
      var name = FILTERS[i], wanted = state[name];
      if (!wanted) continue;
      var value = program[name];
      if (Array.isArray(value) ? value.indexOf(wanted) < 0 : value !== wanted) return false;
    }
    if (!state.words) return true;
    var haystack = [program.name, program.org, program.summary, program.how_to_start]
      .concat(program.sites.map(function (s) { return s.name + " " + s.address; }))
      .concat(program.community.map(function (c) { return communities[c] || ""; }));
    var text = fold(haystack.join(" "));
    return fold(state.words).split(/\s+/).every(function (word) { return !word || text.indexOf(word) >= 0; });
  }

  function card(program, base, strings) {
    var item = el("li", "ld-result");
    var heading = el("h3");
    var link = el("a", "", program.name);
    link.href = base + program.url;
    heading.appendChild(link);
    item.appendChild(heading);
    item.appendChild(el("p", "ld-org", program.org));
    if (program.summary) item.appendChild(el("p", "", program.summary));
    program.sites.forEach(function (site) {
      item.appendChild(el("p", "ld-where", site.address + (site.hours ? " · " + site.hours : "")));
    });
    if (program.phone) {
      var phone = el("p", "ld-phone");
      var call = el("a", "", strings.call + " " + program.phone);
      call.href = "tel:+1" + program.phone.replace(/^1-/, "").replace(/ ext\. (\d+)$/, ",$1").replace(/[^0-9,]/g, "");
      phone.appendChild(call);
      item.appendChild(phone);
    }
    if (program.how_to_start) item.appendChild(el("p", "ld-start", program.how_to_start));
    return item;
  }

  function readState(form) {
    var state = { words: form.elements.words.value.trim() };
    FILTERS.forEach(function (name) { state[name] = form.elements[name].value; });
    return state;
  }

  function writeUrl(state) {
    var params = new URLSearchParams();
    Object.keys(state).forEach(function (key) { if (state[key]) params.set(key, state[key]); });
    var query = params.toString();
    history.replaceState(null, "", location.pathname + (query ? "?" + query : ""));
  }

  function restore(form) {
    var params = new URLSearchParams(location.search);
    if (params.has("words")) form.elements.words.value = params.get("words");
    FILTERS.forEach(function (name) {
      var select = form.elements[name], value = params.get(name);
      if (value && select.querySelector('option[value="' + CSS.escape(value) + '"]')) select.value = value;
    });
  }

  function start(root, data) {
    var form = document.getElementById("ld-finder");
    var results = document.getElementById("ld-results");
    var count = document.getElementById("ld-count");
    var all = document.getElementById("ld-all");
    var template = document.getElementById("ld-strings");
    var strings = { one: template.dataset.one, many: template.dataset.many, none: template.dataset.none, call: template.dataset.call };
    var base = root.dataset.base || "../";

    function update() {
      var state = readState(form);
      var found = data.programs.filter(function (p) { return matches(p, state, data.communities); });
      results.replaceChildren.apply(results, found.map(function (p) { return card(p, base, strings); }));
      count.textContent = found.length === 0 ? strings.none : found.length === 1 ? strings.one : strings.many.replace("{count}", found.length);
      writeUrl(state);
    }

    restore(form);
    var more = document.getElementById("ld-more");
    if (more && FILTERS.slice(2).some(function (name) { return form.elements[name].value; })) more.open = true;
    form.hidden = false;
    results.hidden = false;
    all.hidden = true;
    root.classList.add("ld-filtered");
    form.addEventListener("input", update);
    form.addEventListener("change", update);
    form.addEventListener("submit", function (event) { event.preventDefault(); update(); });
    form.addEventListener("reset", function () { setTimeout(update, 0); });
    document.getElementById("ld-print").addEventListener("click", function () { window.print(); });
    update();
  }

  function init() {
    var root = document.querySelector(".ld-finder");
    if (!root || root.dataset.ready) return;
    root.dataset.ready = "1";
    fetch("programs.json", { credentials: "same-origin" })
      .then(function (response) { if (!response.ok) throw new Error(response.status); return response.json(); })
      .then(function (data) { start(root, data); })
      .catch(function () { /* keep the full list that works without JavaScript */ });
  }

  if (typeof document$ !== "undefined") document$.subscribe(init);
  else document.addEventListener("DOMContentLoaded", init);
})();
