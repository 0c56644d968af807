// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// A receipt's pickup code finds its order (issue 17): a hand-in or a disc session,
// typed as printed, in lower case, with spaces, or as a scanner types the QR code on
// a keyboard of another layout; the customer and the albums the order holds; an
// unknown code says so; only the clerk and the system look codes up.
#include "PrintTestLab.h"

#include "base/Time.h"
#include "catalog/AlbumChoices.h"
#include "catalog/PickupCode.h"
#include "catalog/PickupLookup.h"
#include "catalog/SqlQuery.h"

using namespace Keepsake;
using namespace Keepsake::Test;

class TestPickupLookup : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void looksLikeCode_data();
    void looksLikeCode();
    void handinByCodeAsTyped_data();
    void handinByCodeAsTyped();
    void secondHandinHoldsItsOwnAlbum();
    void discSessionByCode();
    void unknownCodeSaysSo();
    void onlyTheLabLooksUp();

private:
    PickupLookup clerk() const { return PickupLookup(m_lab.lab->catalog(), Actor::clerk(QStringLiteral("maria"), QStringLiteral("counter"))); }
    qint64 discSession(const QString &discId, int number, qint64 albumId);

    PrintLab m_lab;
    IngestSummary m_second;
    qint64 m_secondAlbum = 0;
};

void TestPickupLookup::initTestCase()
{
    QVERIFY(m_lab.open(QStringLiteral("Anna Berg"), QString(), 3));
    QVERIFY(PickupCode::isWellFormed(m_lab.handin.pickupCode));
    IngestOptions options;
    options.customerCode = QStringLiteral("C1");
    options.sources = { corpusPath(QStringLiteral("real/png")) };
    options.albumTitle = QStringLiteral("Garden");
    const Result<IngestSummary> second = IngestJob(*m_lab.lab, options).run();
    QVERIFY2(second, qPrintable(second ? QString() : second.error().message()));
    QVERIFY(second->added > 0);
    m_second = *second;
    m_secondAlbum = Albums(m_lab.lab->catalog()).resolve(QStringLiteral("Garden"), m_lab.customer.id).value().id;
    QVERIFY(m_secondAlbum != m_lab.album.id);
}

void TestPickupLookup::looksLikeCode_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<bool>("code");
    QTest::newRow("as printed") << QStringLiteral("ABCD-EFGH") << true;
    QTest::newRow("lower case") << QStringLiteral("abcdefgh") << true;
    QTest::newRow("spaces") << QStringLiteral(" abcd efgh ") << true;
    QTest::newRow("scanner, German layout") << QStringLiteral("ABCDßEFGH") << true;
    QTest::newRow("a name of eight letters") << QStringLiteral("Anna Berg") << true;
    QTest::newRow("too short") << QStringLiteral("ABCD-EFG") << false;
    QTest::newRow("a zero") << QStringLiteral("ABCD-EFG0") << false;
    QTest::newRow("customer code") << QStringLiteral("K-00042") << false;
    QTest::newRow("e-mail") << QStringLiteral("ab@cdefgh") << false;
}

void TestPickupLookup::looksLikeCode()
{
    QFETCH(QString, typed);
    QFETCH(bool, code);
    QCOMPARE(PickupLookup::looksLikeCode(typed), code);
}

void TestPickupLookup::handinByCodeAsTyped_data()
{
    const QString shown = PickupCode::display(m_lab.handin.pickupCode);
    QTest::addColumn<QString>("typed");
    QTest::newRow("as printed") << shown;
    QTest::newRow("lower case, no dash") << m_lab.handin.pickupCode.toLower();
    QTest::newRow("with spaces") << QStringLiteral(" %1 %2 ").arg(shown.left(4), shown.mid(5).toLower());
    QTest::newRow("scanned on a German keyboard") << QString(shown).replace(QLatin1Char('-'), QChar(0xdf));
}

void TestPickupLookup::handinByCodeAsTyped()
{
    QFETCH(QString, typed);
    const Result<PickupOrder> order = clerk().find(typed);
    QVERIFY2(order, qPrintable(order ? QString() : order.error().message()));
    QCOMPARE(order->kind, PickupOrder::Kind::Handin);
    QCOMPARE(order->code, m_lab.handin.pickupCode);
    QCOMPARE(order->handinId, m_lab.handin.handinId);
    QCOMPARE(order->customerId, m_lab.customer.id);
    QCOMPARE(order->customerCode, QStringLiteral("C1"));
    QCOMPARE(order->customerName, QStringLiteral("Anna Berg"));
    QCOMPARE(order->photos, m_lab.handin.added);
    QCOMPARE(order->albumIds, QList<qint64> { m_lab.album.id });
    QCOMPARE(order->at, m_lab.clock.now());
}

