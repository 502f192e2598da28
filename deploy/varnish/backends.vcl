# The app instances of compose.yaml behind the cache, taken in turn; an instance whose readiness
# probe fails (a deploy, a drain after SIGTERM: /healthz/ready answers 503) is skipped.
# Included by default.vcl; the tests and bench/throughput.py put their own file of this name
# first on varnishd's vcl_path to point at a server on loopback.

probe ready {
    .url = "/healthz/ready";
    .interval = 5s;
    .timeout = 2s;
    .window = 3;
    .threshold = 2;
}

backend app1 {
    .host = "app1";
    .port = "8000";
    .probe = ready;
    # Longer than gunicorn's timeout, so the app answers (or gives up) first.
    .first_byte_timeout = 60s;
    .between_bytes_timeout = 60s;
}

backend app2 {
    .host = "app2";
    .port = "8000";
    .probe = ready;
    .first_byte_timeout = 60s;
    .between_bytes_timeout = 60s;
}

sub vcl_init {
    new app = directors.round_robin();
    app.add_backend(app1);
    app.add_backend(app2);
}
