#!/bin/sh
# install-deps.sh — install the Debian 12 packages junheng needs to build,
# test and fuzz.  Idempotent and quiet when everything is present.
set -eu

PKGS="gcc make pkg-config clang libclang-rt-14-dev jq
libcmocka-dev libjansson-dev libsqlite3-dev sqlite3 libzip-dev libexpat1-dev
libxlsxwriter-dev libglpk-dev libsodium-dev libfreexl-dev
libmicrohttpd-dev zlib1g-dev wrk curl
libcairo2-dev libpango1.0-dev fonts-noto-cjk poppler-utils"
# Reports (lib/report): PDFs are drawn with cairo, text set with pango in
# Noto CJK (embedded in every PDF); the tests read them with poppler-utils
# (pdftotext, pdffonts, pdftoppm).
# The API tests (tests/api) run on Node.js >= 18 with no npm package:
# Debian 12's nodejs is enough, and any node already on PATH is kept.
command -v node >/dev/null 2>&1 || PKGS="$PKGS nodejs"
# The web application is built with npm (web/package-lock.json, npm ci);
# the browser tests (tests/web) drive Debian's chromium with playwright-core,
# and a Chinese font makes their screenshots readable (nothing is fetched
# by the pages themselves).
command -v npm >/dev/null 2>&1 || PKGS="$PKGS npm"
PKGS="$PKGS chromium fonts-wqy-microhei"

missing=""
for p in $PKGS; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
		missing="$missing $p"
	fi
done
[ -z "$missing" ] && exit 0

echo "install-deps: installing$missing"
SUDO=""
if [ "$(id -u)" != 0 ]; then
	if command -v sudo >/dev/null 2>&1; then
		SUDO="sudo"
	else
		echo "install-deps: need root (or sudo) to install:$missing" >&2
		exit 1
	fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
