// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// A customer's day at the kiosk on the lab's own machine (issue 17): opening an album
// under a "keep N days after the last view" rule moves its date; the owner writes a
// photo's caption on the touch keyboard, a viewer cannot; a hand-in ends with its
// receipt on screen — the pickup code as ABCD-EFGH and a QR code that zbarimg reads
// back — and, with a receipt printer set up, printed through a real CUPS queue; a file
// that looks like an earlier photo is kept and says when that one was handed in.
#include "KioskTestSupport.h"
#include "PhoneTestSupport.h"
#include "ReceiptTestSupport.h"
#include "UiTestSupport.h"
#include "base/Translations.h"
#include "catalog/Albums.h"
#include "catalog/Catalog.h"
#include "catalog/PickupCode.h"
#include "catalog/Settings.h"
#include "catalog/Shares.h"
#include "common/PhotoGridModel.h"
#include "kiosk/AlbumsPage.h"
#include "kiosk/ImportPage.h"
#include "kiosk/KioskBackend.h"
#include "kiosk/KioskLanguages.h"
#include "kiosk/KioskWindow.h"
#include "kiosk/PhotoViewPage.h"
#include "kiosk/ReceiptPanel.h"
#include "print/PrintSources.h"
#include "retention/AlbumLife.h"
#include "retention/RetentionRules.h"

#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTreeWidget>
#include <QtTest>

using namespace Keepsake;
using namespace Keepsake::Test;

class TestKioskDay : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void openingAlbumMovesItsLastViewDate();
    void ownerWritesACaption();
    void viewerCannotCaption();
    void receiptShownAfterHandIn();
    void receiptPrintedAtTheKiosk();
    void nearDuplicatesAreKeptAndNamed();

private:
    KioskDriver kiosk() const { return KioskDriver(m_window.get()); }
    // Hands in a card of these corpus files at the kiosk; the summary it ends with.
    IngestSummary handIn(const QStringList &corpusFiles);
    QString caption(qint64 photoId) const { return Albums(m_lab.lab->catalog()).photo(photoId)->caption; }

    TestLab m_lab;
    QTemporaryDir m_media;
    Translations m_translations;
    std::unique_ptr<KioskWindow> m_window;
    qint64 m_anna = 0;
    qint64 m_viewed = 0;   // Anna's, under "Viewed 30 days"
    qint64 m_shared = 0;   // Anna's, under the built-in hand-in rule, shared with Carl
    int m_cards = 0;
};

