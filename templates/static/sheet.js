// Shows the sheet's Print button (hidden without JavaScript) and prints on click.
(function () {
  "use strict";
  var button = document.querySelector(".print-button");
  if (!button || typeof window.print !== "function") return;
  button.hidden = false;
  button.addEventListener("click", function () {
    window.print();
  });
})();
