// Recently executed expressions, newest first, kept in the browser like upstream's query history.
const key = 'pharos.queryHistory';
const max = 50;

export function loadHistory(): string[] {
  try {
    const v = JSON.parse(localStorage.getItem(key) ?? '[]');
    return Array.isArray(v) ? v.filter((x) => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

export function addToHistory(expr: string): string[] {
  const next = [expr, ...loadHistory().filter((e) => e !== expr)].slice(0, max);
  localStorage.setItem(key, JSON.stringify(next));
  return next;
}
