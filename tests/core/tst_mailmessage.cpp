// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The mail as composed goes through Python's email package (email.policy.default),
// an independent reader: names and subjects in any script come back as written,
// long subjects are folded, no header carries a line break or a header of its own,
// and the body decodes.
#include "notify/MailMessage.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

using namespace Keepsake;

namespace {

// Reads the message from stdin; prints what a mail program would show, and every
// fault it finds in the raw header lines.
const char *const ReadBack = R"PY(
import email, email.policy, json, sys
raw = sys.stdin.buffer.read()
head, sep, _ = raw.partition(b"\r\n\r\n")
faults = [] if sep else ["no CRLF CRLF between header and body"]
for line in head.split(b"\r\n"):
    if b"\r" in line or b"\n" in line: faults.append("bare CR or LF in %r" % line)
    if len(line) > 78: faults.append("line longer than 78: %r" % line)
    if any(b < 0x20 and b != 9 or b > 0x7e for b in line): faults.append("not printable ASCII: %r" % line)
m = email.message_from_bytes(raw, policy=email.policy.default)
faults += [str(d) for d in m.defects]
for name in m.keys():
    faults += ["%s: %s" % (name, d) for d in m[name].defects]
def mailbox(name):
    a = m[name].addresses
    return [a[0].display_name, a[0].addr_spec] if len(a) == 1 else ["%d addresses" % len(a), ""]
print(json.dumps({"headers": sorted(k.lower() for k in m.keys()), "faults": faults, "from": mailbox("From"), "to": mailbox("To"),
                  "subject": str(m["Subject"]), "message_id": str(m["Message-ID"]),
                  "content_type": m.get_content_type(), "charset": m.get_content_charset(),
                  "body": m.get_content().replace("\r\n", "\n")}))
)PY";

QJsonObject readBack(const QByteArray &raw)
{
    QProcess python;
    python.start(QStringLiteral("/usr/bin/python3"), { QStringLiteral("-c"), QString::fromUtf8(ReadBack) });
    if (!python.waitForStarted())
        return { { QStringLiteral("error"), QStringLiteral("python3 did not start: ") + python.errorString() } };
    python.write(raw);
    python.closeWriteChannel();
    if (!python.waitForFinished(30000) || python.exitCode() != 0)
        return { { QStringLiteral("error"), QString::fromUtf8(python.readAllStandardError()) } };
    return QJsonDocument::fromJson(python.readAllStandardOutput()).object();
}

QStringList strings(const QJsonValue &value)
{
    QStringList list;
    for (const QJsonValue &v : value.toArray())
        list.append(v.toString());
    return list;
}

} // namespace

class TestMailMessage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTripsThroughPythonsEmail_data()
    {
        QTest::addColumn<QString>("fromName");
        QTest::addColumn<QString>("toName");
        QTest::addColumn<QString>("subject");
        QTest::addColumn<QString>("wantSubject");   // as a mail program shows it
        const QString japanese = QStringLiteral("山田 花子");
        QTest::newRow("Japanese name, German subject")
            << QStringLiteral("Foto Berg") << japanese << QStringLiteral("Ihr Album „Grüße aus Köln“ wird nach dem 6. November 2026 auf Disc gebrannt")
            << QString();
        const QString longGerman = QStringLiteral("Das Album „Sommerfest im Schrebergarten mit Großeltern, Tanten, Onkeln, Nachbarskindern "
                                                  "und dem übermütigen Hund Bärbel“ wird nach dem 6. November 2026 auf eine Disc "
                                                  "geschrieben, die Sie an der Theke abholen können");
        QTest::newRow("long German subject") << QStringLiteral("Fotolabor Müller & Söhne") << japanese << longGerman << QString();
        const QString longAscii = QStringLiteral("Your album \"Garden party at the lake with the whole family and all the neighbours\" "
                                                 "will be recorded on disc after November 6, 2026");
        QTest::newRow("long ASCII subject") << QStringLiteral("Foto Berg") << QStringLiteral("Anna Berg") << longAscii << QString();
        QTest::newRow("quotes, backslash, comma in names")
            << QStringLiteral("Foto \"Berg\" \\ Söhne, Köln") << QStringLiteral("O'Neil, Anna (Ann)")
            << QStringLiteral("Album \"A\" (1), <b>; x@y") << QString();
        QTest::newRow("line breaks in a subject and a name")
            << QStringLiteral("Foto Berg\r\nBcc: all@example.test") << japanese
            << QStringLiteral("Garden\r\nBcc: all@example.test\nX-Evil: 1")
            << QStringLiteral("Garden Bcc: all@example.test X-Evil: 1");
    }

    void roundTripsThroughPythonsEmail()
    {
        QFETCH(QString, fromName);
        QFETCH(QString, toName);
        QFETCH(QString, subject);
        QFETCH(QString, wantSubject);
        const QString body = QStringLiteral("こんにちは 山田 花子 様,\n\nIhr Album „Grüße“ ist fertig.\n\nFoto Berg\n");
        MailMessage mail { QStringLiteral("lab@keepsake.test"), fromName, QStringLiteral("hanako@example.test"), toName,
                           subject, body, QStringLiteral("<keepsake.expiring.42.20261106.0123456789ab@keepsake.test>"),
                           QDateTime(QDate(2026, 10, 23), QTime(10, 0), Qt::UTC) };
        const QJsonObject parsed = readBack(mail.toRfc5322());
        QVERIFY2(!parsed.contains(QStringLiteral("error")), qPrintable(parsed.value(QStringLiteral("error")).toString()));
        QCOMPARE(strings(parsed.value(QStringLiteral("faults"))), QStringList());
        QCOMPARE(strings(parsed.value(QStringLiteral("headers"))),
                 QStringList({ QStringLiteral("auto-submitted"), QStringLiteral("content-transfer-encoding"),
                               QStringLiteral("content-type"), QStringLiteral("date"), QStringLiteral("from"),
                               QStringLiteral("message-id"), QStringLiteral("mime-version"), QStringLiteral("subject"),
                               QStringLiteral("to") }));
        const QString oneLineFrom = fromName.contains(QLatin1Char('\n')) ? QStringLiteral("Foto Berg Bcc: all@example.test") : fromName;
        QCOMPARE(strings(parsed.value(QStringLiteral("from"))), QStringList({ oneLineFrom, QStringLiteral("lab@keepsake.test") }));
        QCOMPARE(strings(parsed.value(QStringLiteral("to"))), QStringList({ toName, QStringLiteral("hanako@example.test") }));
        QCOMPARE(parsed.value(QStringLiteral("subject")).toString(), wantSubject.isEmpty() ? subject : wantSubject);
        QCOMPARE(parsed.value(QStringLiteral("message_id")).toString(),
                 QStringLiteral("<keepsake.expiring.42.20261106.0123456789ab@keepsake.test>"));
        QCOMPARE(parsed.value(QStringLiteral("content_type")).toString(), QStringLiteral("text/plain"));
        QCOMPARE(parsed.value(QStringLiteral("charset")).toString(), QStringLiteral("utf-8"));
        QCOMPARE(parsed.value(QStringLiteral("body")).toString(), body);
    }
};

QTEST_GUILESS_MAIN(TestMailMessage)
#include "tst_mailmessage.moc"
