// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Who acts (DESIGN.md): each operation the front ends call checks its actor. The
// owner succeeds where a viewer, another customer or a device is refused; the clerk
// and the system act on every customer. A refusal changes nothing and names the album.
#include "ExpiryFixture.h"
#include "base/Actor.h"
#include "catalog/AlbumAccess.h"
#include "catalog/AlbumChoices.h"
#include "catalog/AlbumEdits.h"
#include "catalog/Albums.h"
#include "catalog/AlbumSharing.h"
#include "catalog/AuditLog.h"
#include "catalog/CustomerAlbums.h"
#include "catalog/KioskRegistrations.h"
#include "catalog/SettingEdits.h"
#include "catalog/Settings.h"
#include "catalog/Shares.h"
#include "notify/NoticeMails.h"
#include "notify/TerminalNotices.h"
#include "retention/AlbumLife.h"
#include "retention/AlbumStorage.h"
#include "retention/ExpirySweep.h"
#include "retention/RuleBook.h"

#include <QTest>

using namespace Keepsake;
using namespace Keepsake::Test;

namespace {

// C1 owns "Garden" (shared with C2 and grandma@example.test); C3 owns "Beach".
struct People
{
    qint64 c1 = 0;
    qint64 c2 = 0;
    qint64 c3 = 0;
    qint64 garden = 0;
    qint64 beach = 0;
    qint64 gardenPhoto = 0;

    explicit People(ExpiryLab &t)
    {
        c1 = t.customer(QStringLiteral("C1"), QStringLiteral("owner@example.test"));
        c2 = t.customer(QStringLiteral("C2"), QStringLiteral("viewer@example.test"));
        c3 = t.customer(QStringLiteral("C3"), QStringLiteral("other@example.test"));
        garden = t.album(c1, QStringLiteral("Garden"), 30);
        beach = t.album(c3, QStringLiteral("Beach"), 30);
        gardenPhoto = t.photo(garden, c1, "garden photo");
        t.photo(beach, c3, "beach photo");
        const AlbumSharing sharing(t.lab->catalog(), t.clock);
        const Actor clerk = Actor::clerk(QStringLiteral("anna"));
        if (!sharing.share(clerk, garden, QStringLiteral("C2")) || !sharing.share(clerk, garden, QStringLiteral("grandma@example.test")))
            qFatal("sharing failed");
    }

    // The actors the tables name.
    Actor actor(const QString &who) const
    {
        if (who == QLatin1String("owner"))
            return Actor::customer(c1, QStringLiteral("kiosk"));
        if (who == QLatin1String("sharedCustomer"))   // C2 signed in: Garden is shared with them
            return Actor::customer(c2, QStringLiteral("kiosk"));
        if (who == QLatin1String("viewer"))
            return Actor::viewer(c2);
        if (who == QLatin1String("emailViewer"))
            return Actor::viewer(std::nullopt, QStringLiteral(" Grandma@Example.test "));
        if (who == QLatin1String("other"))
            return Actor::customer(c3);
        if (who == QLatin1String("device"))
            return Actor::device(QStringLiteral("kiosk"));
        if (who == QLatin1String("system"))
            return Actor::system(QStringLiteral("sweep"));
        return Actor::clerk(QStringLiteral("anna"), QStringLiteral("counter"));
    }
};

void addWhoAllowed(const QList<std::pair<const char *, bool>> &rows)
{
    QTest::addColumn<QString>("who");
    QTest::addColumn<bool>("allowed");
    for (const auto &[who, allowed] : rows)
        QTest::newRow(who) << QString::fromLatin1(who) << allowed;
}

// Allowed and done, or refused as a rule (not a failure) naming the album.
template <typename Outcome>
bool outcomeIs(const Outcome &outcome, bool allowed, qint64 albumId = 0)
{
    if (allowed != outcome.ok()) {
        qWarning("expected %s, got %s", allowed ? "success" : "a refusal",
                 outcome.ok() ? "success" : qPrintable(outcome.error().message()));
        return false;
    }
    if (allowed)
        return true;
    if (outcome.error().kind() != Error::Kind::Refused) {
        qWarning("not a refusal: %s", qPrintable(outcome.error().message()));
        return false;
    }
    if (albumId && !outcome.error().message().contains(QString::number(albumId))) {
        qWarning("the refusal does not name album %lld: %s", albumId, qPrintable(outcome.error().message()));
        return false;
    }
    return true;
}

QString lastAuditActor(const ExpiryLab &t, const QString &action)
{
    return t.scalar(QStringLiteral("SELECT actor FROM audit WHERE action = '%1' ORDER BY id DESC LIMIT 1").arg(action));
}

} // namespace

