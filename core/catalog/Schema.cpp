// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "Schema.h"

#include "CatalogLog.h"
#include "CatalogVersion.h"
#include "SqlQuery.h"

#include <iterator>

namespace Keepsake {

namespace {

// {id} is the row id column, {real} a floating point column, {now} the migration's time.
const char *const Version1[] = {
    R"(CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL))",
    R"(CREATE TABLE devices (
        id {id},
        name TEXT NOT NULL UNIQUE,
        address TEXT,
        is_local INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL))",
    R"(CREATE TABLE retention_rules (
        id {id},
        name TEXT NOT NULL UNIQUE,
        basis TEXT NOT NULL CHECK (basis IN ('handin', 'last_view', 'plan')),
        keep_days INTEGER,
        cap_bytes BIGINT,
        builtin INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL))",
    R"(INSERT INTO retention_rules (name, basis, keep_days, builtin, created_at)
        VALUES ('Standard 90 days', 'handin', 90, 1, {now}))",
    R"(CREATE TABLE customers (
        id {id},
        code TEXT NOT NULL,
        code_key TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        email TEXT,
        phone TEXT,
        language TEXT,
        pin_hash TEXT,
        plan_rule_id BIGINT REFERENCES retention_rules(id),
        plan_ends_on TEXT,
        home_device_id BIGINT REFERENCES devices(id),
        created_at TEXT NOT NULL))",
    R"(CREATE INDEX customers_name ON customers (name))",
    R"(CREATE TABLE blobs (
        sha256 TEXT PRIMARY KEY,
        size BIGINT NOT NULL,
        quick_hash TEXT NOT NULL,
        stored_at TEXT NOT NULL))",
    R"(CREATE TABLE handins (
        id {id},
        customer_id BIGINT NOT NULL REFERENCES customers(id),
        started_at TEXT NOT NULL,
        finished_at TEXT,
        device_id BIGINT REFERENCES devices(id),
        channel TEXT NOT NULL,
        source TEXT NOT NULL,
        pickup_code TEXT NOT NULL UNIQUE,
        state TEXT NOT NULL DEFAULT 'running',
        new_count INTEGER NOT NULL DEFAULT 0,
        already_count INTEGER NOT NULL DEFAULT 0,
        version_count INTEGER NOT NULL DEFAULT 0,
        rejected_count INTEGER NOT NULL DEFAULT 0,
        bytes_stored BIGINT NOT NULL DEFAULT 0))",
    R"(CREATE INDEX handins_customer ON handins (customer_id, started_at))",
    R"(CREATE TABLE albums (
        id {id},
        owner_id BIGINT NOT NULL REFERENCES customers(id),
        group_kind TEXT NOT NULL CHECK (group_kind IN ('date', 'title')),
        title TEXT NOT NULL,
        group_date TEXT,
        rule_id BIGINT REFERENCES retention_rules(id),
        state TEXT NOT NULL DEFAULT 'active'
            CHECK (state IN ('active', 'expiring', 'expired', 'recorded', 'purged')),
        created_at TEXT NOT NULL,
        first_handin_at TEXT NOT NULL,
        expires_on TEXT,
        last_viewed_at TEXT,
        cover_photo_id BIGINT,
        recorded_at TEXT,
        purged_at TEXT))",
    R"(CREATE INDEX albums_owner ON albums (owner_id, state))",
    R"(CREATE INDEX albums_expiry ON albums (expires_on, state))",
    R"(CREATE TABLE photos (
        id {id},
        album_id BIGINT NOT NULL REFERENCES albums(id),
        customer_id BIGINT NOT NULL REFERENCES customers(id),
        handin_id BIGINT NOT NULL REFERENCES handins(id),
        sha256 TEXT NOT NULL REFERENCES blobs(sha256),
        original_name TEXT NOT NULL,
        source_path TEXT NOT NULL,
        identity_key TEXT,
        taken_at TEXT,
        taken_date TEXT,
        make TEXT,
        model TEXT,
        body_serial TEXT,
        camera TEXT,
        size BIGINT NOT NULL,
        width INTEGER,
        height INTEGER,
        orientation INTEGER NOT NULL DEFAULT 1,
        format TEXT,
        mime TEXT,
        gps_lat {real},
        gps_lon {real},
        caption TEXT,
        version_of BIGINT REFERENCES photos(id),
        created_at TEXT NOT NULL))",
    R"(CREATE INDEX photos_album ON photos (album_id, taken_at))",
    R"(CREATE INDEX photos_customer_sha ON photos (customer_id, sha256))",
    R"(CREATE INDEX photos_customer_identity ON photos (customer_id, identity_key))",
    R"(CREATE INDEX photos_sha ON photos (sha256))",
    R"(CREATE TABLE discs (
        id TEXT PRIMARY KEY,
        customer_id BIGINT NOT NULL REFERENCES customers(id),
        media TEXT,
        created_at TEXT NOT NULL))",
    R"(CREATE TABLE disc_sessions (
        id {id},
        disc_id TEXT NOT NULL REFERENCES discs(id),
        number INTEGER NOT NULL,
        recorded_at TEXT NOT NULL,
        verified_at TEXT,
        UNIQUE (disc_id, number)))",
    R"(CREATE TABLE disc_photos (
        session_id BIGINT NOT NULL REFERENCES disc_sessions(id),
        photo_id BIGINT NOT NULL REFERENCES photos(id),
        path TEXT NOT NULL,
        PRIMARY KEY (session_id, photo_id)))",
    R"(CREATE INDEX disc_photos_photo ON disc_photos (photo_id))",
    R"(CREATE TABLE audit (
        id {id},
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        customer_id BIGINT,
        album_id BIGINT,
        details TEXT))",
    R"(CREATE INDEX audit_customer ON audit (customer_id, at))",
    R"(CREATE INDEX audit_album ON audit (album_id, at))",
};

