#!/usr/bin/env bash
# `npm test`: the build, every runner (typecheck, lint, vitest unit + integration, Playwright e2e), then one summary line
# "N passed, N failed" summing them. Installs the system packages the tests need when missing
# (apt-get, as root), so a fresh machine and CI run exactly the same thing.
set -u
cd "$(dirname "$0")/.."
out=test-results
mkdir -p "$out"
passed=0
failed=0

need_packages=()
# The notification tests run a private D-Bus session bus.
command -v dbus-daemon >/dev/null 2>&1 || need_packages+=(dbus)
# The UI tests drive Debian's Chromium (Playwright's own browser download cannot work here).
command -v chromium >/dev/null || need_packages+=(chromium)
if [ ${#need_packages[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_packages[@]}"
  else
    echo "missing system packages (run as root or install): ${need_packages[*]}"; fi
fi

check() {
  local name=$1; shift
  if "$@" >"$out/$name.log" 2>&1; then
    passed=$((passed + 1)); echo "$name: passed"
  else
    failed=$((failed + 1)); echo "$name: FAILED"; tail -n 60 "$out/$name.log"
  fi
}

# The e2e tests serve the built renderer (dist/renderer); they build nothing themselves.
check build npm run build
check typecheck npx tsc -p tsconfig.json
check lint npx eslint .

rm -f "$out/vitest.json"
npx vitest run --reporter=default --reporter=json --outputFile="$out/vitest.json"
vitest_status=$?
if [ -f "$out/vitest.json" ]; then
  read -r vp vf < <(node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    console.log(r.numPassedTests, r.numFailedTests || (r.success ? 0 : 1));
  ' "$out/vitest.json")
  [ "$vitest_status" -ne 0 ] && [ "$vf" -eq 0 ] && vf=1
  passed=$((passed + vp)); failed=$((failed + vf))
elif [ $vitest_status -ne 0 ]; then
  failed=$((failed + 1)); echo "vitest: did not report (exit $vitest_status)"
fi

rm -f "$out/playwright.json"
npx playwright test
playwright_status=$?
if [ -f "$out/playwright.json" ]; then
  read -r pp pf < <(node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    console.log(r.stats?.expected ?? 0, r.stats?.unexpected ?? 0);
  ' "$out/playwright.json")
  [ "$playwright_status" -ne 0 ] && [ "$pf" -eq 0 ] && pf=1
  passed=$((passed + pp)); failed=$((failed + pf))
else
  failed=$((failed + 1)); echo "playwright: did not report (exit $playwright_status)"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
