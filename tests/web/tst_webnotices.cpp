// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Expiry notices on the customers' page, live (issue 16, "Done when"): the owner and
// every current viewer have the page open, signed in, each in a browser of their own,
// when the lab's sweep runs as another process (its clock moved ahead with faketime);
// each page shows the notice without a reload, and each person's mailbox holds it.
// The bare address's mail carries a one-time link: it signs the viewer in once, shows
// the shared albums (and the next notice live), and is refused the second time.
#include "WebTestLab.h"

#include <QRegularExpression>

using namespace Keepsake;
using namespace Keepsake::Test;

class TestWebNotices : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { m_lab.setUp(); }
    void cleanupTestCase() { m_lab.tearDown(); }
    void expiryNoticeLiveAndMailed();
    void oneTimeLinkWorksOnce();

private:
    static QJsonObject person(const QString &name, const QString &code, const QString &pin)
    {
        return { { QStringLiteral("name"), name }, { QStringLiteral("code"), code }, { QStringLiteral("pin"), pin } };
    }
    // Runs notices.mjs for PEOPLE, the sweep at DAYS ahead once their pages listen.
    BrowserRun watch(const QJsonArray &people, const QJsonObject &expect, int days) const;
    static void checkLive(const QJsonObject &report, const QStringList &titles);
    QList<ReceivedMail> mailsTo(const QString &address) const;

    WebTestLab m_lab;
    QString m_link;   // from the mail to viewer@example.org
};

BrowserRun TestWebNotices::watch(const QJsonArray &people, const QJsonObject &expect, int days) const
{
    bool swept = false;
    const BrowserRun run = m_lab.browser->run(
        QStringLiteral("notices.mjs"),
        { { QStringLiteral("WEB_PEOPLE"), WebTestLab::json(people) }, { QStringLiteral("WEB_EXPECT"), WebTestLab::json(expect) } },
        [this, days, &swept] { swept = m_lab.sweep(days); });
    if (!swept)
        qWarning("the expiry sweep under faketime did not run");
    return run;
}

// A person's page: each expected album's notice arrived as a banner and in the list,
// the page was not reloaded, and marking it read sticks, the unread listed first.
void TestWebNotices::checkLive(const QJsonObject &report, const QStringList &titles)
{
    const QString why = WebTestLab::json(report);
    QVERIFY2(!report.value(QStringLiteral("reloaded")).toBool(true), qPrintable(why));
    QCOMPARE(report.value(QStringLiteral("ariaLive")).toString(), QStringLiteral("polite"));
    const QJsonArray banners = report.value(QStringLiteral("banners")).toArray();
    for (const QString &title : titles) {
        const bool shown = std::any_of(banners.begin(), banners.end(), [&title](const QJsonValue &banner) {
            return banner.toObject().value(QStringLiteral("subject")).toString().contains(title);
        });
        QVERIFY2(shown, qPrintable(title + QStringLiteral(": ") + why));
    }
    QCOMPARE(report.value(QStringLiteral("newIds")).toArray().size(), titles.size());
    const qint64 marked = report.value(QStringLiteral("markedRead")).toInteger();
    QVERIFY2(marked > 0 && report.value(QStringLiteral("storedRead")).toBool(), qPrintable(why));
    for (const char *list : { "listedAfter", "storedOrder" }) {
        bool readSeen = false;
        for (const QJsonValue &notice : report.value(QLatin1String(list)).toArray()) {
            const bool read = notice.toObject().value(QStringLiteral("read")).toBool();
            QVERIFY2(!readSeen || read, qPrintable(QStringLiteral("unread after read in %1: %2").arg(QLatin1String(list), why)));
            readSeen = readSeen || read;
        }
    }
    // The albums told of are flagged on the list without a reload.
    for (const QJsonValue &value : report.value(QStringLiteral("albumsAfter")).toArray()) {
        const QJsonObject album = value.toObject();
        if (titles.contains(album.value(QStringLiteral("title")).toString()))
            QVERIFY2(album.value(QStringLiteral("expiring")).toBool(), qPrintable(WebTestLab::json(album)));
    }
    WebTestLab::checkFaults(report);
}

QList<ReceivedMail> TestWebNotices::mailsTo(const QString &address) const
{
    QList<ReceivedMail> found;
    const QList<ReceivedMail> all = m_lab.smtp.mails();
    for (const ReceivedMail &mail : all) {
        if (mail.to.contains(address))
            found.append(mail);
    }
    return found;
}

