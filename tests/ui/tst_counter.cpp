// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The counter window driven like a clerk would: find a customer, see albums and
// thumbnails, the day's dashboard, a hand-in with progress, the audit trail, the
// settings, and its screens rendered at 1920×1080.
#include "PhoneTestSupport.h"
#include "UiTestSupport.h"
#include "base/Translations.h"
#include "base/Actor.h"
#include "catalog/Albums.h"
#include "catalog/AuditLog.h"
#include "catalog/Catalog.h"
#include "catalog/PickupCode.h"
#include "catalog/Settings.h"
#include "catalog/SqlQuery.h"
#include "store/StoreLock.h"
#include "base/Time.h"
#include "lab/HandinLiveness.h"
#include "common/MessageBox.h"
#include "common/PrintPreview.h"
#include "counter/RecordPanel.h"
#include "notify/NoticeDelivery.h"
#include "retention/ExpirySweep.h"
#include "common/JobProgress.h"
#include "common/PhotoGridModel.h"
#include "counter/AuditDialog.h"
#include "counter/CounterWindow.h"
#include "counter/CustomerPanel.h"
#include "counter/DashboardPanel.h"
#include "counter/JobDialog.h"
#include "counter/SettingsDialog.h"

#include <QFileInfo>
#include <QJsonObject>
#include <QLabel>
#include <QPrintPreviewDialog>
#include <QPrintPreviewWidget>
#include <QProgressBar>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QPushButton>
#include <QSemaphore>
#include <QSignalSpy>
#include <QStatusBar>
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
    void recordButtonOpensTheRecordingScreen();
    void cancelledBurnKeepsAlbumsExpired();
    void burnToImageFileWithProgressAndVerification();
    void indexSheetAndReceiptInPrintPreview();
    void anotherCustomersDiscIsRefusedBeforeWriting();
    void recordingScreenAt1920x1080();
    void restoreAndExtend();
    void failedNoticesAndKioskRegistrations();
    void stoppedHandinsOnTheDashboard();
    void closedDuringAHandIn();

private:
    void choose(const QString &search);
    void expireAlbums();
    QList<AlbumSummary> albumsOf(const QString &code, AlbumState state) const;
    QString m_image;

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
    bool handin = false;   // in words, newest first
    for (int row = 0; row < entries->topLevelItemCount(); ++row)
        handin = handin || entries->topLevelItem(row)->text(2).contains(QLatin1String("handed in"));
    QVERIFY(handin);
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
    QVERIFY(dialog.field(QStringLiteral("lab.name")));
    dialog.setValue(QStringLiteral("lab.name"), QStringLiteral("Foto Sonne Berlin"));
    dialog.setValue(QStringLiteral("notice.days_before"), QStringLiteral("21"));
    QVERIFY(dialog.save());
    QCOMPARE(dialog.findChild<QLabel *>(QStringLiteral("settingsMessage"))->text(), QStringLiteral("Saved."));
    const Settings settings(m_lab.lab->catalog());
    QCOMPARE(*settings.value(QStringLiteral("lab.name")), QStringLiteral("Foto Sonne Berlin"));
    QCOMPARE(settings.intValue(QStringLiteral("notice.days_before")).value(), 21);
    QCOMPARE(dialog.findChild<QLabel *>(QStringLiteral("dataFolder"))->text(), m_lab.lab->dataDir());
    // The clerk changed them: core checked and audited it.
    const auto entries = AuditLog::read(m_lab.lab->catalog().db(), {});
    QVERIFY(entries);
    const auto config = std::find_if(entries->cbegin(), entries->cend(),
                                     [](const AuditEntry &e) { return e.action == QLatin1String("config"); });
    QVERIFY(config != entries->cend());
    QCOMPARE(config->actor, Actor::clerk(Actor::sessionUser(), QStringLiteral("counter")).auditText());
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

QList<AlbumSummary> TestCounter::albumsOf(const QString &code, AlbumState state) const
{
    const Result<Customer> customer = Customers(m_lab.lab->catalog()).byCode(code);
    QList<AlbumSummary> found;
    if (!customer)
        return found;
    const Result<QList<AlbumSummary>> all = Albums(m_lab.lab->catalog()).customerView(customer->id, true);
    for (const AlbumSummary &album : all.value())
        if (album.state == state && album.ownerId == customer->id)
            found.append(album);
    return found;
}

