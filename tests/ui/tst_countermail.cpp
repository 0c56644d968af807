// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Mail that cannot go out is visible at the counter (issue 19): the dashboard and the
// status bar count waiting and failed mail with the reason; the settings read in
// words with fitting controls and send a test mail through a real SMTP server.
#include "SmtpTestServer.h"
#include "CounterTestSupport.h"
#include "UiTestSupport.h"
#include "base/CancelToken.h"
#include "base/Translations.h"
#include "catalog/Catalog.h"
#include "catalog/Settings.h"
#include "counter/CounterWindow.h"
#include "counter/DashboardPanel.h"
#include "counter/SettingsDialog.h"
#include "notify/NoticeDelivery.h"
#include "retention/ExpirySweep.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStatusBar>
#include <QTabWidget>
#include <QtTest>

using namespace Keepsake;
using namespace Keepsake::Test;

class TestCounterMail : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void queuedMailWithoutServerIsCounted();
    void settingsInWordsWithFittingControls();
    void testMailGoesThroughARealServer();
    void testMailFailureSaysWhy();
    void failedMailShowsTheServersAnswer();

private:
    TestLab m_lab;
    Translations m_translations;
    std::unique_ptr<CounterWindow> m_window;
    SmtpTestServer m_smtp;
    int m_queued = 0;
};