void TestWebNotices::expiryNoticeLiveAndMailed()
{
    const QString garden = QStringLiteral("Garden party");
    const QString bens = QStringLiteral("Ben's pictures");
    // 80 days on, both albums kept 90 days are within the 14 days' notice.
    const QJsonArray people { person(QStringLiteral("anna"), QStringLiteral("C1"), QStringLiteral("1234")),
                              person(QStringLiteral("ben"), QStringLiteral("C2"), QStringLiteral("2345")),
                              person(QStringLiteral("cora"), QStringLiteral("C3"), QStringLiteral("3456")) };
    const QJsonObject expect { { QStringLiteral("anna"), QJsonArray { garden, bens } },
                               { QStringLiteral("ben"), QJsonArray { bens } },
                               { QStringLiteral("cora"), QJsonArray { garden } } };
    const BrowserRun run = watch(people, expect, 80);
    QVERIFY2(run.ok(), qPrintable(run.why()));
    const QJsonObject reports = run.result.value(QStringLiteral("people")).toObject();
    for (auto it = expect.begin(); it != expect.end(); ++it) {
        QStringList titles;
        for (const QJsonValue &title : it.value().toArray())
            titles.append(title.toString());
        checkLive(reports.value(it.key()).toObject(), titles);
        if (QTest::currentTestFailed())
            return;
    }
    // And in each mailbox, the bare address's too: one mail per album told of.
    const QList<QPair<QString, QStringList>> mailboxes {
        { QStringLiteral("anna@example.org"), { garden, bens } }, { QStringLiteral("ben@example.org"), { bens } },
        { QStringLiteral("cora@example.org"), { garden } }, { QStringLiteral("viewer@example.org"), { garden } },
        { QStringLiteral("dan@example.org"), {} } };
    for (const auto &[address, titles] : mailboxes) {
        const QList<ReceivedMail> mails = mailsTo(address);
        QCOMPARE(mails.size(), titles.size());
        for (const QString &title : titles) {
            QVERIFY2(std::any_of(mails.begin(), mails.end(), [&title](const ReceivedMail &m) { return m.subject.contains(title); }),
                     qPrintable(address + QStringLiteral(": no mail of ") + title));
        }
    }
    const QRegularExpression link(QRegularExpression::escape(m_lab.pageUrl()) + QStringLiteral("l/[A-Za-z0-9_~.-]+"));
    const QRegularExpressionMatch found = link.match(mailsTo(QStringLiteral("viewer@example.org")).value(0).body);
    QVERIFY2(found.hasMatch(), qPrintable(QStringLiteral("no one-time link in the viewer's mail:\n")
                                          + mailsTo(QStringLiteral("viewer@example.org")).value(0).body));
    m_link = found.captured(0);
}

void TestWebNotices::oneTimeLinkWorksOnce()
{
    QVERIFY2(!m_link.isEmpty(), "no link: expiryNoticeLiveAndMailed failed");
    const QString holiday = QStringLiteral("Holiday");
    // The viewer comes by the link and keeps the page open; Anna too. 190 days on,
    // "Holiday" (kept 200) is told of, live on both pages.
    const QJsonArray people { QJsonObject { { QStringLiteral("name"), QStringLiteral("viewer") },
                                            { QStringLiteral("link"), m_link } },
                              person(QStringLiteral("anna"), QStringLiteral("C1"), QStringLiteral("1234")) };
    const QJsonObject expect { { QStringLiteral("viewer"), QJsonArray { holiday } },
                               { QStringLiteral("anna"), QJsonArray { holiday } } };
    const BrowserRun run = watch(people, expect, 190);
    QVERIFY2(run.ok(), qPrintable(run.why()));
    const QJsonObject viewer = run.result.value(QStringLiteral("people")).toObject().value(QStringLiteral("viewer")).toObject();
    QCOMPARE(viewer.value(QStringLiteral("landed")).toString(), QStringLiteral("/web/"));
    QCOMPARE(WebTestLab::albumIds(run.result.value(QStringLiteral("albums")).toObject().value(QStringLiteral("viewer"))),
             (QSet<qint64> { m_lab.album(QStringLiteral("Garden party")), m_lab.album(holiday) }));
    checkLive(viewer, { holiday });
    if (QTest::currentTestFailed())
        return;
    checkLive(run.result.value(QStringLiteral("people")).toObject().value(QStringLiteral("anna")).toObject(), { holiday });
    if (QTest::currentTestFailed())
        return;

    // The same link again, in another browser: refused, the page says why.
    const BrowserRun again = m_lab.browser->run(QStringLiteral("link.mjs"), { { QStringLiteral("WEB_LINK"), m_link } });
    QVERIFY2(again.ok(), qPrintable(again.why()));
    const QJsonObject r = again.result;
    QCOMPARE(r.value(QStringLiteral("landed")).toString(), QStringLiteral("/web/?link=used"));
    QCOMPARE(r.value(QStringLiteral("me")).toObject().value(QStringLiteral("status")).toInt(), 401);
    QVERIFY(r.value(QStringLiteral("signInShown")).toBool());
    QVERIFY(r.value(QStringLiteral("linkUsedShown")).toBool());
    QVERIFY(r.value(QStringLiteral("linkUsedText")).toString().contains(QLatin1String("used already")));
    WebTestLab::checkFaults(r);
}

QTEST_MAIN(TestWebNotices)
#include "tst_webnotices.moc"
