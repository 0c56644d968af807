// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The clerk's day at the counter (issue 17), orders and photos: a receipt's pickup
// code typed or scanned (a scanner types the QR text and Enter) opens its customer
// with the hand-in's or the disc session's albums chosen; an unknown code says so; a
// hand-in ends with its pickup code and QR code on screen (read back by zbarimg); a
// photo's caption written at the counter is in the catalog and under the photo; a
// re-sent notice goes for the chosen album only (a real SMTP server).
#include "CounterTestSupport.h"
#include "PhoneTestSupport.h"
#include "SmtpTestServer.h"
#include "UiTestSupport.h"
#include "base/CancelToken.h"
#include "base/Time.h"
#include "base/Translations.h"
#include "catalog/AlbumChoices.h"
#include "catalog/Albums.h"
#include "catalog/Catalog.h"
#include "catalog/PickupCode.h"
#include "catalog/Settings.h"
#include "catalog/SqlQuery.h"
#include "common/MessageBox.h"
#include "common/PhotoGridModel.h"
#include "common/PrintPreview.h"
#include "counter/CounterWindow.h"
#include "counter/CustomerPanel.h"
#include "counter/JobDialog.h"
#include "counter/PickupSearch.h"
#include "notify/NoticeDelivery.h"
#include "notify/NoticeOutbox.h"
#include "retention/ExpirySweep.h"

#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QPrintPreviewDialog>
#include <QPushButton>
#include <QSignalSpy>
#include <QStatusBar>
#include <QtTest>

using namespace Keepsake;
using namespace Keepsake::Test;

class TestCounterPickup : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void pickupCodeTyped_data();
    void pickupCodeTyped();
    void pickupCodeScanned();
    void discSessionByItsCode();
    void unknownCodeSaysSo();
    void nameThatLooksLikeACodeFindsTheCustomer();
    void handInShowsPickupCodeAndQr();
    void captionWrittenAtTheCounter();
    void resendGoesForTheChosenAlbumOnly();

private:
    void choose(const QString &code);
    // Enter on what is typed into the search box, as a clerk or a scanner does it.
    void enter(const QString &typed);
    qint64 albumId(const QString &title) const
    {
        return Albums(m_lab.lab->catalog()).resolve(title, m_anna).value().id;
    }
    QLabel *pickupResult() const { return m_window->findChild<QLabel *>(QStringLiteral("pickupResult")); }

    TestLab m_lab;
    Translations m_translations;
    std::unique_ptr<CounterWindow> m_window;
    QLineEdit *m_search = nullptr;
    qint64 m_anna = 0;
    qint64 m_bruno = 0;
    IngestSummary m_urlaub;
    IngestSummary m_garten;
    QString m_discCode;
};

void TestCounterPickup::initTestCase()
{
    QVERIFY(m_lab.open());
    m_translations.install(QStringLiteral("en"));
    m_anna = m_lab.addCustomer(QStringLiteral("A1"), QStringLiteral("Anna Berg"), QStringLiteral("2468"),
                               QStringLiteral("anna@example.org"));
    m_bruno = m_lab.addCustomer(QStringLiteral("B2"), QStringLiteral("Bruno Weiß"), QString());
    m_lab.addCustomer(QStringLiteral("C3"), QStringLiteral("Anna Berg"), QString());   // "ANNABERG" is code-shaped
    QVERIFY(m_anna && m_bruno);
    m_urlaub = m_lab.ingest(QStringLiteral("A1"), { QStringLiteral("real/jpeg") }, QStringLiteral("Urlaub"));
    m_garten = m_lab.ingest(QStringLiteral("A1"), { QStringLiteral("real/png") }, QStringLiteral("Garten"));
    QVERIFY(m_urlaub.added > 0 && m_garten.added > 0);
    QVERIFY(PickupCode::isWellFormed(m_urlaub.pickupCode) && PickupCode::isWellFormed(m_garten.pickupCode));
    // Disc KS-TEST-001: Urlaub in session 1, Garten in session 2.
    const QSqlDatabase db = m_lab.lab->catalog().db();
    const QString now = toCatalogTime(m_lab.clock.now());
    SqlQuery disc(db, QStringLiteral("INSERT INTO discs (id, customer_id, created_at) VALUES ('KS-TEST-001', :c, :t)"));
    QVERIFY(disc.bind(QStringLiteral(":c"), m_anna).bind(QStringLiteral(":t"), now).exec());
    qint64 second = 0;
    for (const auto &[number, album] : { std::pair { 1, QStringLiteral("Urlaub") }, std::pair { 2, QStringLiteral("Garten") } }) {
        SqlQuery session(db, QStringLiteral("INSERT INTO disc_sessions (disc_id, number, recorded_at, verified_at) "
                                            "VALUES ('KS-TEST-001', :n, :t, :t2) RETURNING id"));
        session.bind(QStringLiteral(":n"), number).bind(QStringLiteral(":t"), now).bind(QStringLiteral(":t2"), now);
        second = session.execReturningId().value();
        SqlQuery photos(db, QStringLiteral("INSERT INTO disc_photos (session_id, photo_id, path) "
                                           "SELECT :s, id, original_name FROM photos WHERE album_id = :a"));
        QVERIFY(photos.bind(QStringLiteral(":s"), second).bind(QStringLiteral(":a"), albumId(album)).exec());
    }
    m_discCode = DiscPickup::codeFor(m_lab.lab->catalog(), second).value();
    m_window = std::make_unique<CounterWindow>(*m_lab.lab);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    m_search = m_window->findChild<QLineEdit *>(QStringLiteral("customerSearch"));
    QVERIFY(m_search);
}

