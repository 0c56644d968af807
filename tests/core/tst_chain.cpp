// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// A chain of devices on one catalog (CLI.md, "Network"), without the network: two data
// folders made devices with `keepsakectl device init`, devices listed and removed,
// terminals paired and revoked, customers and their home devices changed. Real
// keepsakectl processes on SQLite and (as tst_chain_postgres) PostgreSQL.
#include "ChainTestLab.h"

class TestChain : public ChainTestLab
{
    Q_OBJECT

private Q_SLOTS:
    void init() { setUpLab(); }
    void cleanup() { tearDownLab(); }

    void initMakesADevice();
    void listsAndRemovesDevices();
    void initCutShortIsMadeAgain();
    void pairsTerminals();
    void revokesTerminalsAtOnce();
    void changesCustomersAndTheirHome();
};

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


QTEST_GUILESS_MAIN(TestChain)
#include "tst_chain.moc"
