// Behaviour shared by every page, loaded from a file (the CSP allows no inline script).
// A submit button (or a link) with data-confirm="…" asks before it acts; "取消" leaves the page as it was. A form asks
// when it is submitted, by a click or by Enter in one of its fields (the browser then submits with the form's first
// submit button), so Enter cannot skip the question. A POST form, once sent, is not sent again for a few seconds: a
// double click asks once and acts once.
document.addEventListener("click", function (event) {
  var link = event.target instanceof Element ? event.target.closest("a[data-confirm]") : null;
  if (link && !window.confirm(link.getAttribute("data-confirm"))) {
    event.preventDefault();
    event.stopImmediatePropagation();
  }
}, true);

document.addEventListener("submit", function (event) {
  var form = event.target;
  if (!(form instanceof HTMLFormElement)) {
    return;
  }
  var question = event.submitter ? event.submitter.getAttribute("data-confirm") : null;
  if (form.dataset.txSent || (question && !window.confirm(question))) {
    event.preventDefault();
    event.stopImmediatePropagation();
    return;
  }
}, true);

// Marked as sent once nothing else has taken the submission over (a form a script sends itself, such as a helper's log
// kept for sending without signal, stays free for the next one).
document.addEventListener("submit", function (event) {
  var form = event.target;
  if (form instanceof HTMLFormElement && !event.defaultPrevented && (form.getAttribute("method") || "get").toLowerCase() === "post") {
    form.dataset.txSent = "1";
    window.setTimeout(function () { delete form.dataset.txSent; }, 4000);
  }
});

// A button with data-print prints the page (a temporary password, a list of them), without inline script.
document.addEventListener("click", function (event) {
  if (event.target instanceof Element && event.target.closest("[data-print]")) {
    window.print();
  }
});
