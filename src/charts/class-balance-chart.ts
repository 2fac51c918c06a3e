/** Clips per class as bars (Vega-Lite), from counts or from records. */
import { ParameterError } from "../util/errors";
import { repr } from "../util/validate";
import { EMOTIONS } from "../data/ravdess";
import type { VegaLiteSpec } from "./render";
import { CHART_CONFIG, VEGA_LITE_SCHEMA, chartTitle } from "./chart-style";

/** Options of {@link classBalanceChart}. */
export interface ClassBalanceChartOptions {
  /** Chart title. Default "Class balance". */
  title?: string;
  /** Category order. Default: RAVDESS emotion order when every key is an emotion, else as first seen. */
  order?: readonly string[];
  /** x-axis title. Default: the field name ("emotion"). */
  categoryTitle?: string;
  /** y-axis title. Default "clips (count)". */
  countTitle?: string;
  /** With records: a second field that splits each bar into coloured stacks (e.g. "split", "gender"). */
  stack?: string;
  /** Order of the stacks (bottom first) and of the legend. Default: train, val, test for splits, else as first seen. */
  stackOrder?: readonly string[];
  /** Width per bar (px). Default: 44, narrower for many classes so the chart stays within 640 px. */
  step?: number;
}

/** One bar segment of the chart's data. */
export interface ClassBalanceBar {
  category: string;
  count: number;
  /** The stack value, when `stack` was given. */
  group?: string;
  /** Position of `group` in the stack order (0 = bottom). */
  groupRank?: number;
}

/**
 * Bars of how many examples each class has, with the count on each bar.
 * @param input counts by class (`{ angry: 160, calm: 160, ... }`, e.g. from `countBy`) or records
 *   (e.g. clips) to count by `field`
 * @param field the record field to count by, default "emotion" (ignored for counts)
 * @param options title, order, axis titles, stack
 * @returns a Vega-Lite spec; `data.values` are {@link ClassBalanceBar}s
 * @example await show(classBalanceChart(clips, "emotion", { stack: "gender" }));
 */
export function classBalanceChart(
  input: Readonly<Record<string, number>> | readonly object[],
  field = "emotion",
  options: ClassBalanceChartOptions = {},
): VegaLiteSpec {
  const { title = "Class balance", categoryTitle = field, countTitle = "clips (count)", stack } = options;
  const bars: ClassBalanceBar[] = [];
  const firstSeen: string[] = [];
  const note = (k: string) => {
    if (!firstSeen.includes(k)) firstSeen.push(k);
  };
  if (Array.isArray(input)) {
    const records = input as readonly Readonly<Record<string, unknown>>[]; // any objects, e.g. RavdessClip records
    if (records.length === 0) throw new ParameterError("records is empty: nothing to count");
    const counts = new Map<string, number>();
    records.forEach((r, i) => {
      if (r === null || typeof r !== "object" || !(field in r)) throw new ParameterError(`records[${i}] has no field ${repr(field)}`);
      if (stack !== undefined && !(stack in r)) throw new ParameterError(`records[${i}] has no field ${repr(stack)} (stack)`);
      const k = String(r[field]);
      note(k);
      const key = stack === undefined ? k : JSON.stringify([k, String(r[stack])]);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    });
    for (const [key, count] of counts) {
      if (stack === undefined) bars.push({ category: key, count });
      else {
        const [category, group] = JSON.parse(key) as [string, string];
        bars.push({ category, count, group });
      }
    }
  } else {
    if (typeof input !== "object" || input === null) throw new ParameterError(`input=${String(input)} must be counts by class or an array of records`);
    if (stack !== undefined) throw new ParameterError(`stack=${repr(stack)} needs records, not counts`);
    for (const [k, v] of Object.entries(input)) {
      if (!(typeof v === "number" && Number.isFinite(v) && v >= 0)) throw new ParameterError(`counts[${repr(k)}]=${repr(v)} must be a finite number ≥ 0`);
      note(k);
      bars.push({ category: k, count: v });
    }
    if (bars.length === 0) throw new ParameterError("counts is empty: nothing to draw");
  }
  const emotionOrder = (EMOTIONS as readonly string[]).filter((e) => firstSeen.includes(e));
  const order = options.order ? Array.from(options.order) : emotionOrder.length === firstSeen.length ? emotionOrder : firstSeen;
  const groupsSeen = [...new Set(bars.map((b) => b.group).filter((g): g is string => g !== undefined))];
  const splitOrder = ["train", "val", "test"].filter((g) => groupsSeen.includes(g));
  const stackOrder = options.stackOrder ? Array.from(options.stackOrder) : splitOrder.length === groupsSeen.length ? splitOrder : groupsSeen;
  for (const b of bars) if (b.group !== undefined) b.groupRank = stackOrder.indexOf(b.group);
  const step = options.step ?? Math.max(16, Math.min(44, Math.floor(640 / Math.max(1, firstSeen.length))));
  let total = 0;
  for (const b of bars) total += b.count;
  const counts = firstSeen.map((k) => bars.filter((b) => b.category === k).reduce((s, b) => s + b.count, 0));
  const min = Math.min(...counts);
  const max = Math.max(...counts);
  const x = { field: "category", type: "nominal", sort: order, title: categoryTitle, axis: { labelAngle: -40 } };
  const spec = {
    $schema: VEGA_LITE_SCHEMA,
    title: chartTitle(title, `${total} in all · ${firstSeen.length} classes · largest/smallest = ${min > 0 ? (max / min).toFixed(2) : "∞"}`),
    config: CHART_CONFIG,
    width: { step },
    height: 240,
    data: { values: bars },
    layer: [
      {
        mark: { type: "bar" },
        encoding: {
          x,
          y: { field: "count", type: "quantitative", title: countTitle, aggregate: "sum" },
          ...(stack !== undefined
            ? {
                color: { field: "group", type: "nominal", title: stack, sort: stackOrder, scale: { domain: stackOrder } },
                order: { field: "groupRank", type: "quantitative", sort: "ascending" },
              }
            : { color: { value: "#4c78a8" } }),
          tooltip: [
            { field: "category", type: "nominal", title: categoryTitle },
            ...(stack !== undefined ? [{ field: "group", type: "nominal", title: stack }] : []),
            { field: "count", type: "quantitative", title: countTitle, aggregate: "sum" },
          ],
        },
      },
      {
        mark: { type: "text", dy: -7, fontSize: 10 },
        encoding: { x, y: { field: "count", type: "quantitative", aggregate: "sum" }, text: { field: "count", type: "quantitative", aggregate: "sum" } },
      },
    ],
  };
  return spec as VegaLiteSpec;
}
