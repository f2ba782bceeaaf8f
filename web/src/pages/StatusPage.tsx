import { KeyValueTable, LoadState } from '../components';
import { useApi } from '../useApi';

const runtimeNames: Record<string, string> = {
  startTime: 'Start time',
  CWD: 'Working directory',
  reloadConfigSuccess: 'Configuration reload',
  lastConfigTime: 'Last successful configuration reload',
  corruptionCount: 'WAL corruptions',
  goroutineCount: 'Goroutines',
  GOMAXPROCS: 'GOMAXPROCS',
  GOMEMLIMIT: 'GOMEMLIMIT',
  GOGC: 'GOGC',
  GODEBUG: 'GODEBUG',
  storageRetention: 'Storage retention',
};

function show(v: unknown): string {
  if (typeof v === 'boolean') return v ? 'Successful' : 'Unsuccessful';
  return String(v);
}

export function StatusPage() {
  const build = useApi<Record<string, string>>('status/buildinfo');
  const runtime = useApi<Record<string, unknown>>('status/runtimeinfo');
  return (
    <>
      <h2>Build information</h2>
      <LoadState state={build}>{(data) => <KeyValueTable rows={Object.entries(data).map(([k, v]) => [k, v])} />}</LoadState>
      <h2>Runtime information</h2>
      <LoadState state={runtime}>
        {(data) => <KeyValueTable rows={Object.entries(data).map(([k, v]) => [runtimeNames[k] ?? k, show(v)])} />}
      </LoadState>
    </>
  );
}
