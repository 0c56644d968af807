// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Shared by the expiry tests (tst_retention, tst_notify, tst_purge): a lab in a
// temporary folder on a ManualClock, with customers, albums and photos written
// straight into the catalog, and discs "recorded" as catalog facts.
#pragma once

#include "TestSupport.h"
#include "base/Clock.h"
#include "base/Time.h"
#include "catalog/Catalog.h"
#include "catalog/Customers.h"
#include "catalog/Shares.h"
#include "catalog/SqlQuery.h"
#include "lab/Lab.h"
#include "store/BlobStore.h"
#include "store/Sha256.h"

#include <QCryptographicHash>
#include <QTemporaryDir>
#include <QTest>

namespace Keepsake::Test {

class ExpiryLab
{
public:
    // 2026-10-07 10:00 local time.
    ExpiryLab() : clock(QDateTime(QDate(2026, 10, 7), QTime(10, 0)))
    {
        catalogUrl = testCatalogUrl(dir.path());
        auto opened = Lab::open({ dir.path(), catalogUrl }, clock);
        if (!opened)
            qFatal("lab: %s", qPrintable(opened.error().message()));
        lab = std::move(opened).value();
    }

    QSqlDatabase db() const { return lab->catalog().db(); }

    qint64 customer(const QString &code, const QString &email = {}, const QString &lang = {})
    {
        auto added = Customers(lab->catalog()).add({ code, QStringLiteral("Name of ") + code, email, {}, lang, {} }, clock.now());
        if (!added)
            qFatal("customer: %s", qPrintable(added.error().message()));
        return added->id;
    }

    // An album handed in now under the built-in rule (or the rule given), dated by it.
    qint64 album(qint64 owner, const QString &title, int keepDays = 90, const QString &rule = QStringLiteral("Standard 90 days"))
    {
        SqlQuery insert(db(), QStringLiteral(
            "INSERT INTO albums (owner_id, group_kind, title, rule_id, state, created_at, first_handin_at, expires_on) "
            "VALUES (:owner, 'title', :title, (SELECT id FROM retention_rules WHERE name = :rule), 'active', :now, :now2, :exp) RETURNING id"));
        insert.bind(QStringLiteral(":owner"), owner).bind(QStringLiteral(":title"), title).bind(QStringLiteral(":rule"), rule)
            .bind(QStringLiteral(":now"), toCatalogTime(clock.now())).bind(QStringLiteral(":now2"), toCatalogTime(clock.now()))
            .bind(QStringLiteral(":exp"), toCatalogDate(clock.today().addDays(keepDays)));
        auto id = insert.execReturningId();
        if (!id)
            qFatal("album: %s", qPrintable(id.error().message()));
        return *id;
    }

    // A photo with a real stored file of the given content.
    qint64 photo(qint64 album, qint64 owner, const QByteArray &content)
    {
        const QString sha = QString::fromLatin1(QCryptographicHash::hash(content, QCryptographicHash::Sha256).toHex());
        BlobStore::Batch batch(lab->store());
        if (!batch.add(sha, content) || !batch.commit())
            qFatal("store failed");
        const QString now = toCatalogTime(clock.now());
        SqlQuery blob(db(), QStringLiteral("INSERT INTO blobs (sha256, size, quick_hash, stored_at) VALUES (:s, :n, 'q', :t) "
                                           "ON CONFLICT (sha256) DO NOTHING"));
        blob.bind(QStringLiteral(":s"), sha).bind(QStringLiteral(":n"), content.size()).bind(QStringLiteral(":t"), now);
        if (!blob.exec())
            qFatal("blob failed");
        if (m_handin == 0) {
            SqlQuery handin(db(), QStringLiteral("INSERT INTO handins (customer_id, started_at, channel, source, pickup_code) "
                                                 "VALUES (:c, :t, 'counter', 'test', 'TESTCODE') RETURNING id"));
            handin.bind(QStringLiteral(":c"), owner).bind(QStringLiteral(":t"), now);
            m_handin = handin.execReturningId().value();
        }
        const QString name = QStringLiteral("IMG_%1.JPG").arg(++m_photos);
        SqlQuery insert(db(), QStringLiteral(
            "INSERT INTO photos (album_id, customer_id, handin_id, sha256, original_name, source_path, size, created_at) "
            "VALUES (:a, :c, :h, :s, :n, :n2, :size, :t) RETURNING id"));
        insert.bind(QStringLiteral(":a"), album).bind(QStringLiteral(":c"), owner).bind(QStringLiteral(":h"), m_handin)
            .bind(QStringLiteral(":s"), sha).bind(QStringLiteral(":n"), name)
            .bind(QStringLiteral(":n2"), name)
            .bind(QStringLiteral(":size"), content.size()).bind(QStringLiteral(":t"), now);
        return insert.execReturningId().value();
    }

    // Puts every photo of the album on a disc session, verified or not.
    void onDisc(qint64 album, qint64 owner, const QString &discId, bool verified)
    {
        const QString now = toCatalogTime(clock.now());
        SqlQuery disc(db(), QStringLiteral("INSERT INTO discs (id, customer_id, created_at) VALUES (:d, :c, :t) ON CONFLICT (id) DO NOTHING"));
        disc.bind(QStringLiteral(":d"), discId).bind(QStringLiteral(":c"), owner).bind(QStringLiteral(":t"), now);
        QVERIFY(disc.exec());
        SqlQuery session(db(), QStringLiteral("INSERT INTO disc_sessions (disc_id, number, recorded_at, verified_at) "
                                              "VALUES (:d, (SELECT count(*) + 1 FROM disc_sessions WHERE disc_id = :d2), :t, :v) RETURNING id"));
        session.bind(QStringLiteral(":d"), discId).bind(QStringLiteral(":d2"), discId).bind(QStringLiteral(":t"), now)
            .bind(QStringLiteral(":v"), verified ? QVariant(now) : QVariant(QMetaType(QMetaType::QString)));
        const qint64 sessionId = session.execReturningId().value();
        SqlQuery photos(db(), QStringLiteral("INSERT INTO disc_photos (session_id, photo_id, path) "
                                             "SELECT :s, id, original_name FROM photos WHERE album_id = :a"));
        photos.bind(QStringLiteral(":s"), sessionId).bind(QStringLiteral(":a"), album);
        QVERIFY(photos.exec());
    }

    // Lets a customer (code) or an address view the album, or takes that back, as the clerk.
    void share(qint64 album, const QString &with, bool add = true)
    {
        QVERIFY(lab->catalog().transaction([&](QSqlDatabase &db) -> Status {
            auto viewer = Shares::resolveViewer(db, with);
            if (!viewer)
                return viewer.error();
            return add ? Shares::add(db, album, *viewer, clock.now(), QStringLiteral("clerk"))
                       : Shares::remove(db, album, *viewer, clock.now(), QStringLiteral("clerk"));
        }));
    }

    QString state(qint64 album) const { return scalar(QStringLiteral("SELECT state FROM albums WHERE id = %1").arg(album)); }
    QString expires(qint64 album) const { return scalar(QStringLiteral("SELECT expires_on FROM albums WHERE id = %1").arg(album)); }
    int count(const QString &sql) const { return scalar(sql).toInt(); }

    QString scalar(const QString &sql) const
    {
        SqlQuery query(db(), sql);
        if (!query.exec() || !query.next())
            return {};
        return query.text(0);
    }

    QTemporaryDir dir;
    ManualClock clock;
    QString catalogUrl;
    std::unique_ptr<Lab> lab;

private:
    qint64 m_handin = 0;
    int m_photos = 0;
};

} // namespace Keepsake::Test
