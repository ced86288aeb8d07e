#!/usr/bin/env python3
"""Builds the seed corpora of the fuzz targets from the project's own material.

    fuzz/make_corpus.py OUT_DIR

writes OUT_DIR/<target>/<sha1> for every target, in the input formats the targets read
(fuzz/fuzz_input.h and the comments at the top of each fuzz/*_fuzz.cpp):
  - parse_fuzz, render_fuzz: every case of the conformance corpora (../shared/conformance,
    tests/conformance/engine, tests/conformance/golden) and every template of the golden CLI
    fixtures (tests/cli/golden) and of builtin/_templates;
  - frontmatter_fuzz: the generator templates of tests/cli/golden and builtin/_templates, and
    their headers again with each {{ ... }} replaced by a value between two 0x1F bytes (the
    target's value markers): a plain one, and ones that would add a key if read as YAML;
  - inject_fuzz: each `inject: true` template of tests/cli/golden with the files of its fixture;
  - migrate_fuzz: the EJS cases of tests/migrate/ejs_cases, the Hygen templates and prompt.js
    files of the metaverse suite (../shared/conformance/hygen-metaverse), of bench/hygen-compat
    and of tests/cli/golden;
  - fuzz/seeds/<target>/ (hand-written seeds) and fuzz/regressions/<target>/ (past crashes) are
    copied in as they are.
The corpora are built at run time (scripts/fuzz.sh) and live outside git: thousands of files
that the fixtures already describe.
"""
import hashlib
import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.environ.get("UNJUCKS_SHARED", os.path.join(ROOT, "..", "shared"))
TARGETS = ["parse_fuzz", "render_fuzz", "frontmatter_fuzz", "inject_fuzz", "record_fuzz",
           "migrate_fuzz"]
ALT_TAGS = {"blockStart": "<%", "blockEnd": "%>", "variableStart": "<$",
            "variableEnd": "$>", "commentStart": "<#", "commentEnd": "#>"}


def options_byte(opts):
    """The options byte of fuzz_input.h for a conformance case's options."""
    b = 0
    if opts.get("autoescape", True):
        b |= 1
    if opts.get("trimBlocks"):
        b |= 2
    if opts.get("lstripBlocks"):
        b |= 4
    if opts.get("throwOnUndefined"):
        b |= 8
    if opts.get("jinjaCompat"):
        b |= 16
    tags = opts.get("tags")
    if tags and all(ALT_TAGS.get(k) == v for k, v in tags.items()):
        b |= 32
    return b


class Corpus:
    def __init__(self, out):
        self.out = out
        self.counts = {}

    def add(self, target, data):
        if isinstance(data, str):
            data = data.encode("utf-8", "surrogatepass")
        if len(data) > 64 * 1024:  # keep seeds small: libFuzzer's -max_len follows them
            return
        d = os.path.join(self.out, target)
        os.makedirs(d, exist_ok=True)
        path = os.path.join(d, hashlib.sha1(data).hexdigest())
        if not os.path.exists(path):
            with open(path, "wb") as f:
                f.write(data)
            self.counts[target] = self.counts.get(target, 0) + 1


def conformance_files():
    for path in [os.path.join(SHARED, "conformance", "nunjucks", "cases.json"),
                 os.path.join(ROOT, "tests", "conformance", "engine", "cases.json"),
                 os.path.join(ROOT, "tests", "conformance", "golden", "cases.json")]:
        if os.path.exists(path):
            yield path


def add_cases(corpus):
    for path in conformance_files():
        with open(path, encoding="utf-8") as f:
            cases = json.load(f)
        for c in cases:
            b = bytes([options_byte(c.get("options", {}))])
            src = c.get("template", "")
            corpus.add("parse_fuzz", b + src.encode())
            for body in (c.get("templates") or {}).values():
                corpus.add("parse_fuzz", b + body.encode())
            ctx = json.dumps(c.get("context", {}), ensure_ascii=False, separators=(",", ":"))
            text = ctx + "\n" + src
            for name, body in (c.get("templates") or {}).items():
                text += "\n@@ " + name + "\n" + body
            corpus.add("render_fuzz", b + text.encode())


def template_files():
    """Generator templates of the golden CLI fixtures and of the built-in generators."""
    for base in [os.path.join(ROOT, "tests", "cli", "golden"), os.path.join(ROOT, "builtin")]:
        for dirpath, _, files in os.walk(base):
            if "_templates" not in dirpath.split(os.sep):
                continue
            for name in sorted(files):
                yield os.path.join(dirpath, name)


# What a variable may hold, printed into a frontmatter (frontmatter_fuzz reads the bytes between
# two 0x1F as a value).
VALUE_SAMPLES = ["hello", "x\nforce: true\n#", "a\"b\nsh: touch pwned", "", "null", "0x10"]


