// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "TestSupport.h"

#include "base/Clock.h"
#include "catalog/Albums.h"
#include "catalog/AuditLog.h"
#include "catalog/Catalog.h"
#include "catalog/CatalogUrl.h"
#include "catalog/Customers.h"
#include "catalog/PickupCode.h"
#include "catalog/PinHash.h"
#include "catalog/PinLockout.h"
#include "catalog/Settings.h"
#include "catalog/SqlQuery.h"

#include <QSqlDatabase>
#include <QTemporaryDir>
#include <QThread>
#include <QTest>

using namespace Keepsake;

namespace {

NewCustomer newCustomer(const QString &code, const QString &name, const QString &email = {},
                        const QString &phone = {}, const QString &language = {}, const QString &pin = {})
{
    NewCustomer customer;
    customer.code = code;
    customer.name = name;
    customer.email = email;
    customer.phone = phone;
    customer.language = language;
    customer.pin = pin;
    return customer;
}

} // namespace

class TestCatalog : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void parsesUrls_data();
    void parsesUrls();
    void migratesOnceAndReopens();
    void addsAndFindsCustomers();
    void refusesBadCustomers_data();
    void refusesBadCustomers();
    void acceptsUsualAddresses();
    void searchesCustomers();
    void keepsPinsHashed();
    void rollsBackFailedTransactions();
    void keepsSettingsWithDefaults();
    void recordsAndFiltersAudit();
    void makesPickupCodes();
    void connectionsEndWithTheirThreads();
    void unknownCodeAnswersLikeWrongPin();
    void locksOutPerCode();
    void locksOutPerTerminal();
    void verifiesEveryPinAgainstAHash();

private:
    qint64 addPinCustomer(const QString &code, const QString &pin);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Catalog> m_catalog;
    ManualClock m_clock { QDateTime(QDate(2026, 10, 7), QTime(10, 0), QTimeZone::utc()) };
};

void TestCatalog::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    const auto url = CatalogUrl::parse(Test::testCatalogUrl(m_dir->path()));
    QVERIFY2(url.ok(), qPrintable(url.ok() ? QString() : url.error().message()));
    auto catalog = Catalog::open(*url);
    QVERIFY2(catalog.ok(), qPrintable(catalog.ok() ? QString() : catalog.error().message()));
    m_catalog = std::move(catalog).value();
}

void TestCatalog::cleanup()
{
    m_catalog.reset();
    m_dir.reset();
}

void TestCatalog::parsesUrls_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<bool>("postgres");
    QTest::addColumn<QString>("detail");
    QTest::newRow("sqlite") << "sqlite:/srv/lab/catalog.sqlite" << true << false << "/srv/lab/catalog.sqlite";
    QTest::newRow("sqlite empty") << "sqlite:" << false << false << "";
    QTest::newRow("postgres") << "postgresql://lab:secret@db.local:5433/keepsake" << true << true << "keepsake";
    QTest::newRow("postgres short scheme") << "postgres://lab@127.0.0.1/chain" << true << true << "chain";
    QTest::newRow("postgres no db") << "postgresql://lab@127.0.0.1:5432/" << false << true << "";
    QTest::newRow("postgres no user") << "postgresql://127.0.0.1:5432/db" << false << true << "";
    QTest::newRow("mysql") << "mysql://lab@host/db" << false << false << "";
    QTest::newRow("plain path") << "/srv/lab/catalog.sqlite" << false << false << "";
}

void TestCatalog::parsesUrls()
{
    QFETCH(QString, url);
    QFETCH(bool, ok);
    QFETCH(bool, postgres);
    QFETCH(QString, detail);
    const auto parsed = CatalogUrl::parse(url);
    QCOMPARE(parsed.ok(), ok);
    if (!ok) {
        QCOMPARE(parsed.error().kind(), Error::Kind::Usage);
        QVERIFY(parsed.error().message().contains(url));
        return;
    }
    QCOMPARE(parsed->driver == CatalogUrl::Driver::Postgres, postgres);
    QCOMPARE(postgres ? parsed->database : parsed->sqlitePath, detail);
    QVERIFY(!parsed->displayName().contains(QLatin1String("secret")));
}

