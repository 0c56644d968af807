#!/usr/bin/env python3
# Keepsake — photo keeping for photo labs
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Fills an empty Keepsake catalog (made by keepsakectl or Lab::open, so the schema is
# Keepsake's own) with a lab in its steady state on day DAY: CUSTOMERS customers,
# ALBUMS albums handed in over the two years before DAY under the built-in 90-day
# rule, PHOTOS photos spread over them. Albums past their date are recorded or purged,
# those in their notice window are `expiring` (told 14 days ahead), the rest `active`:
# the states the lab's last sweep (LAST_SWEEP, the day before DAY unless given) left.
# So a sweep on DAY finds the day's share of albums to notify and to expire; with
# --last-sweep a week back, it finds a week's share (the catch-up after missed sweeps).
# The hand-in dates do not depend on --last-sweep: both are the same lab's albums.
#
# --big CODE:PHOTOS:ALBUMS adds one more customer with PHOTOS photos in ALBUMS albums
# handed in over the ALBUMS days before DAY (all active), whose photos have real
# SHA-256 names (spread over the thumbnail cache's folders as real ones are); the
# counter benchmark makes their thumbnails.
import argparse, datetime, hashlib, random, sqlite3

p = argparse.ArgumentParser()
p.add_argument('catalog'); p.add_argument('--day', required=True)
p.add_argument('--last-sweep', help='the day of the last sweep (default: the day before --day)')
p.add_argument('--customers', type=int, default=20000); p.add_argument('--albums', type=int, default=100000)
p.add_argument('--photos', type=int, default=1000000)
p.add_argument('--big', help='CODE:PHOTOS:ALBUMS, one more customer (the counter benchmark)')
a = p.parse_args()
day = datetime.date.fromisoformat(a.day)
swept = datetime.date.fromisoformat(a.last_sweep) if a.last_sweep else day - datetime.timedelta(days=1)
# The states are those on the morning after the last sweep, before that day's sweep.
state_day = swept + datetime.timedelta(days=1)
rnd = random.Random(42)
db = sqlite3.connect(a.catalog)
db.execute('PRAGMA synchronous=OFF')
iso = lambda d: d.isoformat()
stamp = lambda d: d.isoformat() + 'T10:00:00Z'


def state_of(expires):
    left = (expires - state_day).days
    if left < -30:
        return 'purged', stamp(expires + datetime.timedelta(days=1)), stamp(expires + datetime.timedelta(days=31)), None
    if left < -1:
        return 'recorded', stamp(expires + datetime.timedelta(days=1)), None, None
    if left < 14:
        return 'expiring', None, None, stamp(expires - datetime.timedelta(days=14))
    return 'active', None, None, None


def lab():
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
        state, recorded, purged, notice = state_of(expires)
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
    return per * a.albums


def big(first_photo):
    code, count, album_count = a.big.split(':')
    count, album_count = int(count), int(album_count)
    cid = a.customers + 1
    db.execute('INSERT INTO customers (id, code, code_key, name, email, language, created_at) VALUES (?,?,?,?,?,?,?)',
               (cid, code, code.upper(), 'Großkunde Bench', 'big@example.test', None, stamp(day - datetime.timedelta(days=800))))
    db.execute('INSERT INTO handins (id, customer_id, started_at, channel, source, pickup_code, state) VALUES (?,?,?,?,?,?,?)',
               (cid, cid, stamp(day), 'counter', 'bench', 'PBIG0001', 'done'))
    n = first_photo
    for k in range(album_count):
        album_id = a.albums + 1 + k
        handin = day - datetime.timedelta(days=album_count - k)
        db.execute('INSERT INTO albums (id, owner_id, group_kind, title, group_date, rule_id, state, created_at, '
                   'first_handin_at, expires_on) VALUES (?,?,?,?,?,?,?,?,?,?)',
                   (album_id, cid, 'date', iso(handin), iso(handin), 1, 'active', stamp(handin), stamp(handin),
                    iso(handin + datetime.timedelta(days=90))))
        rows = []
        for j in range(k * count // album_count, (k + 1) * count // album_count):
            n += 1
            sha = hashlib.sha256(b'keepsake-bench-big-%d' % j).hexdigest()
            taken = f'{iso(handin)}T{9 + j % 10:02d}:{j % 60:02d}:{(j * 7) % 60:02d}'
            rows.append((n, album_id, cid, cid, sha, f'IMG_{j:05d}.JPG', f'DCIM/IMG_{j:05d}.JPG', taken, 4000000,
                         4000, 3000, stamp(handin)))
        db.executemany('INSERT INTO blobs (sha256, size, quick_hash, stored_at) VALUES (?,?,?,?)',
                       ((r[4], 4000000, 'q', stamp(handin)) for r in rows))
        db.executemany('INSERT INTO photos (id, album_id, customer_id, handin_id, sha256, original_name, source_path, '
                       'taken_at, size, width, height, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)', rows)


with db:
    made = lab()
    if a.big:
        big(made)
db.execute('ANALYZE')
db.execute('PRAGMA wal_checkpoint(TRUNCATE)')
db.close()
