// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The counter window driven like a clerk would: find a customer, see albums and
// thumbnails, the day's dashboard, a hand-in with progress, the audit trail, the
// settings, and its screens rendered at 1920×1080.
#include "UiTestSupport.h"
#include "base/Translations.h"
#include "catalog/Settings.h"
#include "common/JobProgress.h"
#include "common/PhotoGridModel.h"
#include "counter/AuditDialog.h"
#include "counter/CounterWindow.h"
#include "counter/CustomerPanel.h"
#include "counter/DashboardPanel.h"
#include "counter/JobDialog.h"
#include "counter/SettingsDialog.h"

#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTreeWidget>
#include <QtTest>

using namespace Keepsake;
using namespace Keepsake::Test;

class TestCounter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void searchFindsByCodeNamePhoneAndEmail_data();
    void searchFindsByCodeNamePhoneAndEmail();
    void customerShowsAlbumsAndThumbnails();
    void handInWithProgress();
    void auditTrail();
    void dashboardShowsExpiringSoon();
    void settingsAreSaved();
    void screensAt1920x1080();

private:
    void choose(const QString &search);

    TestLab m_lab;
    Translations m_translations;
    std::unique_ptr<CounterWindow> m_window;
    QListWidget *m_list = nullptr;
};

void TestCounter::initTestCase()
{
    QVERIFY(m_lab.open());
    m_translations.install(QStringLiteral("en"));
    QVERIFY(m_lab.addCustomer(QStringLiteral("A1"), QStringLiteral("Anna Berg"), QStringLiteral("2468"),
                              QStringLiteral("anna@example.org"), QStringLiteral("+49 30 1234")));
    QVERIFY(m_lab.addCustomer(QStringLiteral("B2"), QStringLiteral("Bruno Weiß"), QString(),
                              QStringLiteral("bruno@example.net"), QStringLiteral("0171 555")));
    QVERIFY(m_lab.ingest(QStringLiteral("A1"), { QStringLiteral("real/jpeg") }).added > 3);
    m_window = std::make_unique<CounterWindow>(*m_lab.lab);
    m_window->resize(1920, 1080);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QVERIFY(m_window->windowTitle().startsWith(QLatin1String("Keepsake")));
    m_list = m_window->findChild<QListWidget *>(QStringLiteral("customerList"));
    QVERIFY(m_list);
}

void TestCounter::choose(const QString &search)
{
    auto *field = m_window->findChild<QLineEdit *>(QStringLiteral("customerSearch"));
    field->clear();
    QTest::keyClicks(field, search);
    QTRY_VERIFY(m_list->count() == 1 && m_list->item(0)->text().contains(search, Qt::CaseInsensitive));
    QSignalSpy loaded(m_window->customers(), &CustomerPanel::loaded);
    m_list->setCurrentRow(-1);
    m_list->setCurrentRow(0);
    QVERIFY(loaded.wait());
}

void TestCounter::searchFindsByCodeNamePhoneAndEmail_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("code");
    QTest::newRow("code") << QStringLiteral("b2") << QStringLiteral("B2");
    QTest::newRow("name") << QStringLiteral("berg") << QStringLiteral("A1");
    QTest::newRow("phone") << QStringLiteral("0171") << QStringLiteral("B2");
    QTest::newRow("e-mail") << QStringLiteral("anna@") << QStringLiteral("A1");
}

void TestCounter::searchFindsByCodeNamePhoneAndEmail()
{
    QFETCH(QString, text);
    QFETCH(QString, code);
    auto *field = m_window->findChild<QLineEdit *>(QStringLiteral("customerSearch"));
    field->clear();
    QTest::keyClicks(field, text);
    QTRY_VERIFY(m_list->count() == 1 && m_list->item(0)->text().startsWith(code));
}

void TestCounter::customerShowsAlbumsAndThumbnails()
{
    choose(QStringLiteral("Anna"));
    auto *header = m_window->findChild<QLabel *>(QStringLiteral("customerHeader"));
    QCOMPARE(header->text(), QStringLiteral("A1 — Anna Berg"));
    QVERIFY(m_window->findChild<QLabel *>(QStringLiteral("customerDetails"))->text().contains(QLatin1String("anna@example.org")));
    auto *albums = m_window->findChild<QTreeWidget *>(QStringLiteral("albumTree"));
    const CustomerData &data = m_window->customers()->data();
    QCOMPARE(albums->topLevelItemCount(), int(data.albums.size()));
    QVERIFY(albums->topLevelItemCount() > 1);
    QVERIFY(albums->topLevelItem(0)->text(1) == QLatin1String("active"));
    QVERIFY(albums->topLevelItem(0)->text(3).contains(QLatin1String("Standard 90 days")));   // the reason
    PhotoGridModel *grid = m_window->customers()->grid();
    QCOMPARE(grid->rowCount(), int(data.photos.size()));   // all photos until an album is chosen
    QTRY_VERIFY(grid->loadedCount() > 0);
    // Choosing an album narrows the grid to it.
    albums->topLevelItem(0)->setSelected(true);
    QCOMPARE(grid->rowCount(), data.albums.first().photos);
    albums->clearSelection();
}

