// Keeps the guide on the device when it is served over http(s): registers the service worker that
// Limber writes beside the pages (sw.js). Not from disk, and not under `limber serve`, whose live
// reload it would fight.
(function () {
  "use strict";
  if (!("serviceWorker" in navigator) || !/^https?:$/.test(location.protocol)) return;
  var worker = new URL("sw.js", document.currentScript.src).href;
  window.addEventListener("load", function () {
    if (window.limberPreview) return;
    navigator.serviceWorker.register(worker).then(function () {
      // This page came before its worker: fetch it again through the worker, which keeps it.
      function keep() { fetch(location.href).catch(function () {}); }
      if (navigator.serviceWorker.controller) keep();
      else navigator.serviceWorker.addEventListener("controllerchange", keep, { once: true });
    }).catch(function () {});
  });
})();
