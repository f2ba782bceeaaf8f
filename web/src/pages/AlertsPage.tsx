import { useState } from 'react';
import type { Rule, RuleGroup } from '../api';
import { LabelBadges, LoadState, SearchBox, matchesFilter } from '../components';
import { ago, formatDuration } from '../format';
import { useApi } from '../useApi';
import { queryLink } from './RulesPage';

const states = ['inactive', 'pending', 'firing'] as const;

function AlertRule({ rule, group }: { rule: Rule; group: RuleGroup }) {
  const [open, setOpen] = useState(rule.state !== 'inactive');
  const alerts = rule.alerts ?? [];
  return (
    <section className={`alert-rule state-${rule.state}`}>
      <h3 className="pool-title" role="button" aria-expanded={open} onClick={() => setOpen(!open)}>
        <span className="caret">{open ? '▾' : '▸'}</span> <strong>{rule.name}</strong>{' '}
        <span className={`badge state-${rule.state}`}>{rule.state}</span> <span className="muted small">({alerts.length} active)</span>{' '}
        <span className="muted small">
          {group.file} &gt; {group.name}
        </span>
      </h3>
      {open && (
        <div className="alert-body">
          <pre className="rule-def">
            alert: {rule.name}
            {'\n'}expr: <a href={queryLink(rule.query)}>{rule.query}</a>
            {rule.duration ? `\nfor: ${formatDuration(rule.duration * 1000)}` : ''}
            {rule.keepFiringFor ? `\nkeep_firing_for: ${formatDuration(rule.keepFiringFor * 1000)}` : ''}
            {rule.labels && Object.keys(rule.labels).length > 0
              ? `\nlabels:\n${Object.entries(rule.labels).map(([k, v]) => `  ${k}: ${v}`).join('\n')}`
              : ''}
            {rule.annotations && Object.keys(rule.annotations).length > 0
              ? `\nannotations:\n${Object.entries(rule.annotations).map(([k, v]) => `  ${k}: ${v}`).join('\n')}`
              : ''}
          </pre>
          {alerts.length > 0 && (
            <table className="table alerts">
              <thead>
                <tr>
                  <th>Labels</th>
                  <th>State</th>
                  <th>Active since</th>
                  <th>Value</th>
                  <th>Annotations</th>
                </tr>
              </thead>
              <tbody>
                {alerts.map((a, i) => (
                  <tr key={i}>
                    <td>
                      <LabelBadges labels={a.labels} />
                    </td>
                    <td>
                      <span className={`badge state-${a.state}`}>{a.state}</span>
                    </td>
                    <td title={a.activeAt}>{a.activeAt ? `${a.activeAt} (${ago(a.activeAt)})` : ''}</td>
                    <td>{a.value}</td>
                    <td>
                      {Object.entries(a.annotations ?? {}).map(([k, v]) => (
                        <div key={k}>
                          <strong>{k}</strong>: {v}
                        </div>
                      ))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </section>
  );
}

function Alerts({ groups }: { groups: RuleGroup[] }) {
  const [filter, setFilter] = useState('');
  const [shown, setShown] = useState<Record<string, boolean>>({ inactive: true, pending: true, firing: true });
  const rules = groups.flatMap((g) => g.rules.filter((r) => r.type === 'alerting').map((r) => ({ rule: r, group: g })));
  const counts = Object.fromEntries(states.map((s) => [s, rules.filter((r) => r.rule.state === s).length]));
  const kept = rules.filter(
    ({ rule }) =>
      shown[rule.state ?? 'inactive'] &&
      matchesFilter(filter, rule.name, rule.query, ...(rule.alerts ?? []).flatMap((a) => Object.values(a.labels))),
  );
  return (
    <>
      <div className="toolbar">
        <SearchBox value={filter} onChange={setFilter} placeholder="Filter by alert name or labels" />
        {states.map((s) => (
          <label key={s} className="check">
            <input type="checkbox" checked={shown[s]} onChange={(e) => setShown({ ...shown, [s]: e.target.checked })} />{' '}
            <span className={`badge state-${s}`}>
              {s} ({counts[s]})
            </span>
          </label>
        ))}
      </div>
      {rules.length === 0 && <div className="muted">No alerting rules configured.</div>}
      {kept.map(({ rule, group }) => (
        <AlertRule key={`${group.file};${group.name};${rule.name};${rule.query}`} rule={rule} group={group} />
      ))}
    </>
  );
}

export function AlertsPage() {
  const state = useApi<{ groups: RuleGroup[] }>('rules', 'type=alert');
  return <LoadState state={state}>{(data) => <Alerts groups={data.groups} />}</LoadState>;
}
