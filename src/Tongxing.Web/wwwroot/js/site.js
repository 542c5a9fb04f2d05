// Behaviour shared by every page, loaded from a file (the CSP allows no inline script).
// A submit button or link with data-confirm="…" asks before it acts; "取消" leaves the page as it was.
document.addEventListener("click", function (event) {
  var target = event.target instanceof Element ? event.target.closest("[data-confirm]") : null;
  if (target && !window.confirm(target.getAttribute("data-confirm"))) {
    event.preventDefault();
    event.stopImmediatePropagation();
  }
}, true);

// A button with data-print prints the page (a temporary password, a list of them), without inline script.
document.addEventListener("click", function (event) {
  if (event.target instanceof Element && event.target.closest("[data-print]")) {
    window.print();
  }
});
