// Select many → one action (a form marked data-batch): "select all" boxes, a running count of what is selected, and on
// the town's 附件1 the count of regular candidates against what the quota leaves. Loaded from a file (CSP: no inline script).
(function () {
  "use strict";

  function boxes(form, name) {
    return Array.prototype.slice.call(form.querySelectorAll("input[type=checkbox][name='" + name + "']"));
  }

  function checkedValues(form, name) {
    return boxes(form, name).filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
  }

  function update(form) {
    form.querySelectorAll("[data-select-all]").forEach(function (all) {
      var list = boxes(form, all.getAttribute("data-select-all"));
      var n = list.filter(function (b) { return b.checked; }).length;
      all.checked = list.length > 0 && n === list.length;
      all.indeterminate = n > 0 && n < list.length;
    });
    form.querySelectorAll("[data-count-of]").forEach(function (out) {
      out.textContent = String(checkedValues(form, out.getAttribute("data-count-of")).length);
    });
    var quota = form.querySelector("[data-quota-left]");
    if (quota) {
      // A household ticked as reserve goes on the list as a reserve whether or not 报送 is ticked too.
      var reserves = checkedValues(form, "Reserves");
      var selected = checkedValues(form, "Households").concat(reserves).filter(function (v, i, all) { return all.indexOf(v) === i; });
      var regular = selected.length - reserves.length;
      var left = parseInt(quota.getAttribute("data-quota-left"), 10);
      form.querySelector("[data-selected]").textContent = String(selected.length);
      form.querySelector("[data-regular]").textContent = String(regular);
      form.querySelector("[data-reserves]").textContent = String(reserves.length);
      var over = form.querySelector("[data-over]");
      over.textContent = regular > left ? "正式对象超出任务数" + (regular - left) + "户，请将超出的勾选“列为备选”" : "";
      over.hidden = regular <= left;
    }
  }

  document.addEventListener("change", function (event) {
    var target = event.target;
    if (!(target instanceof HTMLInputElement) || !target.form || !target.form.hasAttribute("data-batch")) {
      return;
    }
    var name = target.getAttribute("data-select-all");
    if (name) {
      boxes(target.form, name).forEach(function (b) { b.checked = target.checked; });
    }
    update(target.form);
  });

  document.querySelectorAll("form[data-batch]").forEach(update);
})();
