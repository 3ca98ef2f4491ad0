#!/usr/bin/env bash
# The YAML language server for tests/system/test_editor.py, from npm into a git-ignored
# folder, at the version pinned in tests/system/editor/package-lock.json. Quick when it is
# already there; fails (never skips) when it cannot install it.
set -euo pipefail
cd "$(dirname "$0")/../../tests/system/editor"
wanted=$(node -p "require('./package-lock.json').packages['node_modules/yaml-language-server'].version" 2>/dev/null || true)
installed=$(node -p "require('./node_modules/yaml-language-server/package.json').version" 2>/dev/null || true)
if [ -n "$wanted" ] && [ "$wanted" = "$installed" ]; then
    exit 0
fi
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    # Debian's nodejs and npm; a NodeSource nodejs already brings npm and conflicts with it.
    apt-get update -qq
    if command -v node >/dev/null; then apt-get install -y -qq npm; else apt-get install -y -qq nodejs npm; fi
fi
npm ci --no-audit --no-fund --loglevel=error
node_modules/.bin/yaml-language-server --version >/dev/null
