/**
 * Tables for notebooks: a Danfo DataFrame (or plain records) rendered as an HTML table.
 */
import { displayHtml } from "./display";

/** What `tableHtml` accepts: records, or anything with Danfo's `columns` and `values`. */
export type TableLike = readonly object[] | { columns: string[]; values: unknown[] | unknown[][]; index?: unknown[] };

function escapeHtml(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

function cell(v: unknown, digits: number): string {
  if (typeof v === "number") return Number.isInteger(v) ? String(v) : v.toFixed(digits);
  if (v === null || v === undefined) return "";
  return escapeHtml(String(v));
}

export interface TableOptions {
  /** Decimal places for non-integer numbers. Default 4. */
  digits?: number;
  /** Show at most this many rows (the rest are summarised in a caption). Default 50. */
  maxRows?: number;
  /** A caption shown above the table. */
  caption?: string;
  /** Show the DataFrame index as the first column. Default false. */
  index?: boolean;
}

/** An HTML <table> for records or a Danfo DataFrame (columns, values, index). */
export function tableHtml(table: TableLike, options: TableOptions = {}): string {
  const { digits = 4, maxRows = 50, caption, index = false } = options;
  let columns: string[];
  let rows: unknown[][];
  let idx: unknown[] | undefined;
  if (Array.isArray(table)) {
    const recs = table as readonly Record<string, unknown>[]; // any records (interfaces included)
    columns = [...new Set(recs.flatMap((r) => Object.keys(r)))];
    rows = recs.map((r) => columns.map((c) => r[c]));
  } else {
    const df = table as { columns: string[]; values: unknown[] | unknown[][]; index?: unknown[] };
    columns = df.columns;
    rows = (df.values as unknown[]).map((r) => (Array.isArray(r) ? r : [r]));
    idx = df.index;
  }
  const shown = rows.slice(0, maxRows);
  const head = (index ? ["<th></th>"] : []).concat(columns.map((c) => `<th>${escapeHtml(c)}</th>`)).join("");
  const body = shown
    .map((r, i) => `<tr>${index ? `<th>${cell(idx?.[i] ?? i, digits)}</th>` : ""}${r.map((v) => `<td>${cell(v, digits)}</td>`).join("")}</tr>`)
    .join("\n");
  const more = rows.length > maxRows ? `<p><em>${rows.length - maxRows} more rows not shown (${rows.length} in all)</em></p>` : "";
  const cap = caption ? `<caption>${escapeHtml(caption)}</caption>` : "";
  return `<table class="dataframe">${cap}<thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>${more}`;
}

/** Displays a table in the notebook (see {@link tableHtml}). */
export function showTable(table: TableLike, options: TableOptions = {}): void {
  const html = tableHtml(table, options);
  displayHtml(html, `[table: ${Array.isArray(table) ? table.length : (table as { values: unknown[] }).values.length} rows]`);
}
