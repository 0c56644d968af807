// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The counter as a clerk meets it (issue 19): its actions follow the customer the
// list shows, Enter opens a match, the Recording tab picks its own customer, a
// hand-in ends with its pickup code and receipt, and the audit trail reads in words
// with filters.
#include "CounterTestSupport.h"
#include "UiTestSupport.h"
#include "base/Actor.h"
#include "base/Translations.h"
#include "catalog/AlbumEdits.h"
#include "catalog/Albums.h"
#include "catalog/AuditLog.h"
#include "catalog/Catalog.h"
#include "common/PhotoGridModel.h"
#include "common/PrintPreview.h"
#include "counter/AuditDialog.h"
#include "counter/CounterWindow.h"
#include "counter/CustomerPanel.h"
#include "counter/JobDialog.h"
#include "counter/RecordPanel.h"

#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPrintPreviewDialog>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTreeWidget>
#include <QtTest>

using namespace Keepsake;
using namespace Keepsake::Test;

class TestCounterClerk : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void actionsFollowTheVisibleCustomer();
    void enterOpensTheFirstMatch();
    void recordingTabChoosesItsCustomer();
    void handInEndsWithPickupCodeAndReceipt();
    void auditTrailInWordsWithFilters();

private:
    void typeSearch(const QString &text);

    TestLab m_lab;
    Translations m_translations;
    std::unique_ptr<CounterWindow> m_window;
    QLineEdit *m_search = nullptr;
    QListWidget *m_list = nullptr;
    qint64 m_anna = 0;
    qint64 m_bruno = 0;
    qint64 m_carla = 0;
};

void TestCounterClerk::initTestCase()
{
    QVERIFY(m_lab.open());
    m_translations.install(QStringLiteral("en"));
    m_anna = m_lab.addCustomer(QStringLiteral("A1"), QStringLiteral("Anna Berg"), QStringLiteral("2468"),
                               QStringLiteral("anna@example.org"));
    m_bruno = m_lab.addCustomer(QStringLiteral("B2"), QStringLiteral("Bruno Weiß"), QString());
    m_carla = m_lab.addCustomer(QStringLiteral("C3"), QStringLiteral("Carla Berg"), QString());
    QVERIFY(m_anna && m_bruno && m_carla);
    QVERIFY(m_lab.ingest(QStringLiteral("A1"), { QStringLiteral("real/jpeg") }, QStringLiteral("Urlaub")).added > 0);
    QVERIFY(m_lab.ingest(QStringLiteral("B2"), { QStringLiteral("real/png") }).added > 0);
    m_window = std::make_unique<CounterWindow>(*m_lab.lab);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_search = m_window->findChild<QLineEdit *>(QStringLiteral("customerSearch"));
    m_list = m_window->findChild<QListWidget *>(QStringLiteral("customerList"));
    QVERIFY(m_search && m_list);
}

void TestCounterClerk::typeSearch(const QString &text)
{
    m_search->clear();
    QTest::keyClicks(m_search, text);
    QTRY_VERIFY(m_list->count() == 0 || m_list->item(0)->text().contains(text, Qt::CaseInsensitive));
}

// "Record to disc" opened Anna's albums while the list showed only another customer:
// now a filter that hides the customer on show clears the panel, or opens the single
// customer it leaves.
void TestCounterClerk::actionsFollowTheVisibleCustomer()
{
    CustomerPanel *panel = m_window->customers();
    auto *record = m_window->findChild<QPushButton *>(QStringLiteral("recordButton"));
    auto *import = m_window->findChild<QPushButton *>(QStringLiteral("importButton"));
    auto *audit = m_window->findChild<QPushButton *>(QStringLiteral("auditButton"));
    auto *header = m_window->findChild<QLabel *>(QStringLiteral("customerHeader"));
    QSignalSpy recordAsked(panel, &CustomerPanel::recordRequested);

    typeSearch(QStringLiteral("Bruno"));   // one match: opened
    QTRY_COMPARE(panel->customerId(), m_bruno);
    QTRY_COMPARE(header->text(), QStringLiteral("B2 — Bruno Weiß"));
    QTRY_VERIFY(record->isEnabled());
    QTest::mouseClick(record, Qt::LeftButton);
    QCOMPARE(recordAsked.size(), 1);
    QCOMPARE(recordAsked.takeFirst().first().toLongLong(), m_bruno);
    m_window->findChild<QTabWidget *>(QStringLiteral("counterTabs"))->setCurrentWidget(panel);

    typeSearch(QStringLiteral("Berg"));    // Anna and Carla: Bruno is hidden
    QTRY_COMPARE(m_list->count(), 2);
    QTRY_COMPARE(panel->customerId(), qint64(0));
    QCOMPARE(header->text(), QStringLiteral("Choose a customer on the left."));
    QVERIFY(!record->isEnabled() && !import->isEnabled() && !audit->isEnabled());
    QCOMPARE(panel->grid()->rowCount(), 0);
    QTest::mouseClick(record, Qt::LeftButton);
    QCOMPARE(recordAsked.size(), 0);   // nothing acts on the hidden customer
    panel->importFolder(corpusPath(QStringLiteral("real/png")));
    QVERIFY(!panel->jobDialog() || !panel->jobDialog()->isVisible());

    typeSearch(QStringLiteral("Carla"));   // one match again: that one
    QTRY_COMPARE(panel->customerId(), m_carla);
    typeSearch(QStringLiteral("nobody here"));
    QTRY_COMPARE(panel->customerId(), qint64(0));
    QCOMPARE(m_list->count(), 0);
    QVERIFY(!record->isEnabled());
}

