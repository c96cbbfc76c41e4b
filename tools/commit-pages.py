#!/usr/bin/env python3
"""Measures how the rate of single-transaction commits on this machine's
disk depends on the number of pages each commit writes, with SQLite in WAL
mode and synchronous=FULL as the ledger uses it.

Each commit inserts one row of about 3,000 bytes into each of N tables, so
it writes about N pages to the WAL. The ledger's single save writes about
15 (docs/benchmarks.md), and raw SQLite's about 2.

usage: tools/commit-pages.py [--commits K] [--rounds R] [--folder DIR] [N ...]
"""
import argparse
import os
import sqlite3
import tempfile
import time


def commits_per_second(path, tables, commits):
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA journal_mode=WAL")
    connection.execute("PRAGMA synchronous=FULL")
    for table in range(tables):
        connection.execute(f"CREATE TABLE t{table} (id INTEGER PRIMARY KEY, body BLOB)")
    start = time.perf_counter()
    for _ in range(commits):
        connection.execute("BEGIN")
        for table in range(tables):
            connection.execute(f"INSERT INTO t{table} (body) VALUES (randomblob(3000))")
        connection.execute("COMMIT")
    elapsed = time.perf_counter() - start
    connection.close()
    return commits / elapsed


def main():
    parser = argparse.ArgumentParser(description="Commit rate against pages written per commit.")
    parser.add_argument("--commits", type=int, default=400)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--folder", default=None, help="where the scratch database goes (default: a new temporary folder)")
    parser.add_argument("tables", type=int, nargs="*", default=[2, 5, 9, 13, 15, 17])
    options = parser.parse_args()
    folder = options.folder or tempfile.mkdtemp(prefix="commit-pages-")
    path = os.path.join(folder, "commit-pages.sqlite")
    rates = {tables: [] for tables in options.tables}
    # Sizes alternate within each round, so a slow spell of the disk
    # touches every size alike.
    for _ in range(options.rounds):
        for tables in options.tables:
            rates[tables].append(commits_per_second(path, tables, options.commits))
    print(f"load average {os.getloadavg()[0]:.2f}; {options.commits} commits per run")
    for tables, found in rates.items():
        rates_text = ", ".join(f"{rate:,.0f}" for rate in found)
        print(f"{tables:3d} pages per commit: {rates_text} commits/s")


if __name__ == "__main__":
    main()
