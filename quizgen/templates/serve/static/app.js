// quizgen review: live reload, evidence highlighting and focus. The pages work without it.
"use strict";
(function () {
  const body = document.body;
  let dirty = false;
  let source = null;

  // Live reload: the server says when a file changed on disk. An unsaved edit is never thrown
  // away: the page asks first.
  function listen() {
    if (!window.EventSource) return;
    source = new EventSource("/events?v=" + encodeURIComponent(body.dataset.version || ""));
    source.addEventListener("changed", function (event) {
      if (event.data === body.dataset.version) return;
      if (dirty) {
        const banner = document.getElementById("qg-reload");
        if (banner) banner.hidden = false;
      } else {
        stop();
        window.location.reload();
      }
    });
  }
  function stop() {
    if (source) { source.close(); source = null; }
  }
  const reloadNow = document.getElementById("qg-reload-now");
  if (reloadNow) reloadNow.addEventListener("click", function () { dirty = false; window.location.reload(); });

  document.addEventListener("input", function (event) {
    if (event.target.closest && event.target.closest("form")) dirty = true;
  });
  document.addEventListener("submit", function () { dirty = false; stop(); });
  window.addEventListener("pagehide", stop);

  // Evidence: a fact's passages light up while the fact has focus or the pointer.
  function light(factId, on) {
    document.querySelectorAll("mark.qg-ev").forEach(function (mark) {
      if ((mark.dataset.facts || "").split(" ").indexOf(factId) >= 0) mark.classList.toggle("qg-on", on);
    });
  }
  document.querySelectorAll("article.qg-fact[data-fact]").forEach(function (fact) {
    const id = fact.dataset.fact;
    fact.addEventListener("focusin", function () { light(id, true); });
    fact.addEventListener("focusout", function () { light(id, false); });
    fact.addEventListener("mouseenter", function () { light(id, true); });
    fact.addEventListener("mouseleave", function () { light(id, false); });
  });
  document.querySelectorAll("a.qg-show").forEach(function (link) {
    link.addEventListener("click", function (event) {
      const id = link.dataset.fact;
      const first = Array.from(document.querySelectorAll("mark.qg-ev")).find(function (m) {
        return (m.dataset.facts || "").split(" ").indexOf(id) >= 0;
      });
      if (!first) return;
      event.preventDefault();
      document.querySelectorAll("mark.qg-on").forEach(function (m) { m.classList.remove("qg-on"); });
      light(id, true);
      first.scrollIntoView({ block: "center" });
      first.focus({ preventScroll: true });
    });
  });

  // After an action: focus the message, or the question the page came back to.
  const auto = document.querySelector("[data-autofocus]");
  const target = window.location.hash ? document.getElementById(window.location.hash.slice(1)) : null;
  if (target && target.tabIndex === -1) target.focus({ preventScroll: false });
  else if (auto) auto.focus();
  if (auto && target) auto.scrollIntoView({ block: "nearest" });

  listen();
})();