// The albums run out their time on the lab's clock: the sweep gives notice, then
// expires them (as it does each night).
void TestCounter::expireAlbums()
{
    ExpirySweep sweep(m_lab.lab->catalog(), m_lab.clock);
    for (int month = 0; month < 12 && (albumsOf(QStringLiteral("A1"), AlbumState::Expired).isEmpty()
                                       || albumsOf(QStringLiteral("B2"), AlbumState::Expired).isEmpty()); ++month) {
        m_lab.clock.advanceDays(30);
        QVERIFY(sweep.run(false, QStringLiteral("test")));
    }
    QVERIFY(!albumsOf(QStringLiteral("A1"), AlbumState::Expired).isEmpty());
    QVERIFY(!albumsOf(QStringLiteral("B2"), AlbumState::Expired).isEmpty());
}

void TestCounter::recordButtonOpensTheRecordingScreen()
{
    expireAlbums();
    choose(QStringLiteral("A1"));
    auto *record = m_window->findChild<QPushButton *>(QStringLiteral("recordButton"));
    QVERIFY(record->isEnabled());
    QTest::mouseClick(record, Qt::LeftButton);
    RecordPanel *panel = m_window->recording();
    QCOMPARE(m_window->findChild<QTabWidget *>(QStringLiteral("counterTabs"))->currentWidget(), panel);
    QCOMPARE(panel->customerId(), m_window->customers()->customerId());
    // The expired albums are ticked.
    QCOMPARE(panel->chosenAlbums().size(), albumsOf(QStringLiteral("A1"), AlbumState::Expired).size());
    QVERIFY(m_window->findChild<QLabel *>(QStringLiteral("recordHeader"))->text().contains(QLatin1String("A1")));
    // The image file is chosen in a file dialog (answered in advance).
    m_image = m_lab.dir.filePath(QStringLiteral("A1-disc.iso"));
    MessageBox::setNextFile(m_image);
    QTest::mouseClick(m_window->findChild<QPushButton *>(QStringLiteral("imageButton")), Qt::LeftButton);
    QCOMPARE(panel->drive(), QStringLiteral("stdio:") + m_image);
    QTRY_VERIFY_WITH_TIMEOUT(panel->isPlanReady(), 30000);
    QCOMPARE(panel->plan()->plan.size(), 1);
    QVERIFY(panel->checkText().contains(QLatin1String("blank disc")));
    auto *gauge = m_window->findChild<QProgressBar *>(QStringLiteral("discGauge"));
    QVERIFY(gauge && gauge->isVisible());
    QVERIFY(gauge->value() > 0 && gauge->value() < gauge->maximum());
    QVERIFY(m_window->findChild<QLabel *>(QStringLiteral("planSummary"))->text().contains(QLatin1String("one disc")));
    QVERIFY(m_window->findChild<QPushButton *>(QStringLiteral("burnButton"))->isEnabled());
    QVERIFY(!QFileInfo::exists(m_image));   // planning writes nothing
    // A medium too small for the albums splits them across discs.
    panel->setMedia(QStringLiteral("cd"));
    QTRY_VERIFY_WITH_TIMEOUT(panel->isPlanReady(), 30000);
    QCOMPARE(panel->plan()->media, QStringLiteral("cd"));
    panel->setMedia(QString());
    QTRY_VERIFY_WITH_TIMEOUT(panel->isPlanReady(), 30000);
}