class TestActors : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QLocale::setDefault(QLocale::c()); }

    void auditText_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("expected");
        QTest::newRow("clerk") << 0 << "clerk:anna";
        QTest::newRow("clerk at the counter") << 1 << "counter:anna";
        QTest::newRow("clerk without a name") << 2 << "counter";
        QTest::newRow("customer at the kiosk") << 3 << "kiosk";
        QTest::newRow("customer at home") << 4 << "customer:5";
        QTest::newRow("viewer, a customer") << 5 << "viewer:c:7";
        QTest::newRow("viewer by address") << 6 << "viewer:e:grandma@example.test";
        QTest::newRow("device") << 7 << "kiosk";
        QTest::newRow("system") << 8 << "sweep";
    }

    void auditText()
    {
        QFETCH(int, kind);
        QFETCH(QString, expected);
        const QList<Actor> actors { Actor::clerk(QStringLiteral("anna")),
                                    Actor::clerk(QStringLiteral("anna"), QStringLiteral("counter")),
                                    Actor::clerk(QString(), QStringLiteral("counter")),
                                    Actor::customer(5, QStringLiteral("kiosk")),
                                    Actor::customer(5),
                                    Actor::viewer(7),
                                    Actor::viewer(std::nullopt, QStringLiteral(" Grandma@Example.TEST")),
                                    Actor::device(QStringLiteral("kiosk")),
                                    Actor::system(QStringLiteral("sweep")) };
        QCOMPARE(actors.at(kind).auditText(), expected);
    }

    void albumAccess_data()
    {
        QTest::addColumn<QString>("who");
        QTest::addColumn<int>("need");
        QTest::addColumn<bool>("allowed");
        const int read = int(AlbumAccess::Need::Read);
        const int change = int(AlbumAccess::Need::Change);
        const int lab = int(AlbumAccess::Need::LabOnly);
        QTest::newRow("owner reads") << "owner" << read << true;
        QTest::newRow("owner changes") << "owner" << change << true;
        QTest::newRow("owner, lab only") << "owner" << lab << false;
        QTest::newRow("shared customer reads") << "sharedCustomer" << read << true;
        QTest::newRow("shared customer changes") << "sharedCustomer" << change << false;
        QTest::newRow("viewer reads") << "viewer" << read << true;
        QTest::newRow("viewer changes") << "viewer" << change << false;
        QTest::newRow("viewer by address reads") << "emailViewer" << read << true;
        QTest::newRow("viewer by address changes") << "emailViewer" << change << false;
        QTest::newRow("other customer reads") << "other" << read << false;
        QTest::newRow("other customer changes") << "other" << change << false;
        QTest::newRow("device reads") << "device" << read << false;
        QTest::newRow("clerk, lab only") << "clerk" << lab << true;
        QTest::newRow("system, lab only") << "system" << lab << true;
    }

    void albumAccess()
    {
        QFETCH(QString, who);
        QFETCH(int, need);
        QFETCH(bool, allowed);
        ExpiryLab t;
        const People p(t);
        const auto album = AlbumAccess::check(t.db(), p.actor(who), p.garden, AlbumAccess::Need(need));
        QVERIFY(outcomeIs(album, allowed, p.garden));
        if (allowed)
            QCOMPARE(album->ownerId, p.c1);
    }

    // A viewer reads while the share stands and the album is within reach; the owner
    // too loses it to the disc; the clerk keeps it.
    void albumAccessEnds()
    {
        ExpiryLab t;
        const People p(t);
        const auto read = AlbumAccess::Need::Read;
        QVERIFY(AlbumSharing(t.lab->catalog(), t.clock).unshare(p.actor(QStringLiteral("owner")), p.garden,
                                                                QStringLiteral("grandma@example.test")));
        QVERIFY(outcomeIs(AlbumAccess::check(t.db(), p.actor(QStringLiteral("emailViewer")), p.garden, read), false, p.garden));
        QVERIFY(outcomeIs(AlbumAccess::check(t.db(), p.actor(QStringLiteral("viewer")), p.garden, read), true));
        t.onDisc(p.garden, p.c1, QStringLiteral("KS-T-1"), true);
        QVERIFY(t.lab->catalog().transaction([&](QSqlDatabase &db) {
            return AlbumLife::markRecorded(db, t.clock.now(), p.garden, QStringLiteral("KS-T-1"), 1,
                                           QStringLiteral("PICKUP22"), QStringLiteral("burner"));
        }));
        QVERIFY(outcomeIs(AlbumAccess::check(t.db(), p.actor(QStringLiteral("viewer")), p.garden, read), false, p.garden));
        QVERIFY(outcomeIs(AlbumAccess::check(t.db(), p.actor(QStringLiteral("owner")), p.garden, read), false, p.garden));
        QVERIFY(outcomeIs(AlbumAccess::check(t.db(), p.actor(QStringLiteral("clerk")), p.garden, read), true));
        const auto missing = AlbumAccess::check(t.db(), p.actor(QStringLiteral("clerk")), 9999, read);
        QVERIFY(!missing);
        QCOMPARE(missing.error().kind(), Error::Kind::NotFound);
    }

    void share_data()
    {
        addWhoAllowed({ { "owner", true }, { "sharedCustomer", false }, { "viewer", false }, { "emailViewer", false },
                        { "other", false }, { "device", false }, { "clerk", true }, { "system", true } });
    }

    void share()
    {
        QFETCH(QString, who);
        QFETCH(bool, allowed);
        ExpiryLab t;
        const People p(t);
        const Actor actor = p.actor(who);
        const AlbumSharing sharing(t.lab->catalog(), t.clock);
        QVERIFY(outcomeIs(sharing.share(actor, p.garden, QStringLiteral("aunt@example.test")), allowed, p.garden));
        QCOMPARE(Shares::ofAlbum(t.db(), p.garden)->size(), allowed ? 3 : 2);
        if (allowed)
            QCOMPARE(lastAuditActor(t, QStringLiteral("share")), actor.auditText());
        QVERIFY(outcomeIs(sharing.unshare(actor, p.garden, QStringLiteral("C2")), allowed, p.garden));
        QCOMPARE(Shares::ofAlbum(t.db(), p.garden)->size(), 2);
    }

    void customerAlbums_data()
    {
        QTest::addColumn<QString>("who");
        QTest::addColumn<bool>("hidden");
        QTest::addColumn<bool>("allowed");
        QTest::newRow("owner") << "owner" << false << true;
        QTest::newRow("owner, hidden albums") << "owner" << true << false;
        QTest::newRow("shared customer") << "sharedCustomer" << false << false;
        QTest::newRow("viewer") << "viewer" << false << false;
        QTest::newRow("other customer") << "other" << false << false;
        QTest::newRow("device") << "device" << false << false;
        QTest::newRow("clerk, hidden albums") << "clerk" << true << true;
        QTest::newRow("system") << "system" << false << true;
    }

    void customerAlbums()
    {
        QFETCH(QString, who);
        QFETCH(bool, hidden);
        QFETCH(bool, allowed);
        ExpiryLab t;
        const People p(t);
        const auto view = CustomerAlbums(t.lab->catalog()).read(p.actor(who), p.c1, hidden);
        QVERIFY(outcomeIs(view, allowed));
        if (!allowed)
            return;
        QCOMPARE(view->customer.code, QStringLiteral("C1"));
        QCOMPARE(view->albums.size(), 1);
        QCOMPARE(view->photos.size(), 1);
        QCOMPARE(view->shares.value(p.garden).size(), 2);
    }

    // A customer sees whom their own albums are shared with, not who else views an
    // album shared with them.
    void customerAlbumsShowOwnShares()
    {
        ExpiryLab t;
        const People p(t);
        const auto own = CustomerAlbums(t.lab->catalog()).read(Actor::customer(p.c2), p.c2, false);
        QVERIFY(own);
        QCOMPARE(own->albums.size(), 1);
        QCOMPARE(own->albums.first().id, p.garden);
        QVERIFY(!own->shares.contains(p.garden));
        const auto clerk = CustomerAlbums(t.lab->catalog()).read(p.actor(QStringLiteral("clerk")), p.c2, true);
        QVERIFY(clerk);
        QCOMPARE(clerk->shares.value(p.garden).size(), 2);
    }

    void terminalNotices_data()
    {
        addWhoAllowed({ { "owner", true }, { "sharedCustomer", false }, { "viewer", false }, { "other", false },
                        { "device", false }, { "clerk", true }, { "system", true } });
    }

    void terminalNotices()
    {
        QFETCH(QString, who);
        QFETCH(bool, allowed);
        ExpiryLab t;
        const People p(t);
        t.clock.advanceDays(16);   // 14 days left: the expiring notices are issued
        QVERIFY(ExpirySweep(t.lab->catalog(), t.clock).run(false, QStringLiteral("sweep")));
        const TerminalNotices notices(t.lab->catalog(), t.clock);
        const auto owners = notices.forCustomer(Actor::customer(p.c1), p.c1, true);
        QVERIFY(owners);
        QCOMPARE(owners->size(), 1);
        const qint64 noticeId = owners->first().id;
        const Actor actor = p.actor(who);
        QVERIFY(outcomeIs(notices.forCustomer(actor, p.c1, false), allowed));
        QVERIFY(outcomeIs(notices.markRead(actor, noticeId), allowed));
        QCOMPARE(notices.forCustomer(Actor::customer(p.c1), p.c1, true)->size(), allowed ? 0 : 1);
        const auto missing = notices.markRead(p.actor(QStringLiteral("clerk")), noticeId + 1000);
        QVERIFY(!missing);
        QCOMPARE(missing.error().kind(), Error::Kind::NotFound);
    }

    void noticeMails_data()
    {
        addWhoAllowed({ { "owner", false }, { "viewer", false }, { "device", false }, { "clerk", true }, { "system", true } });
    }

    void noticeMails()
    {
        QFETCH(QString, who);
        QFETCH(bool, allowed);
        ExpiryLab t;
        const People p(t);
        t.clock.advanceDays(16);
        QVERIFY(ExpirySweep(t.lab->catalog(), t.clock).run(false, QStringLiteral("sweep")));
        const auto mails = NoticeMails(t.lab->catalog()).ofAlbums(p.actor(who), { p.garden, p.beach });
        QVERIFY(outcomeIs(mails, allowed));
        if (allowed) {
            QCOMPARE(mails->value(p.garden).waiting, 3);   // owner, C2, grandma
            QCOMPARE(mails->value(p.beach).waiting, 1);
        }
        QVERIFY(outcomeIs(NoticeMails(t.lab->catalog()).failed(p.actor(who)), allowed));
    }

    void auditTrail_data()
    {
        addWhoAllowed({ { "owner", false }, { "viewer", false }, { "device", false }, { "clerk", true }, { "system", true } });
    }

    void auditTrail()
    {
        QFETCH(QString, who);
        QFETCH(bool, allowed);
        ExpiryLab t;
        const People p(t);
        AuditLog::Filter filter;
        filter.customerId = p.c1;
        const auto entries = AuditTrail(t.lab->catalog()).read(p.actor(who), filter);
        QVERIFY(outcomeIs(entries, allowed));
        if (allowed)
            QCOMPARE(entries->size(), 2);   // the two shares of Garden
    }

    void extend_data()
    {
        addWhoAllowed({ { "owner", true }, { "sharedCustomer", false }, { "viewer", false }, { "emailViewer", false },
                        { "other", false }, { "device", false }, { "clerk", true }, { "system", true } });
    }

    void extend()
    {
        QFETCH(QString, who);
        QFETCH(bool, allowed);
        ExpiryLab t;
        const People p(t);
        const QString before = t.expires(p.garden);
        const Actor actor = p.actor(who);
        QVERIFY(outcomeIs(AlbumStorage(t.lab->catalog(), t.clock).extendBy(actor, { p.garden }, 30), allowed, p.garden));
        QCOMPARE(t.expires(p.garden), allowed ? toCatalogDate(t.clock.today().addDays(60)) : before);
        if (allowed)
            QCOMPARE(lastAuditActor(t, QStringLiteral("extend")), actor.auditText());
    }

    // The owner's own album and another's together: refused, and neither changes.
    void extendAllOrNone()
    {
        ExpiryLab t;
        const People p(t);
        const QString before = t.expires(p.garden);
        const AlbumStorage storage(t.lab->catalog(), t.clock);
        QVERIFY(outcomeIs(storage.extendBy(p.actor(QStringLiteral("owner")), { p.garden, p.beach }, 30), false, p.beach));
        QCOMPARE(t.expires(p.garden), before);
        const QDate until = t.clock.today().addDays(200);
        QVERIFY(storage.extendUntil(p.actor(QStringLiteral("clerk")), { p.garden, p.beach }, until));
        QCOMPARE(t.expires(p.garden), toCatalogDate(until));
        QCOMPARE(t.expires(p.beach), toCatalogDate(until));
    }

    void restore_data()
    {
        addWhoAllowed({ { "owner", false }, { "viewer", false }, { "other", false }, { "device", false },
                        { "clerk", true }, { "system", true } });
    }

    void restore()
    {
        QFETCH(QString, who);
        QFETCH(bool, allowed);
        ExpiryLab t;
        const People p(t);
        t.onDisc(p.garden, p.c1, QStringLiteral("KS-T-1"), true);
        QVERIFY(t.lab->catalog().transaction([&](QSqlDatabase &db) {
            return AlbumLife::markRecorded(db, t.clock.now(), p.garden, QStringLiteral("KS-T-1"), 1,
                                           QStringLiteral("PICKUP22"), QStringLiteral("burner"));
        }));
        t.clock.advanceDays(5);
        const Actor actor = p.actor(who);
        QVERIFY(outcomeIs(AlbumStorage(t.lab->catalog(), t.clock).restore(actor, { p.garden }), allowed, p.garden));
        QCOMPARE(t.state(p.garden), allowed ? QStringLiteral("active") : QStringLiteral("recorded"));
        if (allowed)
            QCOMPARE(lastAuditActor(t, QStringLiteral("restore")), actor.auditText());
    }

    // Who else may view an album is its owner's business.
    void viewers_data()
    {
        addWhoAllowed({ { "owner", true }, { "sharedCustomer", false }, { "viewer", false }, { "emailViewer", false },
                        { "other", false }, { "device", false }, { "clerk", true }, { "system", true } });
    }

    void viewers()
    {
        QFETCH(QString, who);
        QFETCH(bool, allowed);
        ExpiryLab t;
        const People p(t);
        const auto viewers = AlbumSharing(t.lab->catalog(), t.clock).viewers(p.actor(who), p.garden);
        QVERIFY(outcomeIs(viewers, allowed, p.garden));
        if (allowed)
            QCOMPARE(viewers->size(), 2);
    }

    // An album's rule, the rules and the settings are the lab's: the clerk and the system.
    void setRule_data()
    {
        addWhoAllowed({ { "owner", false }, { "viewer", false }, { "other", false }, { "device", false },
                        { "clerk", true }, { "system", true } });
    }

    void setRule()
    {
        QFETCH(QString, who);
        QFETCH(bool, allowed);
        ExpiryLab t;
        const People p(t);
        RetentionRule shortRule;
        shortRule.name = QStringLiteral("Short 10 days");
        shortRule.keepDays = 10;
        QVERIFY(RuleBook(t.lab->catalog(), t.clock).add(p.actor(QStringLiteral("clerk")), shortRule));
        const QString before = t.expires(p.garden);
        const Actor actor = p.actor(who);
        const AlbumStorage storage(t.lab->catalog(), t.clock);
        QVERIFY(outcomeIs(storage.setRule(actor, p.garden, QStringLiteral("Short 10 days")), allowed, p.garden));
        QCOMPARE(t.expires(p.garden), allowed ? toCatalogDate(t.clock.today().addDays(10)) : before);
        if (allowed)
            QCOMPARE(lastAuditActor(t, QStringLiteral("set_rule")), actor.auditText());
    }

    void addRule_data() { setRule_data(); }

    void addRule()
    {
        QFETCH(QString, who);
        QFETCH(bool, allowed);
        ExpiryLab t;
        const People p(t);
        RetentionRule rule;
        rule.name = QStringLiteral("Viewed 30 days");
        rule.basis = RetentionRule::Basis::LastView;
        rule.keepDays = 30;
        const Actor actor = p.actor(who);
        const RuleBook rules(t.lab->catalog(), t.clock);
        const auto added = rules.add(actor, rule);
        QVERIFY(outcomeIs(added, allowed));
        QCOMPARE(rules.list()->size(), allowed ? 2 : 1);
        if (!allowed) {
            QVERIFY(added.error().message().contains(rule.name));
            return;
        }
        QVERIFY(added->id > 0);
        QCOMPARE(lastAuditActor(t, QStringLiteral("rule_add")), actor.auditText());
    }

    void changeSetting_data() { setRule_data(); }

    void changeSetting()
    {
        QFETCH(QString, who);
        QFETCH(bool, allowed);
        ExpiryLab t;
        const People p(t);
        const Actor actor = p.actor(who);
        const SettingEdits edits(t.lab->catalog(), t.clock);
        const Settings settings(t.lab->catalog());
        const QString key = QStringLiteral("notice.days_before");
        const Status set = edits.set(actor, key, QStringLiteral("21"));
        QVERIFY(outcomeIs(set, allowed));
        QCOMPARE(settings.intValue(key).value(), allowed ? 21 : 14);
        if (!allowed) {
            QVERIFY(set.error().message().contains(key));
            QVERIFY(outcomeIs(edits.unset(actor, key), false));
            return;
        }
        QCOMPARE(lastAuditActor(t, QStringLiteral("config")), actor.auditText());
        QVERIFY(edits.unset(actor, key));
        QCOMPARE(settings.intValue(key).value(), 14);
        QVERIFY(edits.set(actor, QStringLiteral("smtp.password"), QStringLiteral("hunter2")));
        QCOMPARE(t.scalar(QStringLiteral("SELECT details FROM audit WHERE action = 'config' ORDER BY id DESC LIMIT 1"))
                     .contains(QStringLiteral("hunter2")), false);
        const Status bad = edits.set(actor, QStringLiteral("smtp.port"), QStringLiteral("seventy"));
        QVERIFY(!bad);
        QCOMPARE(bad.error().kind(), Error::Kind::Usage);
    }

    void kioskRegistration_data()
    {
        addWhoAllowed({ { "device", true }, { "self", true }, { "owner", false }, { "viewer", false },
                        { "clerk", true }, { "system", true } });
    }

    void kioskRegistration()
    {
        QFETCH(QString, who);
        QFETCH(bool, allowed);
        ExpiryLab t;
        const People p(t);
        const Actor actor = who == QLatin1String("self") ? Actor::customer(p.c3, QStringLiteral("kiosk")) : p.actor(who);
        const KioskRegistrations registrations(t.lab->catalog());
        QVERIFY(outcomeIs(registrations.record(actor, p.c3, t.clock.now()), allowed));
        QCOMPARE(registrations.pending()->size(), allowed ? 1 : 0);
        if (allowed) {
            QCOMPARE(registrations.pending()->first().code, QStringLiteral("C3"));
            QCOMPARE(lastAuditActor(t, QStringLiteral("kiosk_registration")), actor.auditText());
        }
    }

    // The owner's choices for the index print and the cover: whoever may see the album
    // reads them, only the owner and the lab make them.
    void albumChoices_data()
    {
        addWhoAllowed({ { "owner", true }, { "sharedCustomer", false }, { "viewer", false }, { "emailViewer", false },
                        { "other", false }, { "device", false }, { "clerk", true }, { "system", true } });
    }

    void albumChoices()
    {
        QFETCH(QString, who);
        QFETCH(bool, allowed);
        ExpiryLab t;
        const People p(t);
        const Actor actor = p.actor(who);
        const AlbumChoices choices(t.lab->catalog(), actor);
        QVERIFY(outcomeIs(choices.setCover(p.garden, p.gardenPhoto, t.clock.now()), allowed, p.garden));
        QVERIFY(outcomeIs(choices.setSelection(p.garden, { p.gardenPhoto }, t.clock.now()), allowed, p.garden));
        QVERIFY(outcomeIs(choices.setCaption(p.gardenPhoto, QStringLiteral("Roses"), t.clock.now()), allowed, p.garden));
        const bool reads = allowed || who == QLatin1String("sharedCustomer") || who.contains(QLatin1String("iewer"));
        const auto chosen = choices.selection(p.garden);
        QVERIFY(outcomeIs(chosen, reads, p.garden));
        if (reads)
            QCOMPARE(chosen->size(), allowed ? 1 : 0);
        if (allowed)
            QCOMPARE(lastAuditActor(t, QStringLiteral("caption")), actor.auditText());
    }

    // Renaming an album and moving photos between one's own albums: the owner and the
    // lab; never into or out of another customer's album.
    void albumEdits_data()
    {
        addWhoAllowed({ { "owner", true }, { "sharedCustomer", false }, { "viewer", false }, { "other", false },
                        { "device", false }, { "clerk", true }, { "system", true } });
    }

    void albumEdits()
    {
        QFETCH(QString, who);
        QFETCH(bool, allowed);
        ExpiryLab t;
        const People p(t);
        const Actor actor = p.actor(who);
        const qint64 second = t.album(p.c1, QStringLiteral("Garden, second day"), 30);
        const AlbumEdits edits(t.lab->catalog(), actor);
        QVERIFY(outcomeIs(edits.rename(p.garden, QStringLiteral("Roses"), t.clock.now()), allowed, p.garden));
        QCOMPARE(Albums(t.lab->catalog()).byId(p.garden)->title, allowed ? QStringLiteral("Roses") : QStringLiteral("Garden"));
        QVERIFY(outcomeIs(edits.movePhotos({ p.gardenPhoto }, second, t.clock.now()), allowed, second));
        if (allowed)
            QCOMPARE(lastAuditActor(t, QStringLiteral("move_photos")), actor.auditText());
    }
};

QTEST_GUILESS_MAIN(TestActors)
#include "tst_actors.moc"
