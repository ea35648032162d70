// WebAssembly.Module of bytes, for the builds that can land where compiling
// bytes is forbidden and the platform's error does not say what to do
// (Workers, edge runtimes: "Wasm code generation disallowed by embedder").
// The browser build leaves this out: browsers name the CSP directive.
const refused = (error) => (/disallowed|refused|blocked/i.test(error.message)
  ? new Error(`mexe-wasm: compiling WebAssembly from bytes is refused here (${error.message}): on Workers and edge runtimes, `
    + "import 'mexe-wasm' through their bundler (wrangler, Next.js), which then imports mexe-core.wasm; in a page, allow 'wasm-unsafe-eval'.")
  : error);

export const compile = (bytes) => WebAssembly.compile(bytes).catch((error) => { throw refused(error); });

export function compileSync(bytes) {
  try { return new WebAssembly.Module(bytes); } catch (error) { throw refused(error); }
}

