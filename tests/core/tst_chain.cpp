// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// A chain of devices on one catalog (CLI.md, "Network"), without the network: two data
// folders made devices with `keepsakectl device init`, terminals paired and revoked,
// customers' home devices and camera registrations routing photos (camera before home
// device before receiver), the forward queue, each device's own check, and discs of one
// store accepted for appending at the other. Real keepsakectl processes, and the core
// operations the device service calls, on SQLite and (as tst_chain_postgres) PostgreSQL.
#include "TestSupport.h"

#include "base/Clock.h"
#include "catalog/Catalog.h"
#include "catalog/Customers.h"
#include "catalog/Devices.h"
#include "catalog/ForwardQueue.h"
#include "catalog/SqlQuery.h"
#include "catalog/Terminals.h"
#include "lab/Lab.h"
#include "lab/LabDevice.h"
#include "store/BlobStore.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSslCertificate>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

#include <algorithm>

using namespace Keepsake;

class TestChain : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();

    void initMakesADevice();
    void listsAndRemovesDevices();
    void initCutShortIsMadeAgain();
    void pairsTerminals();
    void revokesTerminalsAtOnce();
    void changesCustomersAndTheirHome();
    void routesByCameraThenHomeThenReceiver();
    void keepsWhatItOwesUntilDelivered();
    void eachDeviceChecksItsOwnFiles();
    void claimsForwardsOnce();
    void discOfOneStoreIsAppendedAtAnother();

private:
    struct Run { int code = -1; QByteArray out; QByteArray err; QList<QJsonObject> records; QJsonObject summary; };
    Run ctl(const QString &dir, const QStringList &args, const QString &catalog = {});
    QString dirA() const { return m_dir->filePath(QStringLiteral("a")); }
    QString dirB() const { return m_dir->filePath(QStringLiteral("b")); }
    std::unique_ptr<Lab> openLab(const QString &dir);
    // Devices S1 (folder a) and S2 (folder b) on one catalog.
    void makeTwoDevices();
    // C1 (home S2) and C2 (no home); camera 380319450 (Canon) kept on S1, 2001881 ("Nikon") on S2.
    void registerRoutes();
    QString card(const QString &name, const QStringList &files);
    QHash<QString, QJsonObject> photosOf(const QString &dir, const QString &customer);
    void pairCounter(QString &token);
    // C1's PNGs and C2's TIFFs handed in at S1: what S1 owes S2.
    void handInOwed(QList<QJsonObject> &owed);
    void deliverByHand(const Lab &from, const Lab &to, const QList<QJsonObject> &owed);

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_catalog;
    ManualClock m_clock { QDateTime(QDate(2026, 12, 1), QTime(10, 0), QTimeZone::utc()) };
};

void TestChain::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_catalog = Test::testCatalogUrl(dirA());
}

void TestChain::cleanup()
{
    m_dir.reset();
}

TestChain::Run TestChain::ctl(const QString &dir, const QStringList &args, const QString &catalog)
{
    QProcess process;
    process.start(qEnvironmentVariable("KEEPSAKECTL"),
                  QStringList { QStringLiteral("--data-dir"), dir, QStringLiteral("--catalog"),
                                catalog.isEmpty() ? m_catalog : catalog } + args);
    Run run;
    if (!process.waitForFinished(300000))
        return run;
    run.code = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    for (const QByteArray &line : run.out.split('\n')) {
        if (!line.startsWith('{'))
            continue;
        const QJsonObject object = QJsonDocument::fromJson(line).object();
        if (object.contains(QStringLiteral("summary")))
            run.summary = object.value(QStringLiteral("summary")).toObject();
        else
            run.records.append(object);
    }
    return run;
}

std::unique_ptr<Lab> TestChain::openLab(const QString &dir)
{
    Result<std::unique_ptr<Lab>> lab = Lab::open({ dir, m_catalog }, m_clock);
    if (!lab)
        qWarning() << lab.error().message();
    return lab ? std::move(lab).value() : nullptr;
}

void TestChain::makeTwoDevices()
{
    QCOMPARE(ctl(dirA(), { QStringLiteral("device"), QStringLiteral("init"), QStringLiteral("--name"), QStringLiteral("S1"),
                           QStringLiteral("--url"), QStringLiteral("https://127.0.0.1:18443") }).code, 0);
    QCOMPARE(ctl(dirB(), { QStringLiteral("device"), QStringLiteral("init"), QStringLiteral("--name"), QStringLiteral("S2"),
                           QStringLiteral("--url"), QStringLiteral("https://127.0.0.1:18444") }).code, 0);
}

void TestChain::registerRoutes()
{
    QCOMPARE(ctl(dirA(), { QStringLiteral("customer"), QStringLiteral("add"), QStringLiteral("--code"), QStringLiteral("C1"),
                           QStringLiteral("--name"), QStringLiteral("Home at S2"), QStringLiteral("--home"), QStringLiteral("s2") }).code, 0);
    QCOMPARE(ctl(dirA(), { QStringLiteral("customer"), QStringLiteral("add"), QStringLiteral("--code"), QStringLiteral("C2"),
                           QStringLiteral("--name"), QStringLiteral("No home") }).code, 0);
    QCOMPARE(ctl(dirA(), { QStringLiteral("camera"), QStringLiteral("add"), QStringLiteral("--serial"), QStringLiteral("380319450"),
                           QStringLiteral("--make"), QStringLiteral("canon"), QStringLiteral("--device"), QStringLiteral("S1") }).code, 0);
    QCOMPARE(ctl(dirB(), { QStringLiteral("camera"), QStringLiteral("add"), QStringLiteral("--serial"), QStringLiteral("2001881"),
                           QStringLiteral("--make"), QStringLiteral("Nikon"), QStringLiteral("--device"), QStringLiteral("S2") }).code, 0);
}

