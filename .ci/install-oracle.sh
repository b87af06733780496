#!/usr/bin/env bash
# Install the pinned Claude Code that the oracle tests (tests/oracle, marker `oracle`) run offline.
#
# Idempotent: does nothing when the cache already holds a runnable binary of the pinned version.
# Always exits 0: without npm (or when the install fails) it says why, and the oracle tests then skip
# with that reason. Cache: $CLAUDE_TIERS_ORACLE_DIR, default ~/.cache/claude-tiers/oracle/<version>.
# Keep VERSION and the package.json below in step with tests/oracle/harness.py (PINNED_VERSION, install()).
set -u

VERSION="2.1.330"
PACKAGE="@anthropic-ai/claude-code"
DIR="${CLAUDE_TIERS_ORACLE_DIR:-$HOME/.cache/claude-tiers/oracle/$VERSION}"

say() { printf 'install-oracle: %s\n' "$*"; }

runnable() {
  local bin
  for bin in "$DIR/node_modules/.bin/claude" "$DIR"/node_modules/@anthropic-ai/claude-code-*/claude; do
    [ -x "$bin" ] || continue
    if env -u ANTHROPIC_API_KEY DISABLE_AUTOUPDATER=1 "$bin" --version </dev/null 2>/dev/null | grep -q "^$VERSION "; then
      echo "$bin"
      return 0
    fi
  done
  return 1
}

if bin=$(runnable); then
  say "$PACKAGE@$VERSION already installed: $bin"
  exit 0
fi

if ! command -v npm >/dev/null 2>&1; then
  say "npm is not on PATH; skipping (the oracle tests will skip: needs npm to install $PACKAGE@$VERSION)"
  exit 0
fi

if ! mkdir -p "$DIR" 2>/dev/null; then
  say "cannot create $DIR; skipping"
  exit 0
fi

install() {
  cd "$DIR" || return 1
  if runnable >/dev/null; then return 0; fi   # another process finished while we waited for the lock
  local want
  want=$(printf '{\n  "name": "claude-tiers-oracle",\n  "version": "0.0.0",\n  "private": true,\n  "description": "Pinned Claude Code %s for claude-tiers'"'"' oracle tests",\n  "dependencies": {\n    "%s": "%s"\n  }\n}' "$VERSION" "$PACKAGE" "$VERSION")
  if [ ! -f package.json ] || ! grep -q "\"$PACKAGE\": \"$VERSION\"" package.json; then
    printf '%s\n' "$want" > package.json
    rm -f package-lock.json
  fi
  if [ -f package-lock.json ]; then
    npm ci --no-audit --no-fund --loglevel=error >/dev/null
  else
    npm install --no-audit --no-fund --loglevel=error --save-exact >/dev/null
  fi
}

if command -v flock >/dev/null 2>&1; then
  ( flock 9 && install ) 9>"$DIR/.install.lock"
else
  ( install )
fi
rc=$?

if bin=$(runnable); then
  say "installed $PACKAGE@$VERSION: $bin"
else
  say "install of $PACKAGE@$VERSION into $DIR failed (npm exit $rc); the oracle tests will skip"
fi
exit 0
