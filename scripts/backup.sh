#!/usr/bin/env bash
# Back up the site: the database (pg_dump, custom format) and both media folders, with one
# timestamp, into a target folder. Take all three together: the database points at the files.
#
#   DATABASE_URL=postgres://bruker:passord@vert:5432/temaplaner \
#   MEDIA_ROOT=/data/media PRIVATE_MEDIA_ROOT=/data/private-media scripts/backup.sh /backup
#
# Writes temaplaner-<UTC time>.dump, media-<time>.tar.gz and private-media-<time>.tar.gz, readable
# by the owner only (the dump and private-media hold personal data). Check a dump with
# `.venv/bin/python bench/restore_check.py <dump>`; see docs/deploy.md for restoring.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
target=${1:?"Bruk: scripts/backup.sh <mappe for sikkerhetskopien>"}
: "${DATABASE_URL:?"DATABASE_URL må settes, f.eks. postgres://bruker:passord@vert:5432/temaplaner"}"
media=${MEDIA_ROOT:-$root/media}
private_media=${PRIVATE_MEDIA_ROOT:-$root/private-media}
stamp=$(date -u +%Y%m%dT%H%M%SZ)

umask 077
mkdir -p "$target"
# libpq reads postgres:// and postgresql://, not Django's other spellings.
url=${DATABASE_URL/#pgsql:/postgresql:}

pg_dump --format=custom --no-owner --file="$target/temaplaner-$stamp.dump" "$url"
echo "Database: $target/temaplaner-$stamp.dump"

for pair in "media:$media" "private-media:$private_media"; do
    name=${pair%%:*}
    folder=${pair#*:}
    if [ -d "$folder" ]; then
        tar czf "$target/$name-$stamp.tar.gz" -C "$folder" .
        echo "Filer: $target/$name-$stamp.tar.gz ($folder)"
    else
        echo "Advarsel: $folder finnes ikke; $name er ikke tatt med" >&2
    fi
done
