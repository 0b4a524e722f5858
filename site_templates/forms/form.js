/* Forms on the site: nothing typed in a form leaves the browser. This script only stops a form
   from being submitted, shows the print button, and fills the fields marked data-prefill (like the
   receiving program) from the link's #fragment, e.g. #receiving_organization=Eastside%20LBS: the
   part after # is never sent to any server. */
(function () {
  "use strict";
  var MAX_LENGTH = 200;

  function prefill(form) {
    var params = new URLSearchParams(window.location.hash.replace(/^#/, ""));
    params.forEach(function (value, name) {
      var field = form.elements.namedItem(name);
      if (field && field.hasAttribute && field.hasAttribute("data-prefill") && value.length <= MAX_LENGTH) {
        field.value = value;
      }
    });
  }

  function init() {
    var forms = document.querySelectorAll("form.ldf");
    for (var i = 0; i < forms.length; i++) {
      var form = forms[i];
      form.addEventListener("submit", function (event) { event.preventDefault(); });
      prefill(form);
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
