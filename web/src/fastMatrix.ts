import type { ApiSuccess, Labels, QueryResult, RangeSeries } from './api';

// A range query over thousands of series answers tens of megabytes of JSON. JSON.parse turns every sample into a
// two-element array and a string that the graph immediately converts to numbers, and the garbage collector then
// spends longer than the parse. This reads the "result" array of a matrix answer straight into Float64Arrays and
// leaves everything else (envelope, warnings, labels) to JSON.parse. Anything it does not expect (native
// histograms, whitespace, another shape) makes it return null, and the caller parses the text the ordinary way.

const pow10 = Array.from({ length: 23 }, (_v, i) => 10 ** i);

class Unexpected extends Error {}

function fail(): never {
  throw new Unexpected();
}

/** Parses a JSON number (or the text of a quoted sample value) ending at the first `,` `]` or `"` from `pos`. */
function readNumber(text: string, pos: number, out: { value: number; end: number }): void {
  let i = pos;
  let negative = false;
  const first = text.charCodeAt(i);
  if (first === 45 /* - */) {
    negative = true;
    i++;
  } else if (first === 43 /* + */) {
    i++;
  }
  let mantissa = 0;
  let digits = 0;
  let fraction = 0;
  let seenDot = false;
  for (; ; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      digits++;
      if (seenDot) fraction++;
    } else if (c === 46 /* . */ && !seenDot) {
      seenDot = true;
    } else {
      break;
    }
  }
  const c = text.charCodeAt(i);
  // Up to 15 digits the mantissa and 10^fraction are exact doubles, so one division rounds correctly (as Number()).
  if ((c === 44 || c === 93 || c === 34) && digits > 0 && digits <= 15 && fraction <= 22) {
    const v = mantissa / pow10[fraction];
    out.value = negative ? -v : v;
    out.end = i;
    return;
  }
  // Exponents, NaN, ±Inf, long mantissas: the general conversion.
  let end = pos;
  for (; ; end++) {
    const e = text.charCodeAt(end);
    if (e === 44 || e === 93 || e === 34) break;
    if (Number.isNaN(e)) fail();
  }
  const token = text.slice(pos, end);
  out.value = token === '+Inf' ? Infinity : token === '-Inf' ? -Infinity : Number(token);
  if (Number.isNaN(out.value) && token !== 'NaN') fail();
  out.end = end;
}

function expect(text: string, pos: number, literal: string): number {
  if (!text.startsWith(literal, pos)) fail();
  return pos + literal.length;
}

/** The end (exclusive) of the JSON object starting at `pos`, skipping strings and their escapes. */
function objectEnd(text: string, pos: number): number {
  let depth = 0;
  for (let i = pos; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) {
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 92) i++;
        else if (d === 34) break;
      }
    } else if (c === 123) depth++;
    else if (c === 125 && --depth === 0) return i + 1;
  }
  fail();
}

function readValues(text: string, pos: number, series: RangeSeries): number {
  const times: number[] = [];
  const values: number[] = [];
  const num = { value: 0, end: 0 };
  let i = expect(text, pos, '[');
  if (text.charCodeAt(i) !== 93) {
    for (;;) {
      i = expect(text, i, '[');
      readNumber(text, i, num);
      times.push(num.value);
      i = expect(text, num.end, ',"');
      readNumber(text, i, num);
      values.push(num.value);
      i = expect(text, num.end, '"]');
      if (text.charCodeAt(i) === 44) i++;
      else break;
    }
  }
  i = expect(text, i, ']');
  series.times = Float64Array.from(times);
  series.floats = Float64Array.from(values);
  return i;
}

/** Parses a query_range answer whose result is a matrix of float series; null when the text is anything else. */
export function parseMatrixResponse(text: string): ApiSuccess<QueryResult> | null {
  const start = text.indexOf('"result":[');
  if (start < 0 || !text.startsWith('{"status":"success"') || !text.includes('"resultType":"matrix"')) return null;
  try {
    const result: RangeSeries[] = [];
    let i = start + '"result":['.length;
    if (text.charCodeAt(i) !== 93) {
      for (;;) {
        i = expect(text, i, '{');
        const series: RangeSeries = { metric: {} };
        for (;;) {
          if (text.startsWith('"metric":', i)) {
            const from = i + '"metric":'.length;
            i = objectEnd(text, from);
            series.metric = JSON.parse(text.slice(from, i)) as Labels;
          } else if (text.startsWith('"values":', i)) {
            i = readValues(text, i + '"values":'.length, series);
          } else {
            fail();
          }
          if (text.charCodeAt(i) === 44) i++;
          else break;
        }
        i = expect(text, i, '}');
        result.push(series);
        if (text.charCodeAt(i) === 44) i++;
        else break;
      }
    }
    i = expect(text, i, ']');
    // The envelope without the result: status, warnings and infos come from the ordinary parser.
    const envelope = JSON.parse(text.slice(0, start) + '"result":[]' + text.slice(i)) as ApiSuccess<QueryResult>;
    (envelope.data as { result: RangeSeries[] }).result = result;
    return envelope;
  } catch (e) {
    if (e instanceof Unexpected || e instanceof SyntaxError) return null;
    throw e;
  }
}
