// The measures, computed the same way for every engine from run-engine.mjs's output.

export function percentile(values, p) {
  if (!values.length) return 0;
  const sorted = values.slice().sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))];
}

/**
 * Out-of-scope rejection by a score threshold chosen on the queries themselves (dev):
 * reject when the engine finds nothing or its best score is below t; t maximises the
 * accuracy over all queries with "out of scope" as one more answer (in-scope queries kept
 * with the right intent, plus out-of-scope queries rejected, over all queries: the
 * measure of Larson et al. for clinc150). Engines without
 * scores (FlexSearch) can only reject when they find nothing.
 */
/** Share of all queries handled right: in-scope answered with the right intent, or out-of-scope rejected. */
export function overall(recall, kept, oosCount, inScopeCount) {
  return (recall * oosCount + kept * inScopeCount) / (oosCount + inScopeCount);
}

function chooseThreshold(queries) {
  const inScope = queries.filter((q) => q.gold !== 'oos');
  const oos = queries.filter((q) => q.gold === 'oos');
  const evaluate = (t) => {
    const rejected = (q) => !q.found || (t !== null && q.top !== null && q.top < t);
    const recall = oos.filter(rejected).length / oos.length;
    const kept = inScope.filter((q) => !rejected(q) && q.ranked[0] === q.gold).length / inScope.length;
    return { threshold: t, oosRecall: recall, inScopeAccuracyAfterRejection: kept, overall: overall(recall, kept, oos.length, inScope.length) };
  };
  const scores = [...new Set(queries.filter((q) => q.found && q.top !== null).map((q) => q.top))].sort((a, b) => a - b);
  let best = evaluate(null);
  best.threshold = null;
  for (const t of scores) {
    const r = evaluate(t);
    if (r.overall > best.overall) best = r;
  }
  best.scored = scores.length > 0;
  return best;
}

function ownRejection(queries) {
  const inScope = queries.filter((q) => q.gold !== 'oos');
  const oos = queries.filter((q) => q.gold === 'oos');
  const recall = oos.filter((q) => q.rejected).length / oos.length;
  const kept = inScope.filter((q) => !q.rejected && q.ranked[0] === q.gold).length / inScope.length;
  return { threshold: 'the KB\'s own', oosRecall: recall, inScopeAccuracyAfterRejection: kept, overall: overall(recall, kept, oos.length, inScope.length) };
}

export function measure(run) {
  const inScope = run.queries.filter((q) => q.gold !== 'oos');
  const hasOos = run.queries.length > inScope.length;
  const result = {
    engine: run.engine,
    label: run.label,
    version: run.version,
    config: run.config,
    set: run.set,
    lang: run.lang,
    records: run.records,
    queries: run.queries.length,
    top1: inScope.filter((q) => q.ranked[0] === q.gold).length / inScope.length,
    top3: inScope.filter((q) => q.ranked.includes(q.gold)).length / inScope.length,
    noResult: run.queries.filter((q) => !q.found).length / run.queries.length,
    buildSeconds: run.buildSeconds,
    index: { raw: run.index.raw, gzip: run.index.gzip },
    latency: { p50: percentile(run.latencyMs, 0.5), p99: percentile(run.latencyMs, 0.99) },
    warmupQueries: run.warmupQueries,
  };
  if (hasOos) result.oos = run.queries.some((q) => q.rejected !== undefined) ? ownRejection(run.queries) : chooseThreshold(run.queries);
  return result;
}
