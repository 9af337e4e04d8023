# Protecting Babies: production image. Build: docker build -t protecting-babies .
# Release step (once per deploy, before the new containers serve): migrate, set_site_url, then
# warm_cache (the Kubernetes release Job and compose's `migrate` service; docs/deployment.md).
#
# The image carries only what runs: the apps, templates, images, built assets, the editor's
# guide the admin shows, and the locked runtime packages. Tests, benchmarks, scripts, the
# other docs and the front end's sources stay out (.dockerignore lets in only what a stage
# copies; tests/protecting_babies/test_deployment_files.py reads both files).

# 1. Front end: compile the Sass and bundle the JavaScript.
FROM node:20-bookworm-slim AS assets
WORKDIR /build
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY static/src/ static/src/
RUN npm run build

# 2. The application: slim Python, the locked packages, a non-root user, gunicorn.
FROM python:3.11-slim-bookworm AS app
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DJANGO_SETTINGS_MODULE=protecting_babies.settings.production \
    PORT=8000
RUN useradd --create-home --uid 10001 --shell /usr/sbin/nologin app
WORKDIR /app
# Exactly the locked versions, each file checked against its hash (docs/operations.md).
COPY requirements/base.txt requirements/base.txt
RUN pip install --require-hashes --requirement requirements/base.txt
COPY --chown=app:app manage.py gunicorn.conf.py ./
COPY --chown=app:app protecting_babies/ protecting_babies/
COPY --chown=app:app core/ core/
COPY --chown=app:app images/ images/
COPY --chown=app:app helpline/ helpline/
COPY --chown=app:app strategy/ strategy/
COPY --chown=app:app resources/ resources/
COPY --chown=app:app parents/ parents/
COPY --chown=app:app caching/ caching/
COPY --chown=app:app sitechrome/ sitechrome/
COPY --chown=app:app budgets/ budgets/
COPY --chown=app:app feedback/ feedback/
COPY --chown=app:app editorial/ editorial/
COPY --chown=app:app accounts/ accounts/
COPY --chown=app:app search/ search/
COPY --chown=app:app launch/ launch/
COPY --chown=app:app templates/ templates/
COPY --chown=app:app static/images/ static/images/
COPY --chown=app:app docs/editors-guide.md docs/editors-guide.md
COPY --chown=app:app docs/images/ docs/images/
COPY --from=assets --chown=app:app /build/static/dist/ static/dist/
# Collect and compress static files at build time. Base settings need no secret for this.
RUN DJANGO_SETTINGS_MODULE=protecting_babies.settings.base python manage.py collectstatic --noinput \
    && chown -R app:app /app/staticfiles
USER app
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD python -c "import os, urllib.request; urllib.request.urlopen(f'http://127.0.0.1:{os.environ[\"PORT\"]}/healthz', timeout=4)"
CMD ["gunicorn", "--config", "gunicorn.conf.py"]
