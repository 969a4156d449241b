#!/bin/sh
# The whole test suite, as CI runs it: dependencies, a -Werror build and ctest, the tests
# again under AddressSanitizer + UBSan, and the clang-format check.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
scripts/deps.sh
jobs=$(nproc)

echo "== clang-format check"
files=$(git ls-files '*.c' '*.h' 2>/dev/null || find lib tools tests -name '*.[ch]')
clang-format --dry-run --Werror $files

echo "== build (-Werror) and tests"
cmake -S . -B build-ci -DCMAKE_BUILD_TYPE=RelWithDebInfo -DAMBIT_WERROR=ON >/dev/null
cmake --build build-ci -j"$jobs" >/dev/null
(cd build-ci && ctest --output-on-failure -j"$jobs")

echo "== tests under AddressSanitizer + UBSan"
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DAMBIT_WERROR=ON -DAMBIT_SANITIZE=ON >/dev/null
cmake --build build-asan -j"$jobs" >/dev/null
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=0
export LSAN_OPTIONS=suppressions=$root/tests/lsan.supp:print_suppressions=0
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
(cd build-asan && ctest --output-on-failure -j"$jobs")
