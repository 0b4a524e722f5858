/* Taking a page away, all in the browser (nothing is sent anywhere):
   - the date a handout is printed, written in the page's language when the page loads and again
     just before printing (".ld-printed");
   - "Copy link" (the Clipboard API), with a confirmation screen readers announce;
   - "Listen": the page's main text read aloud by the browser's own speech synthesis, in the
     page's language, with pause, resume and stop. Hidden where the browser has none.
   Text from the page is only ever read with textContent and written with textContent. */
(function () {
  "use strict";

  function today(locale) {
    try {
      return new Intl.DateTimeFormat(locale, { day: "numeric", month: "long", year: "numeric" }).format(new Date());
    } catch (error) {
      return new Date().toISOString().slice(0, 10);
    }
  }

  function stampPrinted() {
    document.querySelectorAll(".ld-printed").forEach(function (line) {
      line.textContent = line.dataset.template.replace("{date}", today(line.dataset.locale));
    });
  }

  function canCopy() {
    return Boolean(navigator.clipboard && window.isSecureContext);
  }

  /* One listener for every "Copy link" button, those of the page and those finder.js adds. */
  function copyOnClick(event) {
    var button = event.target.closest && event.target.closest(".ld-copy");
    if (!button || !canCopy()) return;
    var status = button.parentNode.querySelector(".ld-copy-status");
    navigator.clipboard.writeText(button.dataset.url).then(function () {
      status.textContent = button.dataset.copied;
    }, function () {
      status.textContent = button.dataset.failed;
    });
  }

  /* The text to read: the page's title and main content, without what is not meant to be heard
     (the buttons themselves, the paper-only block, hidden search data). */
  function readableText() {
    var main = document.querySelector("#ld-main article") || document.querySelector("#ld-main");
    if (!main) return "";
    var copy = main.cloneNode(true);
    copy.querySelectorAll(".ld-listen, .ld-share, .ld-handout, .ld-search-data, [hidden], script, template, form, svg, .md-content__button")
      .forEach(function (node) { node.remove(); });
    return copy.textContent.replace(/\s+/g, " ").trim();
  }

  function voiceFor(lang) {
    var voices = window.speechSynthesis.getVoices() || [], base = lang.split("-")[0];
    return voices.filter(function (v) { return v.lang === lang || v.lang.replace("_", "-") === lang; })[0] ||
      voices.filter(function (v) { return v.lang && v.lang.slice(0, 2) === base; })[0] || null;
  }

  function setUpListen(box) {
    var speech = window.speechSynthesis, play = box.querySelector(".ld-listen-play"), stop = box.querySelector(".ld-listen-stop");
    var label = play.querySelector(".ld-listen-label"), state = "idle";
    function show(next) {
      state = next;
      label.textContent = next === "speaking" ? play.dataset.pause : next === "paused" ? play.dataset.resume : play.dataset.listen;
      stop.hidden = next === "idle";
    }
    play.addEventListener("click", function () {
      if (state === "speaking") { speech.pause(); show("paused"); return; }
      if (state === "paused") { speech.resume(); show("speaking"); return; }
      speech.cancel();
      var utterance = new SpeechSynthesisUtterance(readableText()), lang = box.dataset.lang;
      utterance.lang = lang;
      var voice = voiceFor(lang);
      if (voice) utterance.voice = voice;
      utterance.onend = function () { show("idle"); };
      utterance.onerror = function () { show("idle"); };
      speech.speak(utterance);
      show("speaking");
    });
    stop.addEventListener("click", function () { speech.cancel(); show("idle"); play.focus(); });
    window.addEventListener("pagehide", function () { speech.cancel(); });
    box.hidden = false;
  }

  function init() {
    stampPrinted();
    if (canCopy()) document.querySelectorAll(".ld-copy").forEach(function (button) { button.hidden = false; });
    if ("speechSynthesis" in window && typeof window.SpeechSynthesisUtterance === "function") {
      document.querySelectorAll(".ld-listen").forEach(setUpListen);
    }
  }

  window.addEventListener("beforeprint", stampPrinted);
  document.addEventListener("click", copyOnClick);
  if (typeof document$ !== "undefined") document$.subscribe(init);
  else document.addEventListener("DOMContentLoaded", init);
})();