void TestCounter::cancelledBurnKeepsAlbumsExpired()
{
    RecordPanel *panel = m_window->recording();
    QVERIFY(panel->isPlanReady());
    const qsizetype expired = albumsOf(QStringLiteral("A1"), AlbumState::Expired).size();
    QSignalSpy finished(panel, &RecordPanel::burnFinished);
    panel->burn();
    QVERIFY(panel->progress()->isBusy());
    panel->cancel();
    QVERIFY(finished.wait(60000));
    QCOMPARE(finished.first().first().toBool(), false);
    QVERIFY(!panel->progress()->isBusy());
    QVERIFY2(m_window->findChild<QLabel *>(QStringLiteral("burnResult"))->text().contains(QLatin1String("cancelled"), Qt::CaseInsensitive),
             qPrintable(m_window->findChild<QLabel *>(QStringLiteral("burnResult"))->text()));
    QVERIFY(!QFileInfo::exists(m_image));
    QCOMPARE(albumsOf(QStringLiteral("A1"), AlbumState::Expired).size(), expired);
    QVERIFY(!m_window->findChild<QPushButton *>(QStringLiteral("printIndexButton"))->isEnabled());
}

void TestCounter::burnToImageFileWithProgressAndVerification()
{
    RecordPanel *panel = m_window->recording();
    QTRY_VERIFY_WITH_TIMEOUT(panel->isPlanReady(), 30000);
    const qsizetype expired = albumsOf(QStringLiteral("A1"), AlbumState::Expired).size();
    QSignalSpy finished(panel, &RecordPanel::burnFinished);
    QSignalSpy progress(panel, &RecordPanel::burnProgress);
    QSignalSpy dashboard(m_window->dashboard(), &DashboardPanel::refreshed);
    QTest::mouseClick(m_window->findChild<QPushButton *>(QStringLiteral("burnButton")), Qt::LeftButton);
    QVERIFY(panel->progress()->isBusy());
    QVERIFY(finished.wait(120000));
    QCOMPARE(finished.first().first().toBool(), true);
    QVERIFY(progress.size() > 1);
    bool wrote = false, verified = false;
    for (const QList<QVariant> &signal : std::as_const(progress)) {
        wrote = wrote || signal.first().value<BurnJob::Phase>() == BurnJob::Phase::Writing;
        verified = verified || signal.first().value<BurnJob::Phase>() == BurnJob::Phase::Verifying;
    }
    QVERIFY(wrote && verified);
    QCOMPARE(panel->progress()->percent(), 100);
    const QString result = m_window->findChild<QLabel *>(QStringLiteral("burnResult"))->text();
    QVERIFY2(result.contains(QLatin1String("verified")) && result.contains(QLatin1String("Pickup code")), qPrintable(result));
    QVERIFY(QFileInfo(m_image).size() > 0);
    QCOMPARE(panel->lastBurn()->discs.size(), 1);
    // The disc's pickup code is on screen as the receipt's QR code, for a phone or the scanner.
    const QString pickup = PickupCode::display(panel->lastBurn()->discs.first().pickupCode);
    QVERIFY2(result.contains(pickup), qPrintable(result));
    const QList<QLabel *> qrs = panel->findChildren<QLabel *>(QStringLiteral("discPickupQr"));
    QCOMPARE(qrs.size(), 1);
    QVERIFY2(qrs.first()->isVisibleTo(panel), qPrintable(qrs.first()->toolTip()));
    QCOMPARE(decodeQr(qrs.first()->pixmap().toImage()), pickup);
    m_window->findChild<QTabWidget *>(QStringLiteral("counterTabs"))->setCurrentWidget(panel);
    m_window->grab().save(shotDir() + QStringLiteral("/counter-burned.png"));
    QVERIFY(panel->lastBurn()->filesVerified > 0);
    QCOMPARE(panel->lastBurn()->recordedAlbums.size(), expired);
    QVERIFY(albumsOf(QStringLiteral("A1"), AlbumState::Expired).isEmpty());
    QCOMPARE(albumsOf(QStringLiteral("A1"), AlbumState::Recorded).size(), expired);
    QVERIFY(dashboard.size() > 0 || dashboard.wait());   // the day's queue is read again
    QVERIFY(m_window->findChild<QPushButton *>(QStringLiteral("printIndexButton"))->isEnabled());
}