// Migration 2: retention, sharing, notices (the expiry work).
// albums.expires_on is always the album's current last day (kept up to date when the
// rule, the plan, the last view or an extension changes it); expiry_source says what
// set it: rule, extended, notice (moved to give the full notice), cap, restored.
// notice_events are the (album, kind, date) of DESIGN.md; notices hold one row per
// recipient and channel: the outbox of mails, and the notices kept for terminals.
// blobs.removed_at: the file was deleted by a purge; the row stays, because photos
// of purged albums still name it and still count as received.
const char *const Version2[] = {
    R"(ALTER TABLE albums ADD COLUMN notice_issued_at TEXT)",
    R"(ALTER TABLE albums ADD COLUMN expiry_source TEXT NOT NULL DEFAULT 'rule')",
    R"(ALTER TABLE albums ADD COLUMN expiry_set_at TEXT)",
    R"(ALTER TABLE blobs ADD COLUMN removed_at TEXT)",
    R"(CREATE TABLE shares (
        id {id},
        album_id BIGINT NOT NULL REFERENCES albums(id),
        viewer_id BIGINT REFERENCES customers(id),
        viewer_email TEXT,
        viewer_key TEXT NOT NULL,
        permission TEXT NOT NULL DEFAULT 'view' CHECK (permission IN ('view')),
        granted_at TEXT NOT NULL,
        granted_by TEXT NOT NULL,
        UNIQUE (album_id, viewer_key)))",
    R"(CREATE INDEX shares_viewer ON shares (viewer_id, album_id))",
    R"(CREATE TABLE notice_events (
        id {id},
        album_id BIGINT NOT NULL REFERENCES albums(id),
        kind TEXT NOT NULL CHECK (kind IN ('expiring', 'recorded')),
        event_date TEXT NOT NULL,
        issued_at TEXT NOT NULL,
        photos INTEGER NOT NULL,
        disc_id TEXT,
        pickup_code TEXT,
        moved_from TEXT,
        UNIQUE (album_id, kind, event_date)))",
    R"(CREATE TABLE notices (
        id {id},
        event_id BIGINT NOT NULL REFERENCES notice_events(id),
        channel TEXT NOT NULL CHECK (channel IN ('mail', 'terminal')),
        recipient_key TEXT NOT NULL,
        customer_id BIGINT REFERENCES customers(id),
        email TEXT,
        role TEXT NOT NULL CHECK (role IN ('owner', 'viewer')),
        language TEXT,
        subject TEXT NOT NULL,
        body TEXT NOT NULL,
        message_id TEXT,
        state TEXT NOT NULL
            CHECK (state IN ('queued', 'sending', 'sent', 'failed', 'stored', 'read')),
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at TEXT,
        last_error TEXT,
        created_at TEXT NOT NULL,
        done_at TEXT,
        UNIQUE (event_id, channel, recipient_key)))",
    R"(CREATE INDEX notices_due ON notices (channel, state, next_attempt_at))",
    R"(CREATE INDEX notices_customer ON notices (customer_id, channel, state))",
};

