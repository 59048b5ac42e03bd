#!/usr/bin/env python3
"""Trunk post-build hook: makes the built page run under a strict Content-Security-Policy.

Trunk writes the wasm loader as an inline module script. This moves every inline script of the
staged index.html into its own file, named by a hash of its text (`boot-<hash>.js`), loaded with
`src` and an SRI `integrity`, so the policy's `script-src` needs no 'unsafe-inline'. It then
checks what the policy promises: no inline script, no inline event handler, no style attribute in
the markup, and a policy without 'unsafe-inline'. Any of those fails the build."""
import base64, hashlib, os, pathlib, re, sys

staging = pathlib.Path(os.environ.get("TRUNK_STAGING_DIR", sys.argv[1] if len(sys.argv) > 1 else "dist"))
index = staging / "index.html"
html = index.read_text()

INLINE = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S)


def externalise(m):
    attrs, body = m.group("attrs"), m.group("body")
    if "src=" in attrs or not body.strip():
        return m.group(0)
    data = body.strip().encode() + b"\n"
    name = f"boot-{hashlib.sha256(data).hexdigest()[:16]}.js"
    (staging / name).write_bytes(data)
    sri = "sha384-" + base64.b64encode(hashlib.sha384(data).digest()).decode()
    return f'<script{attrs} src="./{name}" integrity="{sri}"></script>'


html = INLINE.sub(externalise, html)
problems = []
if any(not m.group("body").strip() == "" and "src=" not in m.group("attrs") for m in INLINE.finditer(html)):
    problems.append("an inline <script> is left")
if re.search(r"<[^>]+\son[a-z]+\s*=", html):
    problems.append("an inline event handler (on...=) is in the markup")
if re.search(r"<[^>]+\sstyle\s*=", html):
    problems.append("a style attribute is in the markup")
policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', html)
if not policy:
    problems.append("no Content-Security-Policy meta tag")
else:
    if "unsafe-inline" in policy.group(1):
        problems.append("the policy allows 'unsafe-inline'")
    for directive in ["object-src 'none'", "base-uri 'none'", "form-action 'none'", "connect-src 'self'", "worker-src 'self'"]:
        if directive not in policy.group(1):
            problems.append(f"the policy lacks {directive}")
if problems:
    sys.exit("strict_csp: " + "; ".join(problems))
index.write_text(html)
