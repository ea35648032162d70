// The host literal reader's import (literal_value_host.cpp) for an
// Emscripten app's module: Number() of the ASCII text at [text, text +
// length). The mexe::mexe target adds this file to the link (--js-library);
// the package's module gets the same function from web/src/module.mjs.
mergeInto(LibraryManager.library, {
  mexe_number: function (text, length) {
    return Number(String.fromCharCode.apply(null, HEAPU8.subarray(text, text + length)));
  },
});
