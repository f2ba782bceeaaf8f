import { StrictMode, useEffect, useState, type MouseEvent } from 'react';
import { createRoot } from 'react-dom/client';
import { navigate, usePage } from './router';
import { QueryPage } from './pages/QueryPage';
import { TargetsPage } from './pages/TargetsPage';
import { ServiceDiscoveryPage } from './pages/ServiceDiscoveryPage';
import { RulesPage } from './pages/RulesPage';
import { AlertsPage } from './pages/AlertsPage';
import { StatusPage } from './pages/StatusPage';
import { TsdbStatusPage } from './pages/TsdbStatusPage';
import { FlagsPage } from './pages/FlagsPage';
import { ConfigPage } from './pages/ConfigPage';
import './styles.css';

const pages: { path: string; title: string; render: () => React.ReactNode; menu: 'main' | 'status' }[] = [
  { path: '/query', title: 'Query', render: () => <QueryPage />, menu: 'main' },
  { path: '/alerts', title: 'Alerts', render: () => <AlertsPage />, menu: 'main' },
  { path: '/rules', title: 'Rules', render: () => <RulesPage />, menu: 'main' },
  { path: '/targets', title: 'Targets', render: () => <TargetsPage />, menu: 'main' },
  { path: '/service-discovery', title: 'Service discovery', render: () => <ServiceDiscoveryPage />, menu: 'main' },
  { path: '/status', title: 'Runtime & build information', render: () => <StatusPage />, menu: 'status' },
  { path: '/tsdb-status', title: 'TSDB status', render: () => <TsdbStatusPage />, menu: 'status' },
  { path: '/flags', title: 'Command-line flags', render: () => <FlagsPage />, menu: 'status' },
  { path: '/config', title: 'Configuration', render: () => <ConfigPage />, menu: 'status' },
];

type Theme = 'light' | 'dark';

function initialTheme(): Theme {
  const saved = localStorage.getItem('pharos.theme');
  if (saved === 'light' || saved === 'dark') return saved;
  return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

function NavLink({ path, title, active }: { path: string; title: string; active: boolean }) {
  const onClick = (e: MouseEvent<HTMLAnchorElement>) => {
    if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return;
    e.preventDefault();
    navigate(path);
  };
  // Relative href (no leading slash) so it resolves against <base href> when opened in a new tab.
  return (
    <a href={path.slice(1)} className={active ? 'active' : ''} onClick={onClick}>
      {title}
    </a>
  );
}

function App() {
  const page = usePage();
  const [theme, setTheme] = useState<Theme>(initialTheme);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    localStorage.setItem('pharos.theme', theme);
  }, [theme]);
  const current = pages.find((p) => p.path === page);
  useEffect(() => {
    document.title = current ? `${current.title} - Pharos` : 'Pharos';
  }, [current]);

  return (
    <>
      <header className="nav">
        <span className="brand">Pharos</span>
        <nav>
          {pages
            .filter((p) => p.menu === 'main')
            .map((p) => (
              <NavLink key={p.path} path={p.path} title={p.title} active={p.path === page} />
            ))}
          <span className="sep" />
          {pages
            .filter((p) => p.menu === 'status')
            .map((p) => (
              <NavLink key={p.path} path={p.path} title={p.title.replace('Runtime & build information', 'Status')} active={p.path === page} />
            ))}
        </nav>
        <button
          className="theme-toggle"
          title="Switch between light and dark theme"
          aria-label="Toggle theme"
          onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')}
        >
          {theme === 'dark' ? '☀' : '☾'}
        </button>
      </header>
      <main>
        {current ? (
          <>
            {current.path !== '/query' && <h1>{current.title}</h1>}
            {current.render()}
          </>
        ) : (
          <div className="alert error">
            Page not found: {page}. <NavLink path="/query" title="Go to the query page" active={false} />
          </div>
        )}
      </main>
    </>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