void TestCounterPickup::choose(const QString &code)
{
    enter(code);
    QTRY_VERIFY(m_window->customers()->data().customer.code == code && !m_window->customers()->isLoading());
}

void TestCounterPickup::enter(const QString &typed)
{
    m_search->setFocus();
    m_search->selectAll();
    QTest::keyClick(m_search, Qt::Key_Delete);
    QTest::keyClicks(m_search, typed);
    QTest::keyClick(m_search, Qt::Key_Return);
}

void TestCounterPickup::pickupCodeTyped_data()
{
    const QString shown = PickupCode::display(m_urlaub.pickupCode);
    QTest::addColumn<QString>("typed");
    QTest::newRow("as printed") << shown;
    QTest::newRow("lower case") << m_urlaub.pickupCode.toLower();
    QTest::newRow("with spaces") << QStringLiteral("%1 %2").arg(shown.left(4).toLower(), shown.mid(5));
}

// The customer brings the receipt of their Urlaub hand-in; the clerk types its code.
void TestCounterPickup::pickupCodeTyped()
{
    QFETCH(QString, typed);
    choose(QStringLiteral("B2"));
    CustomerPanel *panel = m_window->customers();
    enter(typed);
    QTRY_VERIFY(panel->data().customer.id == m_anna && !panel->isLoading());
    QTRY_COMPARE(panel->selectedAlbums(), QList<qint64> { albumId(QStringLiteral("Urlaub")) });
    const Result<PickupOrder> order = PickupLookup(m_lab.lab->catalog(), Actor::clerk(QStringLiteral("test")))
                                          .find(m_urlaub.pickupCode);
    QVERIFY(order);
    QCOMPARE(order->photos, m_urlaub.added + m_urlaub.newVersions);
    QCOMPARE(panel->grid()->rowCount(), order->photos);   // the album holds this hand-in only
    const QString said = pickupResult()->text();
    QVERIFY2(pickupResult()->isVisible() && said.contains(PickupSearch::describe(*order)), qPrintable(said));
    QVERIFY2(said.contains(QStringLiteral("hand-in of")) && said.contains(QStringLiteral(", %1 photo").arg(order->photos))
                 && said.contains(QStringLiteral("Anna Berg (A1)")), qPrintable(said));
    QVERIFY(m_window->statusBar()->currentMessage().contains(PickupCode::display(m_urlaub.pickupCode)));
    // The list shows the customer on show.
    auto *list = m_window->findChild<QListWidget *>(QStringLiteral("customerList"));
    QVERIFY(list->currentItem() && list->currentItem()->data(Qt::UserRole).toLongLong() == m_anna);
}

// A scanner types the receipt's QR code (exactly the code shown) and Enter, fast.
void TestCounterPickup::pickupCodeScanned()
{
    choose(QStringLiteral("B2"));
    CustomerPanel *panel = m_window->customers();
    m_search->setFocus();
    m_search->clear();
    QTest::keyClicks(m_search, PickupCode::display(m_garten.pickupCode));
    QTest::keyClick(m_search, Qt::Key_Return);
    QTRY_VERIFY(panel->data().customer.id == m_anna && !panel->isLoading());
    QTRY_COMPARE(panel->selectedAlbums(), QList<qint64> { albumId(QStringLiteral("Garten")) });
    const int photos = m_garten.added + m_garten.newVersions;
    QVERIFY2(pickupResult()->text().contains(QStringLiteral(", %1 photo").arg(photos)), qPrintable(pickupResult()->text()));
}

void TestCounterPickup::discSessionByItsCode()
{
    choose(QStringLiteral("B2"));
    CustomerPanel *panel = m_window->customers();
    enter(PickupCode::display(m_discCode));
    QTRY_VERIFY(panel->data().customer.id == m_anna && !panel->isLoading());
    QTRY_COMPARE(panel->selectedAlbums(), QList<qint64> { albumId(QStringLiteral("Garten")) });
    QVERIFY2(pickupResult()->text().contains(QStringLiteral("disc KS-TEST-001 session 2")), qPrintable(pickupResult()->text()));
}

