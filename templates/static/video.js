// A video stays a button until the reader presses play: only then is the host's player loaded,
// so nothing is fetched from YouTube or Vimeo before that.
document.addEventListener("click", function (event) {
  var button = event.target.closest(".video-play");
  if (!button) return;
  var box = button.closest(".video-player");
  var frame = document.createElement("iframe");
  frame.src = box.getAttribute("data-player");
  frame.title = box.getAttribute("data-title");
  frame.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
  frame.allowFullscreen = true;
  frame.referrerPolicy = "strict-origin-when-cross-origin";
  box.classList.add("is-playing");
  button.replaceWith(frame);
  frame.focus();
});
