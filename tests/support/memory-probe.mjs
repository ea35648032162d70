// Test helper: creates an evaluator and also reaches its wasm instance, for
// two numbers the public API gives per call only:
// - allocations(): the module's cumulative malloc counter (the export
//   mexe_allocations that stats.heapAllocations is a difference of), so a
//   whole run through evaluate, evaluateMany and evaluateStream can be
//   checked, not just evaluateWithStats calls; malloc() asks the module for
//   memory, to see the counter move;
// - memoryBytes(): the byte length of the instance's own WebAssembly.Memory.
//
// WebAssembly.instantiate is wrapped only during createEvaluator, to catch
// the instance. Create probed evaluators one at a time (not in Promise.all).
export async function createProbedEvaluator(createEvaluator, options) {
  const original = WebAssembly.instantiate;
  const caught = [];
  WebAssembly.instantiate = async function (...args) {
    const result = await original.apply(this, args);
    caught.push(result.instance ?? result); // (bytes) gives { instance }, (module) the instance
    return result;
  };
  let ev;
  try {
    ev = await createEvaluator(options);
  } finally {
    WebAssembly.instantiate = original;
  }
  if (caught.length !== 1) throw new Error(`expected to catch one instance, caught ${caught.length}`);
  const { exports } = caught[0];
  return {
    ev,
    allocations: () => exports.mexe_allocations(),
    malloc: (bytes) => exports.malloc(bytes),
    memoryBytes: () => exports.memory.buffer.byteLength,
    buffer: () => exports.memory.buffer,
  };
}
