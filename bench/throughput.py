"""Requests per second with wrk, in one run: the public pages from gunicorn directly (no cache in
front), the same through Varnish (deploy/varnish/default.vcl), and the static CSS from gunicorn
(WhiteNoise) and through Varnish as the yardstick. PUBLIC_CONTENT_CACHE_SECONDS=0 measures the
pages with the app's own content cache off (core/public_content.py). Prints rps and p50/p99
latency at 16 connections and at 1, the median of the rounds, the ratio of the cached plan page
to the static file (target ≥ 50 %), and how many times gunicorn booted a worker during the run
(max_requests restarts).

Run: `.venv/bin/python bench/throughput.py [--seconds 5] [--rounds 2]`. It needs wrk and
varnishd (apt-get install -y wrk varnish). It builds its own SQLite database with the demo
content in a temporary folder, collects the static files there, and starts gunicorn with
gunicorn.conf.py and Varnish on loopback ports. Try other gunicorn settings without editing the
file through GUNICORN_CMD_ARGS, e.g. GUNICORN_CMD_ARGS="--max-requests 1000 --threads 2".
"""

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench import varnish

ROOT = Path(__file__).resolve().parents[1]
PLAN = "/temaplaner/handling-mot-klimaendringene/"
PAGES = [("plan page", PLAN), ("index", "/temaplaner/"), ("home", "/")]
UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def environment(folder):
    return {
        "PATH": os.environ.get("PATH", "/usr/local/bin:/usr/bin:/bin"),
        "HOME": str(folder),
        "LANG": "C.UTF-8",
        "DJANGO_SETTINGS_MODULE": "asker.settings",
        "DEBUG": "false",
        "SECRET_KEY": "bench-only-" + "x" * 50,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "SITE_URL": "http://127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "EMAIL_URL": "memorymail://",
        "DATABASE_URL": os.environ.get("DATABASE_URL", f"sqlite:///{folder}/bench.sqlite3"),
        "STATIC_ROOT": str(folder / "static"),
        "MEDIA_ROOT": str(folder / "media"),
        "PRIVATE_MEDIA_ROOT": str(folder / "private"),
        "TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "LOG_LEVEL": "INFO",  # gunicorn's "Booting worker" lines are counted
        **{
            name: os.environ[name]
            for name in (
                "WEB_CONCURRENCY",
                "GUNICORN_CMD_ARGS",
                "REDIS_URL",
                "PUBLIC_CONTENT_CACHE_SECONDS",
            )
            if name in os.environ
        },
    }


