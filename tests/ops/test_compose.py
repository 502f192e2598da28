"""compose.yaml and the proxy's config are only reviewed, never run here (no Docker engine):
this keeps them parseable and pointing at files and services that exist."""

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
compose = yaml.safe_load((ROOT / "compose.yaml").read_text())
services = compose["services"]


def test_the_production_shape_is_all_there():
    assert {"proxy", "cache", "app1", "app2", "worker", "scheduler", "db", "redis", "s3"} <= set(
        services
    )
    assert services["worker"]["command"] == ["python", "manage.py", "db_worker"]
    for name in ("app1", "app2", "worker", "scheduler"):
        environment = services[name]["environment"]
        assert {"DATABASE_URL", "REDIS_URL", "S3_BUCKET", "S3_PRIVATE_BUCKET"} <= set(environment)
        assert services[name]["read_only"] is True


def test_every_file_it_names_exists():
    for service in services.values():
        for mount in service.get("volumes", []):
            source = mount.split(":")[0]
            if source.startswith("."):
                assert (ROOT / source).is_file(), source
        command = service.get("command") or []
        scripts = [part for part in command if part.endswith(".py")]
        assert all((ROOT / script).is_file() for script in scripts), scripts
    assert (ROOT / services["scheduler"]["build"]).resolve() == ROOT
    assert (ROOT / "Dockerfile").is_file()


def test_the_proxy_hands_to_the_cache_which_balances_over_the_app_instances():
    config = (ROOT / "deploy" / "nginx" / "default.conf").read_text()
    upstreams = set(re.findall(r"^\s*server (\w+):(\d+)", config, re.MULTILINE))
    assert upstreams == {("cache", "6081")}
    assert "cache" in services["proxy"]["depends_on"]
    assert ":6081" in services["cache"]["command"]

    backends = (ROOT / "deploy" / "varnish" / "backends.vcl").read_text()
    hosts = re.findall(r'\.host = "(\w+)";\s*\.port = "8000";', backends)
    assert set(hosts) == {"app1", "app2"}
    assert set(hosts) <= set(services["cache"]["depends_on"])
    mounted = {mount.split(":")[1] for mount in services["cache"]["volumes"]}
    assert mounted == {"/etc/varnish/default.vcl", "/etc/varnish/backends.vcl"}


def test_the_app_purges_the_cache_of_compose_and_visitors_cannot():
    assert services["app1"]["environment"]["FRONTEND_CACHE_URL"] == "http://cache:6081"
    config = (ROOT / "deploy" / "nginx" / "default.conf").read_text()
    assert re.search(r"if \(\$request_method ~ \^\(PURGE\|BAN\)\$\) \{\s*return 405;", config)