void TestCounterPickup::unknownCodeSaysSo()
{
    choose(QStringLiteral("B2"));
    enter(QStringLiteral("zzzz-zzzz"));
    QTRY_VERIFY(pickupResult()->isVisible());
    QVERIFY2(pickupResult()->text().contains(QStringLiteral("No hand-in and no disc has the pickup code ZZZZ-ZZZZ")),
             qPrintable(pickupResult()->text()));
    QTRY_COMPARE(m_window->customers()->customerId(), qint64(0));   // nobody matches the text
    // Typing again clears what the last code said.
    QTest::keyClick(m_search, Qt::Key_Backspace);
    QVERIFY(!pickupResult()->isVisible());
}

// "Anna Berg" reads like a code (ANNA-BERG); no order has it, so Enter opens the first customer.
void TestCounterPickup::nameThatLooksLikeACodeFindsTheCustomer()
{
    enter(QStringLiteral("Anna Berg"));
    QTRY_VERIFY(m_window->customers()->data().customer.name == QStringLiteral("Anna Berg"));
    QVERIFY(!pickupResult()->isVisible());
}

// The end of a hand-in shows its pickup code and the receipt's QR code, which a
// scanner reads as that code; "Print receipt…" beside them.
void TestCounterPickup::handInShowsPickupCodeAndQr()
{
    choose(QStringLiteral("B2"));
    CustomerPanel *panel = m_window->customers();
    QSignalSpy changed(panel, &CustomerPanel::changed);
    panel->importFolder(corpusPath(QStringLiteral("real/png")));
    QVERIFY(changed.wait(60000));
    JobDialog *dialog = panel->jobDialog();
    QVERIFY(dialog && dialog->isVisible());
    auto *code = dialog->findChild<QLabel *>(QStringLiteral("pickupCode"));
    auto *qr = dialog->findChild<QLabel *>(QStringLiteral("pickupQr"));
    auto *print = dialog->findChild<QPushButton *>(QStringLiteral("printHandinReceipt"));
    QVERIFY(code && qr && print);
    QVERIFY(visibleInside(dialog, code) && visibleInside(dialog, qr) && visibleInside(dialog, print));
    const QString shown = code->text().section(QLatin1Char(' '), -1);
    QVERIFY2(PickupCode::isWellFormed(PickupCode::normalise(shown)) && shown.at(4) == QLatin1Char('-'), qPrintable(code->text()));
    const QImage image = qr->pixmap().toImage();
    QCOMPARE(distinctColours(image), 2);   // whole modules, no smoothing grey
    QCOMPARE(decodeQr(image), shown);
    const QImage shot = shoot(dialog, dialog->size(), QStringLiteral("counter-handin-qr"));
    QCOMPARE(decodeQr(shot), shown);   // readable on the screen as drawn, too
    QVERIFY2(clippedLabels(dialog).isEmpty(), qPrintable(clippedLabels(dialog).join(QStringLiteral("; "))));
    // The code on screen is the hand-in's: it finds the order.
    const Result<PickupOrder> order = PickupLookup(m_lab.lab->catalog(), Actor::clerk(QStringLiteral("test"))).find(shown);
    QVERIFY(order);
    QCOMPARE(order->customerId, m_bruno);
    QString previewTitle;
    PrintPreview::setDialogHook([&](QPrintPreviewDialog &preview) { previewTitle = preview.windowTitle(); });
    QTest::mouseClick(print, Qt::LeftButton);
    PrintPreview::setDialogHook({});
    QVERIFY2(previewTitle.contains(QLatin1String("B2")), qPrintable(previewTitle));
    dialog->findChild<QPushButton *>(QStringLiteral("jobClose"))->click();
    QTRY_VERIFY(!dialog->isVisible());
    // The next hand-in starts without the last one's code.
    panel->importFolder(corpusPath(QStringLiteral("real/png")));
    QVERIFY(!qr->isVisible() && !code->isVisible());
    QVERIFY(changed.wait(60000));
    dialog->findChild<QPushButton *>(QStringLiteral("jobClose"))->click();
}