void TestCounter::indexSheetAndReceiptInPrintPreview()
{
    int pages = 0;
    QImage shown;
    PrintPreview::setDialogHook([&](QPrintPreviewDialog &dialog) {
        dialog.resize(1200, 900);
        dialog.show();
        auto *preview = dialog.findChild<QPrintPreviewWidget *>();
        QVERIFY(preview);
        preview->updatePreview();
        pages = preview->pageCount();
        shown = dialog.grab().toImage();
        dialog.close();
    });
    QTest::mouseClick(m_window->findChild<QPushButton *>(QStringLiteral("printIndexButton")), Qt::LeftButton);
    QVERIFY(pages >= 1);
    shown.save(shotDir() + QStringLiteral("/counter-index-preview.png"));
    QVERIFY(distinctColours(shown) > 200);   // the photos' thumbnails are on the sheet
    pages = 0;
    QTest::mouseClick(m_window->findChild<QPushButton *>(QStringLiteral("printReceiptButton")), Qt::LeftButton);
    QCOMPARE(pages, 1);
    shown.save(shotDir() + QStringLiteral("/counter-receipt-preview.png"));
    QVERIFY(distinctColours(shown) > 2);
    // The same document drawn into a PDF: what "Print to File" gives.
    const BurnedDisc &disc = m_window->recording()->lastBurn()->discs.first();
    const Result<PrintPreview::Document> receipt = PrintPreview::receiptOfDisc(*m_lab.lab, disc.discId, disc.session);
    QVERIFY(receipt);
    QVERIFY(receipt->title.contains(QLatin1String("A1")));
    PrintPreview::setDialogHook({});
}

void TestCounter::anotherCustomersDiscIsRefusedBeforeWriting()
{
    const QFileInfo before(m_image);
    const Result<Customer> b2 = Customers(m_lab.lab->catalog()).byCode(QStringLiteral("B2"));
    QVERIFY(b2);
    m_window->showRecording(b2->id, {});
    RecordPanel *panel = m_window->recording();
    QVERIFY(!panel->chosenAlbums().isEmpty());
    QVERIFY(panel->findChildren<QLabel *>(QStringLiteral("discPickupQr")).isEmpty());   // A1's codes left with A1
    QSignalSpy shown(panel, &RecordPanel::planShown);
    panel->setDrive(QStringLiteral("stdio:") + m_image);   // A1's disc, brought by B2
    QTRY_VERIFY_WITH_TIMEOUT(!panel->isBusy() && panel->checkText().contains(QLatin1String("belongs to customer A1")), 30000);
    QVERIFY2(panel->checkText().contains(QLatin1String("Nothing was written")), qPrintable(panel->checkText()));
    QVERIFY(!m_window->findChild<QPushButton *>(QStringLiteral("burnButton"))->isEnabled());
    const QFileInfo after(m_image);
    QCOMPARE(after.size(), before.size());
    QCOMPARE(after.lastModified(), before.lastModified());
}

void TestCounter::recordingScreenAt1920x1080()
{
    RecordPanel *panel = m_window->recording();
    panel->setDrive(QStringLiteral("stdio:") + m_lab.dir.filePath(QStringLiteral("B2-disc.iso")));
    QTRY_VERIFY_WITH_TIMEOUT(panel->isPlanReady(), 30000);
    const QImage image = shoot(m_window.get(), QSize(1920, 1080), QStringLiteral("counter-recording"));
    QVERIFY(distinctColours(image) > 20);
    for (const char *name : { "recordAlbums", "mediaCombo", "driveCombo", "discGauge", "burnButton",
                              "printIndexButton", "checkResult" })
        QVERIFY2(visibleInside(m_window.get(), m_window->findChild<QWidget *>(QLatin1String(name))), name);
    QVERIFY(m_window->findChild<QLabel *>(QStringLiteral("recordHeader"))->text().contains(QLatin1String("B2")));
    // No device of a chain: no stations to ask, no queue (tst_counterstation has them).
    QVERIFY(!m_window->findChild<QWidget *>(QStringLiteral("stationQueueBox"))->isVisible());
}

