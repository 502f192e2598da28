# The cache in front of the app (compose.yaml: nginx → varnish → app1, app2), issue #18.
#
# It stores only what the app says anyone may share: a GET or HEAD from a visitor without a
# session, answered with `Cache-Control: public` or `s-maxage` and no Set-Cookie. The app sends
# `public, max-age=0, s-maxage=N` on public pages without a form, so browsers always ask again
# and this cache answers for N seconds, and `private`/`no-store` on forms, a sender's own pages
# and the admin. Everything else goes to the app every time (pass), whatever it answers:
#   - any method but GET and HEAD (a form's POST),
#   - /admin/ and /django-admin/, the health probes,
#   - a request with a session, CSRF or messages cookie, or with Authorization,
#   - a response with Set-Cookie, or Cache-Control private, no-store or no-cache, or none.
#
# When an editor publishes, the app sends PURGE for the changed addresses
# (wagtail.contrib.frontend_cache, core/front_cache.py). A PURGE drops every stored copy of its
# path, whatever the query string (?side=2) or host; BAN drops everything under a path prefix
# (BAN / after a change to the site's banner or footer). Both only from the addresses in `purgers`.
vcl 4.1;

import directors;
import std;

include "backends.vcl";

# Who may purge: the app's processes (the web instances, the task worker and the scheduler
# on compose's private network) and this host. nginx in front refuses PURGE and BAN from
# visitors (deploy/nginx/default.conf), since its requests too come from this network.
acl purgers {
    "localhost";
    "127.0.0.1";
    "::1";
    "10.0.0.0"/8;
    "172.16.0.0"/12;
    "192.168.0.0"/16;
}

sub vcl_recv {
    set req.backend_hint = app.backend();

    if (req.method == "PURGE" || req.method == "BAN") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        if (req.method == "PURGE") {
            # Exact path, any query string: "==" needs no escaping of the path.
            ban("obj.http.X-Url-Path == " + regsub(req.url, "\?.*$", ""));
        } else {
            ban("obj.http.X-Url-Path ~ ^" + regsub(req.url, "\?.*$", ""));
        }
        return (synth(200, "Purged"));
    }

    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/(admin|django-admin)(/|$)" || req.url ~ "^/healthz") {
        return (pass);
    }
    if (req.http.Authorization) {
        return (pass);
    }
    # An editor, a moderator, someone who sent a form or was told something: the app answers.
    if (req.http.Cookie ~ "(^|;\s*)(sessionid|csrftoken|messages)=") {
        return (pass);
    }
    # The app reads no other cookie (analytics and the like), and takes the language from the
    # address only, never from Accept-Language: both would only split the cache.
    unset req.http.Cookie;
    unset req.http.Accept-Language;
    return (hash);
}

sub vcl_pass {
    set req.http.X-Cache = "PASS";
}

sub vcl_backend_response {
    # What PURGE and BAN match on; removed again before delivery.
    set beresp.http.X-Url-Path = regsub(bereq.url, "\?.*$", "");

    if (bereq.uncacheable) {
        return (deliver);
    }
    if (beresp.http.Set-Cookie
        || beresp.http.Cache-Control ~ "(?i)(private|no-store|no-cache)"
        || beresp.http.Cache-Control !~ "(?i)(public|s-maxage)"
        || beresp.http.Vary == "*"
        || beresp.ttl <= 0s) {
        # Not shareable: the next request goes to the app too, without waiting on this one.
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    # Stored compressed (the app sends plain text; these pages hold no secret, so BREACH does
    # not apply) and unpacked for the rare client that does not take gzip.
    if (beresp.http.Content-Type ~ "^(text/|application/(json|xml|rss\+xml|javascript))"
        && !beresp.http.Content-Encoding) {
        set beresp.do_gzip = true;
    }
    # After the app's s-maxage has run out a copy may be served this much longer while a
    # fresh one is fetched; a purge removes it at once all the same.
    set beresp.grace = 30s;
    return (deliver);
}

# An instance that cannot be reached: a request safe to repeat goes to the other one once.
sub vcl_backend_error {
    if (bereq.retries < 1 && (bereq.method == "GET" || bereq.method == "HEAD")) {
        return (retry);
    }
}

sub vcl_deliver {
    unset resp.http.X-Url-Path;
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else if (req.http.X-Cache == "PASS") {
        set resp.http.X-Cache = "PASS";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}

sub vcl_synth {
    set resp.http.Content-Type = "text/plain; charset=utf-8";
    set resp.body = resp.reason;
    return (deliver);
}
