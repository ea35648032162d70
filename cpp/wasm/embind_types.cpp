// embind's native part, in place of the library's bind.cpp (not linked: see
// CMakeLists.txt). That one registers every builtin type (wide strings, 64-bit
// integers, memory views...), each pulling its converter into the JS glue, and
// names types with sprintf. The bindings need only these two.
#include <emscripten/bind.h>
#include <emscripten/emscripten.h>

#include <climits>

using namespace emscripten::internal;

extern "C" {

// Only asked for a type that was never registered (a binding error). No name:
// the module has no heap to copy one into; address 0 reads as "".
const char* EMSCRIPTEN_KEEPALIVE __getTypeName(const void*) { return nullptr; }

__attribute__((constructor)) void __embind_register_native_and_builtin_types() {
  _embind_register_integer(TypeID<unsigned>::get(), "unsigned int", sizeof(unsigned), 0, UINT_MAX);
  // Names only appear in binding errors ("unsigned" also picks the unsigned conversion).
  _embind_register_emval(TypeID<emscripten::val>::get(), "val");
}

}  // extern "C"