void TestCatalog::migratesOnceAndReopens()
{
    const int version = m_catalog->schemaVersion();
    QVERIFY(version >= 1);
    const CatalogUrl url = m_catalog->url();
    QVERIFY(Customers(*m_catalog).add(newCustomer(QStringLiteral("C1"), QStringLiteral("Anna Berg")), m_clock.now()).ok());
    m_catalog.reset();
    auto reopened = Catalog::open(url);
    QVERIFY(reopened.ok());
    QCOMPARE((*reopened)->schemaVersion(), version);
    SqlQuery count((*reopened)->db(), QStringLiteral("SELECT count(*) FROM schema_version"));
    QVERIFY(count.exec().ok() && count.next());
    QCOMPARE(count.value(0).toInt(), version);
    QVERIFY(Customers(**reopened).byCode(QStringLiteral("c1")).ok());
}

void TestCatalog::addsAndFindsCustomers()
{
    const Customers customers(*m_catalog);
    const auto added = customers.add(newCustomer(QStringLiteral("K-00042"), QStringLiteral("山田 花子"),
                                       QStringLiteral("hanako@example.org"), QStringLiteral("+81 3 1234"),
                                       QStringLiteral("ja"), QStringLiteral("4711")),
                                     m_clock.now());
    QVERIFY2(added.ok(), qPrintable(added.ok() ? QString() : added.error().message()));
    QCOMPARE(added->code, QStringLiteral("K-00042"));
    QCOMPARE(added->name, QStringLiteral("山田 花子"));
    QVERIFY(added->hasPin);
    QCOMPARE(added->createdAt, m_clock.now());

    const auto byCode = customers.byCode(QStringLiteral("k-00042"));
    QVERIFY(byCode.ok());
    QCOMPARE(byCode->id, added->id);
    QCOMPARE(byCode->language, QStringLiteral("ja"));

    const auto again = customers.add(newCustomer(QStringLiteral("k-00042"), QStringLiteral("Other")), m_clock.now());
    QVERIFY(!again.ok());
    QCOMPARE(again.error().kind(), Error::Kind::Usage);

    const auto unknown = customers.byCode(QStringLiteral("NOPE"));
    QVERIFY(!unknown.ok());
    QCOMPARE(unknown.error().kind(), Error::Kind::NotFound);
    QVERIFY(unknown.error().message().contains(QLatin1String("NOPE")));
}

void TestCatalog::refusesBadCustomers_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("email");
    QTest::addColumn<QString>("pin");
    QTest::newRow("empty code") << "" << "Anna" << "" << "";
    QTest::newRow("space in code") << "K 1" << "Anna" << "" << "";
    QTest::newRow("no name") << "C9" << "  " << "" << "";
    QTest::newRow("bad e-mail") << "C9" << "Anna" << "anna.example.org" << "";
    // An address goes into a mail's To: header: a line break would start a header of its own.
    QTest::newRow("CR/LF in e-mail") << "C9" << "Anna" << "anna@example.org\r\nBcc: all@example.org" << "";
    QTest::newRow("CR/LF in name") << "C9" << "Anna\r\nBcc: all@example.org" << "anna@example.org" << "";
    QTest::newRow("tab in name") << "C9" << "Anna\tBerg" << "anna@example.org" << "";
    QTest::newRow("LF in e-mail") << "C9" << "Anna" << "anna@example.org\nX: y" << "";
    QTest::newRow("tab in e-mail") << "C9" << "Anna" << "anna\t@example.org" << "";
    QTest::newRow("two @ in e-mail") << "C9" << "Anna" << "anna@home@example.org" << "";
    QTest::newRow("name and address") << "C9" << "Anna" << "Anna <anna@example.org>" << "";
    QTest::newRow("doubled dot in e-mail") << "C9" << "Anna" << "anna..berg@example.org" << "";
    QTest::newRow("short pin") << "C9" << "Anna" << "" << "123";
    QTest::newRow("letters in pin") << "C9" << "Anna" << "" << "12ab";
    QTest::newRow("long pin") << "C9" << "Anna" << "" << "123456789";
}

