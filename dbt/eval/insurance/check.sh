#!/usr/bin/env bash
# Verifies the Harbourline Insurance suite against a PostgreSQL database.
#
#   ./check.sh DATABASE            (or CHECK_DB=DATABASE ./check.sh)
#
# Connection settings come from the usual libpq variables (PGHOST, PGPORT, PGUSER, PGPASSWORD).
# The database must exist; the script (re)creates schema `insure` in it and uses, then drops,
# three scratch schemas chk_raw, chk_staging and chk_insure.
#
# 1. questions.yaml is well formed: 80 questions q01..q80, the category counts of the README,
#    gold_sql null exactly for out_of_scope and ambiguous questions.
# 2. load.sql loads into the database (schema insure).
# 3. The dbt models, rendered with ref()/var() replaced by schema-qualified names (the same SQL dbt
#    runs), built over the seeds in scratch schemas, equal load.sql: same tables, same columns with
#    the same types in the same order, and the same rows (as multisets).
#    Optional: DBT_DB=<database> also compares insure.* in a database built by real `dbt build`.
# 4. Every gold query runs (read-only), returns at least one row that is not all zeros/nulls,
#    does not use now()/current_date & co, reads only schema insure (it runs with
#    search_path=pg_catalog, so every table must be qualified) and, for top_n questions, has no tie
#    at the cut-off (the ranking measure is the last column) nor, when order matters, inside the top N.
# Prints one line per question with its row count, and exits non-zero on any failure.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
DB="${1:-${CHECK_DB:-}}"
if [ -z "$DB" ]; then
    echo "usage: $0 DATABASE   (or set CHECK_DB)" >&2
    exit 2
fi
command -v psql >/dev/null || { echo "check.sh: psql not found" >&2; exit 2; }

PY=""
for cand in python3 /usr/bin/python3; do
    if command -v "$cand" >/dev/null 2>&1 && "$cand" -c "import yaml" 2>/dev/null; then
        PY="$cand"
        break
    fi
done
if [ -z "$PY" ]; then
    echo "check.sh: needs python3 with PyYAML (Debian: apt-get install python3-yaml)" >&2
    exit 2
fi

exec "$PY" - "$HERE" "$DB" <<'PYTHON'
import csv
import io
import os
import re
import subprocess
import sys
from collections import Counter
from decimal import Decimal, InvalidOperation

import yaml

HERE, DB = sys.argv[1], sys.argv[2]
failures = []


def excepthook(kind, exc, tb):
    # psql errors while loading or building: report them as a failure, not as a traceback
    if isinstance(exc, RuntimeError):
        print(f"FAIL  {exc}")
        print("check.sh: aborted")
        sys.exit(1)
    sys.__excepthook__(kind, exc, tb)


sys.excepthook = excepthook


def fail(msg):
    failures.append(msg)
    print(f"FAIL  {msg}")


def psql(sql=None, file=None, db=DB, csv_out=False, read_only=False, check=True):
    cmd = ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", db]
    if csv_out:
        cmd += ["--csv"]
    env = dict(os.environ)
    opts = ["-c statement_timeout=120000", "-c client_min_messages=warning"]
    if read_only:
        opts.append("-c default_transaction_read_only=on")
        opts.append("-c search_path=pg_catalog")   # gold SQL must qualify every table with insure.
    env["PGOPTIONS"] = " ".join(opts)
    if file:
        cmd += ["-f", file]
        p = subprocess.run(cmd, capture_output=True, text=True, env=env)
    else:
        p = subprocess.run(cmd, input=sql, capture_output=True, text=True, env=env)
    if check and p.returncode != 0:
        raise RuntimeError(p.stderr.strip() or p.stdout.strip())
    return p


def query_rows(sql, db=DB, read_only=False):
    out = psql(sql, db=db, csv_out=True, read_only=read_only).stdout
    rows = list(csv.reader(io.StringIO(out)))
    return (rows[0], rows[1:]) if rows else ([], [])


