// Who else reads this staff ticket: a progressive enhancement. Every 15 seconds, while the tab is
// visible, it asks the server (a few bytes of plain text) and puts the answer into the live
// region with textContent, so a name can never become markup. Without JavaScript the page
// shows who was reading when it was opened, and the reply form's check still protects.
(function () {
  "use strict";
  var region = document.getElementById("presence");
  if (!region || !region.dataset.poll || !window.fetch) { return; }
  var url = region.dataset.poll;
  function poll() {
    if (document.hidden) { return; }
    fetch(url, { credentials: "same-origin", cache: "no-store", headers: { "Accept": "text/plain" } })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (text) {
        if (text !== null && region.textContent !== text) { region.textContent = text; }
      })
      .catch(function () { /* Offline for a moment: the next poll tries again. */ });
  }
  window.setInterval(poll, 15000);
  document.addEventListener("visibilitychange", poll);
})();