void TestCounter::restoreAndExtend()
{
    choose(QStringLiteral("A1"));
    auto *albums = m_window->findChild<QTreeWidget *>(QStringLiteral("albumTree"));
    const AlbumSummary recorded = albumsOf(QStringLiteral("A1"), AlbumState::Recorded).first();
    m_window->customers()->selectAlbums({ recorded.id });
    auto *restore = m_window->findChild<QPushButton *>(QStringLiteral("restoreButton"));
    QVERIFY(restore->isEnabled());
    QVERIFY(!m_window->findChild<QPushButton *>(QStringLiteral("extendButton"))->isEnabled());
    QSignalSpy loaded(m_window->customers(), &CustomerPanel::loaded);
    MessageBox::setNextAnswer(QMessageBox::Yes);
    QTest::mouseClick(restore, Qt::LeftButton);
    QVERIFY(MessageBox::lastText().contains(recorded.title));
    QVERIFY(loaded.wait());
    AlbumSummary after = Albums(m_lab.lab->catalog()).byId(recorded.id).value();
    QCOMPARE(after.state, AlbumState::Active);
    m_window->customers()->selectAlbums({ recorded.id });
    QTRY_VERIFY(albums->selectedItems().size() == 1);
    auto *extend = m_window->findChild<QPushButton *>(QStringLiteral("extendButton"));
    QVERIFY(extend->isEnabled());
    MessageBox::setNextNumber(30);
    QTest::mouseClick(extend, Qt::LeftButton);
    QVERIFY(loaded.wait());
    const AlbumSummary extended = Albums(m_lab.lab->catalog()).byId(recorded.id).value();
    QCOMPARE(extended.expires, after.expires.addDays(30));
    QCOMPARE(extended.expirySource, QStringLiteral("extended"));
}

void TestCounter::failedNoticesAndKioskRegistrations()
{
    // Notices to a mail server that is not there fail after their tries.
    const Settings settings(m_lab.lab->catalog());
    QVERIFY(settings.set(QStringLiteral("smtp.host"), QStringLiteral("127.0.0.1")));
    QVERIFY(settings.set(QStringLiteral("smtp.port"), QStringLiteral("1")));
    QVERIFY(settings.set(QStringLiteral("smtp.from"), QStringLiteral("lab@example.org")));
    CancelToken never;
    for (int attempt = 0; attempt < NoticeDelivery::MaxAttempts; ++attempt)
        QVERIFY(NoticeDelivery(m_lab.lab->catalog(), m_lab.clock).deliver(true, never));
    // A customer registered at the kiosk.
    const qint64 kiosk = m_lab.addCustomer(QStringLiteral("K12345"), QStringLiteral("Kiki Kiosk"), QStringLiteral("1357"));
    QVERIFY(m_lab.lab->catalog().transaction([&](QSqlDatabase &db) {
        return AuditLog::record(db, { 0, m_lab.clock.now(), QStringLiteral("kiosk"), QStringLiteral("kiosk_registration"),
                                      kiosk, std::nullopt, QJsonObject() });
    }));
    DashboardPanel *dashboard = m_window->dashboard();
    dashboard->refresh();
    QVERIFY(!dashboard->failedNotices().isEmpty());
    auto *notices = m_window->findChild<QTreeWidget *>(QStringLiteral("failedNoticesTree"));
    QCOMPARE(notices->topLevelItemCount(), int(dashboard->failedNotices().size()));
    QVERIFY(!notices->topLevelItem(0)->text(3).isEmpty());   // what went wrong
    // The customer's albums show their failed notices, and can be sent again.
    choose(QStringLiteral("A1"));
    auto *albums = m_window->findChild<QTreeWidget *>(QStringLiteral("albumTree"));
    bool failedShown = false;
    for (int i = 0; i < albums->topLevelItemCount(); ++i)
        failedShown = failedShown || albums->topLevelItem(i)->text(7).contains(QLatin1String("failed"));
    QVERIFY(failedShown);
    m_window->customers()->selectAlbums({ dashboard->failedNotices().first().albumId });
    auto *resend = m_window->findChild<QPushButton *>(QStringLiteral("resendButton"));
    QVERIFY(resend->isEnabled());
    QSignalSpy changed(m_window->customers(), &CustomerPanel::changed);
    QTest::mouseClick(resend, Qt::LeftButton);
    QVERIFY(changed.wait(30000));
    QVERIFY(m_window->statusBar()->currentMessage().contains(QLatin1String("failed")));

    auto *registrations = m_window->findChild<QTreeWidget *>(QStringLiteral("registrationsTree"));
    QCOMPARE(registrations->topLevelItemCount(), 1);
    QVERIFY(registrations->topLevelItem(0)->text(0).startsWith(QLatin1String("K12345")));
    QTest::mouseClick(m_window->findChild<QPushButton *>(QStringLiteral("confirmRegistrationButton")), Qt::LeftButton);
    QCOMPARE(registrations->topLevelItemCount(), 0);
    QVERIFY(dashboard->registrations().isEmpty());
}

