import { useEffect, useMemo, useRef, useState } from 'react';
import uPlot, { type AlignedData, type Options } from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { Labels, RangeSeries } from '../api';
import { formatSeries, formatTime, formatValue, parseValue } from '../format';

interface Props {
  series: RangeSeries[];
  startMs: number;
  endMs: number;
  stepMs: number;
  stacked: boolean;
  /** Called with the new [start, end] when the user drags over the chart. */
  onZoom: (startMs: number, endMs: number) => void;
}

// Legend entries beyond this are summarised: a 10k-series legend costs more than the chart.
const maxLegendEntries = 200;

/** A stable colour per series, from a hash of its labels, so colours do not shift when results change order. */
export function seriesColor(labels: Labels): string {
  const text = formatSeries(labels);
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  const hue = (h >>> 0) % 360;
  return `hsl(${hue}, 70%, 48%)`;
}

/** Turns matrix series into uPlot's column layout on the query's step grid; missing points are null (gaps). */
function align(series: RangeSeries[], startMs: number, endMs: number, stepMs: number, stacked: boolean): AlignedData {
  const count = Math.max(1, Math.floor((endMs - startMs) / stepMs) + 1);
  const xs = new Float64Array(count);
  for (let i = 0; i < count; i++) xs[i] = (startMs + i * stepMs) / 1000;
  const columns: (number | null)[][] = [];
  const running = stacked ? new Float64Array(count) : null;
  for (const s of series) {
    const ys: (number | null)[] = new Array(count).fill(null);
    const add = (timeSeconds: number, value: number) => {
      const i = Math.round((timeSeconds * 1000 - startMs) / stepMs);
      if (i < 0 || i >= count || !Number.isFinite(value)) return;
      if (running) {
        running[i] += value;
        ys[i] = running[i];
      } else {
        ys[i] = value;
      }
    };
    if (s.times && s.floats) {
      for (let j = 0; j < s.times.length; j++) add(s.times[j], s.floats[j]);
    } else {
      for (const [t, v] of s.values ?? []) add(t, parseValue(v));
    }
    columns.push(ys);
  }
  return [xs as unknown as number[], ...columns];
}

function pointCount(s: RangeSeries): number {
  return s.times?.length ?? s.values?.length ?? 0;
}

function cssVar(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#888';
}

interface Hover {
  left: number;
  top: number;
  time: number;
  value: number | null;
  index: number;
}

