/* Site search: the header's search button opens a dialog that searches with Pagefind.
 *
 * Nothing is downloaded before someone opens the dialog: then Pagefind's script comes from this
 * site's own pagefind/ folder (resolved from the site's base, so a site served under a sub-path
 * works) and loads the index of the page's language (<html lang>). A search with no result
 * offers "Did you mean" from the site's own words (search/words.json of the language: community,
 * program and organization names) within one or two edits, and shows the results for it. Among
 * the results shown, a page whose name is exactly the query comes first.
 */
(function () {
  "use strict";

  var PAGE = 10;
  var dialog = document.getElementById("ld-search");
  var opener = document.querySelector("[data-ld-search-open]");
  if (!dialog || !opener || typeof dialog.showModal !== "function") return;

  var S = JSON.parse(dialog.getAttribute("data-strings"));
  var siteRoot = new URL(dialog.getAttribute("data-root").replace(/\/?$/, "/"), location.href);
  var langRoot = new URL(dialog.getAttribute("data-lang-root").replace(/\/?$/, "/"), location.href);
  var input = dialog.querySelector("#ld-search-input");
  var form = dialog.querySelector("[data-ld-search-form]");
  var statusLine = dialog.querySelector("#ld-search-status");
  var suggestLine = dialog.querySelector("[data-ld-search-suggest]");
  var list = dialog.querySelector("#ld-search-results");
  var more = dialog.querySelector("[data-ld-search-more]");
  var narrow = dialog.querySelector("[data-ld-search-narrow]");
  var selects = Array.prototype.slice.call(dialog.querySelectorAll("[data-ld-search-filter]"));
  var engine = null;
  var words = null;
  var generation = 0;
  var timer = 0;
  var pending = [];

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/’/g, "'");
  }

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (_, key) { return String(values[key]); });
  }

  function load() {
    if (!engine) {
      engine = import(new URL("pagefind/pagefind.js", siteRoot).href).then(function (pagefind) {
        return pagefind.options({ baseUrl: siteRoot.pathname, excerptLength: 24 }).then(function () {
          return pagefind.init();
        }).then(function () { return pagefind; });
      });
      engine.catch(function () { engine = null; });
    }
    return engine;
  }

  function siteWords() {
    if (!words) {
      words = fetch(new URL("search/words.json", langRoot).href)
        .then(function (r) { return r.ok ? r.json() : []; })
        .catch(function () { return []; })
        .then(function (found) { return { shown: found, folded: found.map(fold) }; });
    }
    return words;
  }

  // Edit distance (insertions, deletions, substitutions, swaps of two neighbours), giving up
  // once it is over ``limit``.
  function distance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    var rows = [[]];
    for (var j = 0; j <= b.length; j++) rows[0][j] = j;
    for (var i = 1; i <= a.length; i++) {
      rows[i] = [i];
      var best = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var d = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2][j - 2] + 1);
        rows[i][j] = d;
        if (d < best) best = d;
      }
      if (best > limit) return limit + 1;
    }
    return rows[a.length][b.length];
  }

  function closest(token, known) {
    var f = fold(token);
    if (f.length < 3 || known.folded.indexOf(f) !== -1) return null;
    var limit = f.length <= 5 ? 1 : 2;
    var found = null;
    for (var i = 0; i < known.folded.length; i++) {
      var d = distance(f, known.folded[i], limit);
      if (d <= limit) { limit = d - 1; found = known.shown[i]; }
      if (limit < 0) break;
    }
    return found;
  }

  function suggestion(query) {
    return siteWords().then(function (known) {
      var changed = false;
      var fixed = query.trim().split(/\s+/).map(function (token) {
        var better = closest(token, known);
        if (better) changed = true;
        return better || token;
      });
      return changed ? fixed.join(" ") : null;
    });
  }

  function filters() {
    var chosen = {};
    selects.forEach(function (select) {
      if (select.value) chosen[select.getAttribute("data-ld-search-filter")] = select.value;
    });
    return chosen;
  }

  function exactFirst(results, query) {
    var wanted = fold(query.trim());
    var exact = results.filter(function (r) { return fold(r.meta.title || "") === wanted; });
    return exact.concat(results.filter(function (r) { return exact.indexOf(r) === -1; }));
  }

  // "A, B, C, D, E" → "A, B, C…": an organization serving many places would fill a phone's screen.
  function shortList(names) {
    var parts = (names || "").split(", ");
    return parts.length > 3 ? parts.slice(0, 3).join(", ") + "…" : names;
  }

  function item(result) {
    var li = document.createElement("li");
    li.className = "ld-search__result";
    var link = document.createElement("a");
    link.href = result.url;
    link.textContent = result.meta.title || result.url;
    var heading = document.createElement("p");
    heading.className = "ld-search__name";
    heading.appendChild(link);
    var about = document.createElement("p");
    about.className = "ld-search__about";
    about.textContent = [result.meta.type, result.meta.organization, shortList(result.meta.community)]
      .filter(function (x) { return x; }).join(" · ");
    var excerpt = document.createElement("p");
    excerpt.className = "ld-search__excerpt";
    excerpt.innerHTML = result.excerpt; // Pagefind escapes the text before adding <mark>
    li.append(heading, about, excerpt);
    return li;
  }

  function showMore() {
    var next = pending.splice(0, PAGE);
    var mine = generation;
    return Promise.all(next.map(function (r) { return r.data(); })).then(function (data) {
      if (mine !== generation) return;
      data.forEach(function (r) { list.appendChild(item(r)); });
      more.hidden = pending.length === 0;
    });
  }

  function showSuggestion(text) {
    suggestLine.textContent = "";
    suggestLine.hidden = !text;
    if (!text) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "ld-search__suggestion";
    button.textContent = text;
    button.addEventListener("click", function () { input.value = text; search(); input.focus(); });
    suggestLine.append(S.did_you_mean + " ", button);
  }

  function render(query, shown, found, first) {
    list.textContent = "";
    var count = found.length;
    var counted = format(count === 1 ? S.count_one : S.count_many, { count: count, query: shown });
    statusLine.textContent = shown === query ? (count ? counted : format(S.none, { query: query }))
      : format(S.none, { query: query }) + " " + counted;
    first.forEach(function (r) { list.appendChild(item(r)); });
    more.hidden = pending.length === 0;
  }

  function run(pagefind, query, mine) {
    var options = { filters: filters() };
    return pagefind.search(query, options).then(function (found) {
      if (found.results.length) return { shown: query, found: found.results };
      return suggestion(query).then(function (better) {
        if (!better || mine !== generation) return { shown: query, found: [], better: better };
        return pagefind.search(better, options).then(function (again) {
          return { shown: again.results.length ? better : query, found: again.results, better: better };
        });
      });
    });
  }

  function search() {
    var query = input.value.trim();
    var mine = ++generation;
    pending = [];
    if (!query) {
      list.textContent = "";
      statusLine.textContent = "";
      showSuggestion(null);
      more.hidden = true;
      dialog.setAttribute("data-done", "");
      return Promise.resolve();
    }
    statusLine.textContent = S.loading;
    return load().then(function (pagefind) {
      return run(pagefind, query, mine);
    }).then(function (outcome) {
      if (mine !== generation) return null;
      var firstPage = outcome.found.slice(0, PAGE);
      pending = outcome.found.slice(PAGE);
      return Promise.all(firstPage.map(function (r) { return r.data(); })).then(function (data) {
        if (mine !== generation) return;
        showSuggestion(outcome.better && outcome.better !== query ? outcome.better : null);
        render(query, outcome.shown, outcome.found, exactFirst(data, outcome.shown));
        dialog.setAttribute("data-done", query); // the results of this query are shown
      });
    }).catch(function () {
      if (mine === generation) statusLine.textContent = S.unavailable;
    });
  }

  function fillFilters() {
    load().then(function (pagefind) { return pagefind.filters(); }).then(function (available) {
      selects.forEach(function (select) {
        if (select.options.length > 1) return;
        var values = Object.keys(available[select.getAttribute("data-ld-search-filter")] || {});
        values.sort(function (a, b) { return fold(a).localeCompare(fold(b)); }).forEach(function (value) {
          select.appendChild(new Option(value, value));
        });
      });
    }).catch(function () { /* the filters stay at "Any" */ });
  }

  function open(query) {
    if (!dialog.open) dialog.showModal();
    load().catch(function () { /* said when a search runs */ });
    if (query) {
      input.value = query;
      search();
    }
    input.focus();
  }

  opener.setAttribute("role", "button");
  opener.setAttribute("aria-haspopup", "dialog");
  opener.setAttribute("aria-controls", "ld-search");
  opener.addEventListener("click", function (event) {
    event.preventDefault();
    open("");
  });
  opener.addEventListener("keydown", function (event) {
    if (event.key === " ") { event.preventDefault(); open(""); }
  });
  dialog.querySelector("[data-ld-search-close]").addEventListener("click", function () { dialog.close(); });
  input.addEventListener("keydown", function (event) {
    // In a search box Escape would only clear the words: here it closes the dialog, as elsewhere.
    if (event.key === "Escape") { event.preventDefault(); dialog.close(); }
  });
  dialog.addEventListener("click", function (event) {
    if (event.target === dialog) dialog.close(); // a click on the backdrop
  });
  input.addEventListener("input", function () {
    dialog.removeAttribute("data-done");
    clearTimeout(timer);
    timer = setTimeout(search, 200);
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearTimeout(timer);
    search();
  });
  selects.forEach(function (select) {
    select.addEventListener("change", function () { dialog.removeAttribute("data-done"); search(); });
  });
  narrow.addEventListener("toggle", function () { if (narrow.open) fillFilters(); });
  more.addEventListener("click", showMore);
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    var typing = target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
    if (event.key === "/" && !typing && !dialog.open && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      event.stopPropagation();
      open("");
    }
  }, true);

  var asked = new URLSearchParams(location.search).get("q");
  if (asked) open(asked);
})();
