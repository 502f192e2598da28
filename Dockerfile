# syntax=docker/dockerfile:1
# Asker kommune – temaplaner. See docs/deploy.md for build, release and run instructions.

# Debian bookworm slim; override with a digest-pinned reference for fully reproducible builds.
ARG PYTHON_IMAGE=python:3.11-slim-bookworm

# --- builder: resolve the locked dependencies into a self-contained virtualenv --------------
FROM ${PYTHON_IMAGE} AS builder

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# All dependencies ship manylinux wheels (psycopg[binary], Pillow with libjpeg/zlib), so no
# compiler or -dev packages are needed.
RUN python -m venv /opt/venv
COPY requirements.txt /tmp/requirements.txt
RUN /opt/venv/bin/pip install --no-cache-dir -r /tmp/requirements.txt

# --- runtime -------------------------------------------------------------------------------
FROM ${PYTHON_IMAGE} AS runtime

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PATH=/opt/venv/bin:$PATH \
    MEDIA_ROOT=/data/media \
    PRIVATE_MEDIA_ROOT=/data/private-media

# pg_dump and pg_restore for scripts/backup.sh and restores from inside the image. Debian
# bookworm's client is PostgreSQL 15, the server version compose.yaml and CI run; pg_dump must be
# the server's major version or newer, so a server on 16 or later needs a newer client here.
RUN apt-get update \
 && apt-get install -y --no-install-recommends postgresql-client-15 \
 && rm -rf /var/lib/apt/lists/*

RUN groupadd --system --gid 10001 asker \
 && useradd --system --uid 10001 --gid asker --home-dir /app --no-create-home \
        --shell /usr/sbin/nologin asker

# Same base image as the builder, so the venv's python symlink points at the same interpreter.
COPY --from=builder /opt/venv /opt/venv

WORKDIR /app
# The code stays owned by root: the app user can read it but not change it.
COPY . .

# Hashed, compressed static files for whitenoise. The settings refuse to load without these
# variables, so throwaway values are given to this one command only; nothing is baked in as ENV
# and collectstatic touches neither the database nor e-mail.
RUN SECRET_KEY=build-only-not-a-secret \
    ALLOWED_HOSTS=localhost \
    SITE_URL=http://localhost \
    EMAIL_URL=consolemail:// \
    python manage.py collectstatic --noinput

# The two volumes, used only while media is on local disk (no S3_BUCKET). Mount BOTH as named
# volumes or bind mounts owned by uid 10001 (docs/deploy.md, «Kjøre»): one left out becomes an
# anonymous volume that is orphaned when the container is replaced.
#   /data/media          public uploads: images, renditions, documents (MEDIA_ROOT)
#   /data/private-media  citizens' attachments, never served directly (PRIVATE_MEDIA_ROOT)
# With object storage (S3_BUCKET and S3_PRIVATE_BUCKET) both stay empty and need no mount.
# Nothing else is written: the image runs with a read-only root filesystem and a tmpfs on /tmp
# (uploads in progress, exports), and gunicorn's heartbeat goes to /dev/shm.
RUN mkdir -p /data/media /data/private-media && chown -R asker:asker /data
VOLUME ["/data/media", "/data/private-media"]

USER asker
EXPOSE 8000

# Django rejects unknown Host headers, so the probe sends the first ALLOWED_HOSTS entry
# (a leading "." wildcard is stripped; "*" falls back to localhost). /healthz is exempt from
# the HTTPS redirect, and urlopen raises on 503, which marks the container unhealthy. A worker's
# first request loads Wagtail's URL tree and can take seconds, hence the generous timeouts.
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request as r; h = os.environ.get('ALLOWED_HOSTS', 'localhost').split(',')[0].strip().lstrip('.'); h = h if h and h != '*' else 'localhost'; r.urlopen(r.Request('http://127.0.0.1:' + os.environ.get('PORT', '8000') + '/healthz', headers={'Host': h}), timeout=8)"]

# The web process. The same image runs the worker (`python manage.py db_worker`) and the
# scheduler (`python deploy/scheduler.py`); see compose.yaml.
CMD ["gunicorn", "-c", "gunicorn.conf.py", "asker.wsgi:application"]
