import { useState } from 'react';
import { LoadState } from '../components';
import { useApi } from '../useApi';

export function ConfigPage() {
  const state = useApi<{ yaml: string }>('status/config');
  const [copied, setCopied] = useState(false);
  return (
    <LoadState state={state}>
      {(data) => (
        <>
          <div className="toolbar">
            <button
              onClick={() => {
                void navigator.clipboard?.writeText(data.yaml).then(() => setCopied(true));
              }}
            >
              {copied ? 'Copied' : 'Copy to clipboard'}
            </button>
          </div>
          <pre className="config">{data.yaml}</pre>
        </>
      )}
    </LoadState>
  );
}
