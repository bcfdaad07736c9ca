#!/usr/bin/env python3
"""An independent reading of Prow job configs, to cross-check kubectl-prow's loader.

Written separately from the Rust code, on PyYAML (libyaml's C loader when present), following
Prow's ReadJobConfig rules:
  * --config-path: a file; jobs written inline in it count (first);
  * --job-config-path: a file (read whatever its extension) or a directory walked recursively
    in lexical (byte) order, without following links to directories;
  * names starting with ".." are skipped (directories whole);
  * only names whose Go extension (from the last ".") is exactly ".yaml" or ".yml";
  * .prowignore files, gitignore syntax: a path is ignored if its directory is; otherwise the
    nearest .prowignore with a matching pattern decides, then the ones above it;
  * a repeated base name is not read;
  * gzip files are decompressed (magic bytes);
  * only the first YAML document of a file is read; merge keys are applied (PyYAML does).
A job's context is its `cluster` when set and non-empty, else "default"; jobs whose agent is
neither kubernetes (or unset) nor tekton-pipeline have no context (null).

Prints JSON: {"files_read": N, "jobs": [[file, kind, repo, name, context], ...]}.
Usage: prow_jobs_count.py [--config-path FILE] [--job-config-path PATH]
"""
import argparse
import gzip
import json
import os
import re
import sys

import yaml

Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def go_ext(name):
    i = name.rfind(".")
    return name[i:] if i >= 0 else ""


def pattern_regex(pat):
    """A gitignore glob (already stripped of '!' and trailing '/') as a regex on a relative path."""
    anchored = "/" in pat
    pat = pat.lstrip("/")
    out, i = [], 0
    while i < len(pat):
        if pat.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif pat.startswith("/**", i) and i + 3 == len(pat):
            out.append("/.*")
            i += 3
        elif pat.startswith("**", i):
            out.append(".*")
            i += 2
        elif pat[i] == "*":
            out.append("[^/]*")
            i += 1
        elif pat[i] == "?":
            out.append("[^/]")
            i += 1
        elif pat[i] == "[" and "]" in pat[i + 1:]:
            j = pat.index("]", i + 1)
            body = pat[i + 1:j]
            out.append("[" + ("^" + body[1:] if body.startswith("!") else body) + "]")
            i = j + 1
        elif pat[i] == "\\" and i + 1 < len(pat):
            out.append(re.escape(pat[i + 1]))
            i += 2
        else:
            out.append(re.escape(pat[i]))
            i += 1
    body = "".join(out)
    return re.compile(("^" if anchored else "^(?:.*/)?") + body + "$")


class IgnoreFile:
    def __init__(self, path):
        self.rules = []  # (regex, negate, dir_only), in file order
        with open(path, encoding="utf-8", errors="replace") as f:
            for line in f.read().splitlines():
                if not line.strip() or line.startswith("#"):
                    continue
                line = line.rstrip(" ")
                negate = line.startswith("!")
                if negate:
                    line = line[1:]
                dir_only = line.endswith("/")
                self.rules.append((pattern_regex(line.rstrip("/")), negate, dir_only))

    def match(self, rel, is_dir):
        """None, 'ignore' or 'include' for a path relative to this file's directory."""
        verdict = None
        for rx, negate, dir_only in self.rules:
            if dir_only and not is_dir:
                continue
            if rx.match(rel):
                verdict = "include" if negate else "ignore"
        return verdict


def discover(root):
    if not os.path.isdir(root):
        return [root]
    files, seen = [], set()

    def walk(d, rel, stack, dir_ignored):
        pi = os.path.join(d, ".prowignore")
        if os.path.isfile(pi):
            stack = stack + [(rel, IgnoreFile(pi))]

        def ignored(r, is_dir):
            for base, ig in reversed(stack):
                sub = r[len(base) + 1:] if base else r
                v = ig.match(sub, is_dir)
                if v is not None:
                    return v == "ignore"
            return False

        for name in sorted(os.listdir(d), key=os.fsencode):
            if name.startswith(".."):
                continue
            p = os.path.join(d, name)
            r = f"{rel}/{name}" if rel else name
            if os.path.isdir(p) and not os.path.islink(p):
                walk(p, r, stack, dir_ignored or ignored(r, True))
                continue
            if go_ext(name) not in (".yaml", ".yml"):
                continue
            if dir_ignored or ignored(r, False):
                continue
            if name in seen:
                continue
            seen.add(name)
            files.append(p)

    walk(root, "", [], False)
    return files


def context(job):
    agent = job.get("agent") or "kubernetes"
    if agent not in ("kubernetes", "tekton-pipeline"):
        return None
    cluster = job.get("cluster")
    return "default" if cluster in (None, "") else str(cluster)


def jobs_of(path):
    with open(path, "rb") as f:
        data = f.read()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    try:
        doc = next(iter(yaml.load_all(data, Loader=Loader)), None)
    except yaml.YAMLError:
        return []
    if not isinstance(doc, dict):
        return []
    out = []
    for kind, key in (("presubmit", "presubmits"), ("postsubmit", "postsubmits")):
        repos = doc.get(key)
        if not isinstance(repos, dict):
            continue
        for repo, jobs in repos.items():
            for job in jobs if isinstance(jobs, list) else []:
                if isinstance(job, dict):
                    out.append([path, kind, str(repo), str(job.get("name") or ""), context(job)])
    periodics = doc.get("periodics")
    for job in periodics if isinstance(periodics, list) else []:
        if isinstance(job, dict):
            out.append([path, "periodic", None, str(job.get("name") or ""), context(job)])
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--config-path")
    ap.add_argument("--job-config-path")
    a = ap.parse_args()
    files = []
    if a.config_path:
        files.append(a.config_path)
    if a.job_config_path:
        files += discover(a.job_config_path)
    jobs = []
    for f in files:
        jobs += jobs_of(f)
    json.dump({"files_read": len(files), "jobs": jobs}, sys.stdout)


if __name__ == "__main__":
    main()
