#!/usr/bin/env bash
# Lighthouse 12 (mobile) on Debian's Chromium against gunicorn serving the launch content with
# production settings (compressed, far-future-cached static files), on a throwaway database.
# Prints the four category scores for the home page, a workstream page and the library on
# Lighthouse's phone (412 px), and for every parents' page (the section, each advice page,
# staying safe online) on phones 390 and 320 px wide.
# A benchmark, not a CI gate. Usage: scripts/lighthouse.sh  (or `make lighthouse`)
set -euo pipefail
cd "$(dirname "$0")/.."

export CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"
LIGHTHOUSE=node_modules/.bin/lighthouse
PYTHON=.venv/bin/python
OUT=.lighthouse
# path@width: width in CSS pixels of the emulated phone (Lighthouse's own, 412, when none).
PARENTS=("/for-parents-and-carers/" "/for-parents-and-carers/safer-sleep-for-your-baby/"
  "/for-parents-and-carers/coping-with-crying/" "/for-parents-and-carers/when-to-get-help/"
  "/for-parents-and-carers/pregnant-and-not-ready-to-tell-anyone/"
  "/for-parents-and-carers/looking-after-yourself/" "/staying-safe-online/")
PAGES=("/" "/safer-sleeping/" "/useful-resources/")
for path in "${PARENTS[@]}"; do PAGES+=("$path@390" "$path@320"); done

test -x "$LIGHTHOUSE" || { echo "Lighthouse is missing: run make assets (npm ci)" >&2; exit 1; }
test -x "$CHROME_PATH" || { echo "Chromium is missing at $CHROME_PATH (make chromium)" >&2; exit 1; }
test -f static/dist/main.css || { echo "Build the assets first: make assets" >&2; exit 1; }

WORK="$(mktemp -d)"
PORT="$($PYTHON -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
export DJANGO_SETTINGS_MODULE=protecting_babies.settings.production
export SECRET_KEY="lighthouse-$($PYTHON -c 'import secrets; print(secrets.token_urlsafe(64))')"
export DATABASE_URL="sqlite:///$WORK/lighthouse.sqlite3"
export ALLOWED_HOSTS=127.0.0.1 SECURE_SSL_REDIRECT=false ADMIN_2FA_REQUIRED=false
export PORT GUNICORN_WORKERS=2 GUNICORN_THREADS=2 LOG_LEVEL=WARNING
# Production shares one cache between its workers: a local Redis, in a database of its own.
export REDIS_URL="${LIGHTHOUSE_REDIS_URL:-redis://127.0.0.1:6379/12}"
$PYTHON -c 'import os, redis; redis.Redis.from_url(os.environ["REDIS_URL"]).flushdb()' 2>/dev/null \
  || { echo "Lighthouse runs the production settings, which need Redis at $REDIS_URL (LIGHTHOUSE_REDIS_URL)" >&2; exit 1; }

server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "Preparing a throwaway site with the launch content..."
{
  $PYTHON manage.py migrate --noinput
  $PYTHON manage.py load_launch_content
  $PYTHON manage.py collectstatic --noinput
} >"$WORK/setup.log" 2>&1 || { tail -20 "$WORK/setup.log" >&2; exit 1; }

.venv/bin/gunicorn --config gunicorn.conf.py --bind "127.0.0.1:$PORT" >"$WORK/gunicorn.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 50); do
  curl -fsS -o /dev/null "http://127.0.0.1:$PORT/" 2>/dev/null && break
  sleep 0.2
done
curl -fsS -o /dev/null "http://127.0.0.1:$PORT/" || { cat "$WORK/gunicorn.log" >&2; exit 1; }

mkdir -p "$OUT"
printf '\n%-48s %12s %14s %15s %6s\n' "page" "performance" "accessibility" "best-practices" "SEO"
for page in "${PAGES[@]}"; do
  path="${page%@*}"
  width=""
  [ "$path" != "$page" ] && width="${page##*@}"
  name="$(echo "$page" | tr -c 'a-z0-9\n' '-' | sed 's/^-*//; s/-*$//')"
  report="$OUT/${name:-home}.json"
  screen=()
  if [ -n "$width" ]; then
    screen=(--screenEmulation.mobile --screenEmulation.width="$width"
      --screenEmulation.height="$(( width * 2 ))" --screenEmulation.deviceScaleFactor=2
      --formFactor=mobile)
  fi
  # Once more if Chromium fails to record the page load (NO_NAVSTART, seen now and then).
  for attempt in 1 2; do
    "$LIGHTHOUSE" "http://127.0.0.1:$PORT$path" \
      --quiet --output=json --output-path="$report" "${screen[@]}" \
      --only-categories=performance,accessibility,best-practices,seo \
      --chrome-flags="--headless=new --no-sandbox --disable-gpu --no-first-run --disable-background-networking" \
      && break
    [ "$attempt" = 2 ] && exit 1
  done
  node -e '
    const r = require(process.argv[1]);
    const s = (k) => Math.round(r.categories[k].score * 100);
    const path = process.argv[2].replace(/^\/for-parents-and-carers/, "…");
    console.log(`${path.padEnd(48)} ${String(s("performance")).padStart(12)} ${String(s("accessibility")).padStart(14)} ${String(s("best-practices")).padStart(15)} ${String(s("seo")).padStart(6)}`);
    for (const [id, a] of Object.entries(r.audits)) {
      if (a.score !== null && a.score < 1 && a.scoreDisplayMode !== "informative"
          && a.scoreDisplayMode !== "manual" && a.scoreDisplayMode !== "notApplicable"
          && Object.values(r.categories).some((c) => c.id !== "performance" && c.auditRefs.some((ref) => ref.id === id && ref.weight > 0))) {
        console.log(`    ${id}: ${a.title}`);
      }
    }' "$PWD/$report" "$page"
done
echo
echo "Full reports: $OUT/*.json"
