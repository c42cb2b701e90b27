// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";
  // An error summary takes the focus, so a screen reader announces what to fix first.
  var summary = document.querySelector("[data-focus-on-load]");
  if (summary) { summary.focus(); }

  // The 72-hour clocks count down while the page is open (same words as the server writes).
  function clockText(deadline, lang) {
    var seconds = (deadline - Date.now()) / 1000;
    if (seconds < 0) {
      var late = Math.ceil(-seconds / 3600);
      return lang === "en" ? "overdue by " + late + " h" : "over fristen med " + late + " t";
    }
    var hours = Math.floor(seconds / 3600);
    if (hours === 0) {
      var minutes = Math.floor(seconds / 60);
      return lang === "en" ? minutes + " min left" : minutes + " min igjen";
    }
    return lang === "en" ? hours + " h left" : hours + " t igjen";
  }
  function tick() {
    var clocks = document.querySelectorAll(".clock[data-deadline]");
    for (var i = 0; i < clocks.length; i++) {
      var deadline = Date.parse(clocks[i].getAttribute("data-deadline"));
      if (!isNaN(deadline)) { clocks[i].textContent = clockText(deadline, clocks[i].getAttribute("data-lang")); }
    }
  }
  if (document.querySelector(".clock[data-deadline]")) { window.setInterval(tick, 60000); }
})();