// Enter in the search box opens the highlighted match, else the first one.
void TestCounterClerk::enterOpensTheFirstMatch()
{
    CustomerPanel *panel = m_window->customers();
    typeSearch(QStringLiteral("Berg"));
    QTRY_COMPARE(m_list->count(), 2);
    QTRY_COMPARE(panel->customerId(), qint64(0));
    QTest::keyClick(m_search, Qt::Key_Return);
    const qint64 first = m_list->item(0)->data(Qt::UserRole).toLongLong();
    QTRY_COMPARE(panel->data().customer.id, first);
    QCOMPARE(m_list->currentRow(), 0);
    // The other match, highlighted, is the one Enter opens.
    m_list->setCurrentRow(1);
    const qint64 second = m_list->item(1)->data(Qt::UserRole).toLongLong();
    QTRY_COMPARE(panel->data().customer.id, second);
    QTest::keyClick(m_search, Qt::Key_Return);
    QTRY_COMPARE(panel->data().customer.id, second);
    // Enter with the single match typed before the list caught up.
    m_search->clear();
    QTest::keyClicks(m_search, QStringLiteral("Weiß"));
    QTest::keyClick(m_search, Qt::Key_Return);
    QTRY_COMPARE(panel->data().customer.id, m_bruno);
}

// The Recording tab opened empty with no way to pick a customer there, and kept the
// last customer's image file.
void TestCounterClerk::recordingTabChoosesItsCustomer()
{
    RecordPanel *recording = m_window->recording();
    m_window->findChild<QTabWidget *>(QStringLiteral("counterTabs"))->setCurrentWidget(recording);
    auto *chooser = recording->findChild<QLineEdit *>(QStringLiteral("recordCustomer"));
    QVERIFY(chooser);
    QVERIFY(visibleInside(m_window.get(), chooser));
    QTest::keyClicks(chooser, QStringLiteral("Bruno"));
    QTest::keyClick(chooser, Qt::Key_Return);
    QCOMPARE(recording->customerId(), m_bruno);
    QVERIFY(m_window->findChild<QLabel *>(QStringLiteral("recordHeader"))->text().contains(QLatin1String("B2")));
    const QString brunosImage = QStringLiteral("stdio:") + m_lab.dir.filePath(QStringLiteral("B2-disc.iso"));
    recording->setDrive(brunosImage);
    QCOMPARE(recording->drive(), brunosImage);

    chooser->selectAll();
    QTest::keyClicks(chooser, QStringLiteral("Anna"));
    QTest::keyClick(chooser, Qt::Key_Return);
    QCOMPARE(recording->customerId(), m_anna);
    QVERIFY2(!recording->drive().contains(QLatin1String("B2-disc")), qPrintable(recording->drive()));
    QVERIFY(!recording->chosenAlbums().isEmpty() || recording->findChild<QListWidget *>(QStringLiteral("recordAlbums"))->count() > 0);
    // Coming from the customer page fills the chooser too.
    m_window->showRecording(m_bruno, {});
    QCOMPARE(chooser->text(), QStringLiteral("B2 — Bruno Weiß"));
    m_window->findChild<QTabWidget *>(QStringLiteral("counterTabs"))->setCurrentIndex(0);
}

// After a hand-in at the counter: its pickup code, and its receipt to print.
void TestCounterClerk::handInEndsWithPickupCodeAndReceipt()
{
    CustomerPanel *panel = m_window->customers();
    typeSearch(QStringLiteral("Carla"));
    QTRY_COMPARE(panel->data().customer.id, m_carla);
    QSignalSpy changed(panel, &CustomerPanel::changed);
    panel->importFolder(corpusPath(QStringLiteral("real/png")));
    QVERIFY(changed.wait(60000));
    JobDialog *dialog = panel->jobDialog();
    auto *code = dialog->findChild<QLabel *>(QStringLiteral("pickupCode"));
    QVERIFY(code && code->isVisible());
    const QRegularExpressionMatch match = QRegularExpression(QStringLiteral("([A-Z0-9]{4}-[A-Z0-9]{4})")).match(code->text());
    QVERIFY2(match.hasMatch(), qPrintable(code->text()));
    auto *print = dialog->findChild<QPushButton *>(QStringLiteral("printHandinReceipt"));
    QVERIFY(print && print->isVisible());
    shoot(dialog, dialog->size(), QStringLiteral("counter-handin-receipt"));
    QVERIFY2(clippedLabels(dialog).isEmpty(), qPrintable(clippedLabels(dialog).join(QStringLiteral("; "))));
    QString previewTitle;
    PrintPreview::setDialogHook([&](QPrintPreviewDialog &preview) { previewTitle = preview.windowTitle(); });
    QTest::mouseClick(print, Qt::LeftButton);
    PrintPreview::setDialogHook({});
    QVERIFY2(previewTitle.contains(QLatin1String("C3")), qPrintable(previewTitle));
    QVERIFY2(previewTitle.contains(match.captured(1).remove(QLatin1Char('-'))) || previewTitle.contains(match.captured(1)),
             qPrintable(previewTitle));
    dialog->findChild<QPushButton *>(QStringLiteral("jobClose"))->click();
    // The next hand-in starts without the last one's code.
    QTRY_VERIFY(!dialog->isVisible());
}

