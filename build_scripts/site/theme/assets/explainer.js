/* Keep the language selector pointing at the current page after Material's instant
 * navigation, which swaps the page but not the header. Without JavaScript the
 * links rendered at build time are already right; this only keeps them right.
 * It runs right after Material's bundle, which main.html loads on the reader's
 * first interaction: the page it starts on is the page as rendered. */
(function () {
  "use strict";
  var config = document.getElementById("__config");
  if (!config || typeof document$ === "undefined") return;
  var root = new URL(JSON.parse(config.textContent).base, location.href).href;
  if (!root.endsWith("/")) root += "/";

  function here() {
    var url = new URL(location.href);
    url.hash = "";
    url.search = "";
    return url.href.indexOf(root) === 0 ? url.href.slice(root.length) : "";
  }

  // Each language's root, worked out once from the links as rendered for this page.
  var start = here();
  var links = Array.prototype.slice.call(document.querySelectorAll(".md-select__link[hreflang]"));
  links.forEach(function (link) {
    var target = new URL(link.getAttribute("href"), location.href).href;
    link.setAttribute("data-explainer-root",
      target.endsWith(start) ? target.slice(0, target.length - start.length) : target);
  });

  // Follow the selector's links as plain links: Material's own language handler
  // would send readers to a language's home page instead.
  document.addEventListener("click", function (event) {
    var link = event.target instanceof Element && event.target.closest(".md-select__link");
    if (link) event.stopPropagation();
  }, true);

  var list = document.querySelector(".md-select__list[data-untranslated]");
  var label = list ? list.getAttribute("data-untranslated") : "";

  document$.subscribe(function () {
    var path = here();
    // The new page's head says which languages it is really translated into.
    var available = {};
    var listed = document.querySelector("meta[name=explainer-translations]");
    (listed ? listed.getAttribute("content") : "").split(" ").forEach(function (lang) {
      if (lang) available[lang] = true;
    });
    links.forEach(function (link) {
      link.href = link.getAttribute("data-explainer-root") + path;
      var lang = link.getAttribute("hreflang");
      var mark = link.querySelector(".explainer-untranslated");
      if (available[lang]) {
        link.removeAttribute("data-translation");
        if (mark) mark.remove();
      } else if (!mark && label) {
        link.setAttribute("data-translation", "missing");
        mark = document.createElement("small");
        mark.className = "explainer-untranslated";
        mark.textContent = " (" + label + ")";
        link.appendChild(mark);
      }
    });
  });
})();