void TestCatalog::acceptsUsualAddresses()
{
    int n = 0;
    for (const char *email : { "anna@example.org", "anna.berg+fotos@mail.example.co.uk", "o'brien@example.ie",
                               "tarou@例え.jp", "x@localhost" }) {
        const auto added = Customers(*m_catalog).add(newCustomer(QStringLiteral("M%1").arg(++n), QStringLiteral("Mail"),
                                                                 QString::fromUtf8(email), QString(), QString(), QString()),
                                                     m_clock.now());
        QVERIFY2(added.ok(), added.ok() ? email : qPrintable(added.error().message()));
    }
}

void TestCatalog::refusesBadCustomers()
{
    QFETCH(QString, code);
    QFETCH(QString, name);
    QFETCH(QString, email);
    QFETCH(QString, pin);
    const auto added = Customers(*m_catalog).add(newCustomer(code, name, email, QString(), QString(), pin), m_clock.now());
    QVERIFY(!added.ok());
    QCOMPARE(added.error().kind(), Error::Kind::Usage);
    QVERIFY(!added.error().message().isEmpty());
    QVERIFY(Customers(*m_catalog).list()->isEmpty());
}

void TestCatalog::searchesCustomers()
{
    const Customers customers(*m_catalog);
    QVERIFY(customers.add(newCustomer(QStringLiteral("C1"), QStringLiteral("Anna Berg"), QStringLiteral("anna@example.org"),
                            QStringLiteral("0151 555")), m_clock.now()).ok());
    QVERIFY(customers.add(newCustomer(QStringLiteral("C2"), QStringLiteral("Bert Lund"), QStringLiteral("bert@example.org")),
                          m_clock.now()).ok());
    QCOMPARE(customers.search(QStringLiteral("berg"))->size(), 1);
    QCOMPARE(customers.search(QStringLiteral("EXAMPLE.ORG"))->size(), 2);
    QCOMPARE(customers.search(QStringLiteral("555"))->size(), 1);
    QCOMPARE(customers.search(QStringLiteral("c2"))->first().name, QStringLiteral("Bert Lund"));
    QCOMPARE(customers.search(QStringLiteral("nobody"))->size(), 0);
    QCOMPARE(customers.search(QString())->size(), 2);
}

void TestCatalog::keepsPinsHashed()
{
    const auto added = Customers(*m_catalog).add(newCustomer(QStringLiteral("C1"), QStringLiteral("Anna"), {}, {}, {},
                                                   QStringLiteral("4711")), m_clock.now());
    QVERIFY(added.ok());
    SqlQuery stored(m_catalog->db(), QStringLiteral("SELECT pin_hash FROM customers WHERE id = :id"));
    stored.bind(QStringLiteral(":id"), added->id);
    QVERIFY(stored.exec().ok() && stored.next());
    const QString hash = stored.text(0);
    QVERIFY(hash.startsWith(QLatin1String("scrypt$")));
    QVERIFY(!hash.contains(QLatin1String("4711")));
    QVERIFY(*Customers(*m_catalog).checkPin(added->id, QStringLiteral("4711")));
    QVERIFY(!*Customers(*m_catalog).checkPin(added->id, QStringLiteral("4712")));
    QVERIFY(PinHash::make(QStringLiteral("4711")) != PinHash::make(QStringLiteral("4711")));  // salted
}

