// What the native benchmark (build/mexe_bench, Google Benchmark JSON) found,
// and the compilers and libraries behind it, for the report.
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

export function readNative(file) {
  let data;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    process.stderr.write(`bench: no native results (${file}: ${e.message})\n`);
    return null;
  }
  const results = {}; // results[workload][engine] = { ok, nsPerEval, mbPerS } | { ok: false, error }
  // With repetitions the median aggregate, else the single run.
  const chosen = new Map();
  for (const b of data.benchmarks) {
    if (b.run_type === 'aggregate' && b.aggregate_name !== 'median') continue;
    const key = b.run_name;
    const prev = chosen.get(key);
    if (!prev || (b.run_type === 'aggregate' && prev.run_type !== 'aggregate')) chosen.set(key, b);
  }
  for (const [key, b] of chosen) {
    const [engine, workload] = key.split('/');
    results[workload] ??= {};
    results[workload][engine] = b.error_occurred
      ? { ok: false, error: b.error_message }
      : { ok: true, nsPerEval: 1e9 / b.items_per_second, mbPerS: b.bytes_per_second / 1e6 };
  }
  const c = data.context;
  return {
    file,
    results,
    context: {
      date: c.date,
      numCpus: c.num_cpus,
      mhzPerCpu: c.mhz_per_cpu,
      libraryBuildType: c.library_build_type,
      loadAvg: c.load_avg,
    },
  };
}

export function compilerVersion(cacheFile, tool) {
  try {
    const cache = readFileSync(join(root, cacheFile), 'utf8');
    const cxx = cache.match(/^CMAKE_CXX_COMPILER:[A-Z]+=(.*)$/m)?.[1];
    if (!cxx) return null;
    const text = execFileSync(cxx, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 20000 });
    const first = text.split('\n')[0].trim();
    const emcc = first.match(/^emcc .*?(\d+\.\d+\.\d+)/);
    return `${tool}: ${emcc ? `emcc (Emscripten) ${emcc[1]}` : first}`;
  } catch {
    return null;
  }
}

export function debianVersion(pkg, name) {
  try {
    const v = execFileSync('dpkg-query', ['-W', '-f', '${Version}', pkg], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    return v ? `${name} ${v} (${pkg})` : null;
  } catch {
    return null;
  }
}

