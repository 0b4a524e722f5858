/* Program finder. The pages under find/ work without JavaScript (lists by place and goal); this
   script turns them into a finder: one box for a postal code or a town (typos and French or
   English names forgiven) or the device's location (which never leaves the device and is never
   put in the address), the filters, and the results in the same order and markup as the static
   pages (literacy_directory/finder.py says the order). It reads find/index.json once,
   find/places.json once a place is needed, then only the few find/data/<community>.json files
   near the place. The state lives in the address
   (near, goal_path, learn, words and the other filters; "words", not "q", because Material opens
   its search for ?q=), and the language switch keeps it. Content is never put in as HTML. */
(function () {
  "use strict";
  var MORE = ["stream", "language", "delivery_mode", "time_of_day", "training_support", "intake_status"];
  var SELECTS = ["goal_path", "learn"].concat(MORE);
  var KEYS = { goal_path: "g", learn: "w", stream: "st", language: "l", delivery_mode: "m", time_of_day: "td", training_support: "ts", intake_status: "s" };
  var INTAKE = { open: 0, limited: 0, "": 0, waitlist: 1, paused: 2, closed: 2 };
  var GROUPS = ["near", "home", "other"];
  var NEAR_KM = 40, MIN_COMMUNITIES = 3, MAX_COMMUNITIES = 8;
  var SCRIPT = document.currentScript ? document.currentScript.src : "";
  var SVG = "http://www.w3.org/2000/svg";

  function fold(text) {
    return String(text || "").toLowerCase().replace(/œ/g, "oe").replace(/æ/g, "ae").normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  /* As finder.place_key in Python: folded, punctuation as spaces, generic words out. */
  function placeKey(text, stop) {
    var words = fold(text).replace(/saint/g, "st").replace(/[^a-z0-9]+/g, " ").trim();
    var padded = " " + words + " ";
    stop.forEach(function (word) { padded = padded.split(" " + word + " ").join(" "); });
    return padded.trim().split(/\s+/).filter(Boolean).join(" ");
  }

  /* Optimal string alignment distance (a swapped pair of letters counts once), given up past max. */
  function editDistance(a, b, max) {
    if (Math.abs(a.length - b.length) > max) return max + 1;
    var prev2 = [], prev = [], row = [], i, j;
    for (j = 0; j <= b.length; j++) prev[j] = j;
    for (i = 1; i <= a.length; i++) {
      row = [i];
      var best = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a[i - 1] === b[j - 1] ? 0 : 1;
        var value = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
        if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, prev2[j - 2] + 1);
        row[j] = value;
        if (value < best) best = value;
      }
      if (best > max) return max + 1;
      prev2 = prev;
      prev = row;
    }
    return prev[b.length];
  }

  function km(a, b) {
    var rad = Math.PI / 180, dLat = (b[0] - a[0]) * rad, dLon = (b[1] - a[1]) * rad;
    var h = Math.pow(Math.sin(dLat / 2), 2) + Math.cos(a[0] * rad) * Math.cos(b[0] * rad) * Math.pow(Math.sin(dLon / 2), 2);
    return 2 * 6371 * Math.asin(Math.sqrt(h));
  }

  function mean(points) {
    if (!points.length) return null;
    var lat = 0, lon = 0;
    points.forEach(function (p) { lat += p[0]; lon += p[1]; });
    return [lat / points.length, lon / points.length];
  }

  /* A postal code: its area's centre; an area no place lists: the areas that share its first two
     characters, else its first letter (a rough guess, said so). */
  function postalPlace(match, index) {
    var fsa = match[1], full = match[2] ? fsa + " " + match[2] : "";
    var centre = index.postal[fsa], approximate = false;
    if (!centre) {
      approximate = true;
      var prefixes = Object.keys(index.postal);
      var near = prefixes.filter(function (p) { return p.slice(0, 2) === fsa.slice(0, 2); });
      if (!near.length) near = prefixes.filter(function (p) { return p[0] === fsa[0]; });
      centre = mean(near.map(function (p) { return index.postal[p]; }));
    }
    if (!centre) return null;
    return { kind: "postal", point: centre, label: fsa, full: full, approximate: approximate };
  }

  /* A place's key → the place, built once per index: a name typed right is found at once. */
  function placeKeys(index) {
    if (!index.placeKeys) {
      index.placeKeys = Object.create(null);
      index.places.forEach(function (place) {
        place[1].forEach(function (name) { if (!(name in index.placeKeys)) index.placeKeys[name] = place; });
      });
    }
    return index.placeKeys;
  }

  function namedPlace(typed, index) {
    var key = placeKey(typed, index.stop);
    if (!key) return null;
    var exact = placeKeys(index)[key];
    if (exact) return { kind: "place", point: [exact[2], exact[3]], label: exact[0], community: exact[4], guessed: false };
    var allowed = Math.max(1, Math.floor(key.length / 4)), best = null;
    index.places.forEach(function (place) {
      place[1].forEach(function (name) {
        var d = name === key ? 0 : key.length >= 3 && name.indexOf(key) === 0 ? 0.5 : editDistance(name, key, allowed);
        if (d <= allowed && (!best || d < best.d)) best = { d: d, place: place };
      });
    });
    if (!best) return null;
    var p = best.place;
    return { kind: "place", point: [p[2], p[3]], label: p[0], community: p[4], guessed: best.d >= 1 };
  }

  function resolve(typed, index) {
    var text = (typed || "").trim();
    if (!text) return null;
    var match = /^([A-Z][0-9][A-Z])([0-9][A-Z][0-9])?$/.exec(text.toUpperCase().replace(/[\s-]+/g, ""));
    var found = match ? postalPlace(match, index) : namedPlace(text, index);
    return found || { kind: "unknown", typed: text };
  }

  function communitiesNear(point, index, place) {
    var ranked = Object.keys(index.communities).map(function (id) {
      var c = index.communities[id];
      return { id: id, km: c[1] === null ? Infinity : km(point, [c[1], c[2]]) };
    }).sort(function (a, b) { return a.km - b.km; });
    var chosen = ranked.filter(function (c, i) { return i < MIN_COMMUNITIES || (c.km <= NEAR_KM && i < MAX_COMMUNITIES); });
    var ids = chosen.map(function (c) { return c.id; });
    if (place && place.community && ids.indexOf(place.community) < 0) ids.push(place.community);
    return ids;
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function fill(template, values) {
    return String(template).replace(/\{(\w+)\}/g, function (all, name) { return name in values ? values[name] : all; });
  }

  function tel(phone) {
    return "tel:+1" + phone.replace(/^1-/, "").replace(/ ext\. (\d+)$/, ",$1").replace(/[^0-9,]/g, "");
  }

  /* A QR code as an SVG image: one path of dark runs, row by row, with a quiet zone of 4. */
  function qrSvg(code, label) {
    var size = code.getModuleCount(), d = [], svg = document.createElementNS(SVG, "svg"), path = document.createElementNS(SVG, "path");
    for (var r = 0; r < size; r += 1) {
      for (var c = 0; c < size; c += 1) {
        if (!code.isDark(r, c)) continue;
        var run = 1;
        while (c + run < size && code.isDark(r, c + run)) run += 1;
        d.push("M" + (c + 4) + " " + (r + 4.5) + "h" + run);
        c += run - 1;
      }
    }
    svg.setAttribute("viewBox", "0 0 " + (size + 8) + " " + (size + 8));
    svg.setAttribute("class", "ld-qr ld-qr-live");
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", label);
    path.setAttribute("stroke", "#000");
    path.setAttribute("d", d.join(""));
    svg.appendChild(path);
    return svg;
  }

  function Finder(root, index) {
    this.root = root;
    this.index = index;
    this.base = root.dataset.base || "../";
    this.absolute = new URL(this.base, location.href).href;
    this.form = document.getElementById("ld-finder");
    this.results = document.getElementById("ld-results");
    this.count = document.getElementById("ld-count");
    this.status = document.getElementById("ld-place-status");
    this.none = document.getElementById("ld-none");
    this.s = document.getElementById("ld-strings").dataset;
    this.shards = {};
    this.cards = {};
    this.here = null;
    this.renders = 0;
  }

  Finder.prototype.colon = function (label) { return fill(this.s.colon, { label: label }); };
  Finder.prototype.label = function (vocabulary, code) { return (this.index.labels[vocabulary] || {})[code] || code; };
  Finder.prototype.labels = function (vocabulary, codes) {
    var self = this;
    return (codes || []).map(function (c) { return self.label(vocabulary, c); }).join(", ");
  };
  Finder.prototype.distance = function (value) {
    var text = value < 10 ? value.toFixed(1) : value.toFixed(0);
    return fill(this.s.km, { km: text.replace(".", this.s.decimal) });
  };

  Finder.prototype.where = function (found) {
    return found.km === null ? found.site[3] : this.distance(found.km) + " · " + found.site[3];
  };

  Finder.prototype.card = function (found) {
    var p = found.program, item = el("li", "ld-result"), heading = el("h3"), link = el("a", "", p.n);
    item.dataset.id = p.i;
    link.href = this.base + "programs/" + p.i + "/";
    heading.appendChild(link);
    item.appendChild(heading);
    item.appendChild(el("p", "ld-org", p.o));
    if (p.s) {
      // A paused program says until when (the date already in the page's language).
      var status = p.s === "paused" && p.r ? fill(this.s.pausedUntil, { date: p.r }) : this.label("intake_status", p.s);
      item.appendChild(el("p", "ld-status ld-status--" + p.s, status));
    }
    var facts = el("ul", "ld-card-facts");
    if (found.site) {
      facts.appendChild(el("li", "ld-distance", this.where(found)));
    }
    if (p.c) facts.appendChild(el("li", "", this.colon(this.s.cost) + " " + this.label("cost", p.c)));
    facts.appendChild(el("li", "", this.colon(this.s.delivery) + " " + this.labels("delivery_mode", p.m)));
    if (p.l) facts.appendChild(el("li", "", this.colon(this.s.languages) + " " + this.labels("language", p.l)));
    item.appendChild(facts);
    if (p.x) {
      var next = el("p", "ld-next");
      next.appendChild(el("strong", "", this.colon(this.s.next)));
      next.appendChild(document.createTextNode(" " + p.x));
      item.appendChild(next);
    }
    if (p.p) {
      var line = el("p", "ld-phone"), call = el("a", "ld-call", fill(this.s.call, { phone: p.p }));
      call.href = tel(p.p);
      line.appendChild(call);
      item.appendChild(line);
    }
    item.appendChild(this.share(p, found.site ? found.site[3] : ""));
    return item;
  };

  /* "Text it", "Email it" and "Copy link" for a card (handout.js copies): the message is plain
     text, percent-encoded into the links; nothing goes through a server. */
  Finder.prototype.share = function (p, address) {
    var s = this.s, url = this.absolute + "programs/" + p.i + "/";
    var lines = [p.n, p.p ? fill(s.sharePhone, { phone: p.p }) : "", address ? fill(s.shareAddress, { address: address }) : "", url];
    var body = encodeURIComponent(lines.filter(Boolean).join("\n"));
    var box = el("p", "ld-share ld-card-share"), sms = el("a", "ld-web ld-share-sms", s.shareSms), mail = el("a", "ld-web ld-share-email", s.shareEmail);
    sms.href = "sms:?&body=" + body;
    mail.href = "mailto:?subject=" + encodeURIComponent(p.n) + "&body=" + body;
    var copy = el("button", "ld-button ld-copy", s.shareCopy);
    copy.type = "button";
    copy.dataset.url = url;
    copy.dataset.copied = s.copied;
    copy.dataset.failed = s.copyFailed;
    copy.hidden = !(navigator.clipboard && window.isSecureContext);
    var status = el("span", "ld-copy-status");
    status.setAttribute("role", "status");
    [sms, mail, copy, status].forEach(function (node) { box.appendChild(node); });
    return box;
  };

  /* The printed list's header: the choices that made the list, its address (the page's public
     address and the filters) and a QR code to it. The QR code of the page without filters is made
     at build time; one for filters is drawn with the vendored qrcode-generator, loaded from this
     site the first time the list is filtered (never on a first, unfiltered visit), and only when
     the page prints (beforeprint or print media): an update draws no QR code. */
  Finder.prototype.paper = function (state, place, query) {
    var box = this.root.querySelector(".ld-handout--list");
    if (!box || !box.dataset.url) return;
    var form = this.form.elements, choices = [];
    if (place && place.kind === "here") choices.push(this.s.nearHere);
    else if (place && place.guessed) choices.push(place.label);
    else if (state.near) choices.push(state.near);
    SELECTS.forEach(function (name) {
      var select = form[name];
      if (select.value) choices.push(select.options[select.selectedIndex].text);
    });
    if (state.words) choices.push("\u201c" + state.words + "\u201d");
    box.querySelector(".ld-handout-choices").textContent = choices.length ? choices.join(" \u00b7 ") : box.dataset.all;
    var url = this.opening(state, box) ? box.dataset.url : box.dataset.url + query;
    box.querySelector(".ld-handout-link").textContent = url;
    this.qr(box, url, false);
  };

  /* Whether the filters are still the ones the page opens with (its own address says it all). */
  Finder.prototype.opening = function (state, box) {
    if (this.here || state.learn || state.words || MORE.some(function (name) { return state[name]; })) return false;
    return state.near === box.dataset.near && state.goal_path === box.dataset.goal;
  };

  Finder.prototype.qr = function (box, url, draw) {
    var built = box.querySelector("svg.ld-qr:not(.ld-qr-live)"), live = box.querySelector("svg.ld-qr-live"), self = this;
    if (live && this.qrUrl !== url) { live.remove(); live = null; }
    if (built) built.toggleAttribute("hidden", url !== box.dataset.url);
    if (url === box.dataset.url || live) return;
    if (typeof window.qrcode !== "function") { this.loadQr(function () { if (self.printing) self.print(); }); return; }
    if (!draw) return;
    var code = window.qrcode(0, "M");
    code.addData(url);
    code.make();
    this.qrUrl = url;
    box.appendChild(qrSvg(code, fill(box.dataset.qrLabel, { url: url })));
  };

  Finder.prototype.print = function () {
    var box = this.root.querySelector(".ld-handout--list");
    if (box && box.dataset.url) this.qr(box, box.querySelector(".ld-handout-link").textContent, true);
  };

  Finder.prototype.loadQr = function (then) {
    if (this.qrLoading || !SCRIPT) return;
    this.qrLoading = true;
    var script = document.createElement("script");
    script.src = SCRIPT.replace(/finder\.js(\?.*)?$/, "vendor/qrcode.js");
    script.onload = then;
    document.head.appendChild(script);
  };

  Finder.prototype.read = function () {
    var elements = this.form.elements, state = { near: elements.near.value.trim(), words: elements.words.value.trim() };
    SELECTS.forEach(function (name) { state[name] = elements[name].value; });
    return state;
  };

  Finder.prototype.writeUrl = function (state) {
    var params = new URLSearchParams();
    ["near", "goal_path", "learn", "words"].concat(MORE).forEach(function (key) { if (state[key]) params.set(key, state[key]); });
    var query = params.toString() ? "?" + params.toString() : "";
    if (query !== location.search) history.replaceState(null, "", location.pathname + query);
    return query;
  };

  Finder.prototype.restore = function () {
    var params = new URLSearchParams(location.search), elements = this.form.elements;
    if (!location.search) return;
    // The older ?community=<id> names a place too, once the communities are in (see places()).
    this.community = params.get("near") ? null : params.get("community");
    elements.near.value = params.get("near") || "";
    elements.words.value = params.get("words") || "";
    SELECTS.forEach(function (name) {
      var select = elements[name], value = params.get(name) || "";
      select.value = value && select.querySelector('option[value="' + CSS.escape(value) + '"]') ? value : "";
    });
    if (MORE.some(function (name) { return elements[name].value; }) || elements.words.value) document.getElementById("ld-more").open = true;
  };

  /* The shards a place needs, loaded once each; resolves when all are in. */
  Finder.prototype.load = function (ids) {
    var self = this;
    return Promise.all(ids.map(function (id) {
      if (!self.shards[id]) {
        self.shards[id] = fetch(self.base + "find/data/" + id + ".json", { credentials: "same-origin" })
          .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
          .then(function (data) { return data.programs; })
          .catch(function () { delete self.shards[id]; return []; });
      }
      return self.shards[id];
    }));
  };

  /* The places, postal areas and communities (find/places.json), read once: when the address
     names a place, the device's location is asked for, or the place box is first focused or
     typed in (so it is usually in before Enter). A first visit with no place reads only the
     index: the programs for anywhere in Ontario and the labels, a few KB at any size. */
  Finder.prototype.places = function () {
    var index = this.index, self = this;
    if (!this.placesLoading) {
      this.placesLoading = fetch(this.base + "find/places.json", { credentials: "same-origin" })
        .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
        .then(function (data) {
          index.places = data.places;
          index.postal = data.postal;
          index.communities = data.communities;
          var near = self.form.elements.near, wanted = index.communities[self.community];
          if (wanted && !near.value) near.value = wanted[0];
        })
        .catch(function () {
          self.placesLoading = null;
          index.places = index.places || [];
          index.postal = index.postal || {};
          index.communities = index.communities || {};
        });
    }
    return this.placesLoading;
  };

  Finder.prototype.update = function () {
    var self = this, state = this.read();
    if ((this.here || state.near || this.community) && !this.index.places) {
      var ticket = ++this.pending;
      return this.places().then(function () { if (ticket === self.pending) return self.update(); });
    }
    var place = this.here ? { kind: "here", point: this.here } : resolve(state.near, this.index);
    var ids = place && place.point ? communitiesNear(place.point, this.index, place) : [];
    // The community files are asked for first, then the address is written while they come.
    var current = ++this.pending, loading = this.load(ids), query = this.writeUrl(state);
    return loading.then(function (lists) {
      if (current !== self.pending) return;
      self.show(state, place, ids, [].concat.apply([], lists), query);
    });
  };
  Finder.prototype.pending = 0;

  Finder.prototype.matches = function (p, state) {
    for (var i = 0; i < SELECTS.length; i++) {
      var wanted = state[SELECTS[i]];
      if (!wanted) continue;
      var value = p[KEYS[SELECTS[i]]];
      if (Array.isArray(value) ? value.indexOf(wanted) < 0 : (value || "") !== wanted) return false;
    }
    return true;
  };

  /* Words, understood as the site search understands them (Pagefind with the glossary's words):
     accents folded, a plural's s or x left out, a glossary word brings the words of its group
     (index.words: the groups the search pages carry, "GED" with "finish high school", "maths"
     with "numeracy"), and a word misspelled by a letter or two still matches a word of the
     program. Every part of the query must match; a match in the name counts more. */
  function tokens(text) { return fold(text).replace(/['’]/g, " ").match(/[a-z0-9]+/g) || []; }

  function stem(word) {
    if (word.length > 3 && /[sx]$/.test(word)) word = word.slice(0, -1);
    return word.length > 4 && /e$/.test(word) ? word.slice(0, -1) : word;
  }

  function phraseKey(phrase) { return tokens(phrase).map(stem).join(" "); }

  /* Stemmed phrase → the groups holding it, built once per index. */
  function phraseGroups(index) {
    if (index.phraseGroups) return index.phraseGroups;
    var found = {};
    (index.words || []).forEach(function (group, i) {
      group.forEach(function (phrase) {
        var key = phraseKey(phrase);
        (found[key] = found[key] || []).push(i);
      });
    });
    index.phraseGroups = found;
    return found;
  }

  /* The query as requirements: a glossary phrase (any phrase of its groups will do), else one word. */
  function parseWords(text, index) {
    var words = tokens(text), stems = words.map(stem), known = phraseGroups(index), parts = [];
    for (var i = 0; i < words.length; i++) {
      var groups = null, length = 0;
      for (var n = Math.min(6, words.length - i); n >= 1 && !groups; n--) {
        groups = known[stems.slice(i, i + n).join(" ")] || null;
        length = n;
      }
      if (groups) {
        var alternatives = {};
        groups.forEach(function (g) { index.words[g].forEach(function (phrase) { alternatives[phraseKey(phrase)] = true; }); });
        parts.push({ phrases: Object.keys(alternatives) });
        i += length - 1;
      } else {
        parts.push({ word: words[i], stem: stems[i] });
      }
    }
    return parts;
  }

  /* What the words box searches in a program, kept on it: name, organization, summary, sites'
     addresses and its goals' labels. */
  function wordText(p, labels) {
    if (!p._words) {
      var goals = (p.g || []).map(function (g) { return labels[g] || ""; });
      var all = tokens([p.n, p.o, p.d || ""].concat((p.y || []).map(function (s) { return s[3]; }), goals).join(" "));
      p._words = { text: " " + all.join(" ") + " ", stems: " " + all.map(stem).join(" ") + " ", list: all, name: " " + tokens(p.n).map(stem).join(" ") + " " };
    }
    return p._words;
  }

  function close(word, list) {
    if (word.length < 5) return false;
    var allowed = Math.max(1, Math.floor(word.length / 4));
    return list.some(function (w) { return editDistance(w, word, allowed) <= allowed; });
  }

  /* 0 when nothing is asked, -1 when a part does not match, else the score. */
  function wordScore(p, parts, labels) {
    if (!parts.length) return 0;
    var t = wordText(p, labels), score = 0;
    for (var i = 0; i < parts.length; i++) {
      var part = parts[i], inName;
      if (part.phrases) {
        var hit = part.phrases.filter(function (phrase) { return t.stems.indexOf(" " + phrase + " ") >= 0; });
        if (!hit.length) return -1;
        inName = hit.some(function (phrase) { return t.name.indexOf(" " + phrase + " ") >= 0; });
      } else {
        if (t.text.indexOf(part.word) < 0 && t.stems.indexOf(" " + part.stem + " ") < 0 && !close(part.word, t.list)) return -1;
        inName = t.name.indexOf(part.stem) >= 0;
      }
      score += inName ? 2 : 1;
    }
    return score;
  }

  Finder.prototype.rank = function (state, place, programs) {
    var words = parseWords(state.words, this.index), labels = this.index.labels.goal_path || {};
    var seen = {}, groups = { near: [], home: [], other: [] }, self = this;
    var origin = place && place.point;
    if (place && place.full) {
      programs.forEach(function (p) { (p.y || []).forEach(function (s) { if (s[2] === place.full && s[0] !== null) origin = [s[0], s[1]]; }); });
    }
    programs.concat(this.index.home).forEach(function (p) {
      if (seen[p.i] || !self.matches(p, state)) return;
      seen[p.i] = true;
      var score = wordScore(p, words, labels);
      if (score < 0) return;
      var best = { program: p, km: null, site: (p.y || [])[0] || null, score: score };
      (p.y || []).forEach(function (s) {
        if (!origin || s[0] === null) return;
        var d = km(origin, [s[0], s[1]]);
        if (best.km === null || d < best.km) { best.km = d; best.site = s; }
      });
      groups[p.k || "near"].push(best);
    });
    GROUPS.forEach(function (key) {
      groups[key].sort(function (a, b) {
        return (INTAKE[a.program.s || ""] - INTAKE[b.program.s || ""]) ||
          ((a.km === null ? Infinity : a.km) - (b.km === null ? Infinity : b.km)) ||
          (b.score - a.score) || (fold(a.program.n) < fold(b.program.n) ? -1 : fold(a.program.n) > fold(b.program.n) ? 1 : 0);
      });
    });
    return groups;
  };

  Finder.prototype.placeText = function (place) {
    var s = this.s;
    if (!place) return "";
    if (place.kind === "here") return s.nearHere;
    if (place.kind === "unknown") return fill(s.nearUnknown, { typed: place.typed });
    if (place.kind === "postal") return place.approximate ? fill(s.nearArea, { area: place.label }) : fill(s.nearPlace, { place: place.full || place.label });
    return place.guessed ? fill(s.nearGuess, { place: place.label, typed: this.form.elements.near.value.trim() }) : fill(s.nearPlace, { place: place.label });
  };

  /* A program's card, built once for its nearest site and moved, not rebuilt, when a filter or
     the place changes (a new place only rewrites its distance): an update costs the matching,
     not the DOM. */
  Finder.prototype.cardOf = function (found) {
    var key = found.program.i + "\n" + (found.site ? found.site[3] : ""), card = this.cards[key];
    if (!card) return (this.cards[key] = this.card(found));
    var distance = found.site && card.querySelector(".ld-distance"), text = found.site && this.where(found);
    if (distance && distance.textContent !== text) distance.textContent = text;
    return card;
  };

  Finder.prototype.show = function (state, place, loaded, programs, query) {
    var groups = this.rank(state, place, programs), self = this, total = 0, sections = [];
    GROUPS.forEach(function (key) {
      total += groups[key].length;
      if (!groups[key].length) return;
      var section = el("section", "ld-group ld-group--" + key), heading = el("h2", "", self.s["group" + key[0].toUpperCase() + key.slice(1)]);
      heading.id = "ld-group-" + key;
      section.setAttribute("aria-labelledby", heading.id);
      var page = Number(self.s["page" + key[0].toUpperCase() + key.slice(1)]);
      var list = el("ol", "ld-results"), more = self.paged(list, groups[key], heading.id, page);
      section.appendChild(heading);
      section.appendChild(list);
      if (more) section.appendChild(more);
      sections.push(section);
    });
    this.results.replaceChildren.apply(this.results, sections);
    this.status.textContent = this.placeText(place);
    this.status.className = "ld-place-status" + (place && place.kind === "unknown" ? " ld-place-status--unknown" : "");
    var count = total === 0 ? this.s.none : total === 1 ? this.s.one : fill(this.s.many, { count: total });
    this.count.textContent = place && place.point ? count : this.s.noPlace + " " + count;
    this.deadEnd(state, place, loaded, groups.near.length + groups.other.length === 0);
    this.paper(state, place, query);
    this.renders += 1;
    this.root.dataset.renders = String(this.renders);
    this.root.dispatchEvent(new CustomEvent("ld-finder-updated"));
  };

  /* A group shows its first page (10 programs near, 5 of the other groups: the page's
     data-page-* say, as finder.PAGE does for the static lists) and, when longer, a button for the next: a phone gets a list it can read, and an update builds and lays out a
     page of cards, not every program of the place. The button says how many are left; the first
     new card's link takes the focus. Paper says how many more are on the website. Returns the button's paragraph, or null when all fit. */
  Finder.prototype.paged = function (list, found, heading, page) {
    var self = this, shown = 0, box = el("p", "ld-more-results"), button = el("button", "ld-button ld-more-button");
    var online = el("span", "ld-more-online");
    function next() {
      var cards = found.slice(shown, shown + page).map(function (f) { return self.cardOf(f); }), left;
      cards.forEach(function (card) { list.appendChild(card); });
      shown += cards.length;
      left = found.length - shown;
      if (!left) box.remove();
      button.textContent = fill(self.s.more, { count: Math.min(page, left), left: left });
      online.textContent = fill(self.s.moreOnline, { left: left });
      return cards;
    }
    next();
    if (shown >= found.length) return null;
    button.type = "button";
    button.setAttribute("aria-describedby", heading);
    button.addEventListener("click", function () {
      var link = next().map(function (card) { return card.querySelector("h3 a"); })[0];
      if (link) link.focus();
    });
    box.appendChild(button);
    box.appendChild(online);
    return box;
  };

  /* Nothing near: the help line, and the nearest places whose own programs have the goal. */
  Finder.prototype.deadEnd = function (state, place, loaded, empty) {
    var list = document.getElementById("ld-nearby"), self = this, communities = this.index.communities;
    this.none.hidden = !(empty && place);
    if (this.none.hidden) return;
    var origin = place.point;
    var nearby = origin ? Object.keys(communities).filter(function (id) {
      var c = communities[id];
      return loaded.indexOf(id) < 0 && c[1] !== null && c[4] > 0 && (!state.goal_path || c[3].indexOf(state.goal_path) >= 0);
    }).sort(function (a, b) {
      return km(origin, [communities[a][1], communities[a][2]]) - km(origin, [communities[b][1], communities[b][2]]);
    }).slice(0, 3) : [];
    list.replaceChildren.apply(list, nearby.map(function (id) {
      var item = el("li"), link = el("a", "", communities[id][0]);
      link.href = self.base + "find/" + id + "/" + (state.goal_path ? state.goal_path + "/" : "");
      item.appendChild(link);
      return item;
    }));
    document.getElementById("ld-nearby-intro").hidden = nearby.length === 0;
  };

  Finder.prototype.locate = function () {
    var self = this;
    if (!navigator.geolocation) { this.status.textContent = this.s.locateFailed; return; }
    this.status.textContent = this.s.locating;
    this.places();
    navigator.geolocation.getCurrentPosition(function (position) {
      self.here = [position.coords.latitude, position.coords.longitude];
      self.form.elements.near.value = "";
      self.update();
    }, function () {
      self.status.textContent = self.s.locateFailed;
    }, { timeout: 15000, maximumAge: 600000 });
  };

  Finder.prototype.start = function () {
    var self = this, form = this.form, timer = null;
    this.restore();
    form.hidden = false;
    this.root.classList.add("ld-enhanced");
    form.elements.near.addEventListener("focus", function () { self.places(); });
    form.addEventListener("input", function (event) {
      if (event.target.name === "near") self.here = null;
      clearTimeout(timer);
      timer = setTimeout(function () { self.update(); }, event.target.tagName === "INPUT" ? 250 : 0);
    });
    form.addEventListener("change", function (event) { if (event.target.tagName === "SELECT") { clearTimeout(timer); self.update(); } });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      clearTimeout(timer);
      self.update().then(function () { self.count.scrollIntoView({ block: "start" }); });
    });
    form.addEventListener("reset", function () { self.here = null; setTimeout(function () { self.update(); }, 0); });
    document.getElementById("ld-locate").addEventListener("click", function () { self.locate(); });
    document.getElementById("ld-print").addEventListener("click", function () { window.print(); });
    window.addEventListener("beforeprint", function () { self.print(); });
    var media = window.matchMedia("print"), printing = function () { self.printing = media.matches; if (media.matches) self.print(); };
    if (media.addEventListener) media.addEventListener("change", printing);
    return this.update();
  };

  /* The language switch keeps the finder's query (the other language's page reads the same names). */
  function keepQueryOnLanguageSwitch() {
    document.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest("a[hreflang]");
      if (!link || !location.search) return;
      link.href = link.href.split("?")[0] + location.search;
    }, true);
  }

  function init() {
    var root = document.querySelector(".ld-finder");
    if (!root || root.dataset.ready) return;
    root.dataset.ready = "1";
    fetch((root.dataset.base || "../") + "find/index.json", { credentials: "same-origin" })
      .then(function (response) { if (!response.ok) throw new Error(response.status); return response.json(); })
      .then(function (index) { window.ldFinder = new Finder(root, index); return window.ldFinder.start(); })
      .catch(function () { /* keep the lists that work without JavaScript */ });
  }

  keepQueryOnLanguageSwitch();
  if (typeof document$ !== "undefined") document$.subscribe(init);
  else document.addEventListener("DOMContentLoaded", init);
})();