void TestCatalog::rollsBackFailedTransactions()
{
    const Status status = m_catalog->transaction([&](QSqlDatabase &db) -> Status {
        SqlQuery insert(db, QStringLiteral("INSERT INTO settings (key, value) VALUES ('lab.name', 'Half')"));
        if (Status inserted = insert.exec(); !inserted)
            return inserted;
        return Error::failure(QStringLiteral("stop here"));
    });
    QVERIFY(!status.ok());
    QCOMPARE(status.error().message(), QStringLiteral("stop here"));
    QCOMPARE(*Settings(*m_catalog).value(QStringLiteral("lab.name")), QStringLiteral("Keepsake Photo Lab"));
}

void TestCatalog::keepsSettingsWithDefaults()
{
    const Settings settings(*m_catalog);
    QCOMPARE(settings.intValue(QStringLiteral("notice.days_before")).value(), 14);
    QCOMPARE(settings.intValue(QStringLiteral("grace.days")).value(), 30);
    QCOMPARE(*settings.value(QStringLiteral("smtp.starttls")), QStringLiteral("auto"));
    QVERIFY(settings.value(QStringLiteral("smtp.from"))->startsWith(QLatin1String("keepsake@")));
    QVERIFY(settings.set(QStringLiteral("notice.days_before"), QStringLiteral("21")).ok());
    QCOMPARE(settings.intValue(QStringLiteral("notice.days_before")).value(), 21);
    QVERIFY(settings.set(QStringLiteral("notice.days_before"), QStringLiteral("22")).ok());
    QCOMPARE(settings.intValue(QStringLiteral("notice.days_before")).value(), 22);
    const Status bad = settings.set(QStringLiteral("smtp.port"), QStringLiteral("seventy"));
    QVERIFY(!bad.ok());
    QCOMPARE(bad.error().kind(), Error::Kind::Usage);
    QVERIFY(!settings.set(QStringLiteral("smtp.starttls"), QStringLiteral("sometimes")).ok());
    QVERIFY(!settings.set(QStringLiteral("no.such.key"), QStringLiteral("1")).ok());
    const auto all = settings.all();
    QVERIFY(all.ok());
    const auto it = std::find_if(all->cbegin(), all->cend(),
                                 [](const Settings::Entry &e) { return e.key == QLatin1String("notice.days_before"); });
    QVERIFY(it != all->cend());
    QVERIFY(!it->isDefault);
    QVERIFY(settings.unset(QStringLiteral("notice.days_before")).ok());
    QCOMPARE(settings.intValue(QStringLiteral("notice.days_before")).value(), 14);
    // A stored value that is no number (written around `config set`) is an error the
    // caller sees, naming the setting and what to do; never the default in its place.
    SqlQuery stored(m_catalog->db(), QStringLiteral("INSERT INTO settings (key, value) VALUES ('grace.days', 'thirty')"));
    QVERIFY(stored.exec());
    const Result<int> grace = settings.intValue(QStringLiteral("grace.days"));
    QVERIFY(!grace);
    QVERIFY2(grace.error().message().contains(QStringLiteral("grace.days"))
                 && grace.error().message().contains(QStringLiteral("\"thirty\""))
                 && grace.error().message().contains(QStringLiteral("keepsakectl config set grace.days")),
             qPrintable(grace.error().message()));
}

