#!/usr/bin/env python3
"""Measures the peak resident memory of `ledger verify`, or of `ledger
rebuild` with --command rebuild, on two ledgers with the same accounts and
ten times as many events, and prints the ratio.

Both keep one account state per account and read the events in batches,
so the ratio should stay near 1 however long the log is, once SQLite's page
cache (32 MiB) is full.

Usage: tools/verify-memory.py [--ledger PATH] [--accounts N] [--small R] [--large R]
                              [--command verify|rebuild]
  (R is the number of imported revisions; each renames every account once)
"""
import argparse
import re
import json
import os
import subprocess
import tempfile


def snapshot(accounts, revision):
    items = []
    for index in range(accounts):
        items.append({
            "id": f"mem-{index}",
            "createdAt": 1767225600000,
            "updatedAt": 1767225600000 + revision * 60000,
            "updatedBy": "verify-memory@example.com",
            "name": f"Connection {index} revision {revision}",
            "connectionSpec": {"id": "4fce964d-3f37-408f-9778-e597338a21ee", "version": "1.0"},
            "auth": {"specName": "Access Key", "params": {
                "s3AccessKey": f"AKIAMEMORY{index}", "s3SecretKey": f"secret-{index}"}},
            "etag": f'"{index}-{revision}"',
        })
    return {"items": items}


def build(ledger, folder, accounts, revisions):
    path = os.path.join(folder, f"ledger-{revisions}.sqlite")
    subprocess.run([ledger, "init", "--db", path], check=True, capture_output=True)
    for revision in range(revisions):
        file = os.path.join(folder, "snapshot.json")
        with open(file, "w") as handle:
            json.dump(snapshot(accounts, revision), handle)
        subprocess.run([ledger, "import", file, "--db", path], check=True, capture_output=True)
    return path


def peak_kib(ledger, command, path):
    """Runs `ledger COMMAND` on the ledger; returns its event count and peak RSS."""
    arguments = [ledger, command, "--db", path] + (["--json"] if command == "verify" else [])
    process = subprocess.Popen(arguments, stdout=subprocess.PIPE)
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    if status != 0:
        raise SystemExit(f"ledger {command} failed on {path}")
    if command == "verify":
        return json.loads(output)["events"], usage.ru_maxrss
    return int(re.search(rb"from (\d+) event", output).group(1)), usage.ru_maxrss


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--ledger", default=".build/debug/ledger")
    parser.add_argument("--accounts", type=int, default=200)
    parser.add_argument("--small", type=int, default=5)
    parser.add_argument("--large", type=int, default=50)
    parser.add_argument("--command", choices=["verify", "rebuild"], default="verify")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ledger-verify-memory-") as folder:
        results = []
        for revisions in (arguments.small, arguments.large):
            path = build(arguments.ledger, folder, arguments.accounts, revisions)
            results.append(peak_kib(arguments.ledger, arguments.command, path))
        (small_events, small_kib), (large_events, large_kib) = results
        for events, kib in results:
            print(f"{arguments.command} of {events} events ({arguments.accounts} accounts): peak RSS {kib} KiB")
        print(f"events x{large_events / small_events:.1f}, peak memory x{large_kib / small_kib:.2f}")


if __name__ == "__main__":
    main()