// Migration 3: print selections (the print work). The photos a customer or clerk
// chose for an album's index print, in the order chosen; none means all (claim 9).
// Captions live in photos.caption, the cover in albums.cover_photo_id (migration 1).
const char *const Version3[] = {
    R"(CREATE TABLE print_selections (
        album_id BIGINT NOT NULL REFERENCES albums(id),
        photo_id BIGINT NOT NULL REFERENCES photos(id),
        position INTEGER NOT NULL,
        chosen_at TEXT NOT NULL,
        PRIMARY KEY (album_id, photo_id)))",
};

// Migration 4: disc recording details (the disc work).
const char *const Version4[] = {
    // The pickup code of the disc order on its receipt, and the size of the session.
    R"(ALTER TABLE disc_sessions ADD COLUMN pickup_code TEXT)",
    R"(ALTER TABLE disc_sessions ADD COLUMN bytes BIGINT)",
    // The key ID of the lab key that signed the disc's manifest.
    R"(ALTER TABLE discs ADD COLUMN lab_key TEXT)",
    R"(CREATE INDEX discs_customer ON discs (customer_id))",
};

// Migration 5: jobs side by side (the safety work). A deliverer claims a mail for a
// while (claimed_by, claimed_until): another deliverer leaves it alone until the claim
// runs out, which happens only when the first one died mid-mail.
// A hand-in whose process died is told from a running one by handins.runner.
// Disc ids are reserved in disc_ids before the disc is written (its id goes onto the
// disc), so that two burners on one catalog never make the same id.
const char *const Version5[] = {
    R"(ALTER TABLE notices ADD COLUMN claimed_by TEXT)",
    R"(ALTER TABLE notices ADD COLUMN claimed_until TEXT)",
    R"(CREATE TABLE disc_ids (id TEXT PRIMARY KEY, reserved_at TEXT NOT NULL))",
    // Which data folder runs a hand-in, and its liveness file (HandinLiveness).
    R"(ALTER TABLE handins ADD COLUMN runner TEXT)",
    R"(INSERT INTO disc_ids (id, reserved_at) SELECT id, created_at FROM discs)",
};

// Migration 6: sign-in attempts (issue 12). Every attempt at a terminal, with the code
// as typed kept only as a hash (unknown codes count like known ones), so that the
// lockouts per code and per terminal hold across processes (PinLockout). Rows older
// than a day lock nothing and are removed as new ones come.
const char *const Version6[] = {
    R"(CREATE TABLE sign_in_attempts (
        id {id},
        at TEXT NOT NULL,
        code_key TEXT NOT NULL,
        terminal TEXT NOT NULL,
        accepted INTEGER NOT NULL))",
    R"(CREATE INDEX sign_in_attempts_code ON sign_in_attempts (code_key, at))",
    R"(CREATE INDEX sign_in_attempts_terminal ON sign_in_attempts (terminal, at))",
};

// Migration 7: devices of a chain and their terminals (the network work, CLI.md
// "Network"). A device is a data folder serving on the network: its URL and the
// SHA-256 fingerprint of its certificate, which the other devices and its terminals
// pin. A terminal's token is kept only as a hash; revoking sets revoked_at. A kiosk's
// signed-in customer gets a session (hashed token) that expires. cameras register a
// storage location for a camera body. photos.device_id names the device that holds
// (or will hold, once forwarded) the photo's file; forwards is the durable queue of
// files a receiving device still owes their device. lab_keys: the public disc-signing
// keys of the chain's devices, so that a disc signed at one store is known at another.
const char *const Version7[] = {
    R"(ALTER TABLE devices ADD COLUMN url TEXT)",
    R"(ALTER TABLE devices ADD COLUMN fingerprint TEXT)",
    R"(ALTER TABLE devices ADD COLUMN certificate TEXT)",
    R"(CREATE UNIQUE INDEX devices_fingerprint ON devices (fingerprint))",
    R"(CREATE TABLE terminals (
        id {id},
        device_id BIGINT NOT NULL REFERENCES devices(id),
        name TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('kiosk', 'station', 'counter')),
        token_hash TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL,
        last_seen_at TEXT,
        revoked_at TEXT))",
    R"(CREATE UNIQUE INDEX terminals_active_name ON terminals (device_id, name) WHERE revoked_at IS NULL)",
    R"(CREATE TABLE terminal_sessions (
        id {id},
        terminal_id BIGINT NOT NULL REFERENCES terminals(id),
        customer_id BIGINT NOT NULL REFERENCES customers(id),
        token_hash TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        ended_at TEXT))",
    R"(CREATE TABLE cameras (
        id {id},
        serial TEXT NOT NULL,
        serial_key TEXT NOT NULL,
        make TEXT,
        make_key TEXT NOT NULL DEFAULT '',
        device_id BIGINT NOT NULL REFERENCES devices(id),
        created_at TEXT NOT NULL,
        UNIQUE (serial_key, make_key)))",
    R"(ALTER TABLE photos ADD COLUMN device_id BIGINT REFERENCES devices(id))",
    R"(CREATE INDEX photos_device ON photos (device_id, sha256))",
    R"(CREATE TABLE forwards (
        photo_id BIGINT PRIMARY KEY REFERENCES photos(id),
        sha256 TEXT NOT NULL,
        size BIGINT NOT NULL,
        from_device_id BIGINT NOT NULL REFERENCES devices(id),
        to_device_id BIGINT NOT NULL REFERENCES devices(id),
        since TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        last_error TEXT,
        next_attempt_at TEXT,
        claimed_by TEXT,
        claimed_until TEXT))",
    R"(CREATE INDEX forwards_from ON forwards (from_device_id, next_attempt_at))",
    R"(CREATE INDEX forwards_sha ON forwards (sha256))",
    R"(CREATE TABLE lab_keys (
        key_id TEXT PRIMARY KEY,
        public_key TEXT NOT NULL,
        device_id BIGINT REFERENCES devices(id),
        created_at TEXT NOT NULL))",
};