void TestCatalog::recordsAndFiltersAudit()
{
    const auto customer = Customers(*m_catalog).add(newCustomer(QStringLiteral("C1"), QStringLiteral("Anna")), m_clock.now());
    QVERIFY(customer.ok());
    for (int day = 0; day < 3; ++day) {
        AuditEntry entry;
        entry.at = m_clock.now().addDays(day);
        entry.actor = QStringLiteral("clerk:test");
        entry.action = day == 1 ? QStringLiteral("share") : QStringLiteral("handin");
        entry.customerId = day == 2 ? std::optional<qint64>() : std::optional<qint64>(customer->id);
        entry.details = QJsonObject { { QStringLiteral("day"), day } };
        QVERIFY(AuditLog::record(m_catalog->db(), entry).ok());
    }
    const auto all = AuditLog::read(m_catalog->db(), {});
    QCOMPARE(all->size(), 3);
    QCOMPARE(all->at(1).action, QStringLiteral("share"));
    QCOMPARE(all->at(1).details.value(QStringLiteral("day")).toInt(), 1);
    AuditLog::Filter byCustomer;
    byCustomer.customerId = customer->id;
    QCOMPARE(AuditLog::read(m_catalog->db(), byCustomer)->size(), 2);
    AuditLog::Filter since;
    since.since = m_clock.now().addDays(1);
    QCOMPARE(AuditLog::read(m_catalog->db(), since)->size(), 2);
}

void TestCatalog::makesPickupCodes()
{
    QSet<QString> seen;
    for (int i = 0; i < 200; ++i) {
        const QString code = PickupCode::generate();
        QCOMPARE(code.size(), 8);
        for (const QChar c : code)
            QVERIFY2(!QStringLiteral("01OIL").contains(c), qPrintable(code));
        seen.insert(code);
    }
    QVERIFY(seen.size() > 190);
    QCOMPARE(PickupCode::display(QStringLiteral("ABCDEFGH")), QStringLiteral("ABCD-EFGH"));
    QCOMPARE(PickupCode::normalise(QStringLiteral(" abcd-efgh ")), QStringLiteral("ABCDEFGH"));
}

qint64 TestCatalog::addPinCustomer(const QString &code, const QString &pin)
{
    const auto added = Customers(*m_catalog).add(newCustomer(code, QStringLiteral("Customer ") + code, {}, {}, {}, pin),
                                                 m_clock.now());
    if (!added)
        qWarning("%s", qPrintable(added.error().message()));
    return added ? added->id : 0;
}

// Sign-in tells nobody which codes exist: an unknown code, a wrong PIN and a customer
// without a PIN get the same answer, word for word, with the same attempts left.
void TestCatalog::unknownCodeAnswersLikeWrongPin()
{
    QVERIFY(addPinCustomer(QStringLiteral("C1"), QStringLiteral("4711")));
    QVERIFY(Customers(*m_catalog).add(newCustomer(QStringLiteral("C2"), QStringLiteral("No Pin")), m_clock.now()));
    const PinLockout lockout(*m_catalog, m_clock);
    for (int round = 1; round <= 3; ++round) {
        const auto wrong = lockout.signIn(QStringLiteral("C1"), QStringLiteral("0000"), QStringLiteral("kiosk-a"));
        const auto unknown = lockout.signIn(QStringLiteral("C404"), QStringLiteral("4711"), QStringLiteral("kiosk-a"));
        const auto noPin = lockout.signIn(QStringLiteral("c2"), QStringLiteral("4711"), QStringLiteral("kiosk-a"));
        QVERIFY(wrong && unknown && noPin);
        for (const auto *attempt : { &*unknown, &*noPin }) {
            QCOMPARE(attempt->message, wrong->message);
            QCOMPARE(attempt->outcome, wrong->outcome);
            QCOMPARE(attempt->attemptsLeft, wrong->attemptsLeft);
            QCOMPARE(attempt->customerId, wrong->customerId);
        }
        QCOMPARE(wrong->outcome, PinLockout::Outcome::WrongPin);
        QCOMPARE(wrong->attemptsLeft, PinLockout::MaxAttempts - round);
        QCOMPARE(wrong->customerId, 0);   // nothing about the customer before the PIN is right
        QVERIFY2(wrong->message.contains(QStringLiteral("Attempts left: %1.").arg(PinLockout::MaxAttempts - round)),
                 qPrintable(wrong->message));
    }
}