void TestPickupLookup::secondHandinHoldsItsOwnAlbum()
{
    const Result<PickupOrder> order = clerk().find(PickupCode::display(m_second.pickupCode));
    QVERIFY(order);
    QCOMPARE(order->handinId, m_second.handinId);
    QCOMPARE(order->photos, m_second.added);
    QCOMPARE(order->albumIds, QList<qint64> { m_secondAlbum });
}

// A disc with two sessions: the second's receipt names only the second's albums.
qint64 TestPickupLookup::discSession(const QString &discId, int number, qint64 albumId)
{
    const QSqlDatabase db = m_lab.lab->catalog().db();
    const QString now = toCatalogTime(m_lab.clock.now());
    SqlQuery disc(db, QStringLiteral("INSERT INTO discs (id, customer_id, created_at) VALUES (:d, :c, :t) "
                                     "ON CONFLICT (id) DO NOTHING"));
    disc.bind(QStringLiteral(":d"), discId).bind(QStringLiteral(":c"), m_lab.customer.id).bind(QStringLiteral(":t"), now);
    if (!disc.exec())
        return 0;
    SqlQuery session(db, QStringLiteral("INSERT INTO disc_sessions (disc_id, number, recorded_at, verified_at) "
                                        "VALUES (:d, :n, :t, :v) RETURNING id"));
    session.bind(QStringLiteral(":d"), discId).bind(QStringLiteral(":n"), number).bind(QStringLiteral(":t"), now)
        .bind(QStringLiteral(":v"), now);
    const Result<qint64> id = session.execReturningId();
    if (!id)
        return 0;
    SqlQuery photos(db, QStringLiteral("INSERT INTO disc_photos (session_id, photo_id, path) "
                                       "SELECT :s, id, original_name FROM photos WHERE album_id = :a"));
    photos.bind(QStringLiteral(":s"), *id).bind(QStringLiteral(":a"), albumId);
    return photos.exec() ? *id : 0;
}

void TestPickupLookup::discSessionByCode()
{
    const QString disc = QStringLiteral("KS-LAB-20261120-001");
    const qint64 first = discSession(disc, 1, m_lab.album.id);
    const qint64 second = discSession(disc, 2, m_secondAlbum);
    QVERIFY(first && second);
    const Result<QString> code = DiscPickup::codeFor(m_lab.lab->catalog(), second);
    QVERIFY(code);
    const Result<PickupOrder> order = clerk().find(PickupCode::display(*code).toLower());
    QVERIFY2(order, qPrintable(order ? QString() : order.error().message()));
    QCOMPARE(order->kind, PickupOrder::Kind::Disc);
    QCOMPARE(order->discId, disc);
    QCOMPARE(order->session, 2);
    QCOMPARE(order->sessionId, second);
    QCOMPARE(order->customerId, m_lab.customer.id);
    QCOMPARE(order->photos, m_second.added);
    QCOMPARE(order->albumIds, QList<qint64> { m_secondAlbum });
    QCOMPARE(order->handinId, qint64(0));
}

void TestPickupLookup::unknownCodeSaysSo()
{
    const QString unknown = QStringLiteral("ZZZZZZZZ");
    QVERIFY(unknown != m_lab.handin.pickupCode && unknown != m_second.pickupCode);
    const Result<PickupOrder> order = clerk().find(QStringLiteral("zzzz-zzzz"));
    QVERIFY(!order);
    QCOMPARE(order.error().kind(), Error::Kind::NotFound);
    QVERIFY2(order.error().message().contains(QStringLiteral("ZZZZ-ZZZZ")), qPrintable(order.error().message()));
    const Result<PickupOrder> empty = clerk().find(QStringLiteral(" - "));
    QVERIFY(!empty);
    QCOMPARE(empty.error().kind(), Error::Kind::Usage);
}

// A code names someone's photos: a customer (even the owner), a viewer or a kiosk
// does not look codes up; the system does.
void TestPickupLookup::onlyTheLabLooksUp()
{
    const Catalog &catalog = m_lab.lab->catalog();
    const QString code = PickupCode::display(m_lab.handin.pickupCode);
    for (const Actor &actor : { Actor::customer(m_lab.customer.id, QStringLiteral("kiosk")),
                                Actor::viewer(std::nullopt, QStringLiteral("someone@example.org")),
                                Actor::device(QStringLiteral("kiosk")) }) {
        const Result<PickupOrder> order = PickupLookup(catalog, actor).find(code);
        QVERIFY(!order);
        QCOMPARE(order.error().kind(), Error::Kind::Refused);
    }
    QVERIFY(PickupLookup(catalog, Actor::system(QStringLiteral("keepsakectl"))).find(code));
}

QTEST_GUILESS_MAIN(TestPickupLookup)
#include "tst_pickuplookup.moc"
