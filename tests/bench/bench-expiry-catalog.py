#!/usr/bin/env python3
# Keepsake — photo keeping for photo labs
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Fills an empty Keepsake catalog (made by keepsakectl, so the schema is Keepsake's
# own) with a lab in its steady state on day DAY: CUSTOMERS customers, ALBUMS albums
# handed in over the two years before DAY under the built-in 90-day rule, PHOTOS
# photos spread over them. Albums past their date are recorded or purged, those in
# their notice window are `expiring` (told 14 days ahead), the rest `active`; so a
# sweep on DAY finds the day's share of albums to notify and to expire.
import argparse, datetime, random, sqlite3

p = argparse.ArgumentParser()
p.add_argument('catalog'); p.add_argument('--day', required=True)
p.add_argument('--customers', type=int, default=20000); p.add_argument('--albums', type=int, default=100000)
p.add_argument('--photos', type=int, default=1000000)
a = p.parse_args()
day = datetime.date.fromisoformat(a.day)
rnd = random.Random(42)
db = sqlite3.connect(a.catalog)
db.execute('PRAGMA synchronous=OFF')
iso = lambda d: d.isoformat()
stamp = lambda d: d.isoformat() + 'T10:00:00Z'
with db:
    db.executemany('INSERT INTO customers (code, code_key, name, email, language, created_at) VALUES (?,?,?,?,?,?)',
                   ((f'B{i:05d}', f'B{i:05d}', f'Customer {i}', f'b{i}@example.test', None, stamp(day - datetime.timedelta(days=800)))
                    for i in range(1, a.customers + 1)))
    db.executemany('INSERT INTO handins (id, customer_id, started_at, channel, source, pickup_code, state) VALUES (?,?,?,?,?,?,?)',
                   ((i, i, stamp(day - datetime.timedelta(days=730)), 'counter', 'bench', f'P{i:07d}', 'done')
                    for i in range(1, a.customers + 1)))
    albums = []
    for i in range(1, a.albums + 1):
        # Albums 1 and 2: one reaches its notice window today, one expires today.
        handin = day - datetime.timedelta(days={1: 76, 2: 91}.get(i, rnd.randrange(0, 730)))
        expires = handin + datetime.timedelta(days=90)
        left = (expires - day).days
        state, notice, recorded, purged = 'active', None, None, None
        if left < -30:
            state, recorded, purged = 'purged', stamp(expires + datetime.timedelta(days=1)), stamp(expires + datetime.timedelta(days=31))
        elif left < -1:
            state, recorded = 'recorded', stamp(expires + datetime.timedelta(days=1))
        elif left < 14:
            state, notice = 'expiring', stamp(expires - datetime.timedelta(days=14))
        owner = (i - 1) % a.customers + 1
        albums.append((i, owner, 'title', f'Album {i}', 1, state, stamp(handin), stamp(handin), iso(expires), recorded, purged, notice))
    db.executemany('INSERT INTO albums (id, owner_id, group_kind, title, rule_id, state, created_at, first_handin_at, '
                   'expires_on, recorded_at, purged_at, notice_issued_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)', albums)
    per = a.photos // a.albums
    def photos():
        n = 0
        for alb in albums:
            for k in range(per):
                n += 1
                yield (n, alb[0], alb[1], alb[1], f'{n:064x}', f'IMG_{k:04d}.JPG', f'DCIM/IMG_{k:04d}.JPG', 5000000, alb[6])
    db.executemany('INSERT INTO blobs (sha256, size, quick_hash, stored_at) VALUES (?,?,?,?)',
                   ((f'{n:064x}', 5000000, 'q', stamp(day)) for n in range(1, per * a.albums + 1)))
    db.executemany('INSERT INTO photos (id, album_id, customer_id, handin_id, sha256, original_name, source_path, size, '
                   'created_at) VALUES (?,?,?,?,?,?,?,?,?)', photos())
db.execute('ANALYZE')
db.execute('PRAGMA wal_checkpoint(TRUNCATE)')
db.close()
