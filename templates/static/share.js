// Share buttons: copy the page's address, or hand it to the device's share sheet where the
// browser has one. No third-party scripts; the page works without this file.
document.addEventListener("DOMContentLoaded", function () {
  var status = document.querySelector(".share-status");
  var copy = document.querySelector(".copy-link");
  if (copy && navigator.clipboard) {
    copy.hidden = false;
    copy.addEventListener("click", function () {
      navigator.clipboard.writeText(copy.dataset.url).then(function () {
        if (status) status.textContent = status.dataset.copied || "";
      });
    });
  }
  var print = document.querySelector(".print-page");
  if (print && typeof window.print === "function") {
    print.hidden = false;
    print.addEventListener("click", function () {
      window.print();
    });
  }
  var share = document.querySelector(".web-share");
  if (share && navigator.share) {
    share.hidden = false;
    share.addEventListener("click", function () {
      navigator.share({ title: share.dataset.title, url: share.dataset.url }).catch(function () {});
    });
  }
});
