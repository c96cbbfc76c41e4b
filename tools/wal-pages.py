#!/usr/bin/env python3
"""Counts the pages that the commits in a SQLite WAL file wrote, by the
table or index each page belongs to.

Each WAL frame starts with the number of the page it holds, and a frame
whose second header word is not zero ends a commit. The owner of each page is
read from the database's `dbstat` table after the commits, so pages the
commits allocated are counted too.

A ledger command checkpoints and resets the WAL when it closes the file
last. To keep every commit in the WAL, hold a read transaction open in
another process while the commands run. For example:
    python3 -c "import sqlite3, time; c = sqlite3.connect('L.sqlite', isolation_level=None);
    c.execute('BEGIN'); c.execute('SELECT 1 FROM ledger_metadata').fetchall(); time.sleep(60)" &

usage: tools/wal-pages.py DATABASE
"""
import collections
import sqlite3
import struct
import sys


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    database = sys.argv[1]
    data = open(database + "-wal", "rb").read()
    page_size = struct.unpack(">I", data[8:12])[0]
    pages = []
    commits = 0
    offset = 32
    while offset + 24 + page_size <= len(data):
        page, size_after_commit = struct.unpack(">II", data[offset:offset + 8])
        pages.append(page)
        commits += 1 if size_after_commit else 0
        offset += 24 + page_size
    connection = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    owners = dict((number, name) for name, number in connection.execute("SELECT name, pageno FROM dbstat"))
    counts = collections.Counter(owners.get(page, "(free)") for page in pages)
    per_commit = len(pages) / max(commits, 1)
    print(f"page size {page_size}; {len(pages)} frames in {commits} commits: {per_commit:.2f} pages a commit")
    for owner, count in counts.most_common():
        print(f"{count / max(commits, 1):6.2f}  {owner}")


if __name__ == "__main__":
    main()
