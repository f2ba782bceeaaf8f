import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiCallError, apiCall, type InstantSeries, type QueryResult, type RangeSeries } from '../api';
import { formatDuration, formatSeries, formatTime, parseDuration, parseTime } from '../format';
import { addToHistory, loadHistory } from '../history';
import { replaceSearch } from '../router';
import { autoStepSeconds, decodePanels, encodePanels, newPanel, type PanelOptions } from '../urlState';
import { parseMatrixResponse } from '../fastMatrix';
import { Editor } from './Editor';
import { Graph } from './Graph';

interface Outcome {
  result?: QueryResult;
  error?: string;
  errorType?: string;
  warnings: string[];
  infos: string[];
  elapsedMs: number;
  // The range the result covers (graph tab).
  startMs: number;
  endMs: number;
  stepMs: number;
}

// Hints for errors people hit most often; the server's message is always shown first.
function explain(error: string, errorType?: string): string | null {
  if (/11,?000 points/.test(error)) return 'Increase the resolution (step) or shorten the range: a range query returns at most 11,000 points per series.';
  if (errorType === 'timeout' || /timeout|timed out/i.test(error)) return 'The query took too long. Narrow the selector, shorten the range or increase the step.';
  if (/parse error|unexpected/.test(error)) return 'The expression is not valid PromQL; the position is given as line:column.';
  if (/many-to-many|multiple matches/.test(error)) return 'Both sides of the operation have several series with the same labels; add on(…)/ignoring(…) or group_left/group_right.';
  if (errorType === 'network') return 'The server could not be reached.';
  return null;
}

const rangeSteps = ['1m', '5m', '15m', '30m', '1h', '2h', '6h', '12h', '1d', '2d', '1w', '2w', '4w', '8w', '1y'].map((s) => parseDuration(s)!);

