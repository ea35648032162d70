// JS-heap bytes per evaluation for every engine and workload of the Node
// benchmark, and for the rest of mexe-wasm's API (bench/heap.mjs has the
// method). run.mjs starts it in a child process with the flags it needs;
// it prints JSON on stdout, progress on stderr.
//
//   node --max-semi-space-size=512 --min-semi-space-size=512 --expose-gc bench/bytes.mjs \
//     [--only a,b] [--engines a,b] [--skip workload/engine,...]
import { makeEngines } from './engines.mjs';
import { batchFor, slicesFor, units } from './measure.mjs';
import { HEAP_FLAGS, bytesPerCall, heapFlagsActive, stopObserving } from './heap.mjs';

// evaluateMany's batches, as run.mjs times them.
const MANY_SLICE = 500;

function parseArgs(argv) {
  const o = { only: null, engines: null, skip: [] };
  for (let i = 0; i < argv.length; i += 2) {
    const [name, value] = [argv[i], argv[i + 1]];
    if (value === undefined) throw new Error(`${name} needs a value`);
    if (name === '--only') o.only = value.split(',');
    else if (name === '--engines') o.engines = value.split(',');
    else if (name === '--skip') o.skip = value.split(',').filter(Boolean);
    else throw new Error(`unknown option ${name}`);
  }
  return o;
}

const fmt = (x) => (x < 100 ? x.toFixed(1) : Math.round(x).toLocaleString('en-US'));

export async function measureBytes(opts) {
  if (!heapFlagsActive()) throw new Error(`bench/bytes.mjs needs node ${HEAP_FLAGS.join(' ')}`);
  const { workloads: repeated, distinctNames, distinctWorkload } = await import('./workloads.mjs');
  const wanted = (name) => !opts.only || opts.only.includes(name);
  const workloads = [...repeated.filter((w) => wanted(w.name)), ...distinctNames.filter(wanted).map(distinctWorkload)];
  const made = await makeEngines();
  const engines = [...made.engines, ...made.apiVariants].filter((e) => !opts.engines || opts.engines.includes(e.id));
  const emptyResult = { values: [0] };
  const results = {};
  for (const w of workloads) {
    results[w.name] = {};
    const shared = w.distinct ? null : batchFor(w, made.windowBytes);
    const slices = w.distinct ? slicesFor(w, w.items[0].length > made.windowBytes ? 1 : MANY_SLICE) : null;
    for (const engine of engines) {
      if (opts.skip.includes(`${w.name}/${engine.id}`)) continue;
      const workload = engine.input ? { ...w, items: w.items.map(engine.input) } : w;
      const batches = slices ?? [engine.maxItems && shared.list.length > engine.maxItems
        ? { list: shared.list.slice(0, engine.maxItems), index: shared.index.slice(0, engine.maxItems) }
        : shared];
      if (engine.fits && !batches.every((b) => engine.fits(b.list))) continue;
      let result;
      try {
        const { run, evaluations } = units(engine, workload, batches);
        const empty = units(engine.many ? { many: () => emptyResult } : { fn: () => 0 }, workload, batches).run;
        const r = await bytesPerCall(run, empty);
        result = r ? { ok: true, bytesPerEval: r.bytes / evaluations, callsSmall: r.n, callsLarge: r.m, evaluationsPerCall: evaluations }
          : { ok: false, error: 'a GC in every window' };
      } catch (e) {
        result = { ok: false, error: `throws ${e?.name ?? 'Error'}` };
      }
      results[w.name][engine.id] = result;
      process.stderr.write(`  bytes ${w.name.padEnd(17)} ${engine.id.padEnd(12)} ${result.ok ? `${fmt(result.bytesPerEval)} B` : result.error}\n`);
    }
  }
  stopObserving();
  return {
    meta: { date: new Date().toISOString(), node: process.version, v8: process.versions.v8, flags: HEAP_FLAGS },
    engines: made.apiVariants.filter((e) => !opts.engines || opts.engines.includes(e.id)).map(({ id, label }) => ({ id, label })),
    results,
  };
}

const out = await measureBytes(parseArgs(process.argv.slice(2)));
process.stdout.write(JSON.stringify(out));
