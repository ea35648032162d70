// The module's JavaScript side, shared by the package's entries and the
// benchmarks: its one import, its instantiation, and the description it gives
// of itself (cpp/wasm/describe.cpp): the scratch layout and the error table.

// The import: Number() of a literal's ASCII text in linear memory. The module
// asks only for literals past its own exact fast path (long or far-out ones),
// at most 1024 characters (literal_value_host.cpp).
function link() {
  let bytes; // the instance's memory, once there is an instance
  const number = (at, length) => Number(String.fromCharCode.apply(null, bytes.subarray(at, at + length)));
  function start(instance) {
    const { exports } = instance;
    if (typeof exports.mexe_describe !== 'function') throw new Error('mexe-wasm: this WebAssembly module is not mexe-core.wasm');
    bytes = new Uint8Array(exports.memory.buffer);
    exports._initialize(); // static constructors
    return { exports, ...describe(exports, bytes) };
  }
  return { imports: { env: { mexe_number: number } }, start };
}

// { layout: { name: value }, errors: [{ code, message }] by error code }.
function describe(exports, bytes) {
  const words = new Uint32Array(bytes.buffer);
  const at = exports.mexe_describe() >> 2;
  const text = (p) => {
    let s = '';
    while (bytes[p]) s += String.fromCharCode(bytes[p++]);
    return s;
  };
  // Both tables are pairs of 32-bit words: [count, address] each.
  const pairs = (count, address) => Array.from({ length: count }, (_, i) => words.subarray((address >> 2) + 2 * i));
  const layout = {};
  for (const [name, value] of pairs(words[at], words[at + 1])) layout[text(name)] = value;
  const errors = pairs(words[at + 2], words[at + 3]).map(([code, message]) => ({ code: text(code), message: text(message) }));
  return { layout, errors };
}

/** A started instance of `wasmModule`: { exports, layout, errors }. */
export function instantiateSync(wasmModule) {
  const { imports, start } = link();
  return start(new WebAssembly.Instance(wasmModule, imports));
}

export async function instantiate(wasmModule) {
  const { imports, start } = link();
  return start(await WebAssembly.instantiate(wasmModule, imports));
}