function DataTable({ result }: { result: QueryResult }) {
  const limit = 10000;
  switch (result.resultType) {
    case 'scalar':
    case 'string':
      return (
        <table className="table results">
          <tbody>
            <tr>
              <td>{result.resultType}</td>
              <td className="num">{result.result[1]}</td>
            </tr>
          </tbody>
        </table>
      );
    case 'vector':
    case 'matrix': {
      const rows = result.result as (InstantSeries & RangeSeries)[];
      if (rows.length === 0) return <div className="muted">Empty query result</div>;
      return (
        <>
          {rows.length > limit && <div className="alert warning">Showing only the first {limit} of {rows.length} series.</div>}
          <table className="table results">
            <tbody>
              {rows.slice(0, limit).map((s, i) => (
                <tr key={i}>
                  <td className="series">{formatSeries(s.metric)}</td>
                  <td className="num">
                    {s.value && s.value[1]}
                    {s.histogram && 'native histogram'}
                    {s.values?.map(([t, v]) => (
                      <div key={t}>
                        {v} <span className="muted">@{t}</span>
                      </div>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      );
    }
  }
}

function Panel({
  options,
  onChange,
  onRemove,
  history,
  onExecuted,
}: {
  options: PanelOptions;
  onChange: (o: PanelOptions) => void;
  onRemove?: () => void;
  history: string[];
  onExecuted: (expr: string) => void;
}) {
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [loading, setLoading] = useState(false);
  const [showHistory, setShowHistory] = useState(false);
  const [rangeText, setRangeText] = useState(formatDuration(options.rangeMs));
  const [endText, setEndText] = useState(options.endMs === null ? '' : formatTime(options.endMs));
  const abort = useRef<AbortController | null>(null);
  const latest = useRef(options);
  latest.current = options;

  useEffect(() => setRangeText(formatDuration(options.rangeMs)), [options.rangeMs]);
  useEffect(() => setEndText(options.endMs === null ? '' : formatTime(options.endMs)), [options.endMs]);

  const execute = useCallback(
    async (o: PanelOptions = latest.current) => {
      if (o.expr.trim() === '') {
        setOutcome({ error: 'Expression is empty: type a PromQL expression first.', warnings: [], infos: [], elapsedMs: 0, startMs: 0, endMs: 0, stepMs: 0 });
        return;
      }
      abort.current?.abort();
      const controller = new AbortController();
      abort.current = controller;
      setLoading(true);
      const endMs = o.endMs ?? Date.now();
      const startMs = endMs - o.rangeMs;
      const stepSeconds = o.stepSeconds ?? autoStepSeconds(o.rangeMs);
      const params = new URLSearchParams({ query: o.expr });
      if (o.tab === 'graph') {
        params.set('start', String(startMs / 1000));
        params.set('end', String(endMs / 1000));
        params.set('step', String(stepSeconds));
      } else {
        params.set('time', String(endMs / 1000));
      }
      const began = performance.now();
      const base = { startMs, endMs, stepMs: stepSeconds * 1000 };
      try {
        const r =
          o.tab === 'graph'
            ? await apiCall<QueryResult>('query_range', params, controller.signal, parseMatrixResponse)
            : await apiCall<QueryResult>('query', params, controller.signal);
        setOutcome({ result: r.data, warnings: r.warnings ?? [], infos: r.infos ?? [], elapsedMs: performance.now() - began, ...base });
      } catch (e) {
        if ((e as Error).name === 'AbortError') return;
        const err = e as ApiCallError;
        setOutcome({ error: err.message, errorType: err.errorType, warnings: [], infos: [], elapsedMs: performance.now() - began, ...base });
      } finally {
        if (abort.current === controller) setLoading(false);
      }
      onExecuted(o.expr);
    },
    [onExecuted],
  );

  // Run on load when the URL already has an expression, and again when the tab or time settings change.
  const settings = `${options.tab}|${options.rangeMs}|${options.endMs}|${options.stepSeconds}`;
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      if (options.expr.trim() === '') return;
    }
    if (options.expr.trim() !== '') void execute();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [settings]);

  const set = (patch: Partial<PanelOptions>) => onChange({ ...options, ...patch });
  const stepRange = (dir: 1 | -1) => {
    const i = rangeSteps.findIndex((r) => r >= options.rangeMs);
    const next = dir > 0 ? rangeSteps[Math.min(rangeSteps.length - 1, i < 0 ? rangeSteps.length - 1 : options.rangeMs === rangeSteps[i] ? i + 1 : i)] : rangeSteps[Math.max(0, (i < 0 ? rangeSteps.length : i) - 1)];
    set({ rangeMs: next });
  };
  const shiftEnd = (dir: 1 | -1) => {
    const base = options.endMs ?? Date.now();
    set({ endMs: base + (dir * options.rangeMs) / 2 });
  };

  const r = outcome?.result;
  const seriesCount = r && (r.resultType === 'vector' || r.resultType === 'matrix') ? r.result.length : r ? 1 : 0;

  return (
    <section className="panel">
      <div className="panel-editor">
        <Editor value={options.expr} onChange={(expr) => set({ expr })} onExecute={(expr) => void execute({ ...latest.current, expr })} />
        <button className="icon" title="Query history" aria-label="Query history" onClick={() => setShowHistory(!showHistory)}>
          ⟲
        </button>
        <button className="primary execute" onClick={() => void execute()} disabled={loading}>
          {loading ? 'Running…' : 'Execute'}
        </button>
        {onRemove && (
          <button className="icon" title="Remove panel" aria-label="Remove panel" onClick={onRemove}>
            ✕
          </button>
        )}
      </div>
      {showHistory && (
        <ul className="history">
          {history.length === 0 && <li className="muted">No queries run yet.</li>}
          {history.map((h) => (
            <li
              key={h}
              onClick={() => {
                set({ expr: h });
                setShowHistory(false);
              }}
            >
              {h}
            </li>
          ))}
        </ul>
      )}
      <div className="tabs">
        <button className={options.tab === 'table' ? 'tab active' : 'tab'} onClick={() => set({ tab: 'table' })}>
          Table
        </button>
        <button className={options.tab === 'graph' ? 'tab active' : 'tab'} onClick={() => set({ tab: 'graph' })}>
          Graph
        </button>
        {outcome && !outcome.error && (
          <span className="stats muted small">
            Load time: {Math.round(outcome.elapsedMs)}ms · Result series: {seriesCount}
          </span>
        )}
      </div>
      <div className="controls">
        {options.tab === 'graph' && (
          <>
            <button onClick={() => stepRange(-1)} title="Shorter range">
              −
            </button>
            <input
              className="range"
              aria-label="Range"
              value={rangeText}
              onChange={(e) => setRangeText(e.target.value)}
              onBlur={() => {
                const ms = parseDuration(rangeText);
                if (ms && ms > 0) set({ rangeMs: ms });
                else setRangeText(formatDuration(options.rangeMs));
              }}
              onKeyDown={(e) => e.key === 'Enter' && (e.target as HTMLInputElement).blur()}
            />
            <button onClick={() => stepRange(1)} title="Longer range">
              +
            </button>
          </>
        )}
        {options.tab === 'graph' && (
          <button onClick={() => shiftEnd(-1)} title="Earlier">
            ‹
          </button>
        )}
        <input
          className="end"
          aria-label={options.tab === 'graph' ? 'End time' : 'Evaluation time'}
          placeholder={options.tab === 'graph' ? 'End time (UTC, now)' : 'Evaluation time (UTC, now)'}
          value={endText}
          onChange={(e) => setEndText(e.target.value)}
          onBlur={() => {
            if (endText.trim() === '') set({ endMs: null });
            else {
              const t = parseTime(endText);
              if (t !== null) set({ endMs: t });
              else setEndText(options.endMs === null ? '' : formatTime(options.endMs));
            }
          }}
          onKeyDown={(e) => e.key === 'Enter' && (e.target as HTMLInputElement).blur()}
        />
        {options.tab === 'graph' && (
          <button onClick={() => shiftEnd(1)} title="Later">
            ›
          </button>
        )}
        {options.endMs !== null && (
          <button onClick={() => set({ endMs: null })} title="Evaluate at the current time">
            now
          </button>
        )}
        {options.tab === 'graph' && (
          <>
            <input
              className="step"
              aria-label="Resolution"
              placeholder={`Res. (s), auto ${autoStepSeconds(options.rangeMs)}`}
              defaultValue={options.stepSeconds ?? ''}
              onBlur={(e) => {
                const v = Number(e.target.value);
                set({ stepSeconds: e.target.value.trim() !== '' && v > 0 ? v : null });
              }}
              onKeyDown={(e) => e.key === 'Enter' && (e.target as HTMLInputElement).blur()}
            />
            <label className="check">
              <input type="radio" checked={!options.stacked} onChange={() => set({ stacked: false })} /> unstacked
            </label>
            <label className="check">
              <input type="radio" checked={options.stacked} onChange={() => set({ stacked: true })} /> stacked
            </label>
          </>
        )}
      </div>
      {outcome?.error && (
        <div className="alert error" role="alert">
          <strong>Error executing query:</strong> {outcome.error}
          {explain(outcome.error, outcome.errorType) && <div className="hint">{explain(outcome.error, outcome.errorType)}</div>}
        </div>
      )}
      {outcome?.warnings.map((w) => (
        <div className="alert warning" key={w}>
          <strong>Warning:</strong> {w}
        </div>
      ))}
      {outcome?.infos.map((w) => (
        <div className="alert info" key={w}>
          <strong>Info:</strong> {w}
        </div>
      ))}
      {r && options.tab === 'table' && <DataTable result={r} />}
      {r && options.tab === 'graph' && r.resultType === 'matrix' && (
        <Graph
          series={r.result}
          startMs={outcome!.startMs}
          endMs={outcome!.endMs}
          stepMs={outcome!.stepMs}
          stacked={options.stacked}
          onZoom={(from, to) => set({ endMs: to, rangeMs: Math.max(1000, to - from) })}
        />
      )}
      {r && options.tab === 'graph' && r.resultType !== 'matrix' && <DataTable result={r} />}
      {!outcome && !loading && <div className="muted small">No data queried yet.</div>}
    </section>
  );
}

/** The query page: several panels, each with an editor and Table/Graph tabs, all kept in the URL. */
export function QueryPage() {
  const [panels, setPanels] = useState<PanelOptions[]>(() => {
    const fromUrl = decodePanels(window.location.search);
    return fromUrl.length > 0 ? fromUrl : [newPanel()];
  });
  const [keys, setKeys] = useState(() => panels.map((_p, i) => i));
  const [history, setHistory] = useState(loadHistory);

  useEffect(() => replaceSearch(encodePanels(panels)), [panels]);
  const onExecuted = useCallback((expr: string) => setHistory(addToHistory(expr)), []);

  return (
    <div className="query-page">
      {panels.map((p, i) => (
        <Panel
          key={keys[i]}
          options={p}
          history={history}
          onExecuted={onExecuted}
          onChange={(o) => setPanels(panels.map((x, j) => (j === i ? o : x)))}
          onRemove={
            panels.length > 1
              ? () => {
                  setPanels(panels.filter((_x, j) => j !== i));
                  setKeys(keys.filter((_x, j) => j !== i));
                }
              : undefined
          }
        />
      ))}
      <button
        className="add-panel"
        onClick={() => {
          setPanels([...panels, newPanel()]);
          setKeys([...keys, Math.max(...keys) + 1]);
        }}
      >
        Add panel
      </button>
    </div>
  );
}