void TestCounter::handInWithProgress()
{
    choose(QStringLiteral("B2"));
    QSignalSpy changed(m_window->customers(), &CustomerPanel::changed);
    m_window->customers()->importFolder(corpusPath(QStringLiteral("real/png")));
    JobDialog *dialog = m_window->customers()->jobDialog();
    QVERIFY(dialog && dialog->isVisible());
    QVERIFY(changed.wait(60000));
    QVERIFY(!dialog->progress()->isBusy());
    QCOMPARE(dialog->progress()->percent(), 100);
    QVERIFY(dialog->findChild<QLabel *>(QStringLiteral("jobDetail"))->text().contains(QLatin1String("new")));
    QTRY_VERIFY(!m_window->customers()->data().photos.isEmpty());
    dialog->findChild<QPushButton *>(QStringLiteral("jobClose"))->click();
    QTRY_VERIFY(!dialog->isVisible());
}

void TestCounter::auditTrail()
{
    choose(QStringLiteral("A1"));
    QTest::mouseClick(m_window->findChild<QPushButton *>(QStringLiteral("auditButton")), Qt::LeftButton);
    AuditDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = m_window->findChild<AuditDialog *>()) != nullptr);
    QVERIFY(dialog->entryCount() >= 1);   // the hand-in
    const auto *entries = dialog->findChild<QTreeWidget *>(QStringLiteral("auditEntries"));
    QCOMPARE(entries->topLevelItem(0)->text(2), QStringLiteral("handin"));
    dialog->close();
}

void TestCounter::dashboardShowsExpiringSoon()
{
    // 80 days after the hand-in the albums of 90 days are within the notice window.
    m_lab.clock.advanceDays(80);
    m_window->dashboard()->refresh();
    auto *expiring = m_window->findChild<QTreeWidget *>(QStringLiteral("expiringTree"));
    QVERIFY(expiring->topLevelItemCount() > 0);
    QVERIFY(expiring->topLevelItem(0)->text(0).startsWith(QLatin1String("A1")));
    QVERIFY(m_window->findChild<QLabel *>(QStringLiteral("dashboardSummary"))->text().contains(QLatin1String("expiring soon")));
    // Activating a row opens that customer.
    QSignalSpy loaded(m_window->customers(), &CustomerPanel::loaded);
    Q_EMIT expiring->itemActivated(expiring->topLevelItem(0), 0);
    QVERIFY(loaded.wait());
    QCOMPARE(m_window->customers()->data().customer.code, QStringLiteral("A1"));
    m_lab.clock.advanceDays(-80);
    m_window->dashboard()->refresh();
}

void TestCounter::settingsAreSaved()
{
    SettingsDialog dialog(*m_lab.lab, m_window.get());
    QLineEdit *name = dialog.field(QStringLiteral("lab.name"));
    QVERIFY(name);
    name->setText(QStringLiteral("Foto Sonne Berlin"));
    dialog.field(QStringLiteral("notice.days_before"))->setText(QStringLiteral("not a number"));
    QVERIFY(!dialog.save());   // refused, with the reason shown
    QVERIFY(!dialog.findChild<QLabel *>(QStringLiteral("settingsMessage"))->text().isEmpty());
    dialog.field(QStringLiteral("notice.days_before"))->setText(QStringLiteral("21"));
    QVERIFY(dialog.save());
    const Settings settings(m_lab.lab->catalog());
    QCOMPARE(*settings.value(QStringLiteral("lab.name")), QStringLiteral("Foto Sonne Berlin"));
    QCOMPARE(settings.intValue(QStringLiteral("notice.days_before")), 21);
    QCOMPARE(dialog.findChild<QLabel *>(QStringLiteral("dataFolder"))->text(), m_lab.lab->dataDir());
}

void TestCounter::screensAt1920x1080()
{
    const QSize size(1920, 1080);
    choose(QStringLiteral("A1"));
    PhotoGridModel *grid = m_window->customers()->grid();
    QTRY_VERIFY(grid->loadedCount() >= qMin(8, grid->rowCount()));
    const QImage customers = shoot(m_window.get(), size, QStringLiteral("counter-customer"));
    QCOMPARE(customers.size(), size);
    QVERIFY(distinctColours(customers) > 500);   // thumbnails on screen
    for (const char *name : { "customerSearch", "customerList", "albumTree", "photoGrid", "recordButton", "auditButton" })
        QVERIFY2(visibleInside(m_window.get(), m_window->findChild<QWidget *>(QLatin1String(name))), name);
    QCOMPARE(m_window->findChild<QLabel *>(QStringLiteral("customerHeader"))->text(), QStringLiteral("A1 — Anna Berg"));

    m_lab.clock.advanceDays(80);
    m_window->dashboard()->refresh();
    m_window->findChild<QTabWidget *>(QStringLiteral("counterTabs"))->setCurrentWidget(m_window->dashboard());
    const QImage today = shoot(m_window.get(), size, QStringLiteral("counter-today"));
    QVERIFY(distinctColours(today) > 20);
    for (const char *name : { "expiringTree", "expiredTree", "graceTree", "failedNoticesTree", "dashboardSummary" })
        QVERIFY2(visibleInside(m_window.get(), m_window->findChild<QWidget *>(QLatin1String(name))), name);
    m_lab.clock.advanceDays(-80);
    m_window->findChild<QTabWidget *>(QStringLiteral("counterTabs"))->setCurrentIndex(0);
}

QTEST_MAIN(TestCounter)
#include "tst_counter.moc"
