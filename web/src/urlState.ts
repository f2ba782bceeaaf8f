import { formatDuration, formatTime, parseDuration, parseTime } from './format';

/** One query panel's settings, as kept in the URL (upstream 3's g<i>.* parameter names). */
export interface PanelOptions {
  expr: string;
  tab: 'table' | 'graph';
  rangeMs: number;
  /** Evaluation / range end time; null means "now" at execution. */
  endMs: number | null;
  /** Range query step; null picks one from the range. */
  stepSeconds: number | null;
  stacked: boolean;
}

export const defaultRangeMs = 3600 * 1000;

export function newPanel(expr = ''): PanelOptions {
  return { expr, tab: 'table', rangeMs: defaultRangeMs, endMs: null, stepSeconds: null, stacked: false };
}

/**
 * Reads panels from a query string. Accepts upstream 3's names (g0.tab=graph|table, g0.display_mode=stacked,
 * g0.end_input, g0.step_input) and upstream 2's (g0.tab=0|1, g0.stacked=1, g0.moment_input), so links from
 * alert generatorURLs of either version open the right panel.
 */
export function decodePanels(search: string): PanelOptions[] {
  const params = new URLSearchParams(search);
  const panels: PanelOptions[] = [];
  for (let i = 0; ; i++) {
    const get = (k: string) => params.get(`g${i}.${k}`);
    if (get('expr') === null && get('tab') === null && get('range_input') === null) break;
    const p = newPanel(get('expr') ?? '');
    const tab = get('tab');
    p.tab = tab === 'graph' || tab === '0' ? 'graph' : 'table';
    p.rangeMs = parseDuration(get('range_input') ?? '') ?? defaultRangeMs;
    p.endMs = parseTime(get('end_input') ?? get('moment_input') ?? '');
    const step = parseDuration(get('step_input') ?? '') ?? (Number(get('step_input')) * 1000 || null);
    p.stepSeconds = step ? step / 1000 : null;
    p.stacked = get('display_mode') === 'stacked' || get('stacked') === '1';
    panels.push(p);
  }
  return panels;
}

/** Writes panels as upstream 3's query string. */
export function encodePanels(panels: PanelOptions[]): URLSearchParams {
  const params = new URLSearchParams();
  panels.forEach((p, i) => {
    params.set(`g${i}.expr`, p.expr);
    params.set(`g${i}.show_tree`, '0');
    params.set(`g${i}.tab`, p.tab);
    params.set(`g${i}.range_input`, formatDuration(p.rangeMs));
    if (p.endMs !== null) params.set(`g${i}.end_input`, formatTime(p.endMs));
    if (p.stepSeconds !== null) params.set(`g${i}.step_input`, String(p.stepSeconds));
    params.set(`g${i}.display_mode`, p.stacked ? 'stacked' : 'lines');
  });
  return params;
}

/** The step a range query uses when none is set: about 250 points over the range, at least 1 s (as upstream). */
export function autoStepSeconds(rangeMs: number): number {
  return Math.max(Math.floor(rangeMs / 250 / 1000), 1);
}
