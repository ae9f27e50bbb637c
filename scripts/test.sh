#!/usr/bin/env bash
# Runs the full test suite: type check, every package's unit tests (SQLite and PostgreSQL), the
# end-to-end tunnel/terminal tests with real processes, and the browser test in headless Debian
# Chromium. Needs PostgreSQL at $RDE_TEST_POSTGRES (default postgresql://postgres@127.0.0.1:5432).
source "$(dirname "${BASH_SOURCE[0]}")/toolchain.sh"
rde_install
cd "$RDE_ROOT"

# The browser test drives Debian's Chromium (Playwright cannot download its own here); the agent
# sandboxes workspace shells with bubblewrap, and the end-to-end tests check that it does.
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/bwrap ] || missing+=(bubblewrap)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "rde: installing Debian's ${missing[*]} for the tests" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "rde: the tests need Debian's ${missing[*]}: run 'sudo apt-get install ${missing[*]}'" >&2
    exit 1
  fi
fi

export CI=true
export BACKSTAGE_TEST_DATABASE_POSTGRES16_CONNECTION_STRING="${RDE_TEST_POSTGRES:-postgresql://postgres@127.0.0.1:5432}"

echo "== type check" >&2
yarn tsc

echo "== building the app for the browser test" >&2
yarn workspace app build >/dev/null

echo "== tests" >&2
yarn backstage-cli repo test --maxWorkers=2 "$@"
