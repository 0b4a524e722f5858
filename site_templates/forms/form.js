/* Forms on the site: nothing typed in a form leaves the browser. This script only stops a form
   from being submitted, shows the print button, fills the fields marked data-prefill (like the
   receiving program) from the link's #fragment, e.g. #receiving_organization=Eastside%20LBS (the
   part after # is never sent to any server), and writes each date picked for paper: a date picker
   shows the browser's own format (12/03/2026 could be March or December), so print shows
   "3 December 2026" / "3 décembre 2026" beside it instead (see .ldf-date-print in form.css). */
(function () {
  "use strict";
  var MAX_LENGTH = 200;
  var MONTHS = {
    en: ["January", "February", "March", "April", "May", "June", "July", "August", "September",
         "October", "November", "December"],
    fr: ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
         "octobre", "novembre", "décembre"]
  };

  function prefill(form) {
    var params = new URLSearchParams(window.location.hash.replace(/^#/, ""));
    params.forEach(function (value, name) {
      var field = form.elements.namedItem(name);
      if (field && field.hasAttribute && field.hasAttribute("data-prefill") && value.length <= MAX_LENGTH) {
        field.value = value;
      }
    });
  }

  /* "2026-12-03" as "3 December 2026" (English) or "3 décembre 2026" (French; the first of the
     month is "1er"); anything else as it is. */
  function onPaper(value, lang) {
    var match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    var months = MONTHS[lang] || MONTHS.en;
    if (!match) return value;
    var day = parseInt(match[3], 10);
    var month = months[parseInt(match[2], 10) - 1];
    if (!month || day < 1 || day > 31) return value;
    return (lang === "fr" && day === 1 ? "1er" : String(day)) + " " + month + " " + match[1];
  }

  function showDates(form) {
    var lang = (form.getAttribute("lang") || "en").slice(0, 2);
    var inputs = form.querySelectorAll("input[type=date]");
    for (var i = 0; i < inputs.length; i++) {
      var input = inputs[i];
      var paper = input.parentNode.querySelector(".ldf-date-print");
      if (!paper) continue;
      paper.textContent = input.value ? onPaper(input.value, lang) : "";
      input.parentNode.classList.toggle("ldf-date-filled", Boolean(input.value));
    }
  }

  function init() {
    var forms = document.querySelectorAll("form.ldf");
    for (var i = 0; i < forms.length; i++) {
      var form = forms[i];
      form.addEventListener("submit", function (event) { event.preventDefault(); });
      prefill(form);
      var refresh = showDates.bind(null, form);
      form.addEventListener("input", refresh);
      form.addEventListener("change", refresh);
      window.addEventListener("beforeprint", refresh);
      refresh();
      var button = form.querySelector("[data-ldf-print]");
      if (button) {
        button.addEventListener("click", function () { window.print(); });
        button.parentNode.hidden = false;
      }
    }
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