void TestKioskDay::initTestCase()
{
    QVERIFY(m_lab.open());
    m_anna = m_lab.addCustomer(QStringLiteral("1001"), QStringLiteral("Anna Berg"), QStringLiteral("2468"));
    QVERIFY(m_anna);
    QVERIFY(m_lab.addCustomer(QStringLiteral("1002"), QStringLiteral("Carl Dahl"), QStringLiteral("1357")));
    QVERIFY(m_lab.ingest(QStringLiteral("1001"), { QStringLiteral("real/jpeg") }).added > 3);
    const auto albums = Albums(m_lab.lab->catalog()).customerView(m_anna, false);
    QVERIFY(albums && albums->size() >= 2);
    m_viewed = albums->at(0).id;
    m_shared = albums->at(1).id;
    RetentionRule viewed;
    viewed.name = QStringLiteral("Viewed 30 days");
    viewed.basis = RetentionRule::Basis::LastView;
    viewed.keepDays = 30;
    QVERIFY(m_lab.lab->catalog().transaction([&](QSqlDatabase &db) -> Status {
        const Result<RetentionRule> rule = RetentionRules::add(db, viewed, m_lab.clock.now(), QStringLiteral("clerk"));
        if (!rule)
            return rule.error();
        const Result<Shares::Viewer> carl = Shares::resolveViewer(db, QStringLiteral("1002"));
        if (!carl)
            return carl.error();
        if (Status shared = Shares::add(db, m_shared, *carl, m_lab.clock.now(), QStringLiteral("clerk")); !shared)
            return shared;
        return AlbumLife::setRule(db, m_lab.clock.now(), m_viewed, *rule, QStringLiteral("clerk"));
    }));
    QCOMPARE(Albums(m_lab.lab->catalog()).byId(m_viewed)->expires, QDate(2026, 7, 1));
    m_translations.install(QStringLiteral("en"));
    KioskOptions options;
    options.mountRoots = { m_media.path() };
    options.cardSettleMilliseconds = 100;
    options.idleMilliseconds = 10 * 60 * 1000;
    m_window = std::make_unique<KioskWindow>(*m_lab.lab, m_translations, options);
    m_window->resize(1280, 800);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestKioskDay::init()
{
    QCOMPARE(kiosk().page(), QStringLiteral("welcomePage"));
}

void TestKioskDay::cleanup()
{
    kiosk().returnToWelcome();
}

IngestSummary TestKioskDay::handIn(const QStringList &files)
{
    QTemporaryDir staging;
    const QString card = staging.filePath(QStringLiteral("CARD"));
    QDir().mkpath(card + QStringLiteral("/DCIM"));
    for (const QString &file : files)
        QFile::copy(corpusPath(file), card + QStringLiteral("/DCIM/") + QFileInfo(file).fileName());
    QSignalSpy finished(m_window.get(), &KioskWindow::importFinished);
    const QString mounted = m_media.filePath(QStringLiteral("CARD%1").arg(++m_cards));
    if (!QDir().rename(card, mounted))
        return {};
    if (!QTest::qWaitFor([&] { return finished.count() == 1; }, 60000))
        return {};
    QDir(mounted).removeRecursively();
    return finished.first().first().value<IngestSummary>();
}

// Twenty days after the rule was set, Anna opens the album: it is kept 30 days from
// today, in the catalog and on the screen. An album under the hand-in rule keeps its date.
void TestKioskDay::openingAlbumMovesItsLastViewDate()
{
    m_lab.clock.advanceDays(20);
    const QDate handinRuleDate = Albums(m_lab.lab->catalog()).byId(m_shared)->expires;
    kiosk().signIn(QStringLiteral("1001"), QStringLiteral("2468"));
    QSignalSpy viewed(m_window->albumsPage(), &AlbumsPage::viewRecorded);
    m_window->albumsPage()->selectAlbum(m_shared);
    m_window->albumsPage()->selectAlbum(m_viewed);
    QTRY_VERIFY(!viewed.isEmpty() && viewed.last().first().toLongLong() == m_viewed);
    const QDate moved = m_lab.clock.today().addDays(30);
    QCOMPARE(Albums(m_lab.lab->catalog()).byId(m_viewed)->expires, moved);
    QCOMPARE(Albums(m_lab.lab->catalog()).byId(m_viewed)->lastViewed, m_lab.clock.now());
    const QString info = m_window->findChild<QLabel *>(QStringLiteral("albumInfo"))->text();
    QVERIFY2(info.contains(dateInWords(moved)), qPrintable(info));
    QCOMPARE(Albums(m_lab.lab->catalog()).byId(m_shared)->expires, handinRuleDate);
    QCOMPARE(Albums(m_lab.lab->catalog()).byId(m_shared)->lastViewed, m_lab.clock.now());
}

// On the photo's page: Caption, the text on the keys, OK — saved, shown, carried to
// the album's photos; an empty field takes it away.
void TestKioskDay::ownerWritesACaption()
{
    kiosk().signIn(QStringLiteral("1001"), QStringLiteral("2468"));
    kiosk().openFirstPhoto(m_viewed);
    PhotoViewPage *view = m_window->photoViewPage();
    const qint64 photoId = view->currentPhotoId();
    kiosk().press(QStringLiteral("photoViewCaptionButton"));
    QCOMPARE(kiosk().page(), QStringLiteral("entryPage"));
    auto *field = m_window->findChild<QLineEdit *>(QStringLiteral("entryField"));
    field->clear();
    QVERIFY(typeOnKeyboard(kiosk().keyboard(), QStringLiteral("Birthday cake")));
    kiosk().press(QStringLiteral("entryOk"));
    QCOMPARE(kiosk().page(), QStringLiteral("photoViewPage"));
    QTRY_COMPARE(caption(photoId), QStringLiteral("Birthday cake"));
    QVERIFY2(view->captionText().startsWith(QLatin1String("Birthday cake")), qPrintable(view->captionText()));
    QVERIFY(visibleInside(m_window.get(), kiosk().button(QStringLiteral("photoViewCaptionButton"))));
    QVERIFY(visibleInside(m_window.get(), m_window->findChild<QLabel *>(QStringLiteral("photoViewCaption"))));
    shoot(m_window.get(), QSize(1280, 800), QStringLiteral("kiosk-caption"));
    QTRY_VERIFY(std::any_of(m_window->albumsPage()->data().photos.cbegin(), m_window->albumsPage()->data().photos.cend(),
                            [photoId](const PhotoRecord &p) { return p.id == photoId && p.caption == QLatin1String("Birthday cake"); }));
    // Again, the field holds the caption; emptied, there is none.
    kiosk().press(QStringLiteral("photoViewCaptionButton"));
    QCOMPARE(field->text(), QStringLiteral("Birthday cake"));
    field->clear();
    kiosk().press(QStringLiteral("entryOk"));
    QTRY_VERIFY(caption(photoId).isEmpty());
    QVERIFY(!view->captionText().startsWith(QLatin1String("Birthday")));
    kiosk().press(QStringLiteral("photoViewClose"));
    QCOMPARE(kiosk().page(), QStringLiteral("homePage"));
}

// The album shared with Carl is Anna's to caption: no Caption button for him, and the
// lab refuses it if asked all the same.
void TestKioskDay::viewerCannotCaption()
{
    kiosk().signIn(QStringLiteral("1002"), QStringLiteral("1357"));
    kiosk().openFirstPhoto(m_shared);
    PhotoViewPage *view = m_window->photoViewPage();
    QVERIFY(!kiosk().button(QStringLiteral("photoViewCaptionButton"))->isVisible());
    QVERIFY(!kiosk().button(QStringLiteral("photoViewSelect"))->isVisible());
    const qint64 photoId = view->currentPhotoId();
    std::optional<Status> answer;
    m_window->backend()->setCaption(photoId, QStringLiteral("Mine now"), [&answer](const Status &saved) { answer = saved; });
    QTRY_VERIFY(answer.has_value());
    QVERIFY(!*answer);
    QCOMPARE(answer->error().kind(), Error::Kind::Refused);
    QVERIFY(caption(photoId).isEmpty());
    kiosk().press(QStringLiteral("photoViewClose"));
}

// The hand-in ends with its receipt on the screen: the code of that hand-in as
// ABCD-EFGH, its QR code holding exactly that; no printer, no Print button.
void TestKioskDay::receiptShownAfterHandIn()
{
    kiosk().signIn(QStringLiteral("1001"), QStringLiteral("2468"));
    const IngestSummary summary = handIn({ QStringLiteral("real/png/imagemagick.png"),
                                           QStringLiteral("real/png/photoprism_example.png") });
    QCOMPARE(summary.added, 2);
    QVERIFY(summary.handinId > 0);
    const Result<ReceiptContent> stored = PrintSources(*m_lab.lab).receiptOfHandin(m_anna, summary.handinId);
    QVERIFY(stored);
    QCOMPARE(summary.pickupCode, stored->pickupCode);
    ReceiptPanel *receipt = m_window->importPage()->receipt();
    const QString shown = PickupCode::display(stored->pickupCode);
    QVERIFY(QRegularExpression(QStringLiteral("^[A-Z0-9]{4}-[A-Z0-9]{4}$")).match(shown).hasMatch());
    QTRY_VERIFY(visibleInside(m_window.get(), m_window->findChild<QLabel *>(QStringLiteral("receiptCode"))));
    QCOMPARE(receipt->codeText(), shown);
    QVERIFY(visibleInside(m_window.get(), m_window->findChild<QLabel *>(QStringLiteral("receiptQr"))));
    QCOMPARE(decodeQr(receipt->qrImage()), shown);
    QVERIFY(!kiosk().button(QStringLiteral("receiptPrint"))->isVisible());
    QVERIFY(m_window->findChild<QLabel *>(QStringLiteral("receiptHint"))->text().contains(QLatin1String("no receipt printer")));
    QVERIFY2(m_window->minimumSizeHint().height() <= 800, "with the receipt the kiosk does not fit a 1280×800 touchscreen");
    const QImage shot = shoot(m_window.get(), QSize(1280, 800), QStringLiteral("kiosk-receipt"));
    QVERIFY(distinctColours(shot) > 20);
    kiosk().press(QStringLiteral("importDone"));
    QCOMPARE(kiosk().page(), QStringLiteral("homePage"));
}

// With a receipt printer beside the kiosk (a real CUPS queue of the test's own): Print
// receipt sends it there, and the printed page's QR code holds the pickup code.
void TestKioskDay::receiptPrintedAtTheKiosk()
{
    CupsTestServer cups;
    const QString failed = cups.start();
    QVERIFY2(failed.isEmpty(), qPrintable(failed));
    const QByteArray oldServer = qgetenv("CUPS_SERVER");
    qputenv("CUPS_SERVER", cups.server().toLatin1());
    const auto restore = qScopeGuard([&] {
        qputenv("CUPS_SERVER", oldServer);
        m_window->setReceiptPrinter({});
        (void)Settings(m_lab.lab->catalog()).unset(QStringLiteral("print.receipt_paper"));
    });
    m_window->setReceiptPrinter(QLatin1String(CupsTestServer::Queue));
    // The test's queue prints onto A4 sheets: the lab's receipts go onto A4 too, not a roll.
    QVERIFY(Settings(m_lab.lab->catalog()).set(QStringLiteral("print.receipt_paper"), QStringLiteral("a4")));
    kiosk().signIn(QStringLiteral("1001"), QStringLiteral("2468"));
    const IngestSummary summary = handIn({ QStringLiteral("real/png/Canon_MG3500_scan.png") });
    QVERIFY(summary.handinId > 0);
    QTRY_VERIFY(kiosk().button(QStringLiteral("receiptPrint"))->isVisible());
    kiosk().press(QStringLiteral("receiptPrint"));
    auto *status = m_window->findChild<QLabel *>(QStringLiteral("receiptStatus"));
    QTRY_VERIFY_WITH_TIMEOUT(status->text().contains(QLatin1String("printed")), 60000);
    QTRY_VERIFY_WITH_TIMEOUT(cups.jobsDone() && QFileInfo(cups.printedFile()).size() > 0, 60000);
    QCOMPARE(qrOnPrintedPages(cups), PickupCode::display(summary.pickupCode));
    kiosk().press(QStringLiteral("importDone"));
}

// Files that look like earlier photos (IngestRecord::similar) are kept, each says
// when the earlier one was handed in, in the kiosk's language; the summary counts them.
void TestKioskDay::nearDuplicatesAreKeptAndNamed()
{
    const QLocale before;
    const auto restore = qScopeGuard([&before] { QLocale::setDefault(before); });
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedKingdom));
    ImportPage page;
    page.begin(QStringLiteral("CARD"));
    const SimilarPhoto earlier { 42, QStringLiteral("IMG_0042.JPG"), QDateTime(QDate(2026, 5, 3), QTime(12, 0)) };
    auto record = [&earlier](const QString &path, IngestOutcome outcome, bool similar) {
        IngestRecord r;
        r.path = path;
        r.outcome = outcome;
        if (similar)
            r.similar = earlier;
        return r;
    };
    page.addRecord(record(QStringLiteral("DCIM/resized.jpg"), IngestOutcome::New, true));
    page.addRecord(record(QStringLiteral("DCIM/fresh.jpg"), IngestOutcome::New, false));
    page.addRecord(record(QStringLiteral("DCIM/edited.jpg"), IngestOutcome::NewVersion, true));
    QLocale::setDefault(QLocale(QLocale::German, QLocale::Germany));
    page.addRecord(record(QStringLiteral("DCIM/recoded.jpg"), IngestOutcome::New, true));
    IngestSummary summary;
    summary.added = 3;
    summary.newVersions = 1;
    page.finish(summary, {});
    QCOMPARE(page.similarCount(), 3);
    QMap<QString, QString> notes;
    auto *results = page.findChild<QTreeWidget *>(QStringLiteral("importResults"));
    for (int g = 0; g < results->topLevelItemCount(); ++g) {
        for (int i = 0; i < results->topLevelItem(g)->childCount(); ++i)
            notes.insert(results->topLevelItem(g)->child(i)->text(0), results->topLevelItem(g)->child(i)->text(1));
    }
    QVERIFY2(notes.value(QStringLiteral("resized.jpg")).contains(QLatin1String("looks like a photo you handed in on 3 May 2026")),
             qPrintable(notes.value(QStringLiteral("resized.jpg"))));
    QVERIFY(notes.value(QStringLiteral("resized.jpg")).contains(QLatin1String("IMG_0042.JPG")));
    QVERIFY(notes.value(QStringLiteral("edited.jpg")).contains(QLatin1String("3 May 2026")));
    QVERIFY2(notes.value(QStringLiteral("recoded.jpg")).contains(QLatin1String("3. Mai 2026")),
             qPrintable(notes.value(QStringLiteral("recoded.jpg"))));
    QVERIFY(notes.value(QStringLiteral("fresh.jpg")).isEmpty());
    QVERIFY2(page.summaryText().contains(QLatin1String("3 look")) && page.summaryText().contains(QLatin1String("they were kept")),
             qPrintable(page.summaryText()));
    // A hand-in without any: no such sentence.
    page.begin(QStringLiteral("CARD"));
    page.addRecord(record(QStringLiteral("DCIM/fresh.jpg"), IngestOutcome::New, false));
    page.finish(summary, {});
    QVERIFY(!page.summaryText().contains(QLatin1String("look")));
}

QTEST_MAIN(TestKioskDay)
#include "tst_kioskday.moc"
