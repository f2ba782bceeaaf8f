import { useEffect, useState } from 'react';
import { pathPrefix } from './api';

// A tiny router: the server serves index.html for every page path, and pages are few and flat.

/** The current page path without the prefix ("/query", "/targets", …). */
export function currentPage(): string {
  const prefix = pathPrefix();
  let path = window.location.pathname;
  if (prefix !== '' && path.startsWith(prefix)) path = path.slice(prefix.length);
  if (path === '' || path === '/' || path === '/graph') return '/query';
  return path.replace(/\/$/, '');
}

/** Moves to a page without reloading; `search` keeps or sets the query string. */
export function navigate(page: string, search = ''): void {
  window.history.pushState(null, '', `${pathPrefix()}${page}${search}`);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

/** Replaces the query string of the current page (URL state), without a new history entry. */
export function replaceSearch(params: URLSearchParams): void {
  const search = params.toString();
  const url = `${window.location.pathname}${search ? `?${search}` : ''}`;
  if (url !== `${window.location.pathname}${window.location.search}`) window.history.replaceState(null, '', url);
}

/** The current page, re-rendering on back/forward and navigate(). */
export function usePage(): string {
  const [page, setPage] = useState(currentPage);
  useEffect(() => {
    const onPop = () => setPage(currentPage());
    window.addEventListener('popstate', onPop);
    return () => window.removeEventListener('popstate', onPop);
  }, []);
  return page;
}