def manage(env, *args):
    subprocess.run(
        [str(ROOT / ".venv/bin/python"), "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def static_css(env):
    manifest = json.loads((Path(env["STATIC_ROOT"]) / "staticfiles.json").read_text())
    return "/static/" + manifest["paths"]["css/main.css"]


def get(url):
    with urllib.request.urlopen(url, timeout=120) as response:
        response.read()
        return response.headers


def wrk(url, connections, seconds):
    """(rps, p50 ms, p99 ms) for one wrk run."""
    output = subprocess.run(
        [
            *("wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "--latency"),
            *("-H", "Accept-Encoding: gzip, deflate, br", url),  # as a browser asks
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    latency = {
        share: float(value) * UNITS[unit]
        for share, value, unit in re.findall(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)\s*$", output, re.M)
    }
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if errors:
        print(f"  ! {url}: {errors.group(1)} answers not 2xx/3xx", file=sys.stderr)
    return rps, latency["50"], latency["99"]


def boots(log):
    return log.read_text().count("Booting worker")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument(
        "--folder", type=Path, help="keep the database here and reuse it in the next run"
    )
    parser.add_argument("--only", default="", help="only the rows whose name has this text")
    args = parser.parse_args()
    for program in ("wrk",):
        if not shutil.which(program):
            sys.exit(f"{program} not found (apt-get install -y {program})")

    folder = args.folder or Path(tempfile.mkdtemp(prefix="asker-throughput-"))
    folder.mkdir(parents=True, exist_ok=True)
    env = environment(folder)
    if not (folder / "static" / "staticfiles.json").exists():
        print("Setting up: migrate, demo content, collectstatic …", flush=True)
        manage(env, "migrate", "--noinput")
        manage(env, "load_demo_content")
        manage(env, "collectstatic", "--noinput")
    css = static_css(env)

    port = varnish.free_port()
    log = folder / "gunicorn.log"
    gunicorn = subprocess.Popen(
        [
            *(str(ROOT / ".venv/bin/gunicorn"), "asker.wsgi", "-c", "gunicorn.conf.py"),
            *("--bind", f"127.0.0.1:{port}"),
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,  # the access log
        stderr=log.open("w"),
        start_new_session=True,
    )
    try:
        if not varnish.wait_for_port(port, 120, gunicorn):
            sys.exit("gunicorn did not start:\n" + log.read_text()[-3000:])
        deadline = time.monotonic() + 180  # every worker booted: the log says so
        workers = int(env.get("WEB_CONCURRENCY") or 0)
        while workers and boots(log) < workers and time.monotonic() < deadline:
            time.sleep(0.5)
        with varnish.running(port, memory="128m") as front:
            direct = f"http://127.0.0.1:{port}"
            measure(direct, front, css, args, log)
    finally:
        gunicorn.terminate()
        gunicorn.wait(60)
        if not args.folder:
            shutil.rmtree(folder, ignore_errors=True)


def measure(direct, front, css, args, log):
    targets = [(f"{name}, gunicorn", direct + path) for name, path in PAGES]
    targets += [(f"{name}, Varnish", front + path) for name, path in PAGES]
    targets.append(("static CSS, gunicorn", direct + css))  # WhiteNoise, for the comparison
    targets.append(("static CSS, Varnish", front + css))
    targets = [(name, url) for name, url in targets if args.only in name]
    for name, url in targets:
        get(url)  # warm: the worker's caches, and the copy in Varnish
        state = get(url).get("X-Cache")
        if "Varnish" in name and state != "HIT":
            print(
                f"  ! {name}: Varnish answers {state}, not HIT: the app sent no public "
                "Cache-Control, so this row measures the app through Varnish"
            )

    booted = boots(log)
    results = {}
    started = time.monotonic()
    for _round in range(args.rounds):
        for connections in (16, 1):
            for name, url in targets:
                results.setdefault((name, connections), []).append(
                    wrk(url, connections, args.seconds)
                )
    booted = boots(log) - booted
    elapsed = time.monotonic() - started

    workers = os.environ.get("WEB_CONCURRENCY", "gunicorn.conf.py's")
    extra = os.environ.get("GUNICORN_CMD_ARGS", "")
    print(
        f"\nwrk -t1, {args.seconds} s per run, median of {args.rounds} rounds; "
        f"workers: {workers}; GUNICORN_CMD_ARGS: {extra or '-'}"
    )
    print(f"{'what':<24}{'c':>3}{'rps':>10}{'p50 ms':>10}{'p99 ms':>10}")
    medians = {}
    for (name, connections), runs in results.items():
        rps, p50, p99 = (statistics.median(run[i] for run in runs) for i in range(3))
        medians[(name, connections)] = rps
        print(f"{name:<24}{connections:>3}{rps:>10.0f}{p50:>10.2f}{p99:>10.2f}")
    for connections in (16, 1):
        plan = medians.get(("plan page, Varnish", connections))
        static = medians.get(("static CSS, Varnish", connections))
        if not (plan and static):
            continue
        print(
            f"cached plan page / static CSS at c{connections}: {plan / static:.0%} (target ≥ 50 %)"
        )
    print(f"gunicorn workers booted during the {elapsed:.0f} s of load: {booted}")


if __name__ == "__main__":
    main()
