import { useState } from 'react';
import type { Rule, RuleGroup } from '../api';
import { LabelBadges, LoadState, SearchBox, matchesFilter } from '../components';
import { ago, formatDuration, humanizeSeconds } from '../format';
import { useApi } from '../useApi';

/** A relative link that opens an expression in the query page's table tab. */
export function queryLink(expr: string): string {
  return `query?${new URLSearchParams({ 'g0.expr': expr, 'g0.tab': 'table' }).toString()}`;
}

function RuleRow({ rule }: { rule: Rule }) {
  return (
    <tr className={`rule health-${rule.health}`}>
      <td>
        <div className="rule-kind">
          {rule.type === 'alerting' ? 'alert' : 'record'}: <strong>{rule.name}</strong>
        </div>
        <a className="expr" href={queryLink(rule.query)}>
          {rule.query}
        </a>
        {rule.type === 'alerting' && rule.duration ? <div className="muted small">for: {formatDuration(rule.duration * 1000)}</div> : null}
        {rule.labels && Object.keys(rule.labels).length > 0 && (
          <div>
            <LabelBadges labels={rule.labels} />
          </div>
        )}
        {rule.annotations && Object.keys(rule.annotations).length > 0 && (
          <dl className="annotations">
            {Object.entries(rule.annotations).map(([k, v]) => (
              <div key={k}>
                <dt>{k}</dt>
                <dd>{v}</dd>
              </div>
            ))}
          </dl>
        )}
        {rule.lastError && <div className="target-error">{rule.lastError}</div>}
      </td>
      <td>
        <span className={`badge health-${rule.health === 'ok' ? 'up' : rule.health === 'err' ? 'down' : 'unknown'}`}>{rule.health}</span>
      </td>
      <td title={rule.lastEvaluation}>{ago(rule.lastEvaluation)}</td>
      <td>{humanizeSeconds(rule.evaluationTime)}</td>
    </tr>
  );
}

function Rules({ groups }: { groups: RuleGroup[] }) {
  const [filter, setFilter] = useState('');
  if (groups.length === 0) return <div className="muted">No rule groups configured.</div>;
  return (
    <>
      <div className="toolbar">
        <SearchBox value={filter} onChange={setFilter} placeholder="Filter by rule name or expression" />
      </div>
      {groups.map((g) => {
        const rules = g.rules.filter((r) => matchesFilter(filter, r.name, r.query));
        if (rules.length === 0) return null;
        return (
          <section key={`${g.file};${g.name}`} className="pool">
            <h2 className="pool-title">
              {g.name} <span className="muted small">{g.file}</span>
            </h2>
            <div className="muted small">
              interval {formatDuration(g.interval * 1000)}, last evaluation {ago(g.lastEvaluation)}, took {humanizeSeconds(g.evaluationTime)}
            </div>
            <table className="table rules">
              <thead>
                <tr>
                  <th>Rule</th>
                  <th>Health</th>
                  <th>Last evaluation</th>
                  <th>Evaluation time</th>
                </tr>
              </thead>
              <tbody>
                {rules.map((r) => (
                  <RuleRow key={`${r.type}:${r.name}:${r.query}`} rule={r} />
                ))}
              </tbody>
            </table>
          </section>
        );
      })}
    </>
  );
}

export function RulesPage() {
  const state = useApi<{ groups: RuleGroup[] }>('rules');
  return <LoadState state={state}>{(data) => <Rules groups={data.groups} />}</LoadState>;
}