# ---------------------------------------------------------------------------------------------
# 1. questions.yaml
# ---------------------------------------------------------------------------------------------
EXPECTED = {
    "simple_count": 4, "aggregate_measure": 5, "enum_filter": 4, "synonym_filter": 5, "group_by_1d": 5,
    "group_by_2d": 5, "time_range": 5, "time_trend": 5, "top_n": 5, "join": 5, "defined_term": 5,
    "ratio_percentage": 4, "threshold": 4, "distinct_count": 4, "listing": 4, "period_comparison": 3,
    "out_of_scope": 4, "ambiguous": 4,
}
NULL_GOLD = {"out_of_scope", "ambiguous"}
project = yaml.safe_load(open(os.path.join(HERE, "dbt_project.yml")))
as_of = str(project["vars"]["as_of_date"])
spec = yaml.safe_load(open(os.path.join(HERE, "questions.yaml")))
questions = spec.get("questions") or []
if str(spec.get("reference_date")) != as_of:
    fail(f"questions.yaml reference_date {spec.get('reference_date')} != dbt var as_of_date {as_of}")
if len(questions) != 80:
    fail(f"questions.yaml has {len(questions)} questions, expected 80")
for i, q in enumerate(questions, 1):
    want = f"q{i:02d}"
    if q.get("id") != want:
        fail(f"question #{i} has id {q.get('id')!r}, expected {want}")
    missing = {"id", "question", "category", "order_matters", "gold_sql"} - set(q)
    if missing:
        fail(f"{q.get('id')}: missing fields {sorted(missing)}")
    if q.get("category") not in EXPECTED:
        fail(f"{q.get('id')}: unknown category {q.get('category')!r}")
    if not isinstance(q.get("order_matters"), bool):
        fail(f"{q.get('id')}: order_matters must be true or false")
    if (q.get("gold_sql") is None) != (q.get("category") in NULL_GOLD):
        fail(f"{q.get('id')}: gold_sql must be null exactly for {sorted(NULL_GOLD)}")
counts = Counter(q.get("category") for q in questions)
for cat, n in EXPECTED.items():
    if counts.get(cat, 0) != n:
        fail(f"category {cat}: {counts.get(cat, 0)} questions, expected {n}")
dupes = [t for t, n in Counter(q.get("question", "").strip().lower() for q in questions).items() if n > 1]
if dupes:
    fail(f"duplicate question texts: {dupes}")
print(f"ok    questions.yaml: {len(questions)} questions, reference_date {spec.get('reference_date')}")

# ---------------------------------------------------------------------------------------------
# 2. load.sql
# ---------------------------------------------------------------------------------------------
psql(file=os.path.join(HERE, "load.sql"))
print("ok    load.sql loaded into schema insure")

# ---------------------------------------------------------------------------------------------
# 3. dbt models over the seeds == load.sql
# ---------------------------------------------------------------------------------------------
SCRATCH = {"raw": "chk_raw", "staging": "chk_staging", "insure": "chk_insure"}
seed_cfg = project["seeds"]["harbourline_insure"]
seeds_dir = os.path.join(HERE, "seeds")
seeds = sorted(f[:-4] for f in os.listdir(seeds_dir) if f.endswith(".csv"))
models = {}
for sub, schema, kind in (("staging", "staging", "view"), ("marts", "insure", "table")):
    cfg = project["models"]["harbourline_insure"][sub]
    assert cfg["+schema"] == schema and cfg["+materialized"] == kind, cfg
    d = os.path.join(HERE, "models", sub)
    for f in sorted(os.listdir(d)):
        if f.endswith(".sql"):
            models[f[:-4]] = (schema, kind, open(os.path.join(d, f)).read())

ddl = ["drop schema if exists chk_insure cascade;", "drop schema if exists chk_staging cascade;",
       "drop schema if exists chk_raw cascade;"] + [f"create schema {s};" for s in SCRATCH.values()]