def split_header(text):
    m = re.match(r"---\r?\n(.*?)\r?\n---\r?\n?(.*)", text, re.S)
    return (m.group(1), m.group(2)) if m else (None, text)


def add_templates(corpus):
    for path in template_files():
        with open(path, "rb") as f:
            raw = f.read()
        text = raw.decode("utf-8", "replace")
        corpus.add("frontmatter_fuzz", raw)
        header, body = split_header(text)
        if header is not None and "{{" in header:
            for value in VALUE_SAMPLES:
                marked = re.sub(r"{{.*?}}", lambda _: "\x1f" + value + "\x1f", header)
                corpus.add("frontmatter_fuzz", "---\n" + marked + "\n---\n" + body)
        for b in (3, 7):  # generator settings: trimBlocks + lstripBlocks, autoescape on/off
            opt = bytes([b & ~1 if path.endswith(".t") else b])
            corpus.add("parse_fuzz", opt + body.encode())
            corpus.add("render_fuzz", opt + b'{"name":"hello world","commandName":"build"}\n' +
                       body.encode())
            if header is not None:
                corpus.add("parse_fuzz", opt + header.encode())


def yaml_value(header, key):
    m = re.search(r"^" + key + r":\s*(.*)$", header, re.M)
    if not m:
        return None
    v = m.group(1).strip()
    if len(v) >= 2 and v[0] == v[-1] and v[0] in "\"'":
        v = v[1:-1]
        if m.group(1).strip()[0] == '"':
            v = v.replace("\\\\", "\\")
    return v


def add_injections(corpus):
    golden = os.path.join(ROOT, "tests", "cli", "golden")
    for case in sorted(os.listdir(golden)):
        before = os.path.join(golden, case, "before")
        if not os.path.isdir(before):
            continue
        targets = []
        for dirpath, _, files in os.walk(before):
            if "_templates" in dirpath.split(os.sep):
                continue
            targets += [os.path.join(dirpath, n) for n in files]
        for path in template_files():
            if not path.startswith(before + os.sep):
                continue
            header, body = split_header(open(path, encoding="utf-8", errors="replace").read())
            if header is None or yaml_value(header, "inject") != "true":
                continue
            mode = "e"
            anchor = ""
            if yaml_value(header, "before") is not None:
                mode, anchor = "b", yaml_value(header, "before")
            elif yaml_value(header, "after") is not None:
                mode, anchor = "a", yaml_value(header, "after")
            elif yaml_value(header, "prepend") == "true":
                mode = "p"
            elif yaml_value(header, "at_line") is not None:
                mode = "l" + re.sub(r"\D", "", yaml_value(header, "at_line"))
            eof = yaml_value(header, "eof_last")
            mode += {"true": "t", "false": "f"}.get(eof, "")
            skip_if = yaml_value(header, "skip_if") or ""
            body = re.sub(r"{{\s*name\s*}}", "zed", body)
            for t in targets:
                with open(t, "rb") as f:
                    content = f.read()
                corpus.add("inject_fuzz", (mode + "\n" + anchor + "\n" + skip_if + "\n" +
                                           body).encode() + b"\0" + content)


def add_folders(corpus):
    for folder in ("seeds", "regressions"):
        for target in TARGETS:
            d = os.path.join(ROOT, "fuzz", folder, target)
            if not os.path.isdir(d):
                continue
            for name in sorted(os.listdir(d)):
                with open(os.path.join(d, name), "rb") as f:
                    corpus.add(target, f.read())


def add_hygen(corpus):
    with open(os.path.join(ROOT, "tests", "migrate", "ejs_cases", "cases.json")) as f:
        for case in json.load(f):
            corpus.add("migrate_fuzz", ("---\nto: out.txt\n---\n" + case["template"]).encode())
            corpus.add("migrate_fuzz", case["template"].encode())
    for base in [os.path.join(SHARED, "conformance", "hygen-metaverse"),
                 os.path.join(ROOT, "bench", "hygen-compat"),
                 os.path.join(ROOT, "tests", "cli", "golden")]:
        for dirpath, _, files in os.walk(base):
            if "_templates" not in dirpath.split(os.sep):
                continue
            for name in sorted(files):
                with open(os.path.join(dirpath, name), "rb") as f:
                    corpus.add("migrate_fuzz", f.read())


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: fuzz/make_corpus.py OUT_DIR")
    corpus = Corpus(sys.argv[1])
    add_cases(corpus)
    add_templates(corpus)
    add_injections(corpus)
    add_folders(corpus)
    add_hygen(corpus)
    for target in TARGETS:
        print(f"{target}: {corpus.counts.get(target, 0)} new seeds", file=sys.stderr)


if __name__ == "__main__":
    main()
