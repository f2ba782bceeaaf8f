import { useState } from 'react';
import { KeyValueTable, LoadState, SearchBox, matchesFilter } from '../components';
import { useApi } from '../useApi';

export function FlagsPage() {
  const state = useApi<Record<string, string>>('status/flags');
  const [filter, setFilter] = useState('');
  return (
    <LoadState state={state}>
      {(flags) => (
        <>
          <div className="toolbar">
            <SearchBox value={filter} onChange={setFilter} placeholder="Filter by flag name or value" />
          </div>
          <KeyValueTable
            rows={Object.entries(flags)
              .filter(([k, v]) => matchesFilter(filter, k, v))
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([k, v]) => [`--${k}`, v])}
          />
        </>
      )}
    </LoadState>
  );
}