for seed in seeds:
    with open(os.path.join(seeds_dir, seed + ".csv"), newline="") as fh:
        header = next(csv.reader(fh))
    types = seed_cfg[seed]["+column_types"]
    if set(types) != set(header):
        fail(f"seed {seed}: column_types in dbt_project.yml do not match the CSV header")
        continue
    ddl.append(f"create table chk_raw.{seed} (" + ", ".join(f"{c} {types[c]}" for c in header) + ");")
    ddl.append(f"\\copy chk_raw.{seed} from '{os.path.join(seeds_dir, seed + '.csv')}' with (format csv, header true)")

REF = re.compile(r"\{\{\s*ref\(\s*['\"](\w+)['\"]\s*\)\s*\}\}")
AS_OF = re.compile(r"\{\{\s*as_of_date\(\s*\)\s*\}\}")
VAR = re.compile(r"\{\{\s*var\(\s*['\"]as_of_date['\"]\s*\)\s*\}\}")


def render(name):
    schema, kind, sql = models[name]

    def ref(m):
        target = m.group(1)
        if target in seeds:
            return f"chk_raw.{target}"
        if target in models:
            return f"{SCRATCH[models[target][0]]}.{target}"
        raise KeyError(f"{name}: unknown ref {target}")

    out = VAR.sub(as_of, AS_OF.sub(f"date '{as_of}'", REF.sub(ref, sql)))
    if "{{" in out or "{%" in out:
        raise ValueError(f"{name}: unrendered jinja left after emulation")
    return out


order, seen = [], set()


def visit(name, stack=()):
    if name in seen:
        return
    if name in stack:
        raise ValueError(f"ref cycle at {name}")
    for dep in REF.findall(models[name][2]):
        if dep in models:
            visit(dep, stack + (name,))
    seen.add(name)
    order.append(name)


for name in sorted(models):
    visit(name)
for name in order:
    schema, kind, _ = models[name]
    ddl.append(f"create {kind} {SCRATCH[schema]}.{name} as (\n{render(name)}\n);")
psql("\n".join(ddl))
print(f"ok    emulated dbt build: {len(seeds)} seeds, {len(order)} models")

COLS = """select table_name, ordinal_position, column_name, data_type,
                 coalesce(numeric_precision::text, ''), coalesce(numeric_scale::text, ''),
                 coalesce(character_maximum_length::text, '')
          from information_schema.columns where table_schema = '{s}' order by 1, 2"""


def compare_schemas(label, left_db, left_schema, right_db, right_schema):
    lcols = query_rows(COLS.format(s=left_schema), db=left_db)[1]
    rcols = query_rows(COLS.format(s=right_schema), db=right_db)[1]
    ltables, rtables = sorted({r[0] for r in lcols}), sorted({r[0] for r in rcols})
    ok = True
    if ltables != rtables:
        fail(f"{label}: tables differ: {ltables} vs {rtables}")
        return False
    for t in ltables:
        lc, rc = [r[1:] for r in lcols if r[0] == t], [r[1:] for r in rcols if r[0] == t]
        if lc != rc:
            fail(f"{label}: columns or types of {t} differ:\n      {lc}\n      {rc}")
            ok = False
            continue
        cols = ", ".join(f'"{c[1]}"' for c in lc)
        order_by = ", ".join(str(i + 1) for i in range(len(lc)))
        if left_db == right_db:
            diff = query_rows(
                f"select (select count(*) from (select {cols} from {left_schema}.{t} except all "
                f"select {cols} from {right_schema}.{t}) a), (select count(*) from (select {cols} from "
                f"{right_schema}.{t} except all select {cols} from {left_schema}.{t}) b), "
                f"(select count(*) from {left_schema}.{t})", db=left_db)[1][0]
            if diff[0] != "0" or diff[1] != "0":
                fail(f"{label}: {t}: {diff[0]} rows only in {left_schema}, {diff[1]} only in {right_schema}")
                ok = False
            else:
                print(f"ok    {label}: {t}: {diff[2]} rows, {len(lc)} columns identical")
        else:
            dump = f"copy (select {cols} from {{s}}.{t} order by {order_by}) to stdout"
            a = psql(dump.format(s=left_schema), db=left_db).stdout
            b = psql(dump.format(s=right_schema), db=right_db).stdout
            if a != b:
                fail(f"{label}: {t}: rows differ")
                ok = False
            else:
                print(f"ok    {label}: {t}: {a.count(chr(10))} rows, {len(lc)} columns identical")
    return ok


