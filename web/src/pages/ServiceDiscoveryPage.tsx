import { useMemo, useState } from 'react';
import type { Labels, TargetsData } from '../api';
import { LabelBadges, LoadState, SearchBox, matchesFilter } from '../components';
import { useApi } from '../useApi';

interface Row {
  discovered: Labels;
  labels?: Labels;
}

function labelText(l: Labels): string {
  return Object.entries(l)
    .map(([k, v]) => `${k}="${v}"`)
    .join(' ');
}

function Discovery({ data }: { data: TargetsData }) {
  const [filter, setFilter] = useState('');
  const [showDropped, setShowDropped] = useState(true);
  const pools = useMemo(() => {
    const byPool = new Map<string, Row[]>();
    const add = (pool: string, row: Row) => {
      if (!byPool.has(pool)) byPool.set(pool, []);
      byPool.get(pool)!.push(row);
    };
    for (const t of data.activeTargets) add(t.scrapePool, { discovered: t.discoveredLabels, labels: t.labels });
    for (const t of data.droppedTargets) add(t.scrapePool ?? t.discoveredLabels.job ?? '(unknown)', { discovered: t.discoveredLabels });
    return [...byPool.entries()].sort(([a], [b]) => a.localeCompare(b));
  }, [data]);

  return (
    <>
      <div className="toolbar">
        <SearchBox value={filter} onChange={setFilter} placeholder="Filter by labels" />
        <label className="check">
          <input type="checkbox" checked={showDropped} onChange={(e) => setShowDropped(e.target.checked)} /> show dropped targets
        </label>
      </div>
      <ul className="pool-index">
        {pools.map(([name, rows]) => (
          <li key={name}>
            <a href={`#pool-${encodeURIComponent(name)}`}>{name}</a> ({rows.filter((r) => r.labels).length} / {rows.length} active targets)
          </li>
        ))}
      </ul>
      {pools.map(([name, rows]) => {
        const kept = rows.filter(
          (r) => (showDropped || r.labels) && matchesFilter(filter, labelText(r.discovered), r.labels ? labelText(r.labels) : ''),
        );
        return (
          <section key={name} className="pool" id={`pool-${encodeURIComponent(name)}`}>
            <h2 className="pool-title">{name}</h2>
            <table className="table sd">
              <thead>
                <tr>
                  <th>Discovered labels</th>
                  <th>Target labels</th>
                </tr>
              </thead>
              <tbody>
                {kept.map((r, i) => (
                  <tr key={i}>
                    <td>
                      <LabelBadges labels={r.discovered} />
                    </td>
                    <td>{r.labels ? <LabelBadges labels={r.labels} /> : <span className="badge dropped">Dropped</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        );
      })}
    </>
  );
}

export function ServiceDiscoveryPage() {
  const state = useApi<TargetsData>('targets');
  return <LoadState state={state}>{(data) => <Discovery data={data} />}</LoadState>;
}
