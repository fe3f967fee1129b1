#!/usr/bin/env bash
# `npm test`: the build, every runner (typecheck, lint, electron-builder config, electronegativity, vitest unit +
# integration, Playwright e2e on the web face and, where Electron exists, on the desktop app), then one summary line
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
# electron-builder's own schema check of package.json's "build", offline, plus targets and icons.
check builder-config node scripts/check-builder-config.ts
# electronegativity has its own folder and lockfile (it brings TypeScript 4 and ESLint 7); any HIGH finding fails.
electronegativity() {
  npm ci --prefix security/electronegativity --no-audit --no-fund --ignore-scripts >/dev/null && node security/electronegativity/scan.mjs .
}
check electronegativity electronegativity

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

# The desktop app in a real Electron (_electron.launch): skipped, with the reason printed, where the binary is missing.
rm -f "$out/playwright-electron.json"
npx playwright test -c playwright-electron.config.ts
electron_status=$?
if [ -f "$out/playwright-electron.json" ]; then
  read -r ep ef es < <(node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    console.log(r.stats?.expected ?? 0, r.stats?.unexpected ?? 0, r.stats?.skipped ?? 0);
  ' "$out/playwright-electron.json")
  [ "$electron_status" -ne 0 ] && [ "$ef" -eq 0 ] && ef=1
  [ "$es" -gt 0 ] && echo "playwright-electron: $es skipped (see the reason above)"
  passed=$((passed + ep)); failed=$((failed + ef))
else
  failed=$((failed + 1)); echo "playwright-electron: did not report (exit $electron_status)"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