QString TestChain::card(const QString &name, const QStringList &files)
{
    const QString folder = m_dir->filePath(name);
    QDir().mkpath(folder);
    for (const QString &file : files)
        QFile::copy(Test::corpusPath(file), QDir(folder).filePath(QFileInfo(file).fileName()));
    return folder;
}

// The customer's photos by original name, as `photos --json` gives them.
QHash<QString, QJsonObject> TestChain::photosOf(const QString &dir, const QString &customer)
{
    QHash<QString, QJsonObject> photos;
    const Run albums = ctl(dir, { QStringLiteral("--json"), QStringLiteral("albums"), QStringLiteral("--customer"), customer });
    for (const QJsonObject &album : albums.records) {
        const Run listed = ctl(dir, { QStringLiteral("--json"), QStringLiteral("photos"), QStringLiteral("--album"),
                                      QString::number(album.value(QStringLiteral("id")).toInteger()) });
        for (const QJsonObject &photo : listed.records)
            photos.insert(photo.value(QStringLiteral("name")).toString(), photo);
    }
    return photos;
}

void TestChain::initMakesADevice()
{
    const Run made = ctl(dirA(), { QStringLiteral("--json"), QStringLiteral("device"), QStringLiteral("init"), QStringLiteral("--name"),
                                   QStringLiteral("S1"), QStringLiteral("--url"), QStringLiteral("https://127.0.0.1:18443") });
    QVERIFY2(made.code == 0, made.err.constData());
    QCOMPARE(made.records.size(), 1);
    const QJsonObject record = made.records.first();
    QCOMPARE(record.value(QStringLiteral("name")).toString(), QStringLiteral("S1"));
    QCOMPARE(record.value(QStringLiteral("url")).toString(), QStringLiteral("https://127.0.0.1:18443"));
    // The fingerprint is the SHA-256 of the certificate as `openssl x509 -fingerprint -sha256` gives it.
    QFile certificate(QDir(dirA()).filePath(QStringLiteral("device-cert.pem")));
    QVERIFY(certificate.open(QIODevice::ReadOnly));
    const QSslCertificate parsed(certificate.readAll(), QSsl::Pem);
    QCOMPARE(record.value(QStringLiteral("fingerprint")).toString(),
             QString::fromLatin1(parsed.digest(QCryptographicHash::Sha256).toHex()));
    QProcess openssl;
    openssl.start(QStringLiteral("openssl"), { QStringLiteral("x509"), QStringLiteral("-in"), certificate.fileName(),
                                               QStringLiteral("-noout"), QStringLiteral("-fingerprint"), QStringLiteral("-sha256") });
    if (openssl.waitForFinished(30000) && openssl.exitCode() == 0) {
        const QString said = QString::fromLatin1(openssl.readAllStandardOutput()).section(QLatin1Char('='), 1).trimmed();
        QCOMPARE(record.value(QStringLiteral("fingerprint")).toString(), said.toLower().remove(QLatin1Char(':')));
    }
    struct stat key {};
    QCOMPARE(::stat(QFile::encodeName(QDir(dirA()).filePath(QStringLiteral("device-key.pem"))).constData(), &key), 0);
    QCOMPARE(int(key.st_mode & 07777), 0600);

    // Once a device, always the same one; names and URLs are checked.
    QCOMPARE(ctl(dirA(), { QStringLiteral("device"), QStringLiteral("init"), QStringLiteral("--name"), QStringLiteral("S9"),
                           QStringLiteral("--url"), QStringLiteral("https://127.0.0.1:18449") }).code, 4);
    QCOMPARE(ctl(dirB(), { QStringLiteral("device"), QStringLiteral("init"), QStringLiteral("--name"), QStringLiteral("s1"),
                           QStringLiteral("--url"), QStringLiteral("https://127.0.0.1:18444") }).code, 4);
    QCOMPARE(ctl(dirB(), { QStringLiteral("device"), QStringLiteral("init"), QStringLiteral("--name"), QStringLiteral("S2"),
                           QStringLiteral("--url"), QStringLiteral("http://127.0.0.1:18444") }).code, 2);
    QVERIFY(!QFile::exists(QDir(dirB()).filePath(QStringLiteral("device-key.pem"))));
    QCOMPARE(ctl(dirB(), { QStringLiteral("device"), QStringLiteral("init"), QStringLiteral("--name"), QStringLiteral("S2"),
                           QStringLiteral("--url"), QStringLiteral("https://127.0.0.1:18444") }).code, 0);
}

