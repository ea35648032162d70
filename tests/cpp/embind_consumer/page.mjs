// The app's page: its module loads as a browser loads it (the glue fetches
// mexe-app.wasm beside it) and is left for the test as window.mexeApp.
import createMexeApp from '../../../build/embind-consumer/installed/mexe-app.mjs';

window.mexeApp = await createMexeApp();
document.documentElement.dataset.state = 'ready';
