#!/usr/bin/env python3
"""Measures the peak resident memory of `ledger verify` on two ledgers with
the same accounts and ten times as many events, and prints the ratio.

verify keeps one account state per account and streams the events, so the
ratio should stay near 1 however long the log is.

Usage: tools/verify-memory.py [--ledger PATH] [--accounts N] [--small R] [--large R]
  (R is the number of imported revisions; each renames every account once)
"""
import argparse
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


def peak_verify_kib(ledger, path):
    process = subprocess.Popen([ledger, "verify", "--db", path, "--json"], stdout=subprocess.PIPE)
    output = process.stdout.read()
    _, status, usage = os.wait4(process.pid, 0)
    if status != 0:
        raise SystemExit(f"ledger verify failed on {path}")
    return json.loads(output)["events"], usage.ru_maxrss


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--ledger", default=".build/debug/ledger")
    parser.add_argument("--accounts", type=int, default=200)
    parser.add_argument("--small", type=int, default=5)
    parser.add_argument("--large", type=int, default=50)
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ledger-verify-memory-") as folder:
        results = []
        for revisions in (arguments.small, arguments.large):
            path = build(arguments.ledger, folder, arguments.accounts, revisions)
            results.append(peak_verify_kib(arguments.ledger, path))
        (small_events, small_kib), (large_events, large_kib) = results
        print(f"verify of {small_events} events ({arguments.accounts} accounts): peak RSS {small_kib} KiB")
        print(f"verify of {large_events} events ({arguments.accounts} accounts): peak RSS {large_kib} KiB")
        print(f"events x{large_events / small_events:.1f}, peak memory x{large_kib / small_kib:.2f}")


if __name__ == "__main__":
    main()