void TestChain::listsAndRemovesDevices()
{
    makeTwoDevices();
    QString fingerprintB;
    // Each data folder knows itself in the list; `check` does not take the certificate for a private file.
    for (const auto &[dir, self] : { std::pair { dirA(), QStringLiteral("S1") }, std::pair { dirB(), QStringLiteral("S2") } }) {
        const Run listed = ctl(dir, { QStringLiteral("--json"), QStringLiteral("device"), QStringLiteral("list") });
        QCOMPARE(listed.code, 0);
        QCOMPARE(listed.records.size(), 2);
        for (const QJsonObject &device : listed.records) {
            if (device.value(QStringLiteral("name")).toString() == QLatin1String("S2"))
                fingerprintB = device.value(QStringLiteral("fingerprint")).toString();
            for (const char *field : { "name", "url", "fingerprint", "self" })
                QVERIFY2(device.contains(QLatin1String(field)), field);
            QCOMPARE(device.value(QStringLiteral("self")).toBool(), device.value(QStringLiteral("name")).toString() == self);
        }
        const Run checked = ctl(dir, { QStringLiteral("--json"), QStringLiteral("check") });
        QCOMPARE(checked.code, 0);
        QCOMPARE(checked.summary.value(QStringLiteral("too_open")).toInt(), 0);
    }
    QCOMPARE(ctl(dirA(), { QStringLiteral("device"), QStringLiteral("remove"), QStringLiteral("S9") }).code, 2);
    QCOMPARE(ctl(dirA(), { QStringLiteral("device"), QStringLiteral("remove"), QStringLiteral("S2") }).code, 0);
    QCOMPARE(ctl(dirB(), { QStringLiteral("--json"), QStringLiteral("device"), QStringLiteral("list") }).records.size(), 1);
    // Registered again, the folder keeps its key: its terminals' pinned fingerprint stays right.
    const Run back = ctl(dirB(), { QStringLiteral("--json"), QStringLiteral("device"), QStringLiteral("init"), QStringLiteral("--name"),
                                   QStringLiteral("S2b"), QStringLiteral("--url"), QStringLiteral("https://127.0.0.1:18445") });
    QCOMPARE(back.code, 0);
    QCOMPARE(back.records.first().value(QStringLiteral("fingerprint")).toString(), fingerprintB);
}

void TestChain::initCutShortIsMadeAgain()
{
    // A key without a certificate: `device init` was killed between the two files.
    QVERIFY(QDir().mkpath(dirA()));
    QFile key(QDir(dirA()).filePath(QStringLiteral("device-key.pem")));
    QVERIFY(key.open(QIODevice::WriteOnly));
    key.write("-----BEGIN PRIVATE KEY-----\n");
    key.close();
    const Run listed = ctl(dirA(), { QStringLiteral("--json"), QStringLiteral("device"), QStringLiteral("list") });
    QCOMPARE(listed.code, 0);
    QCOMPARE(listed.records.size(), 0);
    const Run made = ctl(dirA(), { QStringLiteral("--json"), QStringLiteral("device"), QStringLiteral("init"), QStringLiteral("--name"),
                                   QStringLiteral("S1"), QStringLiteral("--url"), QStringLiteral("https://127.0.0.1:18443") });
    QVERIFY2(made.code == 0, made.err.constData());
    const Run again = ctl(dirA(), { QStringLiteral("--json"), QStringLiteral("device"), QStringLiteral("list") });
    QCOMPARE(again.records.size(), 1);
    QVERIFY(again.records.first().value(QStringLiteral("self")).toBool());
    QCOMPARE(again.records.first().value(QStringLiteral("fingerprint")), made.records.first().value(QStringLiteral("fingerprint")));
}

void TestChain::pairCounter(QString &token)
{
    // A data folder that is no device pairs nothing.
    QCOMPARE(ctl(dirA(), { QStringLiteral("terminal"), QStringLiteral("add"), QStringLiteral("K1") }).code, 4);
    makeTwoDevices();
    const Run paired = ctl(dirA(), { QStringLiteral("--json"), QStringLiteral("terminal"), QStringLiteral("add"), QStringLiteral("K1"),
                                     QStringLiteral("--kind"), QStringLiteral("counter") });
    QVERIFY2(paired.code == 0, paired.err.constData());
    QCOMPARE(paired.records.size(), 1);
    token = paired.records.first().value(QStringLiteral("token")).toString();
}

