// Behaviour shared by every page, loaded from a file (the CSP allows no inline script).
// A submit button (or a link) with data-confirm="…" asks before it acts (a button's question may quote the form's fields); "取消" leaves the page as it was. A form asks
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
  if (!form.dataset.txSent && event.submitter && !txNeedsMet(form, event.submitter)) {
    event.preventDefault();
    event.stopImmediatePropagation();
    return;
  }
  var question = event.submitter ? event.submitter.getAttribute("data-confirm") : null;
  if (question) {
    question = question.replace(/\{#([\w-]+)\}/g, function (_, id) { return txFieldText(document.getElementById(id)); });
  }
  if (form.dataset.txSent || (question && !window.confirm(question))) {
    event.preventDefault();
    event.stopImmediatePropagation();
    return;
  }
}, true);

// What a button needs before its question is asked — in a form the browser does not check (novalidate), or that one
// button needs and the form's others do not (退回 needs a reason, 通过 does not): data-needs="id …" names the fields,
// and the first empty one says so (data-needs-say, or "请填写" and its label); data-needs-one names fields of which one
// at least must be filled (data-needs-one-say); and a batch button
// (in a form marked data-batch) needs at least one household ticked.
function txNeedsMet(form, button) {
  if (form.hasAttribute("data-batch") && button.hasAttribute("data-confirm")
      && form.querySelectorAll("input[type=checkbox][name='Households']").length > 0
      && form.querySelectorAll("input[type=checkbox][name='Households']:checked, input[type=checkbox][name='Reserves']:checked").length === 0) {
    window.alert("请先勾选要办理的对象。");
    return false;
  }
  var ids = (button.getAttribute("data-needs") || "").split(/\s+/).filter(Boolean);
  for (var i = 0; i < ids.length; i++) {
    var field = document.getElementById(ids[i]);
    if (field && field.value.trim() === "") {
      var label = field.labels && field.labels.length ? field.labels[0].textContent.replace(/[（(].*$/, "").trim() : "";
      var choose = field.tagName === "SELECT" || field.type === "file";
      field.setCustomValidity(button.getAttribute("data-needs-say") || (choose ? "请选择" : "请填写") + (label || "此项"));
      field.dataset.txNeeded = "1";
      field.reportValidity();
      field.focus();
      return false;
    }
  }
  var any = (button.getAttribute("data-needs-one") || "").split(/\s+/).filter(Boolean).map(function (id) { return document.getElementById(id); }).filter(Boolean);
  if (any.length > 0 && any.every(function (f) { return f.value.trim() === ""; })) {
    any[0].setCustomValidity(button.getAttribute("data-needs-one-say") || "请至少填写一项");
    any[0].dataset.txNeeded = "1";
    any[0].reportValidity();
    any[0].focus();
    return false;
  }
  return true;
}

// That message is the one button's: pressing another (or the same again) lets the browser check the fields afresh.
document.addEventListener("click", function (event) {
  var button = event.target instanceof Element ? event.target.closest("button[type=submit], input[type=submit]") : null;
  if (button && button.form) {
    button.form.querySelectorAll("[data-tx-needed]").forEach(function (f) { f.setCustomValidity(""); delete f.dataset.txNeeded; });
  }
}, true);

// A question may name what is being confirmed: {#id} stands for the field of that id as filled in (a list's choice by
// its text), so that "下拨" asks about the very town and amounts on the form.
function txFieldText(field) {
  if (!field) {
    return "";
  }
  if (field instanceof HTMLSelectElement) {
    return field.value === "" ? "（未选）" : field.options[field.selectedIndex].text;
  }
  if (!("value" in field)) {
    return field.textContent.trim(); // a count shown on the page, such as how many are ticked
  }
  return field.value.trim() === "" ? "（未填）" : field.value.trim();
}

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

// The browser's own message for a required or malformed field follows the browser's language (English in many a
// browser); this one says it in Chinese and names the field by its label (or its placeholder).
document.addEventListener("invalid", function (event) {
  var field = event.target;
  if (!field || typeof field.setCustomValidity !== "function" || field.validity.customError) {
    return;
  }
  var label = field.labels && field.labels.length ? field.labels[0].textContent : field.getAttribute("placeholder") || "";
  var what = label.replace(/[\s:：*＊]+$/, "").trim() || "此项";
  var v = field.validity;
  var choose = field.tagName === "SELECT" || field.type === "checkbox" || field.type === "radio" || field.type === "file";
  field.setCustomValidity(v.valueMissing ? (choose ? "请选择" : "请填写") + what
    : v.tooLong || v.tooShort ? what + "的长度不符合要求"
    : v.rangeUnderflow || v.rangeOverflow || v.stepMismatch ? what + "超出允许的范围"
    : what + "的格式不正确");
}, true);

// Typing or choosing again clears that message, so the browser checks the field afresh.
function txClearValidity(event) {
  if (event.target && typeof event.target.setCustomValidity === "function") {
    event.target.setCustomValidity("");
  }
}
document.addEventListener("input", txClearValidity, true);
document.addEventListener("change", txClearValidity, true);

// A field with data-default-from="<select's id>" and data-defaults='{"option value": "its default"}' takes the default
// of the option chosen, unless the user has written something of their own in it.
document.addEventListener("change", function (event) {
  var select = event.target;
  if (!(select instanceof HTMLSelectElement) || !select.id) {
    return;
  }
  document.querySelectorAll("[data-default-from]").forEach(function (field) {
    if (field.getAttribute("data-default-from") !== select.id) {
      return;
    }
    var defaults = JSON.parse(field.getAttribute("data-defaults") || "{}");
    var known = Object.keys(defaults).map(function (key) { return defaults[key]; });
    if (field.value === "" || known.indexOf(field.value) >= 0) {
      field.value = defaults[select.value] || "";
    }
  });
});

// A page answered to a form sent by POST (a batch's results, a form with its errors) becomes an ordinary visit to its
// address: refreshing it asks the server again instead of offering to send the form a second time.
if (document.body && document.body.hasAttribute("data-posted") && window.history.replaceState) {
  window.history.replaceState(window.history.state, "", window.location.href);
}

// A filter form that htmx refreshes on change and on submit hears both when Enter is pressed in its search box (the
// box's change, then the submit): the box's change is left to the submit, so one search asks the server once and
// leaves one entry in the history.
document.addEventListener("change", function (event) {
  var field = event.target;
  if (field instanceof HTMLInputElement && field.type === "search" && field.form && field.form.hasAttribute("hx-trigger")) {
    event.stopPropagation();
  }
}, true);

// A filter whose choice changes what the others offer (a town, then its villages: data-refresh-form) asks for the page
// again at once, with the dependent choice left empty.
document.addEventListener("change", function (event) {
  var select = event.target;
  if (!(select instanceof HTMLSelectElement) || !select.hasAttribute("data-refresh-form") || !select.form) {
    return;
  }
  var village = select.form.querySelector("select[name='Village']");
  if (village) {
    village.disabled = false;
    village.value = "";
  }
  select.form.requestSubmit();
});
