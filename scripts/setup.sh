#!/usr/bin/env bash
# One-time set-up on a fresh Debian 12 machine with Node 20 (as root or with sudo):
# pnpm, redis-server (queue tests start it on 127.0.0.1), Chromium (its SwiftShader Vulkan driver serves WebGPU tests; headless browser tests),
# the workspace's dependencies (the native addon is compiled here by node-gyp), and a build.
set -euo pipefail
cd "$(dirname "$0")/.."
PNPM_VERSION=$(node -p "require('./package.json').packageManager.split('@')[1]")
if ! command -v pnpm >/dev/null || [ "$(pnpm -v)" != "$PNPM_VERSION" ]; then
  npm install -g "pnpm@$PNPM_VERSION" >/dev/null
fi
if ! command -v chromium >/dev/null; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
fi
if ! command -v redis-server >/dev/null; then
  SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq redis-server >/dev/null
fi
export npm_config_nodedir="${npm_config_nodedir:-$(npm config get nodedir 2>/dev/null || echo /usr)}"
pnpm install --frozen-lockfile
pnpm build
