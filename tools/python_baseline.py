#!/usr/bin/env python3
"""Peer baseline for the ledger benchmark: the same events appended to and
read back from the Python `eventsourcing` library with its SQLite
persistence.

The benchmark harness writes the events it appended to the ledger as JSON
lines, each with the transaction (batch) or save it belongs to. This script
appends them the same way, batched and then one save per transaction, reads
a sample of account streams back, and prints the rates as one JSON object.
"""

import argparse
import json
import os
import sys
import time
import uuid

from eventsourcing.application import Application
from eventsourcing.domain import Aggregate, event


class Account(Aggregate):
    """An account stream: the connect creates it, every later event changes it."""

    @staticmethod
    def create_id(account_id):
        return uuid.uuid5(uuid.NAMESPACE_URL, account_id)

    @event("Connected")
    def __init__(self, account_id, payload):
        self.account_id = account_id
        self.name = payload["name"]
        self.destination = payload["destination"]
        self.credentials = dict(payload.get("credentials", {}))
        self.dataflows = set()
        self.deleted = False

    @event("Changed")
    def change(self, event_type, payload):
        if event_type == "AccountRenamed":
            self.name = payload["to"]
        elif event_type in ("CredentialsRotated", "AccountReconnected"):
            for field, fingerprints in payload.get("secrets", {}).items():
                self.credentials[field] = fingerprints.get("to")
            # CredentialsRotated schema version 2 lists every change in one array.
            for change in payload.get("changes", []):
                if change["kind"] == "secret":
                    self.credentials[change["field"]] = change["to"]
        elif event_type == "DataflowActivated":
            self.dataflows.add(payload["dataflowId"])
        elif event_type == "DataflowDeactivated":
            self.dataflows.discard(payload["dataflowId"])
        elif event_type == "AccountDeleted":
            self.deleted = True


def read_groups(path):
    """Yields lists of events that share a group number, in file order."""
    group, events = None, []
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if record["group"] != group and events:
                yield events
                events = []
            group = record["group"]
            events.append(record)
    if events:
        yield events


def apply(aggregates, app, record):
    account_id = record["account"]
    if record["type"] == "AccountConnected":
        aggregate = Account(account_id=account_id, payload=record["payload"])
        aggregates[account_id] = aggregate
        return aggregate
    aggregate = aggregates.get(account_id)
    if aggregate is None:
        aggregate = app.repository.get(Account.create_id(account_id))
        aggregates[account_id] = aggregate
    aggregate.change(record["type"], record["payload"])
    return aggregate


def append_groups(app, path):
    """Appends each group of events in one transaction. An account touched
    by the group is loaded from the store once and then kept in memory until
    the commit, as the ledger keeps account states within one transaction."""
    count, started = 0, time.perf_counter()
    for group in read_groups(path):
        aggregates = {}
        for record in group:
            apply(aggregates, app, record)
        app.save(*aggregates.values())
        count += len(group)
    return count, time.perf_counter() - started


def read_streams(app, account_ids):
    count, started = 0, time.perf_counter()
    for account_id in account_ids:
        count += app.repository.get(Account.create_id(account_id)).version
    return count, time.perf_counter() - started


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--history", required=True, help="JSON lines of the batched events")
    parser.add_argument("--sample", required=True, help="JSON lines of the single saves")
    parser.add_argument("--read-accounts", required=True, help="account ids to read back, one a line")
    parser.add_argument("--db", required=True, help="SQLite file to create")
    arguments = parser.parse_args()
    if os.path.exists(arguments.db):
        sys.exit(f"Error: {arguments.db} already exists; pass a new path")

    app = Application(env={
        "PERSISTENCE_MODULE": "eventsourcing.sqlite",
        "SQLITE_DBNAME": arguments.db,
    })
    batched_events, batched_seconds = append_groups(app, arguments.history)
    single_events, single_seconds = append_groups(app, arguments.sample)
    with open(arguments.read_accounts, encoding="utf-8") as lines:
        account_ids = [line.strip() for line in lines if line.strip()]
    read_events, read_seconds = read_streams(app, account_ids)
    json.dump({
        "batchedEvents": batched_events,
        "batchedSeconds": batched_seconds,
        "singleEvents": single_events,
        "singleSeconds": single_seconds,
        "readEvents": read_events,
        "readSeconds": read_seconds,
    }, sys.stdout)
    print()


if __name__ == "__main__":
    main()
