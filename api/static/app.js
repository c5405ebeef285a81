// talent pages: small enhancements; every page works without this file.
(function () {
  "use strict";

  // Weight sliders show their value next to them.
  document.querySelectorAll("input[type=range][data-output]").forEach(function (slider) {
    var output = document.getElementById(slider.dataset.output);
    if (!output) return;
    var show = function () { output.textContent = Number(slider.value).toFixed(2); };
    slider.addEventListener("input", show);
    show();
  });

  // Long requests (a matching run): say what is happening and ignore a second submit.
  document.querySelectorAll("form[data-busy-message]").forEach(function (form) {
    var status = form.querySelector(".busy-status");
    form.addEventListener("submit", function (event) {
      if (form.dataset.busy) { event.preventDefault(); return; }
      form.dataset.busy = "1";
      form.setAttribute("aria-busy", "true");
      if (status) { status.textContent = form.dataset.busyMessage; status.hidden = false; }
    });
    // Coming back to the page (history), the form is idle again.
    window.addEventListener("pageshow", function () {
      delete form.dataset.busy;
      form.removeAttribute("aria-busy");
      if (status) status.hidden = true;
    });
  });

  // "Select all on this page" for the bulk decision.
  document.querySelectorAll("input[data-select-all]").forEach(function (box) {
    var name = box.dataset.selectAll;
    var form = box.form;
    box.addEventListener("change", function () {
      document.querySelectorAll("input[type=checkbox][name='" + name + "']").forEach(function (item) {
        if (!form || item.form === form) item.checked = box.checked;
      });
    });
  });

  // "Why not the other mentors": fetched the first time a proposal's details open.
  document.querySelectorAll("details[data-explain-url]").forEach(function (details) {
    details.addEventListener("toggle", function () {
      if (!details.open || details.dataset.loaded) return;
      details.dataset.loaded = "1";
      var body = details.querySelector(".explain-body");
      fetch(details.dataset.explainUrl, { credentials: "same-origin", headers: { Accept: "text/html" } })
        .then(function (response) {
          if (!response.ok) throw new Error(String(response.status));
          return response.text();
        })
        .then(function (html) {
          var doc = new DOMParser().parseFromString(html, "text/html");
          var content = doc.querySelector(".explain-content");
          if (content && body) body.replaceChildren(content);
        })
        .catch(function () { delete details.dataset.loaded; });
    });
  });
})();
