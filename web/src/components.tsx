import type { ReactNode } from 'react';
import type { Labels } from './api';
import type { Loaded } from './useApi';

/** Labels as small badges, name first. */
export function LabelBadges({ labels }: { labels: Labels }) {
  return (
    <span className="labels">
      {Object.entries(labels).map(([k, v]) => (
        <span className="label" key={k}>
          {k}=&quot;{v}&quot;
        </span>
      ))}
    </span>
  );
}

/** Shows a loading line, an error box, or the children once data is there. */
export function LoadState<T>({ state, children }: { state: Loaded<T>; children: (data: T) => ReactNode }) {
  if (state.error) return <div className="alert error">Error fetching data: {state.error}</div>;
  if (state.data === undefined) return <div className="muted">Loading…</div>;
  return <>{children(state.data)}</>;
}

/** A text filter box. */
export function SearchBox({ value, onChange, placeholder }: { value: string; onChange: (v: string) => void; placeholder: string }) {
  return (
    <input
      className="search"
      type="search"
      value={value}
      placeholder={placeholder}
      aria-label={placeholder}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}

/** A one-key-per-row table (status pages). */
export function KeyValueTable({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <table className="table kv">
      <tbody>
        {rows.map(([k, v]) => (
          <tr key={k}>
            <th>{k}</th>
            <td>{v}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Whether any of the strings contains the filter text (case-insensitive). */
export function matchesFilter(filter: string, ...texts: string[]): boolean {
  const f = filter.trim().toLowerCase();
  return f === '' || texts.some((t) => t.toLowerCase().includes(f));
}
