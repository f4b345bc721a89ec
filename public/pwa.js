// Page side of the PWA: registers the service worker, announces updates and installability to the app
// (window events "djdrill:update-ready" and "djdrill:installable"), and exposes the actions the app calls.
(function () {
  "use strict";
  var installPrompt = null;
  var waiting = null;
  var accepted = false;

  window.addEventListener("beforeinstallprompt", function (event) {
    event.preventDefault();
    installPrompt = event;
    window.dispatchEvent(new CustomEvent("djdrill:installable"));
  });
  window.djdrillInstall = function () {
    if (!installPrompt) return Promise.resolve(false);
    var prompt = installPrompt;
    installPrompt = null;
    prompt.prompt();
    return prompt.userChoice.then(function (choice) { return choice.outcome === "accepted"; });
  };
  window.djdrillUpdateReady = function () { return waiting !== null; };
  window.djdrillApplyUpdate = function () {
    if (!waiting) return;
    accepted = true;
    waiting.postMessage({ type: "SKIP_WAITING" });
  };
  window.djdrillPersist = function () {
    if (!navigator.storage || !navigator.storage.persist) return Promise.resolve(null);
    return navigator.storage.persisted().then(function (already) { return already || navigator.storage.persist(); });
  };

  if (!("serviceWorker" in navigator)) return;
  function announce(worker) {
    waiting = worker;
    window.dispatchEvent(new CustomEvent("djdrill:update-ready"));
  }
  navigator.serviceWorker.addEventListener("controllerchange", function () {
    // Reload once, and only when the user accepted: the first install also changes the controller.
    if (accepted) {
      accepted = false;
      location.reload();
    }
  });
  window.addEventListener("load", function () {
    var base = document.baseURI;
    navigator.serviceWorker.register(new URL("sw.js", base), { scope: new URL("./", base).pathname }).then(function (reg) {
      if (reg.waiting && navigator.serviceWorker.controller) announce(reg.waiting);
      reg.addEventListener("updatefound", function () {
        var worker = reg.installing;
        if (!worker) return;
        worker.addEventListener("statechange", function () {
          if (worker.state === "installed" && navigator.serviceWorker.controller) announce(worker);
        });
      });
      // Look for a new version when the app comes back to the foreground.
      document.addEventListener("visibilitychange", function () {
        if (document.visibilityState === "visible") reg.update().catch(function () {});
      });
    }).catch(function (error) { console.warn("service worker registration failed", error); });
  });
})();