void TestChain::pairsTerminals()
{
    QString token;
    pairCounter(token);
    if (QTest::currentTestFailed())
        return;
    const Run shown = ctl(dirA(), { QStringLiteral("--json"), QStringLiteral("device"), QStringLiteral("list") });
    QJsonObject record;
    for (const QJsonObject &device : shown.records)
        if (device.value(QStringLiteral("self")).toBool())
            record = device;
    QVERIFY2(QRegularExpression(QStringLiteral("^[A-Za-z0-9_-]{43}$")).match(token).hasMatch(), qPrintable(token));
    const Run paired = ctl(dirA(), { QStringLiteral("--json"), QStringLiteral("terminal"), QStringLiteral("add"), QStringLiteral("K3") });
    QCOMPARE(paired.records.first().value(QStringLiteral("url")).toString(), record.value(QStringLiteral("url")).toString());
    QCOMPARE(paired.records.first().value(QStringLiteral("fingerprint")).toString(),
             record.value(QStringLiteral("fingerprint")).toString());
    QVERIFY(paired.records.first().value(QStringLiteral("token")).toString() != token);
    QCOMPARE(ctl(dirA(), { QStringLiteral("terminal"), QStringLiteral("remove"), QStringLiteral("K3") }).code, 0);
    QCOMPARE(ctl(dirA(), { QStringLiteral("terminal"), QStringLiteral("add"), QStringLiteral("K1") }).code, 4);
    QCOMPARE(ctl(dirA(), { QStringLiteral("terminal"), QStringLiteral("add"), QStringLiteral("K2"), QStringLiteral("--kind"),
                           QStringLiteral("toaster") }).code, 2);
    const Run listed = ctl(dirA(), { QStringLiteral("--json"), QStringLiteral("terminal"), QStringLiteral("list") });
    QCOMPARE(listed.records.size(), 1);
    QCOMPARE(listed.records.first().value(QStringLiteral("kind")).toString(), QStringLiteral("counter"));
    QVERIFY(!listed.out.contains(token.toLatin1()));
    QCOMPARE(ctl(dirB(), { QStringLiteral("--json"), QStringLiteral("terminal"), QStringLiteral("list") }).records.size(), 0);

    auto lab = openLab(dirA());
    QVERIFY(lab && lab->device());
    const Terminals terminals(lab->catalog());
    const Result<Terminal> known = terminals.authenticate(lab->device()->id, token, m_clock.now());
    QVERIFY2(known, known ? "" : qPrintable(known.error().message()));
    QCOMPARE(known->kind, Terminal::Kind::Counter);
    const qint64 otherDevice = Devices(lab->catalog()).byName(QStringLiteral("S2"))->id;
    QCOMPARE(terminals.authenticate(otherDevice, token, m_clock.now()).error().kind(), Error::Kind::Refused);
    QCOMPARE(terminals.authenticate(lab->device()->id, token + QLatin1Char('x'), m_clock.now()).error().kind(),
             Error::Kind::Refused);
    // The token is kept only as its SHA-256: not in any row, not in the catalog's files.
    SqlQuery rows(lab->catalog().db(), QStringLiteral("SELECT name, kind, token_hash FROM terminals"));
    QVERIFY(rows.exec());
    int hashed = 0;
    while (rows.next()) {
        QVERIFY(!rows.text(0).contains(token) && !rows.text(1).contains(token) && rows.text(2) != token);
        hashed += rows.text(2) == Terminals::tokenHash(token) ? 1 : 0;
    }
    QCOMPARE(hashed, 1);
    for (const QString &suffix : { QString(), QStringLiteral("-wal") }) {
        QFile file(QDir(dirA()).filePath(QStringLiteral("catalog.sqlite") + suffix));
        if (file.open(QIODevice::ReadOnly))
            QVERIFY(!file.readAll().contains(token.toLatin1()));
    }
}

void TestChain::revokesTerminalsAtOnce()
{
    QString token;
    pairCounter(token);
    if (QTest::currentTestFailed())
        return;
    auto lab = openLab(dirA());
    QVERIFY(lab && lab->device());
    const Terminals terminals(lab->catalog());
    const Result<Terminal> known = terminals.authenticate(lab->device()->id, token, m_clock.now());
    QVERIFY(known);
    // A customer signed in on the terminal; revoking ends the session with the token.
    SqlQuery session(lab->catalog().db(), QStringLiteral(
        "INSERT INTO customers (code, code_key, name, created_at) VALUES ('S', 'S', 'Signed in', '2026-12-01T10:00:00Z')"));
    QVERIFY(session.exec());
    SqlQuery signIn(lab->catalog().db(), QStringLiteral(
        "INSERT INTO terminal_sessions (terminal_id, customer_id, token_hash, created_at, expires_at) "
        "SELECT :terminal, id, 'x', '2026-12-01T10:00:00Z', '2026-12-01T11:00:00Z' FROM customers WHERE code = 'S'"));
    signIn.bind(QStringLiteral(":terminal"), known->id);
    QVERIFY(signIn.exec());

    QCOMPARE(ctl(dirA(), { QStringLiteral("terminal"), QStringLiteral("remove"), QStringLiteral("K1") }).code, 0);
    QCOMPARE(terminals.authenticate(lab->device()->id, token, m_clock.now()).error().kind(), Error::Kind::Refused);
    SqlQuery ended(lab->catalog().db(), QStringLiteral("SELECT count(*) FROM terminal_sessions WHERE ended_at IS NULL"));
    QVERIFY(ended.exec() && ended.next());
    QCOMPARE(ended.integer(0), 0);
    QCOMPARE(ctl(dirA(), { QStringLiteral("--json"), QStringLiteral("terminal"), QStringLiteral("list") }).records.size(), 0);
    QCOMPARE(ctl(dirA(), { QStringLiteral("terminal"), QStringLiteral("remove"), QStringLiteral("K1") }).code, 2);
    // The name is free again: a new pairing gets a new token.
    const Run again = ctl(dirA(), { QStringLiteral("--json"), QStringLiteral("terminal"), QStringLiteral("add"), QStringLiteral("K1") });
    QCOMPARE(again.code, 0);
    QVERIFY(again.records.first().value(QStringLiteral("token")).toString() != token);
    QCOMPARE(again.records.first().value(QStringLiteral("kind")).toString(), QStringLiteral("kiosk"));
}