// Migration 9: the MD5 of each stored file (the speed work, issue 14). Ingest computes
// it from the same read as the SHA-256, so that burning a disc, whose manifest lists
// every photo's MD5, never reads a photo only to hash it. NULL for files stored before
// (and for files that came whole over the network): those are hashed when burned.
const char *const Version9[] = {
    R"(ALTER TABLE blobs ADD COLUMN md5 TEXT)",
};

// Migration 10: the burn station's queue (issue 15). A job is asked of a station by a
// requesting device; the station runs it and leaves its report (each disc's manifest
// and verification) for the requester, which checks it against the catalog and records
// the albums. `image_*` let a station that restarts put an image file back as it was.
const char *const Version10[] = {
    R"(CREATE TABLE station_jobs (
        id {id},
        station_id BIGINT NOT NULL REFERENCES devices(id),
        requester_id BIGINT NOT NULL REFERENCES devices(id),
        drive TEXT NOT NULL,
        customer_id BIGINT NOT NULL REFERENCES customers(id),
        albums TEXT NOT NULL DEFAULT '',
        media TEXT NOT NULL DEFAULT '',
        capacity BIGINT NOT NULL DEFAULT 0,
        actor TEXT NOT NULL DEFAULT '',
        state TEXT NOT NULL DEFAULT 'queued',
        progress INTEGER NOT NULL DEFAULT 0,
        message TEXT NOT NULL DEFAULT '',
        cancel_requested INTEGER NOT NULL DEFAULT 0,
        report TEXT,
        settled_by TEXT,
        image_path TEXT,
        image_existed INTEGER NOT NULL DEFAULT 0,
        image_size BIGINT NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        started_at TEXT,
        finished_at TEXT))",
    R"(CREATE INDEX station_jobs_station ON station_jobs (station_id, state))",
};

// Migration 11: customers' web page and phone hand-in (issue 16). A web session is a
// browser signed in with code and PIN, or by a one-time link from a notice mail, for a
// customer or for a viewer known only by an e-mail address; its token is kept only as
// a hash. A link opens one session, once (used_at). A phone upload is the address a
// kiosk shows as a QR code for its signed-in customer: it takes one hand-in and dies
// when that is finished or 15 minutes after it was made.
const char *const Version11[] = {
    R"(CREATE TABLE web_sessions (
        id {id},
        token_hash TEXT NOT NULL UNIQUE,
        customer_id BIGINT REFERENCES customers(id),
        email TEXT,
        origin TEXT NOT NULL CHECK (origin IN ('pin', 'link')),
        created_at TEXT NOT NULL,
        last_seen_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        ended_at TEXT))",
    R"(CREATE TABLE web_links (
        id {id},
        token_hash TEXT NOT NULL UNIQUE,
        customer_id BIGINT REFERENCES customers(id),
        email TEXT,
        notice_id BIGINT REFERENCES notices(id),
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        used_at TEXT))",
    R"(CREATE TABLE phone_uploads (
        id {id},
        token_hash TEXT NOT NULL UNIQUE,
        customer_id BIGINT NOT NULL REFERENCES customers(id),
        device_id BIGINT REFERENCES devices(id),
        made_by TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'open'
            CHECK (state IN ('open', 'receiving', 'ingesting', 'done', 'failed')),
        files INTEGER NOT NULL DEFAULT 0,
        bytes BIGINT NOT NULL DEFAULT 0,
        handin_ref TEXT,
        summary TEXT,
        error TEXT,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        finished_at TEXT))",
    R"(CREATE INDEX notices_recipient ON notices (recipient_key, channel, state))",
};

