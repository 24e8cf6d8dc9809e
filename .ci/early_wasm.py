"""The wasm requested while the page is still being parsed, not after it (issue 15). Used by
csp.py, the post-build hook, before it hashes the page's inline scripts.

Trunk's bootstrap is a module script, and module scripts run only once the whole document is
parsed, after the JS module they import has arrived; only then did it fetch the 1.5 MB wasm,
so the page's biggest download started last. (Trunk's own <link rel="preload"> for the wasm
is removed by csp.py.) This adds a one-line inline script at the top of <head> that starts
the wasm's fetch at once, and hands that fetch to the bootstrap (`init` takes a promise of the
response), so the wasm is still requested exactly once. If the script did not run, the
bootstrap fetches the wasm itself, as before.

The wasm's hashed file name is known only after the build, which is why this is done here and
not in index.html.
"""
import re

BOOTSTRAP = re.compile(r"init\(\{ module_or_path: '(\./[A-Za-z0-9_.-]+_bg\.wasm)' \}\)")


def start_wasm_early(html: str) -> str:
    """index.html with the early fetch; raises ValueError if trunk's output is not as expected."""
    if "window.__tunerscopeWasm" in html:
        return html  # already done (the hook ran twice on the same page)
    found = BOOTSTRAP.findall(html)
    if len(found) != 1:
        raise ValueError(
            "trunk's bootstrap `init({ module_or_path: '…_bg.wasm' })` is not in index.html "
            "exactly once; has trunk changed?"
        )
    wasm = found[0]
    html = BOOTSTRAP.sub(
        lambda m: "init({ module_or_path: window.__tunerscopeWasm || '%s' })" % m.group(1), html
    )
    early = "<script>window.__tunerscopeWasm = fetch('%s');</script>" % wasm
    # Right after <meta charset> (which must stay first); csp.py then puts its policy before it.
    html, n = re.subn(r"(<meta charset=[^>]*>)", lambda m: m.group(1) + "\n    " + early, html, count=1)
    if n != 1:
        raise ValueError("no <meta charset> in index.html")
    return html