void TestChain::changesCustomersAndTheirHome()
{
    makeTwoDevices();
    QCOMPARE(ctl(dirA(), { QStringLiteral("customer"), QStringLiteral("add"), QStringLiteral("--code"), QStringLiteral("C1"),
                           QStringLiteral("--name"), QStringLiteral("Anna"), QStringLiteral("--home"), QStringLiteral("S9") }).code, 2);
    QCOMPARE(ctl(dirA(), { QStringLiteral("customer"), QStringLiteral("add"), QStringLiteral("--code"), QStringLiteral("C1"),
                           QStringLiteral("--name"), QStringLiteral("Anna"), QStringLiteral("--home"), QStringLiteral("S2") }).code, 0);
    QCOMPARE(ctl(dirB(), { QStringLiteral("--json"), QStringLiteral("customer"), QStringLiteral("show"), QStringLiteral("c1") })
                 .records.first().value(QStringLiteral("home")).toString(), QStringLiteral("S2"));
    const Run changed = ctl(dirA(), { QStringLiteral("--json"), QStringLiteral("customer"), QStringLiteral("set"), QStringLiteral("C1"),
                                      QStringLiteral("--name"), QStringLiteral("Anna Berg"), QStringLiteral("--email"),
                                      QStringLiteral("anna@example.org"), QStringLiteral("--pin"), QStringLiteral("2468"),
                                      QStringLiteral("--lang"), QStringLiteral("de"), QStringLiteral("--home"), QStringLiteral("S1"),
                                      QStringLiteral("--plan"), QStringLiteral("Standard 90 days") });
    QVERIFY2(changed.code == 0, changed.err.constData());
    const QJsonObject customer = changed.records.first();
    QCOMPARE(customer.value(QStringLiteral("name")).toString(), QStringLiteral("Anna Berg"));
    QCOMPARE(customer.value(QStringLiteral("email")).toString(), QStringLiteral("anna@example.org"));
    QCOMPARE(customer.value(QStringLiteral("home")).toString(), QStringLiteral("S1"));
    QCOMPARE(customer.value(QStringLiteral("plan")).toString(), QStringLiteral("Standard 90 days"));
    QVERIFY(customer.value(QStringLiteral("pin")).toBool());
    auto lab = openLab(dirA());
    QVERIFY(lab);
    QVERIFY(*Customers(lab->catalog()).checkPin(customer.value(QStringLiteral("id")).toInteger(), QStringLiteral("2468")));
    // Checked like a new customer's data; nothing changes on a refusal.
    const QList<QStringList> refused {
        { QStringLiteral("--pin"), QStringLiteral("12") },
        { QStringLiteral("--pin"), QStringLiteral("12345678901") },
        { QStringLiteral("--email"), QStringLiteral("anna@example.org\r\nBcc: all@example.org") },
        { QStringLiteral("--name"), QStringLiteral("Anna\nBerg") },
        { QStringLiteral("--name"), QString() },
        { QStringLiteral("--home"), QStringLiteral("S9") },
        { QStringLiteral("--plan"), QStringLiteral("No such rule") },
        {},
    };
    for (const QStringList &options : refused) {
        const Run run = ctl(dirA(), QStringList { QStringLiteral("customer"), QStringLiteral("set"), QStringLiteral("C1") } + options);
        QVERIFY2(run.code == 2, qPrintable(options.join(QLatin1Char(' '))));
        QVERIFY2(!run.err.isEmpty(), qPrintable(options.join(QLatin1Char(' '))));
    }
    QCOMPARE(ctl(dirA(), { QStringLiteral("customer"), QStringLiteral("set"), QStringLiteral("C9"), QStringLiteral("--name"),
                           QStringLiteral("X") }).code, 2);
    const Run cleared = ctl(dirA(), { QStringLiteral("--json"), QStringLiteral("customer"), QStringLiteral("set"), QStringLiteral("C1"),
                                      QStringLiteral("--home"), QString(), QStringLiteral("--email"), QString() });
    QCOMPARE(cleared.code, 0);
    QVERIFY(cleared.records.first().value(QStringLiteral("home")).isNull());
    QVERIFY(cleared.records.first().value(QStringLiteral("email")).isNull());
    QCOMPARE(cleared.records.first().value(QStringLiteral("name")).toString(), QStringLiteral("Anna Berg"));
    const Run audit = ctl(dirA(), { QStringLiteral("--json"), QStringLiteral("audit"), QStringLiteral("--customer"), QStringLiteral("C1") });
    QCOMPARE(audit.out.count("customer_update"), 2);
    QVERIFY(!audit.out.contains("2468"));
    // A device that customers name as their home stays until they are moved.
    QCOMPARE(ctl(dirA(), { QStringLiteral("customer"), QStringLiteral("set"), QStringLiteral("C1"), QStringLiteral("--home"),
                           QStringLiteral("S2") }).code, 0);
    QCOMPARE(ctl(dirA(), { QStringLiteral("device"), QStringLiteral("remove"), QStringLiteral("S2") }).code, 4);
}

