// charts.js — ECharts from echarts/core with only the charts and
// components the pages use, registered once (the bundle stays small), and
// useChart(), which ties a chart to an element for its whole life:
//
//   <div ref="el" class="chart" role="img" :aria-label="…"></div>
//   const el = ref(null);
//   useChart(el, computed(() => ({ xAxis: …, series: [ … ] })));
//
// The option is set again whenever the computed changes (a new year, the
// language switch); the chart follows its element's size; it is disposed
// with the component.  Canvas rendering (no inline styles for the CSP).
// Colours for pass/fail/missing: COLORS.  limitLine(value, name) is the
// markLine of a limit drawn across a bar chart.
import * as echarts from 'echarts/core';
import { BarChart, LineChart, ScatterChart, CustomChart } from 'echarts/charts';
import {
  GridComponent, TooltipComponent, LegendComponent, TitleComponent, MarkLineComponent,
  MarkAreaComponent, DatasetComponent, DataZoomComponent, AriaComponent,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { onMounted, onBeforeUnmount, watch, unref } from 'vue';

echarts.use([
  BarChart, LineChart, ScatterChart, CustomChart,
  GridComponent, TooltipComponent, LegendComponent, TitleComponent, MarkLineComponent,
  MarkAreaComponent, DatasetComponent, DataZoomComponent, AriaComponent,
  CanvasRenderer,
]);

export { echarts };

export const COLORS = {
  pass: '#2e7d32',
  fail: '#c62828',
  missing: '#9e9e9e',
  limit: '#e65100',
  bar: '#1f5fa8',
};

// A horizontal line at value across the chart, labelled with name.
export function limitLine(value, name) {
  return {
    silent: true,
    symbol: 'none',
    lineStyle: { color: COLORS.limit, type: 'dashed', width: 2 },
    label: { formatter: name, position: 'insideEndTop', color: COLORS.limit },
    data: [{ yAxis: value }],
  };
}

// elRef: a template ref to the chart's element; option: a ref or computed
// holding the ECharts option (null: nothing drawn yet).  Returns
// { chart() } to reach the instance (events: chart().on('click', …)).
export function useChart(elRef, option, { onReady } = {}) {
  let chart = null;
  let observer = null;
  const draw = () => {
    const o = unref(option);
    if (chart && o) chart.setOption({ aria: { enabled: true }, animation: false, ...o }, true);
  };
  onMounted(() => {
    const el = unref(elRef);
    if (!el) return;
    chart = echarts.init(el, null, { renderer: 'canvas' });
    if (onReady) onReady(chart);
    draw();
    if (typeof ResizeObserver !== 'undefined') {
      observer = new ResizeObserver(() => chart && chart.resize());
      observer.observe(el);
    }
  });
  watch(() => unref(option), draw, { deep: false });
  onBeforeUnmount(() => {
    if (observer) observer.disconnect();
    if (chart) chart.dispose();
    chart = null;
  });
  return { chart: () => chart };
}
