import * as echarts from 'echarts/core';
import { LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

// Only the ECharts parts the line charts use are registered, to keep the bundle small.
echarts.use([LineChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

/** An ECharts instance. */
export type Chart = echarts.ECharts;

/**
 * Axis text and grid-line colours that read well on the page's light or dark background.
 * @example
 * const { text, line } = chartColors(theme.dark);
 */
export function chartColors(dark: boolean): { text: string; line: string } {
  return dark ? { text: '#cbd5e1', line: '#334155' } : { text: '#334155', line: '#e2e8f0' };
}

/** A mounted chart: {@link ThrottledChart.schedule} asks for a redraw, `dispose` unmounts it. */
export interface ThrottledChart {
  schedule(): void;
  dispose(): void;
}

/**
 * Mounts a canvas ECharts chart in `element` that follows the element's size and redraws with
 * `draw` at most every `redrawMs`, however often `schedule` is called (results can arrive
 * thousands of times a second). Draws once at once.
 * @example
 * onMount(() => {
 *   handle = throttledChart(element, 250, (chart) => chart.setOption(option()));
 *   return handle.dispose;
 * });
 */
export function throttledChart(
  element: HTMLElement,
  redrawMs: number,
  draw: (chart: Chart) => void,
): ThrottledChart {
  let chart: Chart | null = echarts.init(element, null, { renderer: 'canvas' });
  let timer: ReturnType<typeof setTimeout> | null = null;
  let lastDraw = 0;
  const redraw = () => {
    timer = null;
    if (!chart) return;
    lastDraw = performance.now();
    draw(chart);
  };
  const resize = new ResizeObserver(() => chart?.resize());
  resize.observe(element);
  redraw();
  return {
    schedule() {
      if (timer !== null || !chart) return;
      timer = setTimeout(redraw, Math.max(0, redrawMs - (performance.now() - lastDraw)));
    },
    dispose() {
      resize.disconnect();
      if (timer !== null) clearTimeout(timer);
      chart?.dispose();
      chart = null;
    },
  };
}

/** Parameter of the {@link lineChart} action. */
export interface LineChartParams {
  /** Draws the chart (reads the component's current data). */
  draw: (chart: Chart) => void;
  /** Least time between two redraws. */
  redrawMs: number;
  /** What the chart shows: a new value schedules a redraw (e.g. `[rows.length, theme.dark]`). */
  watch: unknown[];
}

/**
 * Svelte action: a {@link throttledChart} in the element, redrawn when `watch` changes and
 * disposed with the element.
 * @example
 * <div use:lineChart={{ draw, redrawMs: 250, watch: [rows.length, theme.dark] }}></div>
 */
export function lineChart(element: HTMLElement, params: LineChartParams) {
  let current = params;
  const chart = throttledChart(element, params.redrawMs, (c) => current.draw(c));
  return {
    update(next: LineChartParams) {
      current = next;
      chart.schedule();
    },
    destroy: chart.dispose,
  };
}
