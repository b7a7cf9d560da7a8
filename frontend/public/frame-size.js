// Loaded inside the sandboxed iframe that shows a cell's HTML output: tells the page how tall
// the content is, so the frame fits it. The frame has no same-origin access; this message is
// all that crosses.
(function () {
  function post() {
    var body = document.body;
    var bottom = body.getBoundingClientRect().bottom + parseFloat(getComputedStyle(body).marginBottom || "0");
    parent.postMessage({ type: "la4ai-frame-size", height: Math.ceil(bottom + window.scrollY) }, "*");
  }
  window.addEventListener("load", post);
  if (window.ResizeObserver) new ResizeObserver(post).observe(document.body);
  post();
})();
