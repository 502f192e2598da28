#!/usr/bin/env bash
# Back up the site: the database (pg_dump, custom format) and both media folders, with one
# timestamp, into a target folder. Take all three together: the database points at the files.
#
#   DATABASE_URL=postgres://bruker:passord@vert:5432/temaplaner \
#   MEDIA_ROOT=/data/media PRIVATE_MEDIA_ROOT=/data/private-media scripts/backup.sh /backup
#
# Writes temaplaner-<UTC time>.dump, media-<time>.tar.gz and private-media-<time>.tar.gz, readable
# by the owner only (0600: the dump and private-media hold personal data). They are written as
# *.part and renamed only when all of them are done; a failed run removes its *.part files and
# exits non-zero. The files are not encrypted: keep them on encrypted storage. Check a dump with
# `.venv/bin/python bench/restore_check.py <dump>`; see docs/deploy.md for restoring.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
target=${1:?"Bruk: scripts/backup.sh <mappe for sikkerhetskopien>"}
: "${DATABASE_URL:?"DATABASE_URL må settes, f.eks. postgres://bruker:passord@vert:5432/temaplaner"}"
media=${MEDIA_ROOT:-$root/media}
private_media=${PRIVATE_MEDIA_ROOT:-$root/private-media}
stamp=$(date -u +%Y%m%dT%H%M%SZ)

# DATABASE_URL as libpq reads it, without the password (bench/pg_tools.py does the same for
# restore_check; keep the two in step). Django's postgres:// and pgsql:// become postgresql://,
# query options libpq doesn't know (Django's and django-environ's, e.g. conn_max_age) are
# dropped, since pg_dump stops at them, and the password goes to pg_dump in PGPASSWORD: a
# command line is readable by every local user (ps, /proc/*/cmdline), the environment only by
# the same user and root.
libpq_parameters=" application_name channel_binding client_encoding connect_timeout dbname
 fallback_application_name gssdelegation gssencmode gsslib host hostaddr keepalives
 keepalives_count keepalives_idle keepalives_interval krbsrvname load_balance_hosts options
 passfile port replication require_auth requirepeer requiressl service ssl_max_protocol_version
 ssl_min_protocol_version sslcert sslcertmode sslcompression sslcrl sslcrldir sslkey
 sslmode sslnegotiation sslpassword sslrootcert sslsni target_session_attrs tcp_user_timeout user "
libpq_parameters=${libpq_parameters//$'\n'/ }

percent_decode() {
    local text=${1//\\/\\\\}
    printf '%b' "${text//%/\\x}"
}

scheme=${DATABASE_URL%%://*}
case $scheme in
    postgres | postgresql | pgsql) ;;
    *)
        echo "DATABASE_URL må begynne med postgres://, postgresql:// eller pgsql://" >&2
        exit 2
        ;;
esac
rest=${DATABASE_URL#*://}
rest=${rest%%#*}
query=
if [[ $rest == *\?* ]]; then
    query=${rest#*\?}
    rest=${rest%%\?*}
fi
authority=${rest%%/*}
path=${rest:${#authority}}
if [[ $authority == *@* ]]; then
    userinfo=${authority%@*}
    if [[ $userinfo == *:* ]]; then
        PGPASSWORD=$(percent_decode "${userinfo#*:}")
        export PGPASSWORD
        userinfo=${userinfo%%:*}
    fi
    authority="$userinfo@${authority##*@}"
fi
kept=()
if [ -n "$query" ]; then
    IFS='&' read -ra options <<<"$query"
    for option in "${options[@]}"; do
        key=${option%%=*}
        if [ "$key" = password ]; then
            value=${option#*=}
            PGPASSWORD=$(percent_decode "${value//+/ }")
            export PGPASSWORD
        elif [[ $libpq_parameters == *" $key "* ]]; then
            kept+=("$option")
        fi
    done
fi
url="postgresql://$authority$path"
if [ ${#kept[@]} -gt 0 ]; then
    url+="?$(IFS='&' && echo "${kept[*]}")"
fi

umask 077
mkdir -p "$target"
parts=()
trap 'if [ ${#parts[@]} -gt 0 ]; then rm -f -- "${parts[@]}"; fi' EXIT

# The same options as bench/pg_tools.py's DUMP_OPTIONS (what restore_check checks). TZ=UTC:
# the archive notes pg_dump's start («Archive created at») in local time without a zone, and
# restore_check reads it as UTC.
dump="$target/temaplaner-$stamp.dump"
parts+=("$dump.part")
TZ=UTC pg_dump --format=custom --no-owner --file="$dump.part" --dbname="$url"

for pair in "media:$media" "private-media:$private_media"; do
    name=${pair%%:*}
    folder=${pair#*:}
    if [ -d "$folder" ]; then
        archive="$target/$name-$stamp.tar.gz"
        parts+=("$archive.part")
        # Files change while people post; GNU tar then warns and exits 1 ("some files
        # differ"), with what it read in the archive. Anything else is a failure.
        status=0
        tar --warning=no-file-changed --warning=no-file-removed -czf "$archive.part" \
            -C "$folder" . || status=$?
        if [ "$status" -gt 1 ]; then
            echo "Feil: tar av $folder avsluttet med $status" >&2
            exit "$status"
        fi
        echo "Filer: $archive ($folder)"
    else
        echo "Advarsel: $folder finnes ikke; $name er ikke tatt med" >&2
    fi
done

echo "Database: $dump"
for part in "${parts[@]}"; do
    mv -- "$part" "${part%.part}"
done
parts=()