/** A time-series chart of a range query result, with legend, hover values and drag-to-zoom. */
export function Graph({ series, startMs, endMs, stepMs, stacked, onZoom }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const [hidden, setHidden] = useState<Set<number>>(new Set());
  const [hover, setHover] = useState<Hover | null>(null);
  const zoom = useRef(onZoom);
  zoom.current = onZoom;
  const data = useMemo(() => {
    const aligned = align(series, startMs, endMs, stepMs, stacked);
    performance.mark('pharos:graph-aligned');
    return aligned;
  }, [series, startMs, endMs, stepMs, stacked]);

  useEffect(() => {
    setHidden(new Set());
  }, [series]);

  useEffect(() => {
    const el = host.current!;
    const axis = cssVar('--fg-muted');
    const grid = cssVar('--grid');
    const opts: Options = {
      width: el.clientWidth || 800,
      height: 360,
      legend: { show: false },
      cursor: {
        drag: { x: true, y: false, setScale: false },
        focus: { prox: 30 },
        points: { size: 6 },
      },
      focus: { alpha: 0.3 },
      scales: { x: { time: true, min: startMs / 1000, max: endMs / 1000 } },
      axes: [
        { stroke: axis, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid } },
        { stroke: axis, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid }, size: 60, values: (_u, vals) => vals.map(formatValue) },
      ],
      series: [
        { value: (_u, v) => (v == null ? '' : formatTime(v * 1000)) },
        ...series.map((s, i) => ({
          label: formatSeries(s.metric),
          stroke: seriesColor(s.metric),
          width: series.length > 100 ? 1 : 1.25,
          fill: stacked ? seriesColor(s.metric).replace('48%)', '48%, 0.25)').replace('hsl(', 'hsla(') : undefined,
          points: { show: (series.length < 50 && pointCount(s) < 100) || pointCount(s) === 1 },
          spanGaps: false,
          show: !hidden.has(i),
        })),
      ],
      hooks: {
        // Marks when the chart was last painted (read by the render benchmark in bench/ui).
        draw: [() => (el.dataset.drawnAt = String(performance.now()))],
        setSelect: [
          (u) => {
            if (u.select.width > 5) {
              const from = u.posToVal(u.select.left, 'x');
              const to = u.posToVal(u.select.left + u.select.width, 'x');
              zoom.current(Math.round(from * 1000), Math.round(to * 1000));
            }
            u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
          },
        ],
        setCursor: [
          (u) => {
            const idx = u.cursor.idx;
            if (idx == null || u.cursor.left == null || u.cursor.left < 0) {
              setHover(null);
              return;
            }
            // The nearest visible series to the cursor at this time.
            const top = u.cursor.top ?? 0;
            let best = -1;
            let bestDist = Infinity;
            for (let i = 1; i < u.series.length; i++) {
              if (!u.series[i].show) continue;
              const v = u.data[i][idx];
              if (v == null) continue;
              const d = Math.abs(u.valToPos(v, 'y') - top);
              if (d < bestDist) {
                bestDist = d;
                best = i;
              }
            }
            setHover(
              best < 0
                ? null
                : { left: u.cursor.left, top, time: u.data[0][idx] * 1000, value: u.data[best][idx] ?? null, index: best - 1 },
            );
          },
        ],
      },
    };
    performance.mark('pharos:graph-create');
    const u = new uPlot(opts, data, el);
    performance.mark('pharos:graph-created');
    plot.current = u;
    const resize = new ResizeObserver(() => u.setSize({ width: el.clientWidth, height: 360 }));
    resize.observe(el);
    return () => {
      resize.disconnect();
      u.destroy();
      plot.current = null;
    };
    // Hidden series are applied incrementally below; a full rebuild only on new data or mode.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [data, series, stacked, startMs, endMs]);

  const toggle = (i: number, only: boolean) => {
    const next = new Set(hidden);
    if (only) {
      // Ctrl/Cmd-click shows only this series (or all again when it already is the only one).
      const alone = hidden.size === series.length - 1 && !hidden.has(i);
      next.clear();
      if (!alone) series.forEach((_s, j) => j !== i && next.add(j));
    } else if (next.has(i)) next.delete(i);
    else next.add(i);
    setHidden(next);
    const u = plot.current;
    if (u) {
      u.batch(() => series.forEach((_s, j) => u.setSeries(j + 1, { show: !next.has(j) })));
    }
  };

  const shown = series.slice(0, maxLegendEntries);
  return (
    <div className="graph" data-series-count={series.length}>
      <div className="graph-canvas" ref={host}>
        {hover && series[hover.index] && (
          <div className="tooltip" style={{ left: hover.left + 70, top: hover.top + 10 }}>
            <div className="muted small">{formatTime(hover.time)} UTC</div>
            <div>
              <span className="swatch" style={{ background: seriesColor(series[hover.index].metric) }} />{' '}
              <strong>{hover.value == null ? '' : formatValue(hover.value)}</strong>
            </div>
            <div className="small">{formatSeries(series[hover.index].metric)}</div>
          </div>
        )}
      </div>
      <div className="legend">
        {shown.map((s, i) => (
          <div
            key={i}
            className={`legend-item ${hidden.has(i) ? 'off' : ''}`}
            onClick={(e) => toggle(i, e.ctrlKey || e.metaKey)}
            title="Click to hide or show; Ctrl/Cmd-click to show only this series"
          >
            <span className="swatch" style={{ background: seriesColor(s.metric) }} /> {formatSeries(s.metric)}
          </div>
        ))}
        {series.length > shown.length && <div className="muted">… and {series.length - shown.length} more series</div>}
      </div>
    </div>
  );
}
