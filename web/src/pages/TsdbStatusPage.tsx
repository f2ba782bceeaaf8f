import { KeyValueTable, LoadState } from '../components';
import { formatTime } from '../format';
import { useApi } from '../useApi';

interface NameValue {
  name: string;
  value: number;
}
interface TsdbStatus {
  headStats: { numSeries: number; numLabelPairs?: number; chunkCount: number; minTime: number; maxTime: number };
  seriesCountByMetricName: NameValue[];
  labelValueCountByLabelName: NameValue[];
  memoryInBytesByLabelName: NameValue[];
  seriesCountByLabelValuePair: NameValue[];
}

function timeOrNone(ms: number): string {
  // An empty head reports math.MaxInt64 / MinInt64 bounds.
  return Math.abs(ms) > 1e15 ? 'No datapoints yet' : `${formatTime(ms)} UTC (${ms})`;
}

function Top({ title, rows, unit }: { title: string; rows: NameValue[]; unit: string }) {
  return (
    <section>
      <h2>{title}</h2>
      <table className="table tsdb">
        <thead>
          <tr>
            <th>Name</th>
            <th>{unit}</th>
          </tr>
        </thead>
        <tbody>
          {(rows ?? []).map((r) => (
            <tr key={r.name}>
              <td>{r.name}</td>
              <td className="num">{r.value.toLocaleString('en-US')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function TsdbStatusPage() {
  const state = useApi<TsdbStatus>('status/tsdb');
  return (
    <LoadState state={state}>
      {(s) => (
        <>
          <h2>Head block</h2>
          <KeyValueTable
            rows={[
              ['Number of series', s.headStats.numSeries.toLocaleString('en-US')],
              ['Number of chunks', s.headStats.chunkCount.toLocaleString('en-US')],
              ['Number of label pairs', (s.headStats.numLabelPairs ?? 0).toLocaleString('en-US')],
              ['Current min time', timeOrNone(s.headStats.minTime)],
              ['Current max time', timeOrNone(s.headStats.maxTime)],
            ]}
          />
          <div className="grid2">
            <Top title="Top series count by metric name" rows={s.seriesCountByMetricName} unit="Series" />
            <Top title="Top label value count by label name" rows={s.labelValueCountByLabelName} unit="Values" />
            <Top title="Top memory used by label name" rows={s.memoryInBytesByLabelName} unit="Bytes" />
            <Top title="Top series count by label value pair" rows={s.seriesCountByLabelValuePair} unit="Series" />
          </div>
        </>
      )}
    </LoadState>
  );
}
