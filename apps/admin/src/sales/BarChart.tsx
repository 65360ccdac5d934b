import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  LinearScale,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';
import { useEffect, useRef } from 'react';

// Chart.js, tree-shaken to what a bar chart needs; this module is only reached through the lazily
// loaded sales page, so the board's bundle never carries it.
Chart.register(BarController, BarElement, CategoryScale, LinearScale, Tooltip);

interface Props {
  labels: string[];
  values: number[];
  /** What the chart shows, for screen readers (the canvas itself says nothing). */
  label: string;
  /** A value as the tooltip and axis show it (`12,000원`). */
  format: (v: number) => string;
  /** The axis ticks, shorter (`12만`); defaults to `format`. */
  formatTick?: (v: number) => string;
}

/** A bar chart (Chart.js on a canvas); redrawn in place when its data changes. */
export function BarChart({ labels, values, label, format, formatTick }: Props) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const chart = useRef<Chart<'bar'> | null>(null);
  const fmt = useRef({ format, formatTick });
  fmt.current = { format, formatTick };

  useEffect(() => {
    const el = canvas.current;
    if (!el) return;
    const config: ChartConfiguration<'bar'> = {
      type: 'bar',
      data: {
        labels: [],
        datasets: [{ data: [], backgroundColor: '#1f58c4', borderRadius: 3, maxBarThickness: 56 }],
      },
      options: {
        // Figures, not a show: no animation (and a steady screenshot).
        animation: false,
        maintainAspectRatio: false,
        plugins: {
          legend: { display: false },
          tooltip: { callbacks: { label: (c) => fmt.current.format(Number(c.raw)) } },
        },
        scales: {
          x: { grid: { display: false }, ticks: { color: '#56606b', autoSkip: true, maxRotation: 0 } },
          y: {
            beginAtZero: true,
            ticks: {
              color: '#56606b',
              callback: (v) => (fmt.current.formatTick ?? fmt.current.format)(Number(v)),
            },
          },
        },
      },
    };
    chart.current = new Chart(el, config);
    return () => {
      chart.current?.destroy();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const c = chart.current;
    if (!c) return;
    c.data.labels = labels;
    const ds = c.data.datasets[0];
    if (ds) ds.data = values;
    c.update();
  }, [labels, values]);

  return (
    <div className="sales-chart">
      <canvas ref={canvas} role="img" aria-label={label} />
    </div>
  );
}
