// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The lab the browser tests visit: one device (`keepsakectl device init`, then `serve`
// on a free loopback port with its own certificate), a real SMTP server for its mails,
// and four customers with PINs and e-mail addresses:
//   C1 Anna Berg: "Garden party" (shared with C3 and viewer@example.org) and "Holiday"
//      (shared with viewer@example.org, kept 200 days; once shared with C4, revoked);
//   C2 Ben Ode: "Ben's pictures", shared with C1;
//   C3 Cora Li (German): a viewer of "Garden party" only; C4 Dan Roe: nothing.
#pragma once

#include "BrowserScenario.h"
#include "NetworkChain.h"
#include "SmtpTestServer.h"
#include "TestSupport.h"

#include <QCryptographicHash>
#include <QDate>
#include <QJsonArray>
#include <QSet>
#include <QStandardPaths>

namespace Keepsake::Test {

class WebTestLab
{
public:
    // Makes the lab and starts its service; QVERIFY's failures end the calling slot.
    void setUp()
    {
        QVERIFY(m_dir.isValid());
        const QString missing = BrowserScenarios::missing();
        QVERIFY2(missing.isEmpty(), qPrintable(QStringLiteral("the browser tests cannot run: ") + missing));
        QVERIFY2(!QStandardPaths::findExecutable(QStringLiteral("faketime")).isEmpty(),
                 "faketime is missing: apt-get install faketime");
        QVERIFY2(smtp.start(), qPrintable(smtp.failure()));
        device = std::make_unique<ChainDevice>(QStringLiteral("web"), m_dir.filePath(QStringLiteral("lab")),
                                               testCatalogUrl(m_dir.path()));
        QVERIFY(device->init());
        const QList<QStringList> settings { { QStringLiteral("smtp.host"), QStringLiteral("127.0.0.1") },
                                            { QStringLiteral("smtp.port"), QString::number(smtp.port()) },
                                            { QStringLiteral("smtp.starttls"), QStringLiteral("off") },
                                            { QStringLiteral("smtp.from"), QStringLiteral("lab@keepsake.test") },
                                            { QStringLiteral("lab.name"), QStringLiteral("Fotohaus Web") } };
        for (const QStringList &setting : settings)
            QCOMPARE(run({ QStringLiteral("config"), QStringLiteral("set"), setting.at(0), setting.at(1) }).code, 0);
        addCustomers();
        if (QTest::currentTestFailed())
            return;
        handInAndShare();
        if (QTest::currentTestFailed())
            return;
        QVERIFY(device->start());
        const QString spki = BrowserScenarios::spkiHash(device->dataDir + QStringLiteral("/device-cert.pem"));
        QVERIFY2(spki.size() == 44, "openssl gave no SPKI hash of device-cert.pem");
        QVERIFY(QDir().mkpath(out()));
        browser = std::make_unique<BrowserScenarios>(pageUrl(), spki, out());
    }

    void tearDown()
    {
        if (device)
            QVERIFY(device->stop());
        smtp.stop();
    }

    CtlRun run(const QStringList &args) const { return device->run(args); }
    // The customers' page: below /web/ of the device's address.
    QString pageUrl() const { return device->url() + QStringLiteral("/web/"); }
    // Screenshots and downloads; kept in $KEEPSAKE_WEB_KEEP when set (to look at them).
    QString out() const
    {
        const QString keep = qEnvironmentVariable("KEEPSAKE_WEB_KEEP");
        return keep.isEmpty() ? m_dir.filePath(QStringLiteral("out")) : keep;
    }
    QString folder(const QString &name) const { return m_dir.filePath(name); }
    qint64 album(const QString &title) const { return albums.value(title); }

    // An album's photos as `photos --json` lists them: name -> sha256.
    QHash<QString, QString> photosOf(qint64 id) const
    {
        QHash<QString, QString> photos;
        const CtlRun listed = run({ QStringLiteral("photos"), QStringLiteral("--album"), QString::number(id) });
        for (const QJsonObject &photo : listed.records())
            photos.insert(photo.value(QStringLiteral("name")).toString(), photo.value(QStringLiteral("sha256")).toString());
        return photos;
    }

    // The lab's expiry sweep as another process, its clock DAYS ahead.
    bool sweep(int days) const
    {
        QProcess faketime;
        faketime.start(QStringLiteral("faketime"), QStringList { QStringLiteral("-f"), QStringLiteral("+%1d").arg(days),
                                                                 keepsakectl() } + device->local({ QStringLiteral("expire") }));
        if (!faketime.waitForFinished(300000) || (faketime.exitCode() != 0 && faketime.exitCode() != 3)) {
            qWarning().noquote() << "expire under faketime:" << faketime.exitCode() << faketime.readAllStandardOutput()
                                 << faketime.readAllStandardError();
            return false;
        }
        return true;
    }

    static QString sha256Of(const QString &path)
    {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return {};
        QCryptographicHash hash(QCryptographicHash::Sha256);
        hash.addData(&file);
        return QString::fromLatin1(hash.result().toHex());
    }

    static QString json(const QJsonValue &value)
    {
        return QString::fromUtf8(value.isArray() ? QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact)
                                                 : QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    }