void TestChain::routesByCameraThenHomeThenReceiver()
{
    makeTwoDevices();
    registerRoutes();
    // At S1: C1's Canon (camera: S1) beats their home S2; the Nikon goes to S2 by its
    // camera, the PNG (no serial) to C1's home S2. C2 has no home: their PNG stays at S1.
    const QString canon = QStringLiteral("real/jpeg/Canon_EOS_7D.jpg");
    const QString nikon = QStringLiteral("real/jpeg/Nikon_D700.jpg");
    const QString png = Test::corpusFiles(QStringLiteral("real/png")).first();
    QCOMPARE(ctl(dirA(), { QStringLiteral("ingest"), QStringLiteral("--customer"), QStringLiteral("C1"), QStringLiteral("--no-thumbnails"),
                           card(QStringLiteral("card1"), { canon, nikon, png }) }).code, 0);
    QCOMPARE(ctl(dirA(), { QStringLiteral("ingest"), QStringLiteral("--customer"), QStringLiteral("C2"), QStringLiteral("--no-thumbnails"),
                           card(QStringLiteral("card2"), { nikon, png }) }).code, 0);
    const QString pngName = QFileInfo(png).fileName();
    const QHash<QString, QJsonObject> c1 = photosOf(dirB(), QStringLiteral("C1"));
    const QHash<QString, QJsonObject> c2 = photosOf(dirB(), QStringLiteral("C2"));
    QCOMPARE(c1.size(), 3);
    QCOMPARE(c2.size(), 2);
    const auto where = [](const QJsonObject &photo) {
        return photo.value(QStringLiteral("device")).toString() + (photo.value(QStringLiteral("queued")).toBool() ? QStringLiteral(" queued") : QString());
    };
    QCOMPARE(where(c1.value(QStringLiteral("Canon_EOS_7D.jpg"))), QStringLiteral("S1"));
    QCOMPARE(where(c1.value(QStringLiteral("Nikon_D700.jpg"))), QStringLiteral("S2 queued"));
    QCOMPARE(where(c1.value(pngName)), QStringLiteral("S2 queued"));
    QCOMPARE(where(c2.value(QStringLiteral("Nikon_D700.jpg"))), QStringLiteral("S2 queued"));
    QCOMPARE(where(c2.value(pngName)), QStringLiteral("S1"));

    // S1 owes S2 three photos; S2 owes nothing.
    const Run queue = ctl(dirA(), { QStringLiteral("--json"), QStringLiteral("queue") });
    QCOMPARE(queue.code, 0);
    QCOMPARE(queue.records.size(), 3);
    QCOMPARE(queue.summary.value(QStringLiteral("queued")).toInt(), 3);
    for (const QJsonObject &forward : queue.records) {
        for (const char *field : { "photo", "sha256", "to", "since", "attempts", "last_error" })
            QVERIFY2(forward.contains(QLatin1String(field)), field);
        QCOMPARE(forward.value(QStringLiteral("to")).toString(), QStringLiteral("S2"));
        QCOMPARE(forward.value(QStringLiteral("attempts")).toInt(), 0);
    }
    QCOMPARE(ctl(dirB(), { QStringLiteral("--json"), QStringLiteral("queue") }).records.size(), 0);

    // Received at S2, C2's Canon goes to S1 by its camera; nothing else of this card leaves.
    QCOMPARE(ctl(dirB(), { QStringLiteral("ingest"), QStringLiteral("--customer"), QStringLiteral("C2"), QStringLiteral("--no-thumbnails"),
                           card(QStringLiteral("card3"), { canon, QStringLiteral("real/tiff/Canon_EOS_6D_example.tif") }) }).code, 0);
    const Run fromB = ctl(dirB(), { QStringLiteral("--json"), QStringLiteral("queue") });
    QCOMPARE(fromB.records.size(), 1);
    QCOMPARE(fromB.records.first().value(QStringLiteral("to")).toString(), QStringLiteral("S1"));
    QCOMPARE(where(photosOf(dirA(), QStringLiteral("C2")).value(QStringLiteral("Canon_EOS_6D_example.tif"))), QStringLiteral("S2"));
}

void TestChain::handInOwed(QList<QJsonObject> &owed)
{
    makeTwoDevices();
    registerRoutes();
    QCOMPARE(ctl(dirA(), { QStringLiteral("ingest"), QStringLiteral("--customer"), QStringLiteral("C1"), QStringLiteral("--no-thumbnails"),
                           Test::corpusPath(QStringLiteral("real/png")) }).code, 0);
    QCOMPARE(ctl(dirA(), { QStringLiteral("ingest"), QStringLiteral("--customer"), QStringLiteral("C2"), QStringLiteral("--no-thumbnails"),
                           Test::corpusPath(QStringLiteral("real/tiff")) }).code, 0);
    owed = ctl(dirA(), { QStringLiteral("--json"), QStringLiteral("queue") }).records;
    QVERIFY(owed.size() >= 2);
}

// The forwarder's part, done by hand: the target stores the bytes, the forward goes,
// the receiver drops its copy.
void TestChain::deliverByHand(const Lab &from, const Lab &to, const QList<QJsonObject> &owed)
{
    const ForwardQueue queue(from.catalog());
    BlobStore::Batch batch(to.store());
    for (const QJsonObject &forward : owed) {
        QFile file(from.store().pathFor(forward.value(QStringLiteral("sha256")).toString()));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(batch.add(forward.value(QStringLiteral("sha256")).toString(), file.readAll()));
    }
    QVERIFY(batch.commit());
    for (const QJsonObject &forward : owed) {
        const QString sha = forward.value(QStringLiteral("sha256")).toString();
        QVERIFY(*queue.stillNeeded(from.device()->id, sha));
        QVERIFY(queue.delivered(forward.value(QStringLiteral("photo")).toInteger()));
        QVERIFY(!*queue.stillNeeded(from.device()->id, sha));
        QVERIFY(*queue.stillNeeded(to.device()->id, sha));
        QVERIFY(*LabDevice::dropForwardedCopy(from, sha));
        QVERIFY(!from.store().contains(sha));
    }
}

