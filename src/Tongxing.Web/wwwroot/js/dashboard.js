// The progress dashboard's charts (ECharts from /lib, no outside service). The figures come from the page's JSON block,
// the same numbers as the tables under each chart; clicking a unit's bars opens that unit's dashboard.
(function () {
  "use strict";
  var block = document.getElementById("tx-dashboard-data");
  if (!block || !window.echarts) {
    return;
  }
  var data = JSON.parse(block.textContent);
  var charts = [];
  var font = { fontFamily: "system-ui, -apple-system, 'Microsoft YaHei', 'Noto Sans CJK SC', sans-serif" };
  var narrow = window.matchMedia("(max-width: 576px)").matches;

  function make(id, option, onClick) {
    var element = document.getElementById(id);
    if (!element) {
      return;
    }
    var chart = window.echarts.init(element, null, { renderer: "svg" });
    option.textStyle = font;
    option.animation = false;
    option.tooltip = option.tooltip || { trigger: "axis", axisPointer: { type: "shadow" } };
    chart.setOption(option);
    if (onClick) {
      // A click anywhere over a unit's place on the axis opens it (small or zero bars are hard to hit on a phone).
      chart.getZr().on("click", function (event) {
        var point = [event.offsetX, event.offsetY];
        if (chart.containPixel("grid", point)) {
          onClick({ dataIndex: chart.convertFromPixel({ seriesIndex: 0 }, point)[0] });
        }
      });
    }
    charts.push(chart);
  }

  function openUnit(params) {
    var unit = data.units[params.dataIndex];
    if (unit && unit.open) {
      var url = new URL(window.location.href);
      url.searchParams.set("area", unit.code);
      window.location.href = url.toString();
    }
  }

  var names = data.units.map(function (u) { return u.name; });
  var grid = { left: 8, right: 16, top: 52, bottom: 8, containLabel: true };
  var legend = { top: 0, type: "scroll" };
  var unitAxis = { type: "category", data: names, axisLabel: { interval: 0, rotate: narrow || names.length > 6 ? 40 : 0 } };

  make("tx-chart-quota", {
    legend: legend, grid: grid, xAxis: unitAxis, yAxis: { type: "value", name: "户", minInterval: 1 },
    series: [
      { name: "任务数", type: "bar", data: data.units.map(function (u) { return u.quota; }), itemStyle: { color: "#adb5bd" } },
      { name: "已登记", type: "bar", data: data.units.map(function (u) { return u.registered; }), itemStyle: { color: "#9ec5fe" } },
      { name: "已建档", type: "bar", data: data.units.map(function (u) { return u.filed; }), itemStyle: { color: "#0d6efd" } },
      { name: "已发放", type: "bar", data: data.units.map(function (u) { return u.paid; }), itemStyle: { color: "#198754" } },
      { name: "已结对", type: "bar", data: data.units.map(function (u) { return u.paired; }), itemStyle: { color: "#fd7e14" } }
    ]
  }, openUnit);

  // The funnel as horizontal bars, widest at the top: each step at most the one before it.
  var steps = data.funnel.slice().reverse();
  make("tx-chart-funnel", {
    grid: { left: 8, right: 40, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: "value", minInterval: 1 },
    yAxis: { type: "category", data: steps.map(function (s) { return s.label; }) },
    series: [{ name: "户数", type: "bar", data: steps.map(function (s) { return s.count; }), itemStyle: { color: "#0d6efd" }, label: { show: true, position: "right" } }]
  });

  make("tx-chart-funds", {
    legend: legend, grid: grid,
    xAxis: { type: "category", data: data.funds.map(function (f) { return f.label; }) },
    yAxis: { type: "value", name: "元" },
    series: [
      { name: "到账", type: "bar", data: data.funds.map(function (f) { return f.received; }), itemStyle: { color: "#6f42c1" } },
      { name: "下拨", type: "bar", data: data.funds.map(function (f) { return f.allocated; }), itemStyle: { color: "#0dcaf0" } },
      { name: "已发放", type: "bar", data: data.funds.map(function (f) { return f.paid; }), itemStyle: { color: "#198754" } }
    ]
  });

  if (data.visits) {
    make("tx-chart-visits", {
      legend: legend, grid: grid, xAxis: unitAxis, yAxis: { type: "value", name: "户", minInterval: 1 },
      series: [
        { name: "本周应回访", type: "bar", stack: "visits", data: data.units.map(function (u) { return u.due; }), itemStyle: { color: "#ffc107" } },
        { name: "回访逾期", type: "bar", stack: "visits", data: data.units.map(function (u) { return u.overdue; }), itemStyle: { color: "#dc3545" } }
      ]
    }, openUnit);
  }

  window.addEventListener("resize", function () {
    charts.forEach(function (c) { c.resize(); });
  });
})();
