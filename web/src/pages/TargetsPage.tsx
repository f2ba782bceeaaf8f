import { useMemo, useState } from 'react';
import type { Target, TargetsData } from '../api';
import { LabelBadges, LoadState, SearchBox, matchesFilter } from '../components';
import { ago, humanizeSeconds } from '../format';
import { useApi } from '../useApi';

const healths = ['up', 'down', 'unknown'] as const;

function HealthBadge({ health }: { health: string }) {
  return <span className={`badge health-${health}`}>{health.toUpperCase()}</span>;
}

function Pool({ name, targets, collapsed, toggle }: { name: string; targets: Target[]; collapsed: boolean; toggle: () => void }) {
  const up = targets.filter((t) => t.health === 'up').length;
  return (
    <section className="pool" data-pool={name}>
      <h2 className="pool-title" onClick={toggle} role="button" aria-expanded={!collapsed}>
        <span className="caret">{collapsed ? '▸' : '▾'}</span> {name}{' '}
        <span className={`count ${up === targets.length ? 'ok' : 'bad'}`}>
          ({up}/{targets.length} up)
        </span>
      </h2>
      {!collapsed && (
        <table className="table targets">
          <thead>
            <tr>
              <th>Endpoint</th>
              <th>State</th>
              <th>Labels</th>
              <th>Last scrape</th>
              <th>Scrape duration</th>
            </tr>
          </thead>
          <tbody>
            {targets.map((t) => (
              <tr key={t.scrapeUrl + JSON.stringify(t.labels)} className={`target health-${t.health}`}>
                <td>
                  <a href={t.globalUrl || t.scrapeUrl} target="_blank" rel="noreferrer">
                    {t.scrapeUrl}
                  </a>
                  {t.lastError && <div className="target-error">{t.lastError}</div>}
                </td>
                <td>
                  <HealthBadge health={t.health} />
                </td>
                <td>
                  <LabelBadges labels={t.labels} />
                </td>
                <td title={t.lastScrape}>{ago(t.lastScrape)}</td>
                <td>
                  {humanizeSeconds(t.lastScrapeDuration)}
                  <div className="muted small">
                    interval {t.scrapeInterval}, timeout {t.scrapeTimeout}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function Targets({ data }: { data: TargetsData }) {
  const [filter, setFilter] = useState('');
  const [shown, setShown] = useState<Record<string, boolean>>({ up: true, down: true, unknown: true });
  const [collapsed, setCollapsed] = useState<Record<string, boolean>>({});
  const pools = useMemo(() => {
    const byPool = new Map<string, Target[]>();
    for (const t of data.activeTargets) {
      if (!byPool.has(t.scrapePool)) byPool.set(t.scrapePool, []);
      byPool.get(t.scrapePool)!.push(t);
    }
    return [...byPool.entries()].sort(([a], [b]) => a.localeCompare(b));
  }, [data]);
  const visible = pools
    .map(([name, targets]) => {
      const kept = targets.filter(
        (t) => shown[t.health] && matchesFilter(filter, t.scrapeUrl, t.lastError, ...Object.entries(t.labels).map(([k, v]) => `${k}="${v}"`)),
      );
      return [name, kept] as const;
    })
    .filter(([, kept]) => kept.length > 0);
  const allCollapsed = pools.every(([name]) => collapsed[name]);

  return (
    <>
      <div className="toolbar">
        <SearchBox value={filter} onChange={setFilter} placeholder="Filter by endpoint, labels or error" />
        {healths.map((h) => (
          <label key={h} className="check">
            <input type="checkbox" checked={shown[h]} onChange={(e) => setShown({ ...shown, [h]: e.target.checked })} /> {h}
          </label>
        ))}
        <button
          onClick={() => setCollapsed(Object.fromEntries(pools.map(([name]) => [name, !allCollapsed])))}
        >
          {allCollapsed ? 'Expand all' : 'Collapse all'}
        </button>
      </div>
      {visible.length === 0 && <div className="muted">No targets match.</div>}
      {visible.map(([name, targets]) => (
        <Pool
          key={name}
          name={name}
          targets={targets}
          collapsed={!!collapsed[name]}
          toggle={() => setCollapsed({ ...collapsed, [name]: !collapsed[name] })}
        />
      ))}
    </>
  );
}

export function TargetsPage() {
  const state = useApi<TargetsData>('targets', 'state=active');
  return <LoadState state={state}>{(data) => <Targets data={data} />}</LoadState>;
}