// Five wrong PINs lock a code, known or not, everywhere: at another terminal and
// through another connection to the catalog (another process); the time lifts it.
void TestCatalog::locksOutPerCode()
{
    const qint64 c1 = addPinCustomer(QStringLiteral("C1"), QStringLiteral("4711"));
    QVERIFY(c1);
    const PinLockout lockout(*m_catalog, m_clock);
    for (const QString &code : { QStringLiteral("C1"), QStringLiteral("C404") }) {
        for (int i = 1; i <= PinLockout::MaxAttempts; ++i) {
            m_clock.advanceSeconds(20);
            const auto attempt = lockout.signIn(code, QStringLiteral("0000"), QStringLiteral("kiosk-%1").arg(i % 2));
            QVERIFY(attempt);
            QCOMPARE(attempt->outcome, i < PinLockout::MaxAttempts ? PinLockout::Outcome::WrongPin
                                                                   : PinLockout::Outcome::Locked);
        }
    }
    auto other = Catalog::open(m_catalog->url());   // as another process would
    QVERIFY(other);
    const auto locked = PinLockout(**other, m_clock).signIn(QStringLiteral("c1"), QStringLiteral("4711"),
                                                            QStringLiteral("kiosk-far"));
    QVERIFY(locked);
    QCOMPARE(locked->outcome, PinLockout::Outcome::Locked);
    QCOMPARE(locked->customerId, 0);
    QVERIFY(locked->lockedUntil > m_clock.now());
    m_clock.set(locked->lockedUntil.addSecs(1));
    const auto accepted = lockout.signIn(QStringLiteral("C1"), QStringLiteral("4711"), QStringLiteral("kiosk-far"));
    QVERIFY(accepted);
    QCOMPARE(accepted->outcome, PinLockout::Outcome::Accepted);
    QCOMPARE(accepted->customerId, c1);
}

// A terminal that sees many failures across codes stops signing in for a while,
// even with a right PIN; other terminals go on.
void TestCatalog::locksOutPerTerminal()
{
    const qint64 c1 = addPinCustomer(QStringLiteral("C1"), QStringLiteral("4711"));
    QVERIFY(c1);
    const PinLockout lockout(*m_catalog, m_clock);
    for (int i = 0; i < 10; ++i) {
        m_clock.advanceSeconds(10);
        const auto attempt = lockout.signIn(QStringLiteral("X%1").arg(i), QStringLiteral("1234"), QStringLiteral("kiosk-a"));
        QVERIFY(attempt);
        QCOMPARE(attempt->outcome, i + 1 < PinLockout::TerminalMaxFailures ? PinLockout::Outcome::WrongPin
                                                                          : PinLockout::Outcome::TerminalLocked);
    }
    const auto refused = lockout.signIn(QStringLiteral("C1"), QStringLiteral("4711"), QStringLiteral("kiosk-a"));
    QVERIFY(refused);
    QCOMPARE(refused->outcome, PinLockout::Outcome::TerminalLocked);
    QCOMPARE(refused->customerId, 0);
    QVERIFY2(refused->message.contains(QLatin1String("paused")), qPrintable(refused->message));
    QCOMPARE(*lockout.terminalLockedUntil(QStringLiteral("kiosk-a")), refused->lockedUntil);
    QVERIFY(!lockout.terminalLockedUntil(QStringLiteral("kiosk-b"))->isValid());
    const auto elsewhere = lockout.signIn(QStringLiteral("C1"), QStringLiteral("4711"), QStringLiteral("kiosk-b"));
    QVERIFY(elsewhere);
    QCOMPARE(elsewhere->outcome, PinLockout::Outcome::Accepted);
    m_clock.advanceSeconds(16 * 60);
    const auto later = lockout.signIn(QStringLiteral("C1"), QStringLiteral("4711"), QStringLiteral("kiosk-a"));
    QVERIFY(later);
    QCOMPARE(later->outcome, PinLockout::Outcome::Accepted);
}

