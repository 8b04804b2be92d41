// Names, numbers and tables, shared by the markdown reports, the charts and the CLI's summary lines.
import type { Measurement } from '../types.js';

/** A time in ms with three significant digits. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  if (ms >= 100) return ms.toFixed(0);
  if (ms >= 0.001) return Number(ms.toPrecision(3)).toString();
  return ms.toExponential(2);
}

/** A ratio with two decimals, and ×. */
export function formatRatio(ratio: number): string {
  return `${ratio.toFixed(2)}×`;
}

/** Bytes as B, KiB, MiB or GiB. */
export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined) return '—';
  const units = ['B', 'KiB', 'MiB', 'GiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value.toFixed(0) : value.toPrecision(3)} ${units[unit]}`;
}

/** A markdown table. */
export function table(headers: readonly string[], rows: readonly (readonly string[])[], align?: readonly ('l' | 'r')[]): string {
  const escape = (cell: string) => cell.replace(/\|/g, '\\|');
  const line = (cells: readonly string[]) => `| ${cells.map(escape).join(' | ')} |`;
  const rule = headers.map((_, i) => ((align?.[i] ?? (i === 0 ? 'l' : 'r')) === 'r' ? '---:' : '---'));
  return [line(headers), `| ${rule.join(' | ')} |`, ...rows.map(line)].join('\n');
}

/** The legend name of a measurement's contender within a backend: `kan-linear · bspline`, `bspline · fused`. */
export function contenderName(m: Pick<Measurement, 'layer' | 'basis' | 'variant'>): string {
  return m.layer === null ? `${m.basis} · ${m.variant}` : `${m.layer} · ${m.basis}`;
}

/** A case label: `100→100 @8`, `784-64-10 @64`. */
export function caseLabel(widths: readonly number[], batch: number): string {
  return `${widths.length === 2 ? `${widths[0]}→${widths[1]}` : `[${widths.join(', ')}]`} @${batch}`;
}