void TestCounterPickup::captionWrittenAtTheCounter()
{
    choose(QStringLiteral("A1"));
    CustomerPanel *panel = m_window->customers();
    const qint64 urlaub = albumId(QStringLiteral("Urlaub"));
    panel->selectAlbums({ urlaub });
    auto *grid = m_window->findChild<QListView *>(QStringLiteral("photoGrid"));
    auto *button = m_window->findChild<QPushButton *>(QStringLiteral("captionButton"));
    QTRY_VERIFY(grid->model()->rowCount() > 0 && grid->model()->rowCount() == panel->grid()->rowCount());
    QVERIFY(!button->isEnabled());   // no photo chosen
    grid->setCurrentIndex(grid->model()->index(0, 0));
    QVERIFY(button->isEnabled());
    const qint64 photo = grid->model()->index(0, 0).data(PhotoGridModel::PhotoIdRole).toLongLong();
    const QString name = panel->grid()->photos().at(0).name;
    const QString plain = grid->model()->index(0, 0).data(Qt::DisplayRole).toString();   // "★ NAME" on the cover
    QVERIFY(plain.endsWith(name));
    QSignalSpy loaded(panel, &CustomerPanel::loaded);
    MessageBox::setNextText(QStringLiteral("  Am Strand von Usedom "));
    QTest::mouseClick(button, Qt::LeftButton);
    QVERIFY(MessageBox::lastText().contains(name));
    QVERIFY(loaded.wait());
    const auto captionOf = [&] {
        const QList<PhotoRecord> photos = Albums(m_lab.lab->catalog()).photos(urlaub).value();
        for (const PhotoRecord &record : photos)
            if (record.id == photo)
                return record.caption;
        return QStringLiteral("(missing)");
    };
    QCOMPARE(captionOf(), QStringLiteral("Am Strand von Usedom"));
    // Under the photo in the grid, with its file name in the tooltip.
    QModelIndex shown;
    QTRY_VERIFY((shown = grid->model()->index(0, 0)).data(Qt::DisplayRole).toString().endsWith(QStringLiteral("Am Strand von Usedom")));
    QCOMPARE(shown.data(PhotoGridModel::PhotoIdRole).toLongLong(), photo);
    QVERIFY(shown.data(Qt::ToolTipRole).toString().contains(name));
    QVERIFY(shown.data(Qt::FontRole).value<QFont>().italic());
    QVERIFY(m_window->statusBar()->currentMessage().contains(name));
    // Empty removes it.
    grid->setCurrentIndex(grid->model()->index(0, 0));
    MessageBox::setNextText(QString());
    QTest::mouseClick(button, Qt::LeftButton);
    QVERIFY(loaded.wait());
    QCOMPARE(captionOf(), QString());
    QTRY_COMPARE(grid->model()->index(0, 0).data(Qt::DisplayRole).toString(), plain);
}

// Mail queued for Urlaub and Garten; "Re-send notice" with Urlaub chosen sends Urlaub's.
void TestCounterPickup::resendGoesForTheChosenAlbumOnly()
{
    SmtpTestServer server;
    QVERIFY2(server.start(), qPrintable(server.failure()));
    const Settings settings(m_lab.lab->catalog());
    QVERIFY(settings.set(QStringLiteral("smtp.host"), QStringLiteral("127.0.0.1")));
    QVERIFY(settings.set(QStringLiteral("smtp.port"), QString::number(SmtpTestServer::freePort())));
    QVERIFY(settings.set(QStringLiteral("smtp.from"), QStringLiteral("lab@example.org")));
    m_lab.clock.advanceDays(80);   // within the notice window of both albums
    QVERIFY(ExpirySweep(m_lab.lab->catalog(), m_lab.clock).run(false, QStringLiteral("test")));
    CancelToken never;
    QVERIFY(NoticeDelivery(m_lab.lab->catalog(), m_lab.clock).deliver(false, never));   // nobody listens: queued
    QVERIFY(settings.set(QStringLiteral("smtp.port"), QString::number(server.port())));
    const qint64 urlaub = albumId(QStringLiteral("Urlaub"));
    const qint64 garten = albumId(QStringLiteral("Garten"));
    const auto queued = [&](qint64 album) {
        return NoticeOutbox::mails(m_lab.lab->catalog().db(), { QStringLiteral("queued") }, { album }).value().size();
    };
    QCOMPARE(queued(urlaub), 1);
    QCOMPARE(queued(garten), 1);

    choose(QStringLiteral("A1"));
    CustomerPanel *panel = m_window->customers();
    panel->selectAlbums({ urlaub });
    auto *resend = m_window->findChild<QPushButton *>(QStringLiteral("resendButton"));
    QTRY_VERIFY(resend->isEnabled());
    QSignalSpy changed(panel, &CustomerPanel::changed);
    QTest::mouseClick(resend, Qt::LeftButton);
    QVERIFY(changed.wait(30000));
    QTRY_COMPARE(server.mails().size(), 1);
    QVERIFY2(server.mails().first().subject.contains(QStringLiteral("Urlaub")), qPrintable(server.mails().first().subject));
    QCOMPARE(queued(urlaub), 0);
    QCOMPARE(queued(garten), 1);
    const QString said = m_window->statusBar()->currentMessage();
    QVERIFY2(said.contains(QStringLiteral("Urlaub")) && said.contains(QStringLiteral("1 sent")), qPrintable(said));
}

QTEST_MAIN(TestCounterPickup)
#include "tst_counterpickup.moc"
