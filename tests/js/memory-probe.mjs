// Test helper: creates an evaluator and also reaches its Emscripten module,
// for two numbers the public API gives per call only:
// - allocations(): the module's cumulative malloc counter (the export
//   _mexe_allocations that stats.heapAllocations is a difference of), so a
//   whole run through evaluate, evaluateMany and evaluateStream can be
//   checked, not just evaluateWithStats calls; malloc() asks the module for
//   memory, to see the counter move;
// - memoryBytes(): the byte length of the instance's own WebAssembly.Memory.
//
// The glue assigns `Module._mexe_allocations = ...` while it sets the module
// up; a setter on Object.prototype for that one name, in place only during
// createEvaluator, catches the module object. Create probed evaluators one at
// a time (not inside Promise.all).
const EXPORT = '_mexe_allocations';

export async function createProbedEvaluator(createEvaluator, options) {
  if (Object.prototype.hasOwnProperty.call(Object.prototype, EXPORT)) throw new Error('another probe is in progress');
  const caught = [];
  Object.defineProperty(Object.prototype, EXPORT, {
    configurable: true,
    get() {
      return undefined;
    },
    set(value) {
      caught.push(this);
      Object.defineProperty(this, EXPORT, { value, writable: true, enumerable: true, configurable: true });
    },
  });
  let ev;
  try {
    ev = await createEvaluator(options);
  } finally {
    delete Object.prototype[EXPORT];
  }
  if (caught.length !== 1) throw new Error(`expected to catch one module object, caught ${caught.length}`);
  const module = caught[0];
  if (typeof module[EXPORT] !== 'function') throw new Error(`the module has no ${EXPORT} function`);
  // The instance's Memory (its exports are on module.asm); the heap views'
  // buffer is the same memory's, while it has not grown.
  const isMemory = (x) => Object.prototype.toString.call(x) === '[object WebAssembly.Memory]';
  const memory = Object.values(module.asm ?? {}).find(isMemory);
  if (!memory && !module.HEAPU8) throw new Error('cannot find the module\'s memory');
  const buffer = () => (memory ? memory.buffer : module.HEAPU8.buffer);
  return {
    ev,
    allocations: () => module[EXPORT](),
    malloc: (bytes) => module._malloc(bytes),
    memoryBytes: () => buffer().byteLength,
    buffer,
  };
}