void TestChain::keepsWhatItOwesUntilDelivered()
{
    QList<QJsonObject> owed;
    handInOwed(owed);
    if (QTest::currentTestFailed())
        return;
    // S1 holds what it owes S2 (a repair keeps it); S2 is not yet missing what is on its way.
    for (const QString &dir : { dirA(), dirB() }) {
        const Run checked = ctl(dir, { QStringLiteral("--json"), QStringLiteral("check"), QStringLiteral("--repair") });
        QVERIFY2(checked.code == 0, checked.out.constData());
        QCOMPARE(checked.summary.value(QStringLiteral("repaired")).toInt(), 0);
    }
    auto labA = openLab(dirA());
    auto labB = openLab(dirB());
    QVERIFY(labA && labB && labA->device() && labB->device());
    for (const QJsonObject &forward : owed)
        QVERIFY(labA->store().contains(forward.value(QStringLiteral("sha256")).toString()));
    deliverByHand(*labA, *labB, owed);
    QCOMPARE(ctl(dirA(), { QStringLiteral("--json"), QStringLiteral("queue") }).records.size(), 0);
    for (const QString &dir : { dirA(), dirB() }) {
        const Run checked = ctl(dir, { QStringLiteral("--json"), QStringLiteral("check") });
        QVERIFY2(checked.code == 0, checked.out.constData());
        QVERIFY(checked.summary.value(QStringLiteral("checked")).toInt() > 0);
    }
    for (const QJsonObject &photo : photosOf(dirA(), QStringLiteral("C1")))
        QVERIFY(!photo.value(QStringLiteral("queued")).toBool());
}

void TestChain::eachDeviceChecksItsOwnFiles()
{
    QList<QJsonObject> owed;
    handInOwed(owed);
    if (QTest::currentTestFailed())
        return;
    auto labA = openLab(dirA());
    auto labB = openLab(dirB());
    QVERIFY(labA && labB && labA->device() && labB->device());
    deliverByHand(*labA, *labB, owed);
    // A copy of S2's file at S1 is a stray there, and only there.
    const QString sha = owed.first().value(QStringLiteral("sha256")).toString();
    QFile copy(labB->store().pathFor(sha));
    QVERIFY(copy.open(QIODevice::ReadOnly));
    BlobStore::Batch stray(labA->store());
    QVERIFY(stray.add(sha, copy.readAll()));
    QVERIFY(stray.commit());
    const Run found = ctl(dirA(), { QStringLiteral("--json"), QStringLiteral("check") });
    QVERIFY2(found.code == 3, found.out.constData());
    QCOMPARE(found.summary.value(QStringLiteral("unreferenced")).toInt(), 1);
    QCOMPARE(ctl(dirA(), { QStringLiteral("check"), QStringLiteral("--repair") }).code, 0);
    QVERIFY(!labA->store().contains(sha));
    QVERIFY(labB->store().contains(sha));
    QCOMPARE(ctl(dirB(), { QStringLiteral("check") }).code, 0);
    // A file S2 should hold but lost is missing at S2, not at S1.
    QVERIFY(QFile::remove(labB->store().pathFor(sha)));
    QCOMPARE(ctl(dirB(), { QStringLiteral("--json"), QStringLiteral("check") }).summary.value(QStringLiteral("missing")).toInt(), 1);
    QCOMPARE(ctl(dirA(), { QStringLiteral("check") }).code, 0);
}

void TestChain::claimsForwardsOnce()
{
    makeTwoDevices();
    registerRoutes();
    QCOMPARE(ctl(dirA(), { QStringLiteral("ingest"), QStringLiteral("--customer"), QStringLiteral("C1"), QStringLiteral("--no-thumbnails"),
                           Test::corpusPath(QStringLiteral("real/png")) }).code, 0);
    auto lab = openLab(dirA());
    QVERIFY(lab && lab->device());
    const qint64 from = lab->device()->id;
    const ForwardQueue queue(lab->catalog());
    const int owed = int(queue.pending(from)->size());
    QVERIFY(owed >= 3);
    const QDateTime now = m_clock.now();
    const Result<QList<Forward>> first = queue.claimDue(from, QStringLiteral("one"), now, now.addSecs(600), 2);
    QVERIFY(first);
    QCOMPARE(first->size(), 2);
    const Result<QList<Forward>> second = queue.claimDue(from, QStringLiteral("two"), now, now.addSecs(600), 100);
    QCOMPARE(second->size(), owed - 2);
    for (const Forward &mine : *second)
        QVERIFY(std::none_of(first->cbegin(), first->cend(), [&](const Forward &f) { return f.photoId == mine.photoId; }));
    QCOMPARE(queue.claimDue(from, QStringLiteral("three"), now, now.addSecs(600), 100)->size(), 0);
    // A failed attempt is counted, its reason kept, and it waits until its next attempt.
    QVERIFY(queue.failed(first->first().photoId, QStringLiteral("S2 is unreachable"), now.addSecs(60)));
    const Run listed = ctl(dirA(), { QStringLiteral("--json"), QStringLiteral("queue") });
    const auto failed = std::find_if(listed.records.cbegin(), listed.records.cend(), [&](const QJsonObject &r) {
        return r.value(QStringLiteral("photo")).toInteger() == first->first().photoId;
    });
    QVERIFY(failed != listed.records.cend());
    QCOMPARE(failed->value(QStringLiteral("attempts")).toInt(), 1);
    QCOMPARE(failed->value(QStringLiteral("last_error")).toString(), QStringLiteral("S2 is unreachable"));
    QCOMPARE(queue.claimDue(from, QStringLiteral("three"), now.addSecs(30), now.addSecs(630), 100)->size(), 0);
    // A claim that ran out (its sender died) goes to the next sender.
    const Result<QList<Forward>> later = queue.claimDue(from, QStringLiteral("three"), now.addSecs(601), now.addSecs(1200), 100);
    QCOMPARE(later->size(), owed);
}