compare_schemas("models == load.sql", DB, "chk_insure", DB, "insure")
if os.environ.get("DBT_DB"):
    compare_schemas(f"dbt build ({os.environ['DBT_DB']}) == load.sql", os.environ["DBT_DB"], "insure", DB, "insure")
if not os.environ.get("CHECK_KEEP_SCRATCH"):
    psql("drop schema chk_insure cascade; drop schema chk_staging cascade; drop schema chk_raw cascade;")

# ---------------------------------------------------------------------------------------------
# 4. Gold queries
# ---------------------------------------------------------------------------------------------
FORBIDDEN = re.compile(r"\b(now\s*\(|current_date|current_timestamp|current_time|localtimestamp|localtime|"
                       r"clock_timestamp|statement_timestamp|transaction_timestamp|timeofday)", re.I)
OTHER_SCHEMA = re.compile(r"\b(raw|staging|chk_\w+|public|information_schema)\.", re.I)
LIMIT = re.compile(r"\blimit\s+(\d+)\s*;?\s*$", re.I)


def number(v):
    try:
        return Decimal(v)
    except (InvalidOperation, ValueError):
        return None


def trivial(value):
    if value == "":
        return True
    n = number(value)
    return n is not None and n == 0


print()
print(f"{'id':4}  {'category':18} {'rows':>5}  status")
for q in questions:
    qid, cat, sql = q.get("id"), q.get("category"), q.get("gold_sql")
    if sql is None:
        print(f"{qid:4}  {cat:18} {'-':>5}  clarification expected")
        continue
    problems = []
    if FORBIDDEN.search(sql):
        problems.append("uses the clock (now()/current_date...): use literal dates")
    other = sorted(set(s.lower() for s in OTHER_SCHEMA.findall(sql)) - {"insure"})
    if other:
        problems.append(f"reads schemas other than insure: {other}")
    try:
        header, rows = query_rows(sql, read_only=True)
    except RuntimeError as exc:
        fail(f"{qid}: gold_sql errors: {exc}")
        print(f"{qid:4}  {cat:18} {'ERR':>5}")
        continue
    if not rows:
        problems.append("returns no rows")
    elif all(trivial(v) for row in rows for v in row):
        problems.append("returns only zeros/nulls")
    if cat == "top_n":
        m = LIMIT.search(sql.strip())
        if not m:
            problems.append("top_n gold must end with ORDER BY ... LIMIT n")
        else:
            n = int(m.group(1))
            _, full = query_rows(sql.strip()[:m.start()].rstrip(), read_only=True)
            if len(rows) != n:
                problems.append(f"returns {len(rows)} rows, expected {n}")
            if len(full) > n and full[n][-1] == full[n - 1][-1]:
                problems.append(f"tie at the cut-off: rank {n} and rank {n + 1} both have {full[n][-1]}")
            if q.get("order_matters"):
                top = [r[-1] for r in full[:n]]
                if len(set(top)) != len(top):
                    problems.append("ties inside the top N while order matters")
    for p in problems:
        fail(f"{qid}: {p}")
    print(f"{qid:4}  {cat:18} {len(rows):>5}  {'ok' if not problems else 'FAIL'}")

print()
if failures:
    print(f"check.sh: {len(failures)} failure(s)")
    sys.exit(1)
answerable = sum(1 for q in questions if q.get("gold_sql") is not None)
print(f"check.sh: all checks passed ({answerable} gold queries verified, "
      f"{len(questions) - answerable} clarification questions)")
PYTHON