void TestCounterMail::initTestCase()
{
    QVERIFY(m_lab.open());
    m_translations.install(QStringLiteral("en"));
    QVERIFY(m_lab.addCustomer(QStringLiteral("A1"), QStringLiteral("Anna Berg"), QStringLiteral("2468"),
                              QStringLiteral("anna@example.org")));
    QVERIFY(m_lab.ingest(QStringLiteral("A1"), { QStringLiteral("real/png") }).added > 0);
    // Within the notice window the sweep queues notices; no mail server is set.
    m_lab.clock.advanceDays(80);
    QVERIFY(ExpirySweep(m_lab.lab->catalog(), m_lab.clock).run(false, QStringLiteral("test")));
    CancelToken never;
    const auto report = NoticeDelivery(m_lab.lab->catalog(), m_lab.clock).deliver(false, never);
    QVERIFY(report && report->noServer);
    m_queued = report->waiting;
    QVERIFY(m_queued > 0);
    QVERIFY2(m_smtp.start(), qPrintable(m_smtp.failure()));
    m_window = std::make_unique<CounterWindow>(*m_lab.lab);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

// "With no mail server set and 76 mails queued, the dashboard says 0 failed notices."
void TestCounterMail::queuedMailWithoutServerIsCounted()
{
    DashboardPanel *dashboard = m_window->dashboard();
    QCOMPARE(dashboard->mailQueue().waiting, m_queued);
    QVERIFY(dashboard->mailQueue().noServer);
    const QString summary = m_window->findChild<QLabel *>(QStringLiteral("dashboardSummary"))->text();
    QVERIFY2(summary.contains(QString::number(m_queued) + QLatin1String(" mail")), qPrintable(summary));
    auto *queue = m_window->findChild<QLabel *>(QStringLiteral("mailQueueLabel"));
    QVERIFY(!queue->isHidden());
    QVERIFY2(queue->text().contains(QLatin1String("no mail server set")), qPrintable(queue->text()));
    // The status bar says it too, with a link to the mail settings.
    QLabel *status = m_window->mailStatus();
    QVERIFY(status->isVisible());
    QVERIFY2(status->text().contains(QStringLiteral("%1 mail").arg(m_queued))
                 && status->text().contains(QLatin1String("no mail server set")), qPrintable(status->text()));
    QVERIFY(status->text().contains(QLatin1String("<a href")));
    SettingsDialog::Tab opened = SettingsDialog::Tab::Data;
    CounterWindow::settingsHook() = [&](SettingsDialog &dialog) {
        opened = SettingsDialog::Tab(dialog.findChild<QTabWidget *>(QStringLiteral("settingsTabs"))->currentIndex());
    };
    Q_EMIT status->linkActivated(QStringLiteral("settings"));
    CounterWindow::settingsHook() = nullptr;
    QCOMPARE(int(opened), int(SettingsDialog::Tab::Mail));
}

// Settings showed raw keys (smtp.starttls) as free text.
void TestCounterMail::settingsInWordsWithFittingControls()
{
    SettingsDialog dialog(*m_lab.lab, m_window.get());
    QVERIFY(qobject_cast<QLineEdit *>(dialog.field(QStringLiteral("smtp.host"))));
    QVERIFY(qobject_cast<QSpinBox *>(dialog.field(QStringLiteral("smtp.port"))));
    QVERIFY(qobject_cast<QSpinBox *>(dialog.field(QStringLiteral("notice.days_before"))));
    QVERIFY(qobject_cast<QSpinBox *>(dialog.field(QStringLiteral("grace.days"))));
    auto *security = qobject_cast<QComboBox *>(dialog.field(QStringLiteral("smtp.starttls")));
    QVERIFY(security);
    QCOMPARE(security->count(), 3);
    QVERIFY(!security->currentText().contains(QLatin1String("auto")));   // words, not the stored value
    QVERIFY(qobject_cast<QComboBox *>(dialog.field(QStringLiteral("print.receipt_paper"))));
    QVERIFY(qobject_cast<QComboBox *>(dialog.field(QStringLiteral("retention.default"))));
    auto *password = qobject_cast<QLineEdit *>(dialog.field(QStringLiteral("smtp.password")));
    QVERIFY(password && password->echoMode() == QLineEdit::Password);
    // Every setting core knows has a control, and every label is in words.
    const auto entries = Settings(m_lab.lab->catalog()).all();
    QVERIFY(entries);
    for (const Settings::Entry &entry : *entries) {
        QWidget *field = dialog.field(entry.key);
        QVERIFY2(field, qPrintable(entry.key));
        auto *form = qobject_cast<QFormLayout *>(field->parentWidget()->layout());
        QVERIFY2(form, qPrintable(entry.key));
        auto *label = qobject_cast<QLabel *>(form->labelForField(field));
        QVERIFY2(label && !label->text().contains(QLatin1Char('.')) && !label->text().contains(QLatin1Char('_')),
                 qPrintable(entry.key + QStringLiteral(": ") + (label ? label->text() : QString())));
    }
    // Every page fits, nothing cut off.
    dialog.show();
    for (const SettingsDialog::Tab tab : { SettingsDialog::Tab::Lab, SettingsDialog::Tab::Mail, SettingsDialog::Tab::Printing,
                                           SettingsDialog::Tab::Data }) {
        dialog.showTab(tab);
        shoot(&dialog, dialog.size(), QStringLiteral("counter-settings-%1").arg(int(tab)));
        const QStringList clipped = clippedLabels(&dialog);
        QVERIFY2(clipped.isEmpty(), qPrintable(clipped.join(QStringLiteral("; "))));
    }
    // Saved as core stores them.
    dialog.setValue(QStringLiteral("smtp.starttls"), QStringLiteral("required"));
    dialog.setValue(QStringLiteral("notice.days_before"), QStringLiteral("21"));
    dialog.setValue(QStringLiteral("lab.name"), QStringLiteral("Foto Sonne"));
    QVERIFY(dialog.save());
    const Settings settings(m_lab.lab->catalog());
    QCOMPARE(*settings.value(QStringLiteral("smtp.starttls")), QStringLiteral("required"));
    QCOMPARE(settings.intValue(QStringLiteral("notice.days_before")).value(), 21);
    QCOMPARE(*settings.value(QStringLiteral("lab.name")), QStringLiteral("Foto Sonne"));
    QVERIFY(settings.set(QStringLiteral("smtp.starttls"), QStringLiteral("auto")));
}

void TestCounterMail::testMailGoesThroughARealServer()
{
    SettingsDialog dialog(*m_lab.lab, m_window.get());
    dialog.setValue(QStringLiteral("smtp.host"), QStringLiteral("127.0.0.1"));
    dialog.setValue(QStringLiteral("smtp.port"), QString::number(m_smtp.port()));
    dialog.setValue(QStringLiteral("smtp.from"), QStringLiteral("lab@example.org"));
    QSignalSpy done(&dialog, &SettingsDialog::testMailDone);
    auto *to = dialog.findChild<QLineEdit *>(QStringLiteral("testMailTo"));
    QTest::keyClicks(to, QStringLiteral("clerk@example.org"));
    QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("sendTestMail")), Qt::LeftButton);
    QVERIFY(dialog.isSendingTestMail());   // off the window's thread
    QVERIFY(done.wait(30000));
    QVERIFY2(done.first().at(0).toBool(), qPrintable(done.first().at(1).toString()));
    QVERIFY(dialog.findChild<QLabel *>(QStringLiteral("testMailResult"))->text().contains(QLatin1String("was sent")));
    QTRY_VERIFY_WITH_TIMEOUT(!m_smtp.mails().isEmpty(), 10000);
    const ReceivedMail mail = m_smtp.mails().last();
    QVERIFY(mail.to.contains(QStringLiteral("clerk@example.org")));
    QVERIFY(mail.subject.contains(QLatin1String("Test mail")));
    // Nothing was saved by the test.
    QVERIFY(Settings(m_lab.lab->catalog()).value(QStringLiteral("smtp.host"))->isEmpty());
}

