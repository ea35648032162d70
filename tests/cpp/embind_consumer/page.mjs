// The app's page: its module loads as a browser loads it (the glue fetches
// the .wasm beside it) and is left for the test as window.mexeApp.
// ?build=installed/mexe-app (the default) names the build.
const build = new URLSearchParams(location.search).get('build') ?? 'installed/mexe-app';
const { default: createMexeApp } = await import(`../../../build/embind-consumer/${build}.mjs`);

window.mexeApp = await createMexeApp();
document.documentElement.dataset.state = 'ready';
