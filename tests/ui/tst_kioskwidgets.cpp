// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// Parts of the kiosk's pages on their own (issue 19): import progress that counts
// photos in the bar and the words alike and keeps its layout, reasons shown whole,
// captions that stay under portrait photos in the grid, and dates in words.
#include "UiTestSupport.h"
#include "catalog/Albums.h"
#include "catalog/Catalog.h"
#include "catalog/Settings.h"
#include "common/JobProgress.h"
#include "common/PhotoGridModel.h"
#include "common/ThumbnailSource.h"
#include "kiosk/ImportPage.h"
#include "kiosk/KioskLanguages.h"
#include "kiosk/KioskStyle.h"
#include "kiosk/NoticeCards.h"
#include "net/KioskWire.h"
#include "notify/TerminalNotices.h"
#include "retention/AlbumLife.h"

#include <QAbstractItemDelegate>
#include <QHeaderView>
#include <QLabel>
#include <QListView>
#include <QStyleOptionViewItem>
#include <QTreeWidget>
#include <QtTest>

using namespace Keepsake;
using namespace Keepsake::Test;

class TestKioskWidgets : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void importProgressAgrees();
    void portraitCaptionsStay();
    void datesInWords_data();
    void datesInWords();
    void recordedNoticeSaysWhenTheCopyGoes();   // last: the album leaves the customer's view

private:
    TestLab m_lab;
    qint64 m_customer = 0;
};

void TestKioskWidgets::initTestCase()
{
    QVERIFY(m_lab.open());
    m_customer = m_lab.addCustomer(QStringLiteral("1001"), QStringLiteral("Anna Berg"), QStringLiteral("2468"));
    QVERIFY(m_customer);
    const QString jpeg = QStringLiteral("real/jpeg/");
    QCOMPARE(m_lab.ingest(QStringLiteral("1001"), { jpeg + QStringLiteral("Apple_iPhone_SE_IMG_4120.JPG"),
                                                    jpeg + QStringLiteral("Canon_EOS_7D.jpg"),
                                                    jpeg + QStringLiteral("Canon_PowerShot_S40.jpg"),
                                                    jpeg + QStringLiteral("Canon_IXUS_v3.jpg") },
                             QStringLiteral("Sommer")).added, 4);
}

// The bar and the words count photos alike; the page below the messages does not move.
void TestKioskWidgets::importProgressAgrees()
{
    ImportPage page;
    page.setStyleSheet(kioskStyleSheet());
    page.resize(1280, 800);
    page.show();
    QVERIFY(QTest::qWaitForWindowExposed(&page));
    page.begin(QStringLiteral("CARD"));
    page.setStarted(164, 800'000'000);
    page.setProgress(46, 164, 40'000'000, 800'000'000);   // small photos first: 5 % of the bytes
    QCOMPARE(page.progress()->percent(), 28);
    const QString detail = page.findChild<QLabel *>(QStringLiteral("jobDetail"))->text();
    QVERIFY2(detail.contains(QLatin1String("46 of 164 photo")), qPrintable(detail));

    auto *results = page.findChild<QTreeWidget *>(QStringLiteral("importResults"));
    const int before = results->y();
    IngestRecord rejected;
    rejected.outcome = IngestOutcome::Rejected;
    rejected.path = QStringLiteral("DCIM/100CANON/IMG_0001.JPG");
    rejected.reason = QStringLiteral("The RAW picture data are incomplete (file cut off?): neither the camera's "
                                     "preview nor its raw data can be read from the file, which ends after 12 bytes "
                                     "as a card removed while the camera was writing leaves it. Copy the photo from "
                                     "the camera again, or take it again if the camera no longer has it; the other "
                                     "photos of the card are kept.");
    page.addRecord(rejected);
    IngestSummary summary;
    summary.rejected = 1;
    page.finish(summary, QStringLiteral("The card was removed while its photos were read: they are kept as far "
                                        "as they were read; insert it again to read the rest."));
    QCoreApplication::processEvents();
    QCOMPARE(results->y(), before);
    QTreeWidgetItem *item = results->topLevelItem(0)->child(0);
    QVERIFY(results->wordWrap());
    QCOMPARE(item->toolTip(1), rejected.reason);
    // The whole reason on screen: its row is as tall as the reason wrapped in its column.
    const QRect wrapped = results->fontMetrics().boundingRect(
        QRect(0, 0, results->header()->sectionSize(1) - 16, 4000), Qt::TextWordWrap, rejected.reason);
    QVERIFY2(wrapped.height() > 3 * results->fontMetrics().height(), "the reason takes more than three lines");
    const QModelIndex reason = results->indexFromItem(item, 1);
    QVERIFY2(results->visualRect(reason).height() >= wrapped.height(),
             qPrintable(QStringLiteral("%1 px for %2 px").arg(results->visualRect(reason).height()).arg(wrapped.height())));
    // A tap on a group's title closes and opens it.
    QTreeWidgetItem *group = results->topLevelItem(0);
    QVERIFY(group->isExpanded());
    QTest::mouseClick(results->viewport(), Qt::LeftButton, {}, results->visualItemRect(group).center());
    QVERIFY(!group->isExpanded());
    QVERIFY(group->text(0).startsWith(QStringLiteral("▸")));
}