void TestChain::discOfOneStoreIsAppendedAtAnother()
{
    makeTwoDevices();
    registerRoutes();
    // C2 has no home: what each store receives for them stays there.
    QCOMPARE(ctl(dirA(), { QStringLiteral("ingest"), QStringLiteral("--customer"), QStringLiteral("C2"), QStringLiteral("--album"),
                           QStringLiteral("At S1"), Test::corpusPath(QStringLiteral("real/png")) }).code, 0);
    QCOMPARE(ctl(dirB(), { QStringLiteral("ingest"), QStringLiteral("--customer"), QStringLiteral("C2"), QStringLiteral("--album"),
                           QStringLiteral("At S2"), card(QStringLiteral("card"), { QStringLiteral("real/tiff/Canon_EOS_6D_example.tif") }) }).code, 0);
    QHash<QString, qint64> albums;
    for (const QJsonObject &album : ctl(dirA(), { QStringLiteral("--json"), QStringLiteral("albums"), QStringLiteral("--customer"),
                                                  QStringLiteral("C2") }).records)
        albums.insert(album.value(QStringLiteral("title")).toString(), album.value(QStringLiteral("id")).toInteger());
    QVERIFY(albums.contains(QStringLiteral("At S1")) && albums.contains(QStringLiteral("At S2")));
    const QString drive = QStringLiteral("stdio:") + m_dir->filePath(QStringLiteral("disc.iso"));
    const Run first = ctl(dirA(), { QStringLiteral("burn"), QStringLiteral("--customer"), QStringLiteral("C2"), QStringLiteral("--albums"),
                                    QString::number(albums.value(QStringLiteral("At S1"))), QStringLiteral("--drive"), drive });
    QVERIFY2(first.code == 0, first.out + first.err);
    // S2 signs with a key of its own, yet takes S1's disc as the chain's and appends to it.
    const Run shown = ctl(dirB(), { QStringLiteral("--json"), QStringLiteral("disc"), QStringLiteral("show"), QStringLiteral("--drive"), drive });
    QVERIFY2(shown.out.contains("\"signed_by_this_lab\":true"), shown.out.constData());
    const Run appended = ctl(dirB(), { QStringLiteral("burn"), QStringLiteral("--customer"), QStringLiteral("C2"), QStringLiteral("--albums"),
                                       QString::number(albums.value(QStringLiteral("At S2"))), QStringLiteral("--drive"), drive });
    QVERIFY2(appended.code == 0, appended.out + appended.err);
    QVERIFY(appended.out.contains("session 2"));
    QVERIFY(QFile::exists(QDir(dirA()).filePath(QStringLiteral("lab-key.pem"))));
    QVERIFY(QFile::exists(QDir(dirB()).filePath(QStringLiteral("lab-key.pem"))));
    auto lab = openLab(dirA());
    SqlQuery keys(lab->catalog().db(), QStringLiteral("SELECT count(*), count(device_id) FROM lab_keys"));
    QVERIFY(keys.exec() && keys.next());
    QCOMPARE(keys.integer(0), 2);
    QCOMPARE(keys.integer(1), 2);
    lab.reset();

    // A store on a catalog of its own is another lab: its key is not the chain's.
    const QString dirC = m_dir->filePath(QStringLiteral("c"));
    const QString ownCatalog = QStringLiteral("sqlite:") + QDir(dirC).filePath(QStringLiteral("catalog.sqlite"));
    QCOMPARE(ctl(dirC, { QStringLiteral("customer"), QStringLiteral("add"), QStringLiteral("--code"), QStringLiteral("C2"),
                         QStringLiteral("--name"), QStringLiteral("Elsewhere") }, ownCatalog).code, 0);
    QCOMPARE(ctl(dirC, { QStringLiteral("ingest"), QStringLiteral("--customer"), QStringLiteral("C2"),
                         Test::corpusPath(QStringLiteral("real/png")) }, ownCatalog).code, 0);
    const Run foreign = ctl(dirC, { QStringLiteral("burn"), QStringLiteral("--customer"), QStringLiteral("C2"), QStringLiteral("--albums"),
                                    QStringLiteral("1"), QStringLiteral("--drive"), drive }, ownCatalog);
    QVERIFY2(foreign.code == 4, foreign.out + foreign.err);
    QVERIFY(foreign.err.contains("not by this lab") || foreign.out.contains("not by this lab"));
}

QTEST_GUILESS_MAIN(TestChain)
#include "tst_chain.moc"