void TestCounterMail::testMailFailureSaysWhy()
{
    SettingsDialog dialog(*m_lab.lab, m_window.get());
    QSignalSpy done(&dialog, &SettingsDialog::testMailDone);
    dialog.sendTestMail(QStringLiteral("clerk@example.org"));   // no server
    QVERIFY(done.wait(30000));
    QCOMPARE(done.last().at(0).toBool(), false);
    QVERIFY2(done.last().at(1).toString().contains(QLatin1String("No mail server")), qPrintable(done.last().at(1).toString()));
    dialog.setValue(QStringLiteral("smtp.host"), QStringLiteral("127.0.0.1"));
    dialog.setValue(QStringLiteral("smtp.port"), QString::number(SmtpTestServer::freePort()));   // nobody listens
    dialog.sendTestMail(QStringLiteral("clerk@example.org"));
    QVERIFY(done.wait(60000));
    QCOMPARE(done.last().at(0).toBool(), false);
    const QString text = dialog.findChild<QLabel *>(QStringLiteral("testMailResult"))->text();
    QVERIFY2(text.contains(QLatin1String("was not sent")) && text.length() > 40, qPrintable(text));
}

// Mail that failed after its tries: counted with what the server said.
void TestCounterMail::failedMailShowsTheServersAnswer()
{
    const Settings settings(m_lab.lab->catalog());
    QVERIFY(settings.set(QStringLiteral("smtp.host"), QStringLiteral("127.0.0.1")));
    QVERIFY(settings.set(QStringLiteral("smtp.port"), QString::number(SmtpTestServer::freePort())));
    QVERIFY(settings.set(QStringLiteral("smtp.from"), QStringLiteral("lab@example.org")));
    CancelToken never;
    for (int attempt = 0; attempt < NoticeDelivery::MaxAttempts; ++attempt)
        QVERIFY(NoticeDelivery(m_lab.lab->catalog(), m_lab.clock).deliver(true, never));
    m_window->dashboard()->refresh();
    const MailQueue &queue = m_window->dashboard()->mailQueue();
    QCOMPARE(queue.failed, m_queued);
    QVERIFY(!queue.noServer);
    QVERIFY(!queue.lastError.isEmpty());
    const QString summary = m_window->findChild<QLabel *>(QStringLiteral("dashboardSummary"))->text();
    QVERIFY2(summary.contains(QStringLiteral("%1 failed mail").arg(m_queued)), qPrintable(summary));
    QLabel *status = m_window->mailStatus();
    QVERIFY2(status->text().contains(QLatin1String("failed")), qPrintable(status->text()));
    QVERIFY(status->toolTip().contains(queue.lastError));
    QVERIFY(m_window->findChild<QLabel *>(QStringLiteral("mailQueueLabel"))->text().contains(queue.lastError));
}

QTEST_MAIN(TestCounterMail)
#include "tst_countermail.moc"