// A hand-in whose program died shows on the day's dashboard once the data folder is
// opened again: whose card, when, and how many of its photos were stored.
void TestCounter::stoppedHandinsOnTheDashboard()
{
    const qint64 customer = m_lab.addCustomer(QStringLiteral("H777"), QStringLiteral("Hanna Handin"), QStringLiteral("2468"));
    {
        Result<HandinLiveness::Token> gone = HandinLiveness::begin(*m_lab.lab);
        QVERIFY(gone.ok());
        SqlQuery insert(m_lab.lab->catalog().db(), QStringLiteral(
            "INSERT INTO handins (customer_id, started_at, channel, source, pickup_code, runner, new_count) "
            "VALUES (:customer, :now, 'kiosk', '/media/card', 'P-STOP', :runner, 12)"));
        insert.bind(QStringLiteral(":customer"), customer)
            .bind(QStringLiteral(":now"), toCatalogTime(m_lab.clock.now()))
            .bind(QStringLiteral(":runner"), gone->runner());
        QVERIFY(insert.exec().ok());
    }   // the program "dies": its liveness file goes, the row stays running
    QCOMPARE(*HandinLiveness::markInterrupted(*m_lab.lab), 1);
    DashboardPanel *dashboard = m_window->dashboard();
    dashboard->refresh();
    m_window->show();
    m_window->findChild<QTabWidget *>(QStringLiteral("counterTabs"))->setCurrentWidget(dashboard);
    auto *stopped = m_window->findChild<QTreeWidget *>(QStringLiteral("stoppedHandinsTree"));
    QVERIFY(visibleInside(m_window.get(), stopped));
    QCOMPARE(stopped->topLevelItemCount(), 1);
    QVERIFY(stopped->topLevelItem(0)->text(0).startsWith(QLatin1String("H777")));
    QVERIFY(stopped->topLevelItem(0)->text(2).contains(QLatin1String("interrupted")));
    QCOMPARE(stopped->topLevelItem(0)->text(3), QStringLiteral("12"));
    m_window->findChild<QTabWidget *>(QStringLiteral("counterTabs"))->setCurrentIndex(0);
}

// A customer page closed while its hand-in runs: the hand-in waits for the store (held
// here, as check --repair holds it) when the page goes; the page's runner cancels it
// and waits for it, and nothing of it reaches the page afterwards.
void TestCounter::closedDuringAHandIn()
{
    const qint64 customer = m_lab.addCustomer(QStringLiteral("C3"), QStringLiteral("Clara Voss"), QString());
    QVERIFY(customer);
    auto panel = std::make_unique<CustomerPanel>(*m_lab.lab);
    QSignalSpy loaded(panel.get(), &CustomerPanel::loaded);
    panel->showCustomer(customer);
    QVERIFY(loaded.wait());
    QSemaphore waiting;
    StoreLock::setWaitHook([&waiting](StoreLock::Mode) { waiting.release(); });
    std::optional<StoreLock> held;
    {
        Result<StoreLock> lock = StoreLock::acquire(m_lab.lab->store(), StoreLock::Mode::Exclusive);
        QVERIFY(lock);
        held.emplace(std::move(*lock));
    }
    QSignalSpy changed(panel.get(), &CustomerPanel::changed);
    panel->importFolder(corpusPath(QStringLiteral("real/jpeg")));
    QVERIFY(panel->jobDialog()->progress()->isBusy());
    waiting.acquire();   // the hand-in runs, and waits for the store
    StoreLock::setWaitHook({});
    held.reset();
    panel.reset();
    QCoreApplication::sendPostedEvents();
    QCoreApplication::processEvents();
    QCOMPARE(changed.size(), 0);
}

QTEST_MAIN(TestCounter)
#include "tst_counter.moc"
