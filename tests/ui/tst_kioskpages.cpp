// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The kiosk's pages as customers meet them (issue 19): a new customer's first visit,
// notices as cards, shared and expiring albums, touch targets and the large photo
// view, the customer's language, and no text cut off at 1280×800.
#include "KioskTestSupport.h"
#include "UiTestSupport.h"
#include "base/Translations.h"
#include "catalog/Albums.h"
#include "catalog/Catalog.h"
#include "catalog/Shares.h"
#include "common/PhotoGridModel.h"
#include "common/PrintPreview.h"
#include "kiosk/AlbumsPage.h"
#include "kiosk/IdleGuard.h"
#include "kiosk/ImportPage.h"
#include "kiosk/KioskLanguages.h"
#include "kiosk/KioskStyle.h"
#include "kiosk/KioskWindow.h"
#include "kiosk/NoticesPage.h"
#include "kiosk/PhotoViewPage.h"
#include "net/KioskWire.h"
#include "notify/NoticeOutbox.h"
#include "retention/ExpirySweep.h"

#include <QApplication>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QPrintPreviewDialog>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSignalSpy>
#include <QStyleOptionViewItem>
#include <QTreeWidget>
#include <QtTest>

using namespace Keepsake;
using namespace Keepsake::Test;

class TestKioskPages : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void registrationShowsTheCodeAndLeadsToSignIn();
    void customerLanguageAtSignIn();
    void noticesAsCards();
    void noticesCrossTheNetworkWithTheirKind();
    void sharedAndExpiringAlbums();
    void touchTargets();
    void photoViewSwipes();
    void oldStatusGoesWhenAnActionStarts();
    void noLabelCutAt1280x800_data();
    void noLabelCutAt1280x800();

private:
    KioskDriver kiosk() const { return KioskDriver(m_window.get()); }
    qint64 albumOf(qint64 customerId, const QString &title) const;

    TestLab m_lab;
    QTemporaryDir m_media;
    Translations m_translations;
    std::unique_ptr<KioskWindow> m_window;
    qint64 m_anna = 0;
    qint64 m_berta = 0;
    qint64 m_summer = 0;   // Anna's, shared with Berta, expiring
};