    static QSet<qint64> albumIds(const QJsonValue &listed)
    {
        QSet<qint64> ids;
        for (const QJsonValue &album : listed.toArray())
            ids.insert(album.toObject().value(QStringLiteral("id")).toInteger());
        return ids;
    }

    // No CSP refusal and no script error on a person's page.
    static void checkFaults(const QJsonObject &person)
    {
        const QJsonObject faults = person.value(QStringLiteral("faults")).toObject();
        QVERIFY2(faults.value(QStringLiteral("csp")).toArray().isEmpty(), qPrintable(json(faults)));
        QVERIFY2(faults.value(QStringLiteral("pageErrors")).toArray().isEmpty(), qPrintable(json(faults)));
    }

    std::unique_ptr<ChainDevice> device;
    SmtpTestServer smtp;
    std::unique_ptr<BrowserScenarios> browser;
    QHash<QString, qint64> albums;   // title -> id

private:
    void addCustomers()
    {
        const QList<QStringList> customers {
            { QStringLiteral("C1"), QStringLiteral("Anna Berg"), QStringLiteral("anna@example.org"), QStringLiteral("1234") },
            { QStringLiteral("C2"), QStringLiteral("Ben Ode"), QStringLiteral("ben@example.org"), QStringLiteral("2345") },
            { QStringLiteral("C3"), QStringLiteral("Cora Li"), QStringLiteral("cora@example.org"), QStringLiteral("3456") },
            { QStringLiteral("C4"), QStringLiteral("Dan Roe"), QStringLiteral("dan@example.org"), QStringLiteral("4567") },
        };
        for (const QStringList &c : customers) {
            // Cora speaks German; the others English.
            const QString language = c.at(0) == QLatin1String("C3") ? QStringLiteral("de") : QStringLiteral("en");
            const CtlRun added = run({ QStringLiteral("customer"), QStringLiteral("add"), QStringLiteral("--code"), c.at(0),
                                       QStringLiteral("--name"), c.at(1), QStringLiteral("--email"), c.at(2),
                                       QStringLiteral("--pin"), c.at(3), QStringLiteral("--lang"), language });
            QVERIFY2(added.code == 0, qPrintable(added.why()));
        }
    }

    void handInAndShare()
    {
        QVERIFY(handIn(QStringLiteral("C1"), QStringLiteral("Garden party"),
                       { QStringLiteral("real/jpeg/Canon_EOS_7D.jpg"), QStringLiteral("real/jpeg/Nikon_D700.jpg"),
                         QStringLiteral("real/jpeg/DSCN0010.jpg") }));
        QVERIFY(handIn(QStringLiteral("C1"), QStringLiteral("Holiday"),
                       { QStringLiteral("real/jpeg/Olympus_E-420.jpg"), QStringLiteral("real/jpeg/Pentax_K10D.jpg") }));
        QVERIFY(handIn(QStringLiteral("C2"), QStringLiteral("Ben's pictures"),
                       { QStringLiteral("real/png/imagemagick.png"), QStringLiteral("real/jpeg/Sony_DSC-HX5V.jpg") }));
        const auto share = [this](const char *verb, const QString &title, const QString &with) {
            const CtlRun shared = run({ QStringLiteral("share"), QString::fromLatin1(verb), QStringLiteral("--album"),
                                        QString::number(album(title)), QStringLiteral("--with"), with });
            if (shared.code != 0)
                qWarning().noquote() << shared.why();
            return shared.code == 0;
        };
        QVERIFY(share("add", QStringLiteral("Ben's pictures"), QStringLiteral("C1")));
        QVERIFY(share("add", QStringLiteral("Garden party"), QStringLiteral("C3")));
        QVERIFY(share("add", QStringLiteral("Garden party"), QStringLiteral("viewer@example.org")));
        QVERIFY(share("add", QStringLiteral("Holiday"), QStringLiteral("viewer@example.org")));
        QVERIFY(share("add", QStringLiteral("Holiday"), QStringLiteral("C4")));
        QVERIFY(share("remove", QStringLiteral("Holiday"), QStringLiteral("C4")));
        // "Holiday" is kept longer: the first sweep tells of the other two only.
        const CtlRun extended = run({ QStringLiteral("album"), QStringLiteral("extend"), QStringLiteral("--album"),
                                      QString::number(album(QStringLiteral("Holiday"))), QStringLiteral("--until"),
                                      QDate::currentDate().addDays(200).toString(Qt::ISODate) });
        QVERIFY2(extended.code == 0, qPrintable(extended.why()));
    }

    bool handIn(const QString &customer, const QString &title, const QStringList &files)
    {
        const QString card = folder(QStringLiteral("card-%1").arg(albums.size()));
        QDir().mkpath(card);
        for (const QString &file : files) {
            if (!QFile::copy(corpusPath(file), QDir(card).filePath(QFileInfo(file).fileName())))
                return false;
        }
        const CtlRun in = run({ QStringLiteral("ingest"), QStringLiteral("--customer"), customer, QStringLiteral("--album"),
                                title, card });
        if (in.code != 0) {
            qWarning().noquote() << in.why();
            return false;
        }
        albums.insert(title, in.records().value(0).value(QStringLiteral("album")).toInteger());
        return albums.value(title) > 0;
    }

    QTemporaryDir m_dir;
};

} // namespace Keepsake::Test