// A portrait photo among landscapes keeps its caption in the grid, after a refresh too.
void TestKioskWidgets::portraitCaptionsStay()
{
    auto albums = Albums(m_lab.lab->catalog()).customerView(m_customer, false);
    QVERIFY(albums);
    QList<PhotoRecord> photos;
    for (const AlbumSummary &album : *albums)
        photos += *Albums(m_lab.lab->catalog()).photos(album.id);
    std::sort(photos.begin(), photos.end(), [](const PhotoRecord &a, const PhotoRecord &b) {
        return a.width * b.height > b.width * a.height;   // the widest first, the portrait last
    });
    QVERIFY(photos.last().height > photos.last().width);
    QListView view;
    view.setStyleSheet(kioskStyleSheet());
    PhotoGridModel model(std::make_shared<LabThumbnails>(*m_lab.lab), 200);
    view.setModel(&model);
    PhotoGridModel::setUpView(&view, 200, true);
    view.resize(1000, 700);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    for (int round = 0; round < 2; ++round) {   // the first show, and a refresh
        model.setPhotos(photos);
        QTRY_COMPARE(model.loadedCount(), int(photos.size()));
        QCoreApplication::processEvents();
        for (int row = 0; row < model.rowCount(); ++row) {
            QStyleOptionViewItem option;
            option.initFrom(&view);
            option.decorationSize = view.iconSize();
            option.decorationPosition = QStyleOptionViewItem::Top;
            option.displayAlignment = Qt::AlignHCenter | Qt::AlignBottom;
            option.features = QStyleOptionViewItem::HasDisplay | QStyleOptionViewItem::HasDecoration;
            const QSize needed = view.itemDelegate()->sizeHint(option, model.index(row));
            const QRect given = view.visualRect(model.index(row));
            QVERIFY2(given.height() >= needed.height(),
                     qPrintable(QStringLiteral("round %1, row %2 (%3): %4 px for %5 px").arg(round).arg(row)
                                    .arg(photos.at(row).name).arg(given.height()).arg(needed.height())));
        }
    }
}

void TestKioskWidgets::datesInWords_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("words");
    QTest::newRow("English") << QStringLiteral("en") << QStringLiteral("12 June 2026");
    QTest::newRow("German") << QStringLiteral("de") << QStringLiteral("12. Juni 2026");
    QTest::newRow("Japanese") << QStringLiteral("ja") << QStringLiteral("2026年6月12日");
}

// "expires on 12 June 2026": the month in words, no weekday, in the kiosk's language.
void TestKioskWidgets::datesInWords()
{
    QFETCH(QString, language);
    QFETCH(QString, words);
    const QLocale before;
    QLocale::setDefault(QLocale(language == QLatin1String("en") ? QStringLiteral("en_GB") : language));
    const QString said = dateInWords(QDate(2026, 6, 12));
    QLocale::setDefault(before);
    QCOMPARE(said, words);
}

// A recorded album's card gives the day the lab deletes its copy (grace.days after the
// recording), not the expiry date it had; through a device's answer too.
void TestKioskWidgets::recordedNoticeSaysWhenTheCopyGoes()
{
    QVERIFY(Settings(m_lab.lab->catalog()).set(QStringLiteral("grace.days"), QStringLiteral("21")));
    const auto albums = Albums(m_lab.lab->catalog()).customerView(m_customer, false);
    QVERIFY(albums && !albums->isEmpty());
    QVERIFY(m_lab.lab->catalog().transaction([&](QSqlDatabase &db) {
        return AlbumLife::markRecorded(db, m_lab.clock.now(), albums->first().id, QStringLiteral("KS-LAB-20260601-001"),
                                       1, QStringLiteral("ABCD2345"), QStringLiteral("test"));
    }));
    const auto notices = TerminalNotices(m_lab.lab->catalog(), m_lab.clock)
                             .forCustomer(Actor::system(QStringLiteral("test")), m_customer, false);
    QVERIFY(notices && !notices->isEmpty());
    const Notice &recorded = notices->first();
    QCOMPARE(recorded.kind, NoticeEvent::Kind::Recorded);
    QCOMPARE(recorded.copyDeletedOn, m_lab.clock.today().addDays(21));
    for (const Notice &notice : { recorded, KioskWire::noticeFromJson(KioskWire::noticeToJson(recorded)) }) {
        const NoticeCard card = NoticeCards::card(notice, m_lab.clock.today());
        QVERIFY2(card.when.contains(dateInWords(m_lab.clock.today().addDays(21))), qPrintable(card.when));
        QVERIFY2(card.todo.contains(QLatin1String("ABCD2345")), qPrintable(card.todo));
    }
}

QTEST_MAIN(TestKioskWidgets)
#include "tst_kioskwidgets.moc"
