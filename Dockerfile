# Protecting Babies: production image. Build: docker build -t protecting-babies .
# Release step (once per deploy, before the new containers serve): migrate, then set_site_url
# (the Kubernetes release Job and compose's `migrate` service; docs/deployment.md).

# 1. Front end: compile the Sass and bundle the JavaScript.
FROM node:20-bookworm-slim AS assets
WORKDIR /build
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY static/ static/
RUN npm run build

# 2. The application: slim Python, a non-root user, gunicorn.
FROM python:3.11-slim-bookworm AS app
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    DJANGO_SETTINGS_MODULE=protecting_babies.settings.production \
    PORT=8000
RUN useradd --create-home --uid 10001 --shell /usr/sbin/nologin app
WORKDIR /app
COPY pyproject.toml README.md ./
RUN pip install --upgrade pip && pip install .
COPY --chown=app:app . .
COPY --from=assets --chown=app:app /build/static/dist/ static/dist/
# Collect and compress static files at build time. Base settings need no secret for this.
RUN DJANGO_SETTINGS_MODULE=protecting_babies.settings.base python manage.py collectstatic --noinput \
    && chown -R app:app /app/staticfiles
USER app
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD python -c "import os, urllib.request; urllib.request.urlopen(f'http://127.0.0.1:{os.environ[\"PORT\"]}/healthz', timeout=4)"
CMD ["gunicorn", "--config", "gunicorn.conf.py"]