// Migration 12: near-duplicates (issue 17). A photo's perceptual hash (64 bits of what
// its picture looks like, metadata/PerceptualHash) and the method that made it: NULL
// for photos stored before, until `keepsakectl thumbnails` fills them in; a hash NULL
// with a method means the picture has too little detail for one. Ingest compares a
// customer's hashes in memory (Hamming distance), so no index serves them.
const char *const Version12[] = {
    R"(ALTER TABLE photos ADD COLUMN picture_hash BIGINT)",
    R"(ALTER TABLE photos ADD COLUMN picture_hash_method INTEGER)",
};

struct Migration
{
    int version;
    const char *const *begin;
    const char *const *end;
};

const Migration Migrations[] = {
    { 1, std::begin(Version1), std::end(Version1) },
    { 2, std::begin(Version2), std::end(Version2) },
    { 3, std::begin(Version3), std::end(Version3) },
    { 4, std::begin(Version4), std::end(Version4) },
    { 5, std::begin(Version5), std::end(Version5) },
    { 6, std::begin(Version6), std::end(Version6) },
    { 7, std::begin(Version7), std::end(Version7) },
    { 9, std::begin(Version9), std::end(Version9) },
    { 10, std::begin(Version10), std::end(Version10) },
    { 11, std::begin(Version11), std::end(Version11) },
    { 12, std::begin(Version12), std::end(Version12) },
};

// Migration 8: the change counter the windows poll (CatalogVersion), written per
// dialect: triggers differ too much between SQLite and PostgreSQL for one text.
constexpr int CatalogVersionMigration = 8;

} // namespace

int Schema::latestVersion() const
{
    return 12;
}

QStringList Schema::statements(int version) const
{
    if (version == CatalogVersionMigration)
        return CatalogVersion::migration(m_dialect == Dialect::Postgres);
    QStringList result;
    for (const Migration &migration : Migrations) {
        if (migration.version != version)
            continue;
        for (auto sql = migration.begin; sql != migration.end; ++sql)
            result.append(adapt(QString::fromUtf8(*sql)));
    }
    return result;
}

QString Schema::adapt(QString sql) const
{
    const bool postgres = m_dialect == Dialect::Postgres;
    sql.replace(QLatin1String("{id}"), postgres
                    ? QLatin1String("BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY")
                    : QLatin1String("INTEGER PRIMARY KEY"));
    sql.replace(QLatin1String("{real}"), postgres ? QLatin1String("DOUBLE PRECISION")
                                                  : QLatin1String("REAL"));
    sql.replace(QLatin1String("{now}"), postgres
                    ? QLatin1String("to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')")
                    : QLatin1String("strftime('%Y-%m-%dT%H:%M:%SZ', 'now')"));
    return sql;
}

Status Schema::ensureVersionTable(QSqlDatabase &db) const
{
    if (Status status = SqlQuery::execDirect(db, QStringLiteral(
            "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL, applied_at TEXT)"));
        !status)
        return status;
    if (m_dialect == Dialect::Postgres) {
        // Two programs starting on a fresh shared catalog: the second waits here.
        return SqlQuery::execDirect(db, QStringLiteral("LOCK TABLE schema_version IN EXCLUSIVE MODE"));
    }
    return Status::success();
}

Status Schema::migrate(QSqlDatabase &db, int from) const
{
    for (int version = from + 1; version <= latestVersion(); ++version) {
        qCInfo(lcCatalog) << "Migrating the catalog to schema" << version;
        const QStringList sqls = statements(version);
        for (const QString &sql : sqls) {
            if (Status status = SqlQuery::execDirect(db, sql); !status)
                return status;
        }
        SqlQuery mark(db, adapt(QStringLiteral(
            "INSERT INTO schema_version (version, applied_at) VALUES (:version, {now})")));
        mark.bind(QStringLiteral(":version"), version);
        if (Status status = mark.exec(); !status)
            return status;
    }
    return Status::success();
}

} // namespace Keepsake
