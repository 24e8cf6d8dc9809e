#!/usr/bin/env python3
"""Trunk post-build hook: writes the Content-Security-Policy into the built index.html.

Trunk bootstraps the wasm with an inline <script type="module">, which a strict CSP blocks
unless allowed by its exact sha256 hash. The script (and so the hash) changes whenever the
bundle's file names change, so the hash is computed here on every build. The page's other
inline script, the early state request (src/prefetch.js, inlined by trunk), is allowed the
same way, and so is the one-line script that requests the wasm early (early_wasm.py): every
inline script of the built page gets its hash, and nothing else.

Policy: only this origin's scripts (plus those inline scripts), wasm compilation
('wasm-unsafe-eval'), this origin's stylesheets (no inline style attributes; Leptos `style:`
bindings go through CSSOM and are allowed), and requests to this origin, any HTTPS API, or
loopback (local proxies and the test server).
"""
import base64
import hashlib
import os
import re
import sys

sys.dont_write_bytecode = True  # no __pycache__ in .ci/
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from early_wasm import start_wasm_early  # noqa: E402

staging = os.environ.get("TRUNK_STAGING_DIR") or (sys.argv[1] if len(sys.argv) > 1 else "dist")
path = os.path.join(staging, "index.html")
with open(path, encoding="utf-8") as f:
    html = f.read()

# Trunk also writes <link rel="preload" as="fetch" integrity=… href=….wasm>; the bootstrap's
# own fetch has no integrity, so nothing says it would take that preload over. (Blank pages
# once blamed on the preload in our e2e runs were the mock server's, see
# tests/vendor/tiny_http/PATCHED.md.) The wasm is requested from the top of <head> instead
# (early_wasm.py), before the hashes below.
html = re.sub(r'\s*<link rel="preload" href="[^"]*\.wasm"[^>]*>', "", html)
try:
    html = start_wasm_early(html)
except ValueError as e:
    sys.exit(f"csp.py: {e}")

inline = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", html, flags=re.S)
if not inline:
    sys.exit("csp.py: no inline bootstrap script found in index.html; has trunk changed?")
hashes = " ".join(
    "'sha256-%s'" % base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode() for s in inline
)
policy = "; ".join(
    [
        "default-src 'none'",
        f"script-src 'self' {hashes} 'wasm-unsafe-eval'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self' https: http://127.0.0.1:* http://localhost:*",
        "base-uri 'none'",
        "form-action 'none'",
        "object-src 'none'",
    ]
)
meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}" />'
html = re.sub(r'\s*<meta http-equiv="Content-Security-Policy"[^>]*>', "", html)
# Right after <meta charset> (which must stay first), before any script.
html, n = re.subn(r"(<meta charset=[^>]*>)", lambda m: m.group(1) + "\n    " + meta, html, count=1)
if n != 1:
    html, n = re.subn(r"(<head[^>]*>)", lambda m: m.group(1) + "\n    " + meta, html, count=1)
if n != 1:
    sys.exit("csp.py: no <head> in index.html")
with open(path, "w", encoding="utf-8") as f:
    f.write(html)
print(f"csp.py: policy written ({len(inline)} inline script hashes)")
