#!/usr/bin/env bash
# The tests of `treaty diff` build real git repositories: they need git.
set -euo pipefail
if ! command -v git >/dev/null 2>&1; then
    apt-get update -qq && apt-get install -y -qq git >/dev/null
fi