// The audit trail showed raw JSON, "album 57" and "Who: counter", 216 rows unfiltered.
void TestCounterClerk::auditTrailInWordsWithFilters()
{
    const QList<AlbumSummary> albums = Albums(m_lab.lab->catalog()).customerView(m_anna, true).value();
    QVERIFY(!albums.isEmpty());
    const qint64 album = albums.first().id;
    const QString before = albums.first().title;
    QVERIFY(AlbumEdits(m_lab.lab->catalog(), Actor::customer(m_anna, QStringLiteral("kiosk 1")))
                .rename(album, QStringLiteral("Sommer"), m_lab.clock.now()));
    QVERIFY(m_lab.lab->catalog().transaction([&](QSqlDatabase &db) {
        return AuditLog::record(db, { 0, m_lab.clock.now(), QStringLiteral("counter:maria"), QStringLiteral("frobnicate"),
                                      m_anna, album, QJsonObject { { QStringLiteral("level"), 3 } } });
    }));
    AuditDialog dialog(*m_lab.lab, Customers(m_lab.lab->catalog()).byId(m_anna).value(), 0);
    dialog.resize(1200, 600);
    dialog.show();
    auto *entries = dialog.findChild<QTreeWidget *>(QStringLiteral("auditEntries"));
    QVERIFY(dialog.entryCount() >= 3);   // hand-in, rename, the unknown kind
    QStringList what;
    QStringList who;
    for (int row = 0; row < entries->topLevelItemCount(); ++row) {
        what << entries->topLevelItem(row)->text(2);
        who << entries->topLevelItem(row)->text(1);
    }
    const QString renamed = QStringLiteral("Anna Berg renamed album '%1' to 'Sommer' at kiosk 1").arg(before);
    QVERIFY2(what.contains(renamed), qPrintable(what.join(QLatin1Char('\n'))));
    QVERIFY2(what.contains(QStringLiteral("Clerk maria: frobnicate (album 'Sommer')")), qPrintable(what.join(QLatin1Char('\n'))));
    for (const QString &text : std::as_const(what)) {
        QVERIFY2(!text.contains(QLatin1Char('{')), qPrintable(text));               // no raw JSON
        QVERIFY2(!text.contains(QStringLiteral("album %1").arg(album)), qPrintable(text));   // titles, not ids
    }
    QVERIFY(!who.contains(QStringLiteral("counter")));
    QVERIFY(who.contains(QStringLiteral("Clerk maria")));

    // Details only on demand, readable.
    auto *details = dialog.findChild<QPlainTextEdit *>(QStringLiteral("auditDetails"));
    QVERIFY(!details->isVisible());
    for (int row = 0; row < entries->topLevelItemCount(); ++row)
        if (entries->topLevelItem(row)->text(2) == renamed)
            entries->setCurrentItem(entries->topLevelItem(row));
    QTest::mouseClick(dialog.findChild<QPushButton *>(QStringLiteral("auditDetailsButton")), Qt::LeftButton);
    QVERIFY(details->isVisible());
    QVERIFY2(details->toPlainText().contains(QLatin1String("to: Sommer")), qPrintable(details->toPlainText()));
    shoot(&dialog, dialog.size(), QStringLiteral("counter-audit"));
    QVERIFY2(clippedLabels(&dialog).isEmpty(), qPrintable(clippedLabels(&dialog).join(QStringLiteral("; "))));

    // Filters: kind, text, dates, customer.
    const int all = dialog.shownCount();
    dialog.setKind(QStringLiteral("rename"));
    QCOMPARE(dialog.shownCount(), 1);
    dialog.setKind(QString());
    QCOMPARE(dialog.shownCount(), all);
    dialog.setSearchText(QStringLiteral("kiosk 1"));
    QCOMPARE(dialog.shownCount(), 1);
    dialog.setSearchText(QString());
    const QDate today = m_lab.clock.today();
    dialog.setDates(today.addDays(-30), today.addDays(-1));
    QCOMPARE(dialog.shownCount(), 0);
    dialog.setDates(today.addDays(-30), today);
    QCOMPARE(dialog.shownCount(), all);
    dialog.setCustomer(m_bruno);
    QVERIFY(dialog.entryCount() >= 1);   // Bruno's hand-in, none of Anna's
    for (int row = 0; row < entries->topLevelItemCount(); ++row)
        QVERIFY(!entries->topLevelItem(row)->text(2).contains(QLatin1String("Sommer")));
}

QTEST_MAIN(TestCounterClerk)
#include "tst_counterclerk.moc"