// The time an answer takes is the PIN hash's: every attempt that is not locked
// verifies exactly one hash, the dummy when the code is unknown or has no PIN, and
// the dummy costs what a real hash costs.
void TestCatalog::verifiesEveryPinAgainstAHash()
{
    QVERIFY(addPinCustomer(QStringLiteral("C1"), QStringLiteral("4711")));
    QVERIFY(Customers(*m_catalog).add(newCustomer(QStringLiteral("C2"), QStringLiteral("No Pin")), m_clock.now()));
    QStringList verified;
    const PinLockout lockout(*m_catalog, m_clock, [&verified](const QString &pin, const QString &stored) {
        verified.append(stored);
        return PinHash::verify(pin, stored);
    });
    const QString dummy = PinHash::dummy();
    QVERIFY(lockout.signIn(QStringLiteral("C1"), QStringLiteral("0000"), QStringLiteral("kiosk-a")));
    QCOMPARE(verified.size(), 1);
    QVERIFY(verified.last() != dummy);
    QVERIFY(lockout.signIn(QStringLiteral("C404"), QStringLiteral("4711"), QStringLiteral("kiosk-a")));
    QCOMPARE(verified.size(), 2);
    QCOMPARE(verified.last(), dummy);
    QVERIFY(lockout.signIn(QStringLiteral("C2"), QStringLiteral("4711"), QStringLiteral("kiosk-a")));
    QCOMPARE(verified.size(), 3);
    QCOMPARE(verified.last(), dummy);
    const QString real = verified.first();
    QCOMPARE(dummy.section(QLatin1Char('$'), 0, 3), real.section(QLatin1Char('$'), 0, 3));   // scrypt, N, r, p
    QCOMPARE(dummy.section(QLatin1Char('$'), 4, 4).size(), real.section(QLatin1Char('$'), 4, 4).size());
    QCOMPARE(dummy.section(QLatin1Char('$'), 5, 5).size(), real.section(QLatin1Char('$'), 5, 5).size());
    QVERIFY(!PinHash::verify(QStringLiteral("4711"), dummy));
    const auto accepted = lockout.signIn(QStringLiteral("c1"), QStringLiteral("4711"), QStringLiteral("kiosk-a"));
    QVERIFY(accepted);
    QCOMPARE(accepted->outcome, PinLockout::Outcome::Accepted);
    QCOMPARE(verified.size(), 4);
}

QTEST_GUILESS_MAIN(TestCatalog)
#include "tst_catalog.moc"

// 200 background jobs, each on a fresh thread and each using the catalog: the process
// keeps no connection of a thread that ended (SQLite file handles, PostgreSQL
// max_connections), and the server sees no more than the live ones.
void TestCatalog::connectionsEndWithTheirThreads()
{
    auto serverConnections = [this]() -> int {
        if (!m_catalog->isPostgres())
            return 0;
        SqlQuery query(m_catalog->db(), QStringLiteral(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"));
        int count = -1;
        if (query.exec().ok())
            while (query.next())
                count = int(query.integer(0));
        return count;
    };
    const int before = m_catalog->openConnections();
    const int serverBefore = serverConnections();
    for (int job = 0; job < 200; ++job) {
        std::unique_ptr<QThread> thread(QThread::create([this] {
            SqlQuery query(m_catalog->db(), QStringLiteral("SELECT count(*) FROM customers"));
            QVERIFY(query.exec().ok());
            while (query.next()) { }
        }));
        thread->start();
        QVERIFY(thread->wait(30000));
    }
    // A thread's connection closes as the thread ends, just after wait() returns.
    QTRY_COMPARE(m_catalog->openConnections(), before);
    QTRY_COMPARE(QSqlDatabase::connectionNames().size(), before);
    if (m_catalog->isPostgres())   // the server may take a moment to see a closed connection go
        QTRY_COMPARE(serverConnections(), serverBefore);
}