void TestKioskPages::initTestCase()
{
    QVERIFY(m_lab.open());
    const Customers customers(m_lab.lab->catalog());
    auto anna = customers.add({ QStringLiteral("1001"), QStringLiteral("Anna Berg"), QStringLiteral("anna@example.org"),
                                QString(), QStringLiteral("de"), QStringLiteral("2468") }, m_lab.clock.now());
    QVERIFY(anna);
    m_anna = anna->id;
    m_berta = m_lab.addCustomer(QStringLiteral("1002"), QStringLiteral("Berta Kühn"), QStringLiteral("1357"));
    QVERIFY(m_berta);
    const QString jpeg = QStringLiteral("real/jpeg/");
    QVERIFY(m_lab.ingest(QStringLiteral("1001"), { jpeg + QStringLiteral("Apple_iPhone_SE_IMG_4120.JPG"),
                                                   jpeg + QStringLiteral("Canon_EOS_7D.jpg"),
                                                   jpeg + QStringLiteral("Canon_PowerShot_S40.jpg") },
                         QStringLiteral("Sommer")).added == 3);
    QVERIFY(m_lab.ingest(QStringLiteral("1001"), { jpeg + QStringLiteral("Canon_IXUS_v3.jpg") },
                         QStringLiteral("Garten")).added == 1);
    m_summer = albumOf(m_anna, QStringLiteral("Sommer"));
    QVERIFY(m_summer);
    QVERIFY(m_lab.lab->catalog().transaction([&](QSqlDatabase &db) -> Status {
        auto viewer = Shares::resolveViewer(db, QStringLiteral("1002"));
        return viewer ? Shares::add(db, m_summer, *viewer, m_lab.clock.now(), QStringLiteral("test")) : viewer.error();
    }));
    // Ten days before the albums' last day: the sweep gives notice to Anna and to Berta.
    const QDate expires = Albums(m_lab.lab->catalog()).byId(m_summer)->expires;
    m_lab.clock.advanceDays(int(m_lab.clock.today().daysTo(expires)) - 10);
    QVERIFY(ExpirySweep(m_lab.lab->catalog(), m_lab.clock).run(false, QStringLiteral("test")));
    QVERIFY(!NoticeOutbox::forTerminal(m_lab.lab->catalog().db(), m_anna, false)->isEmpty());

    m_translations.install(QStringLiteral("en"));
    KioskOptions options;
    options.mountRoots = { m_media.path() };
    m_window = std::make_unique<KioskWindow>(*m_lab.lab, m_translations, options);
    m_window->resize(1280, 800);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestKioskPages::init()
{
    m_window->idleGuard()->setInterval(10 * 60 * 1000);
    QCOMPARE(kiosk().page(), QStringLiteral("welcomePage"));
    QCOMPARE(m_window->language(), QStringLiteral("en"));
}

void TestKioskPages::cleanup()
{
    PrintPreview::setDialogHook({});
    kiosk().returnToWelcome();
    if (m_window->language() != QLatin1String("en"))
        kiosk().press(QStringLiteral("language_en"));
}

qint64 TestKioskPages::albumOf(qint64 customerId, const QString &title) const
{
    const auto albums = Albums(m_lab.lab->catalog()).customerView(customerId, false);
    for (const AlbumSummary &album : albums ? *albums : QList<AlbumSummary>()) {
        if (album.title == title)
            return album.id;
    }
    return 0;
}

// The code as a success, large and printable; sign-in with it filled in and the PIN
// next; a customer with no albums is told to insert a card.
void TestKioskPages::registrationShowsTheCodeAndLeadsToSignIn()
{
    kiosk().press(QStringLiteral("registerButton"));
    m_window->findChild<QLineEdit *>(QStringLiteral("registerName"))->setText(QStringLiteral("Greta Holm"));
    m_window->findChild<QLineEdit *>(QStringLiteral("registerPin"))->setText(QStringLiteral("4321"));
    m_window->findChild<QLineEdit *>(QStringLiteral("registerPinAgain"))->setText(QStringLiteral("4321"));
    kiosk().press(QStringLiteral("registerSubmit"));
    QTRY_COMPARE(kiosk().page(), QStringLiteral("signInPage"));

    auto *welcome = m_window->findChild<QLabel *>(QStringLiteral("signInWelcomeText"));
    QVERIFY(welcome && welcome->isVisible());
    QCOMPARE(welcome->property("role").toString(), QStringLiteral("success"));
    auto *codeLabel = m_window->findChild<QLabel *>(QStringLiteral("signInWelcomeCode"));
    const QString code = codeLabel->text();
    QVERIFY2(QRegularExpression(QStringLiteral("^K\\d{5}$")).match(code).hasMatch(), qPrintable(code));
    QVERIFY2(codeLabel->fontInfo().pixelSize() >= 40, "the code is shown large");
    QVERIFY(m_window->findChild<QLabel *>(QStringLiteral("signInMessage"))->text().isEmpty());   // not as an error
    QVERIFY2(m_window->minimumSizeHint().height() <= 800, "the sign-in page with the code fits the screen");

    QString printed;
    PrintPreview::setDialogHook([&printed](QPrintPreviewDialog &dialog) { printed = dialog.windowTitle(); });
    kiosk().press(QStringLiteral("printCodeButton"));
    QVERIFY2(printed.contains(code), qPrintable(printed));

    QCOMPARE(m_window->findChild<QLineEdit *>(QStringLiteral("codeField"))->text(), code);
    auto *pinField = m_window->findChild<QLineEdit *>(QStringLiteral("pinField"));
    QTRY_COMPARE(m_window->focusWidget(), pinField);
    QSignalSpy signedIn(m_window.get(), &KioskWindow::signedIn);
    pinField->setText(QStringLiteral("4321"));
    QTest::keyClick(pinField, Qt::Key_Return);
    QVERIFY(signedIn.count() == 1 || signedIn.wait());
    QTRY_VERIFY(m_window->albumsPage()->isLoaded());
    QVERIFY(m_window->albumsPage()->isShowingFirstVisit());
    auto *prompt = m_window->findChild<QLabel *>(QStringLiteral("firstVisitPrompt"));
    QVERIFY(visibleInside(m_window.get(), prompt));
    QVERIFY(prompt->text().contains(QLatin1String("card")));
    QVERIFY(!m_window->findChild<QListView *>(QStringLiteral("photoGrid"))->isVisible());
    QVERIFY(!kiosk().button(QStringLiteral("renameButton"))->isVisible());   // no page of greyed buttons
    shoot(m_window.get(), QSize(1280, 800), QStringLiteral("kiosk-first-visit"));
}

// Anna's language (German) for her session, English again after; each language button
// in its own language, the active one checked.
void TestKioskPages::customerLanguageAtSignIn()
{
    QCOMPARE(kiosk().button(QStringLiteral("language_en"))->text(), QStringLiteral("English"));
    QCOMPARE(kiosk().button(QStringLiteral("language_de"))->text(), QStringLiteral("Deutsch"));
    QCOMPARE(kiosk().button(QStringLiteral("language_ja"))->text(), QStringLiteral("日本語"));
    QVERIFY(kiosk().button(QStringLiteral("language_en"))->isChecked());
    QVERIFY(!kiosk().button(QStringLiteral("language_de"))->isChecked());
    kiosk().press(QStringLiteral("language_ja"));
    QVERIFY(kiosk().button(QStringLiteral("language_ja"))->isChecked());
    QVERIFY(!kiosk().button(QStringLiteral("language_en"))->isChecked());
    kiosk().signIn(QStringLiteral("1001"), QStringLiteral("2468"));
    QCOMPARE(m_window->language(), QStringLiteral("de"));
    QCOMPARE(kiosk().button(QStringLiteral("signOutButton"))->text(), QStringLiteral("Abmelden"));
    kiosk().press(QStringLiteral("signOutButton"));
    QTRY_COMPARE(kiosk().page(), QStringLiteral("welcomePage"));
    QCOMPARE(m_window->language(), QStringLiteral("ja"));
    QVERIFY(kiosk().button(QStringLiteral("language_ja"))->isChecked());
}

// One card per notice, worded by the kiosk from the notice's kind and album (not the
// mail's text), newest first; the full text on a tap, which marks it read; one Close;
// no scrolling sideways.
void TestKioskPages::noticesAsCards()
{
    kiosk().signIn(QStringLiteral("1001"), QStringLiteral("2468"));
    kiosk().press(QStringLiteral("extendButton"));
    QTRY_COMPARE(kiosk().page(), QStringLiteral("noticesPage"));
    NoticesPage *notices = m_window->noticesPage();
    const auto stored = NoticeOutbox::forTerminal(m_lab.lab->catalog().db(), m_anna, false);
    QVERIFY(stored && !stored->isEmpty());
    QCOMPARE(notices->cards().size(), stored->size());
    QCOMPARE(notices->cards().first()->noticeId(), stored->first().id);   // newest first
    NoticeCardView *card = notices->cards().first();
    QStringList texts;
    for (const QLabel *label : card->findChildren<QLabel *>()) {
        if (label->isVisible())
            texts.append(label->text());
    }
    const QString shown = texts.join(QLatin1Char('\n'));
    QVERIFY(!stored->first().albumTitle.isEmpty());
    QVERIFY2(shown.contains(stored->first().albumTitle), qPrintable(shown));
    QVERIFY2(shown.contains(dateInWords(stored->first().eventDate)), qPrintable(shown));
    QVERIFY2(!shown.contains(stored->first().subject), "the card is worded by the kiosk, not the mail");
    for (const QLabel *label : card->findChildren<QLabel *>())
        QVERIFY(label->wordWrap());
    auto *scroll = m_window->findChild<QScrollArea *>(QStringLiteral("noticeList"));
    QVERIFY(!scroll->horizontalScrollBar()->isVisible());
    QVERIFY(scroll->widget()->width() <= scroll->viewport()->width());
    QVERIFY(!kiosk().button(QStringLiteral("entryOk")) || !kiosk().button(QStringLiteral("entryOk"))->isVisible());
    QVERIFY(!kiosk().button(QStringLiteral("entryCancel"))->isVisible());
    QList<QPushButton *> buttons;
    for (QPushButton *b : notices->findChildren<QPushButton *>()) {
        if (b->isVisible())
            buttons.append(b);
    }
    QCOMPARE(buttons.size(), 1);
    QCOMPARE(buttons.first()->objectName(), QStringLiteral("noticesClose"));

    auto *full = card->findChild<QLabel *>(QStringLiteral("noticeFullText"));
    QVERIFY(!full->isVisible());
    QTest::mouseClick(card, Qt::LeftButton);
    QVERIFY(full->isVisible());
    QVERIFY(full->text().contains(stored->first().body));
    QTRY_COMPARE(NoticeOutbox::forTerminal(m_lab.lab->catalog().db(), m_anna, true)->size(), stored->size() - 1);
    shoot(m_window.get(), QSize(1280, 800), QStringLiteral("kiosk-notices"));
    kiosk().press(QStringLiteral("noticesClose"));
    QCOMPARE(kiosk().page(), QStringLiteral("homePage"));
}

// A kiosk that is a device's client words the cards from the same fields
// (RemoteKioskBackend reads the device's notices with KioskWire).
void TestKioskPages::noticesCrossTheNetworkWithTheirKind()
{
    const auto stored = NoticeOutbox::forTerminal(m_lab.lab->catalog().db(), m_berta, false);
    QVERIFY(stored && !stored->isEmpty());
    const Notice &sent = stored->first();
    const Notice received = KioskWire::noticeFromJson(KioskWire::noticeToJson(sent));
    QCOMPARE(received.kind, sent.kind);
    QCOMPARE(received.eventDate, sent.eventDate);
    QCOMPARE(received.role, QStringLiteral("viewer"));
    QCOMPARE(received.albumTitle, QStringLiteral("Sommer"));
    const NoticeCard card = NoticeCards::card(received, m_lab.clock.today());
    QCOMPARE(card.what, NoticeCards::card(sent, m_lab.clock.today()).what);
    QVERIFY(card.what.startsWith(QLatin1String("Shared with you")));
    // From a device of an earlier version (no kind): the subject stands for the notice.
    QJsonObject old = KioskWire::noticeToJson(sent);
    old.remove(QStringLiteral("kind"));
    QCOMPARE(NoticeCards::card(KioskWire::noticeFromJson(old), m_lab.clock.today()).what, sent.subject);
}

// Berta sees Anna's album with its owner, to view only, without the owner's "back on
// disc"; an album that expires within the notice period is flagged with its date.
void TestKioskPages::sharedAndExpiringAlbums()
{
    kiosk().signIn(QStringLiteral("1002"), QStringLiteral("1357"));
    auto *albums = m_window->findChild<QListWidget *>(QStringLiteral("albumList"));
    QCOMPARE(albums->count(), 1);
    m_window->albumsPage()->selectAlbum(m_summer);
    const QString line = albums->currentItem()->text();
    QVERIFY2(line.contains(QLatin1String("Shared by Anna Berg")), qPrintable(line));
    const QDate expires = Albums(m_lab.lab->catalog()).byId(m_summer)->expires;
    QVERIFY2(line.contains(QStringLiteral("Expires on %1").arg(dateInWords(expires))), qPrintable(line));
    QVERIFY2(dateInWords(expires).contains(QLocale().monthName(expires.month())), "the month in words");
    QVERIFY(!albums->currentItem()->icon().isNull());
    for (const char *name : { "renameButton", "moveButton", "coverButton", "printSelectButton", "shareButton" })
        QVERIFY2(!kiosk().button(QLatin1String(name))->isVisible(), name);
    const QString info = m_window->findChild<QLabel *>(QStringLiteral("albumInfo"))->text();
    QVERIFY2(info.contains(QLatin1String("Anna Berg")), qPrintable(info));
    QVERIFY2(!info.contains(QLatin1String("back")), qPrintable(info));
    shoot(m_window.get(), QSize(1280, 800), QStringLiteral("kiosk-shared"));
}

// Check boxes, tree arrows and scroll bars a finger hits; a tap on a photo ticks it
// while choosing for the index print.
void TestKioskPages::touchTargets()
{
    kiosk().signIn(QStringLiteral("1001"), QStringLiteral("2468"));
    m_window->albumsPage()->selectAlbum(m_summer);
    auto *grid = m_window->findChild<QListView *>(QStringLiteral("photoGrid"));
    QVERIFY(grid->verticalScrollBar()->sizeHint().width() >= 40);
    kiosk().press(QStringLiteral("printSelectButton"));
    PhotoGridModel *model = m_window->albumsPage()->grid();
    QTRY_VERIFY(model->flags(model->index(0)) & Qt::ItemIsUserCheckable);
    QStyleOptionViewItem option;
    option.initFrom(grid->viewport());
    option.rect = grid->visualRect(model->index(0));
    option.features = QStyleOptionViewItem::HasCheckIndicator | QStyleOptionViewItem::HasDecoration;
    option.checkState = Qt::Unchecked;
    const QRect indicator = grid->style()->subElementRect(QStyle::SE_ItemViewItemCheckIndicator, &option, grid);
    QVERIFY2(indicator.width() >= 40 && indicator.height() >= 40,
             qPrintable(QStringLiteral("%1×%2").arg(indicator.width()).arg(indicator.height())));
    const QModelIndex second = model->index(1);
    QCOMPARE(second.data(Qt::CheckStateRole).value<Qt::CheckState>(), Qt::Unchecked);
    QTest::mouseClick(grid->viewport(), Qt::LeftButton, {}, grid->visualRect(second).center());
    QTRY_COMPARE(second.data(Qt::CheckStateRole).value<Qt::CheckState>(), Qt::Checked);
    QCOMPARE(kiosk().page(), QStringLiteral("homePage"));
    kiosk().press(QStringLiteral("printSelectButton"));

    auto *results = m_window->importPage()->findChild<QTreeWidget *>(QStringLiteral("importResults"));
    QVERIFY(results->indentation() >= 40);
    QVERIFY(results->verticalScrollBar()->sizeHint().width() >= 40);
}

// A tap opens the photo on the whole screen; a swipe and the arrow keys turn to the
// next and the previous; Close goes back.
void TestKioskPages::photoViewSwipes()
{
    kiosk().signIn(QStringLiteral("1001"), QStringLiteral("2468"));
    m_window->albumsPage()->selectAlbum(m_summer);
    auto *grid = m_window->findChild<QListView *>(QStringLiteral("photoGrid"));
    PhotoGridModel *model = m_window->albumsPage()->grid();
    QCOMPARE(model->rowCount(), 3);
    QTest::mouseClick(grid->viewport(), Qt::LeftButton, {}, grid->visualRect(model->index(0)).center());
    QTRY_COMPARE(kiosk().page(), QStringLiteral("photoViewPage"));
    PhotoViewPage *view = m_window->photoViewPage();
    QCOMPARE(view->currentRow(), 0);
    QTRY_VERIFY(view->isLoaded());
    auto *picture = view->findChild<QLabel *>(QStringLiteral("photoViewImage"));
    QVERIFY2(qMax(picture->pixmap().width(), picture->pixmap().height()) > 400, "larger than its tile");
    auto *caption = view->findChild<QLabel *>(QStringLiteral("photoViewCaption"));
    QVERIFY(caption->isVisible());
    QVERIFY2(caption->text().contains(model->photos().first().name), qPrintable(caption->text()));
    shoot(m_window.get(), QSize(1280, 800), QStringLiteral("kiosk-photo"));

    QTest::keyClick(view, Qt::Key_Right);
    QCOMPARE(view->currentRow(), 1);
    const QPoint middle = view->rect().center();
    QTest::mousePress(view, Qt::LeftButton, {}, middle + QPoint(200, 0));
    QTest::mouseRelease(view, Qt::LeftButton, {}, middle - QPoint(200, 0));   // a swipe to the left: next
    QCOMPARE(view->currentRow(), 2);
    QTest::mousePress(view, Qt::LeftButton, {}, middle - QPoint(200, 0));
    QTest::mouseRelease(view, Qt::LeftButton, {}, middle + QPoint(200, 0));   // to the right: previous
    QCOMPARE(view->currentRow(), 1);
    QTest::keyClick(view, Qt::Key_Left);
    QCOMPARE(view->currentRow(), 0);
    kiosk().press(QStringLiteral("photoViewSelect"));   // marked for Move or Make cover
    QCOMPARE(m_window->albumsPage()->selectedPhotoIds(), QSet<qint64> { model->photos().first().id });
    kiosk().press(QStringLiteral("photoViewClose"));
    QCOMPARE(kiosk().page(), QStringLiteral("homePage"));
    QVERIFY(kiosk().button(QStringLiteral("coverButton"))->isEnabled());
}

// What was said about the last action goes when the next one starts or another album
// is opened: no line of an earlier action lingers.
void TestKioskPages::oldStatusGoesWhenAnActionStarts()
{
    kiosk().signIn(QStringLiteral("1001"), QStringLiteral("2468"));
    m_window->albumsPage()->selectAlbum(m_summer);
    auto *status = m_window->findChild<QLabel *>(QStringLiteral("albumStatus"));
    kiosk().press(QStringLiteral("printSelectButton"));
    QTRY_VERIFY(!status->text().isEmpty());   // "Tick the photos …"
    const QString ticking = status->text();
    kiosk().press(QStringLiteral("printSelectButton"));
    QTRY_VERIFY(!status->text().isEmpty() && status->text() != ticking);   // saved
    kiosk().press(QStringLiteral("shareButton"));
    QCOMPARE(kiosk().page(), QStringLiteral("entryPage"));
    QVERIFY(status->text().isEmpty());
    kiosk().press(QStringLiteral("entryCancel"));
    QCOMPARE(kiosk().page(), QStringLiteral("homePage"));
    kiosk().press(QStringLiteral("printSelectButton"));
    QTRY_COMPARE(status->text(), ticking);
    m_window->albumsPage()->selectAlbum(albumOf(m_anna, QStringLiteral("Garten")));
    QVERIFY(status->text() != ticking);
    const int height = status->height();
    status->setText(QStringLiteral("A long message that wraps onto a second line at this width, as refusals in "
                                   "German do: the buttons above it do not move."));
    QCoreApplication::processEvents();
    const QRect needed = status->fontMetrics().boundingRect(QRect(0, 0, status->contentsRect().width(), 1000),
                                                            Qt::TextWordWrap, status->text());
    QVERIFY(needed.height() > 1.5 * status->fontMetrics().lineSpacing());   // it wraps
    QCOMPARE(status->height(), height);   // its room was kept
}

void TestKioskPages::noLabelCutAt1280x800_data()
{
    QTest::addColumn<QString>("language");
    QTest::newRow("English") << QStringLiteral("en");
    QTest::newRow("German") << QStringLiteral("de");
    QTest::newRow("Japanese") << QStringLiteral("ja");
}

// Every label on the kiosk's pages wraps, fits, or has its whole text as a tooltip.
void TestKioskPages::noLabelCutAt1280x800()
{
    QFETCH(QString, language);
    auto check = [this](const QString &where) {
        m_window->resize(1280, 800);
        for (int pass = 0; pass < 3; ++pass) {   // a label's new size asks its layout, which asks its parent's
            QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
            QCoreApplication::processEvents();
        }
        for (const QLabel *label : m_window->findChildren<QLabel *>()) {
            if (!label->isVisible() || label->text().isEmpty() || label->textFormat() == Qt::RichText)
                continue;
            const int width = label->contentsRect().width();
            const bool fits = label->wordWrap()
                ? label->heightForWidth(label->width()) <= label->height() + 2
                : label->fontMetrics().horizontalAdvance(label->text()) <= width;
            QVERIFY2(fits || label->toolTip() == label->text(),
                     qPrintable(QStringLiteral("%1: %2 \"%3\" %4×%5, needs %6").arg(where, label->objectName(),
                                    label->text()).arg(label->width()).arg(label->height())
                                    .arg(label->wordWrap() ? label->heightForWidth(label->width())
                                                           : label->fontMetrics().horizontalAdvance(label->text()))));
        }
    };
    kiosk().press(QStringLiteral("language_") + language);
    check(QStringLiteral("welcome"));
    shoot(m_window.get(), QSize(1280, 800), QStringLiteral("kiosk-welcome-") + language);
    kiosk().press(QStringLiteral("registerButton"));
    check(QStringLiteral("register"));
    shoot(m_window.get(), QSize(1280, 800), QStringLiteral("kiosk-register-") + language);
    kiosk().press(QStringLiteral("registerBack"));
    // Anna (German) with her own albums and their actions; Berta in the language chosen.
    if (language == QLatin1String("de"))
        kiosk().signIn(QStringLiteral("1001"), QStringLiteral("2468"));
    else
        kiosk().signIn(QStringLiteral("1002"), QStringLiteral("1357"));
    m_window->albumsPage()->selectAlbum(m_summer);
    check(QStringLiteral("albums"));
    auto *grid = m_window->findChild<QListView *>(QStringLiteral("photoGrid"));
    QTest::mouseClick(grid->viewport(), Qt::LeftButton, {}, grid->visualRect(grid->model()->index(0, 0)).center());
    QTRY_COMPARE(kiosk().page(), QStringLiteral("photoViewPage"));
    check(QStringLiteral("photo"));
    shoot(m_window.get(), QSize(1280, 800), QStringLiteral("kiosk-photo-") + language);
    kiosk().press(QStringLiteral("photoViewClose"));
    shoot(m_window.get(), QSize(1280, 800), QStringLiteral("kiosk-albums-") + language);
    kiosk().press(QStringLiteral("extendButton"));
    QTRY_COMPARE(kiosk().page(), QStringLiteral("noticesPage"));
    check(QStringLiteral("notices"));
    shoot(m_window.get(), QSize(1280, 800), QStringLiteral("kiosk-notices-") + language);
    kiosk().press(QStringLiteral("noticesClose"));
}

QTEST_MAIN(TestKioskPages)
#include "tst_kioskpages.moc"
