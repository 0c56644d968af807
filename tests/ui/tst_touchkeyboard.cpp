// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// The kiosk's touch keyboard as customers use it, key by key with the mouse: a German
// name with umlauts, a phone number on the phone pad, a Japanese album name in kana and
// converted to kanji, the voiced-sound key, Next and OK through a form, the PIN pad.
#include "KioskTestSupport.h"
#include "UiTestSupport.h"
#include "base/Translations.h"
#include "catalog/Albums.h"
#include "kiosk/AlbumsPage.h"
#include "kiosk/CandidateBar.h"
#include "kiosk/KioskWindow.h"
#include "kiosk/RegisterPage.h"

#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QtTest>

using namespace Keepsake;
using namespace Keepsake::Test;
using Id = KeyboardLayout::Id;

class TestTouchKeyboard : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void germanNameWithUmlauts();
    void phoneNumberOnThePhonePad();
    void nextMovesOnAndOkSubmits();
    void pinFieldGetsTheDigitsPad();
    void shiftOnceAndCapsLock();
    void symbolsPageHasWhatFormsNeed();
    void japaneseAlbumName();
    void voicedAndSmallKana();
    void shareFieldTakesLatinLetters();
    void fitsAt1280x800();

private:
    KioskDriver kiosk() const { return KioskDriver(m_window.get()); }
    TouchKeyboard *keyboard() const { return kiosk().keyboard(); }
    QLineEdit *field(const char *name) const { return m_window->findChild<QLineEdit *>(QLatin1String(name)); }
    QString composing() const { return keyboard()->candidateBar()->findChild<QLabel *>(QStringLiteral("composingText"))->text(); }
    void chooseLanguage(const QString &language);
    void openRegistration();
    void signInAndRename();
    void checkFits(const QString &shot);

    TestLab m_lab;
    Translations m_translations;
    std::unique_ptr<KioskWindow> m_window;
    qint64 m_albumId = 0;
};

void TestTouchKeyboard::initTestCase()
{
    QVERIFY(m_lab.open());
    QVERIFY(m_lab.addCustomer(QStringLiteral("1001"), QStringLiteral("Anna Berg"), QStringLiteral("2468")));
    QVERIFY(m_lab.ingest(QStringLiteral("1001"), { QStringLiteral("real/jpeg") }).added > 0);
    m_translations.install(QStringLiteral("en"));
    KioskOptions options;
    options.mountRoots = { m_lab.dir.filePath(QStringLiteral("media")) };
    m_window = std::make_unique<KioskWindow>(*m_lab.lab, m_translations, options);
    m_window->resize(1280, 800);
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
}

void TestTouchKeyboard::init()
{
    QCOMPARE(kiosk().page(), QStringLiteral("welcomePage"));
}

void TestTouchKeyboard::cleanup()
{
    kiosk().returnToWelcome();
    chooseLanguage(QStringLiteral("en"));
}

void TestTouchKeyboard::chooseLanguage(const QString &language)
{
    kiosk().press(QStringLiteral("language_") + language);
    QTRY_COMPARE(QLocale().name().left(2), language);
}

void TestTouchKeyboard::openRegistration()
{
    kiosk().press(QStringLiteral("registerButton"));
    QCOMPARE(kiosk().page(), QStringLiteral("registerPage"));
    QVERIFY(keyboard());
    QCOMPARE(keyboard()->target(), field("registerName"));
}

void TestTouchKeyboard::germanNameWithUmlauts()
{
    chooseLanguage(QStringLiteral("de"));
    openRegistration();
    TouchKeyboard *keys = keyboard();
    QCOMPARE(keys->currentLayout(), Id::German);   // the interface's language
    QCOMPARE(keys->key(QStringLiteral("key-layout"))->text(), QStringLiteral("Deutsch"));
    QCOMPARE(keys->key(QStringLiteral("key-ö"))->accessibleName(), QStringLiteral("Ö"));   // a name starts capital
    QVERIFY(keys->isShifted());
    kiosk().tap(QStringLiteral("j"));
    QVERIFY(!keys->isShifted());
    QCOMPARE(keys->key(QStringLiteral("key-ö"))->text(), QStringLiteral("ö"));
    for (const char *key : { "ö", "r", "g" })
        kiosk().tap(QString::fromUtf8(key));
    QCOMPARE(field("registerName")->text(), QStringLiteral("Jörg"));
    // The next word of a name starts capital too; umlauts take the shift.
    kiosk().tap(QStringLiteral("space"));
    QVERIFY(keys->isShifted());
    for (const char *key : { "ü", "l", "l", "e", "r" })
        kiosk().tap(QString::fromUtf8(key));
    QCOMPARE(field("registerName")->text(), QStringLiteral("Jörg Üller"));
    kiosk().tap(QStringLiteral("back"));
    QCOMPARE(field("registerName")->text(), QStringLiteral("Jörg Ülle"));
    // ß has no capital of its own: it stays ß under shift.
    kiosk().tap(QStringLiteral("shift"));
    kiosk().tap(QStringLiteral("ß"));
    QCOMPARE(field("registerName")->text(), QStringLiteral("Jörg Ülleß"));
}

void TestTouchKeyboard::phoneNumberOnThePhonePad()
{
    openRegistration();
    QTest::mouseClick(field("registerContact"), Qt::LeftButton);
    QTRY_COMPARE(keyboard()->target(), field("registerContact"));
    QCOMPARE(keyboard()->currentLayout(), Id::Phone);
    QVERIFY(keyboard()->key(QStringLiteral("key-letters"))->isVisible());   // phone or e-mail: letters too
    QVERIFY(keyboard()->key(QStringLiteral("key-0"))->height() >= 64);
    for (const QChar key : QStringLiteral("+49 30 1234"))
        kiosk().tap(key == QLatin1Char(' ') ? QStringLiteral("space") : QString(key));
    QCOMPARE(field("registerContact")->text(), QStringLiteral("+49 30 1234"));
    // An e-mail address instead: letters with @ at hand, Latin even in Japanese.
    field("registerContact")->clear();
    kiosk().tap(QStringLiteral("letters"));
    QCOMPARE(keyboard()->currentLayout(), Id::English);
    QVERIFY(typeOnKeyboard(keyboard(), QStringLiteral("ann@example.de")));
    QCOMPARE(field("registerContact")->text(), QStringLiteral("ann@example.de"));
}

void TestTouchKeyboard::nextMovesOnAndOkSubmits()
{
    openRegistration();
    QSignalSpy submitted(m_window->findChild<RegisterPage *>(), &RegisterPage::registerRequested);
    QVERIFY(typeOnKeyboard(keyboard(), QStringLiteral("Ida Lund")));
    const QList<QPair<const char *, QString>> steps {
        { "registerContact", QStringLiteral("0170") }, { "registerPin", QStringLiteral("1234") },
        { "registerPinAgain", QStringLiteral("1234") } };
    for (const auto &[next, text] : steps) {
        QCOMPARE(keyboard()->key(QStringLiteral("key-enter"))->text(), QStringLiteral("Next"));
        kiosk().tap(QStringLiteral("enter"));
        QCOMPARE(submitted.count(), 0);   // Next only moves on
        QCOMPARE(keyboard()->target(), field(next));
        QCOMPARE(QApplication::focusWidget(), field(next));
        QVERIFY(typeOnKeyboard(keyboard(), text));
    }
    // The last field: OK sends the form.
    QCOMPARE(keyboard()->key(QStringLiteral("key-enter"))->text(), QStringLiteral("OK"));
    kiosk().tap(QStringLiteral("enter"));
    QCOMPARE(submitted.count(), 1);
    const auto form = submitted.first().first().value<RegisterPage::Form>();
    QCOMPARE(form.name, QStringLiteral("Ida Lund"));
    QCOMPARE(form.contact, QStringLiteral("0170"));
    QCOMPARE(form.pin, QStringLiteral("1234"));
}

void TestTouchKeyboard::pinFieldGetsTheDigitsPad()
{
    kiosk().press(QStringLiteral("startButton"));
    QCOMPARE(kiosk().page(), QStringLiteral("signInPage"));
    // The customer code: digits first, letters at hand (codes like "C7"), in capitals.
    QCOMPARE(keyboard()->target(), field("codeField"));
    QCOMPARE(keyboard()->currentLayout(), Id::Digits);
    kiosk().tap(QStringLiteral("letters"));
    kiosk().tap(QStringLiteral("c"));
    kiosk().tap(QStringLiteral("symbols"));
    kiosk().tap(QStringLiteral("7"));
    QCOMPARE(field("codeField")->text(), QStringLiteral("C7"));
    // The PIN: the digits pad, nothing else.
    QTest::mouseClick(field("pinField"), Qt::LeftButton);
    QTRY_COMPARE(keyboard()->target(), field("pinField"));
    QCOMPARE(keyboard()->currentLayout(), Id::Digits);
    QVERIFY(!keyboard()->key(QStringLiteral("key-letters"))->isVisible());
    QVERIFY(!keyboard()->key(QStringLiteral("key-a")));
    for (int digit = 0; digit <= 9; ++digit)
        QVERIFY(keyboard()->key(QStringLiteral("key-%1").arg(digit))->height() >= 64);
    for (const QChar digit : QStringLiteral("2468"))
        kiosk().tap(QString(digit));
    kiosk().tap(QStringLiteral("back"));
    QCOMPARE(field("pinField")->text(), QStringLiteral("246"));
}

void TestTouchKeyboard::shiftOnceAndCapsLock()
{
    openRegistration();
    QTest::mouseClick(field("registerContact"), Qt::LeftButton);
    QTRY_COMPARE(keyboard()->target(), field("registerContact"));
    kiosk().tap(QStringLiteral("letters"));
    TouchKeyboard *keys = keyboard();
    QVERIFY(!keys->isShifted());
    kiosk().tap(QStringLiteral("shift"));   // once: the next letter only
    QCOMPARE(keys->key(QStringLiteral("key-u"))->text(), QStringLiteral("U"));
    kiosk().tap(QStringLiteral("u"));
    kiosk().tap(QStringLiteral("r"));
    QCOMPARE(field("registerContact")->text(), QStringLiteral("Ur"));
    kiosk().tap(QStringLiteral("shift"));   // twice in a row: caps lock
    kiosk().tap(QStringLiteral("shift"));
    QVERIFY(keys->isCapsLocked());
    QCOMPARE(keys->key(QStringLiteral("key-shift"))->accessibleName(), QStringLiteral("Caps lock"));
    kiosk().tap(QStringLiteral("a"));
    kiosk().tap(QStringLiteral("b"));
    QVERIFY(keys->isCapsLocked());
    kiosk().tap(QStringLiteral("shift"));
    kiosk().tap(QStringLiteral("c"));
    QCOMPARE(field("registerContact")->text(), QStringLiteral("UrABc"));
    // Held down: caps lock too.
    QTest::mousePress(keys->key(QStringLiteral("key-shift")), Qt::LeftButton);
    QTRY_VERIFY(keys->isCapsLocked());
    QTest::mouseRelease(keys->key(QStringLiteral("key-shift")), Qt::LeftButton);
    QVERIFY(keys->isCapsLocked());
    // The layout key goes through the languages and says which is on.
    QCOMPARE(keys->key(QStringLiteral("key-layout"))->text(), QStringLiteral("English"));
    kiosk().tap(QStringLiteral("layout"));
    QCOMPARE(keys->currentLayout(), Id::German);
    QCOMPARE(keys->key(QStringLiteral("key-layout"))->text(), QStringLiteral("Deutsch"));
    kiosk().tap(QStringLiteral("layout"));   // no kana in a phone-or-e-mail field
    QCOMPARE(keys->currentLayout(), Id::English);
}

void TestTouchKeyboard::symbolsPageHasWhatFormsNeed()
{
    openRegistration();
    kiosk().tap(QStringLiteral("symbols"));
    QCOMPARE(keyboard()->currentLayout(), Id::Symbols);
    for (const QChar c : QStringLiteral("1234567890+-.,@_'/&()!?:")) {
        QPushButton *key = keyboard()->key(QStringLiteral("key-") + c);
        QVERIFY2(key && key->isVisible(), qPrintable(QString(c)));
        QCOMPARE(key->accessibleName(), QString(c));
    }
    QVERIFY(keyboard()->key(QStringLiteral("key-space"))->isVisible());
    kiosk().tap(QStringLiteral("letters"));
    QCOMPARE(keyboard()->currentLayout(), Id::English);
}

// Signs Anna in on the keys and opens the rename of her first album.
void TestTouchKeyboard::signInAndRename()
{
    kiosk().signInOnKeys(QStringLiteral("1001"), QStringLiteral("2468"));
    m_window->findChild<QListWidget *>(QStringLiteral("albumList"))->setCurrentRow(0);
    m_albumId = m_window->albumsPage()->currentAlbumId();
    kiosk().press(QStringLiteral("renameButton"));
    QCOMPARE(kiosk().page(), QStringLiteral("entryPage"));
    QCOMPARE(keyboard()->target(), field("entryField"));
}

void TestTouchKeyboard::japaneseAlbumName()
{
    chooseLanguage(QStringLiteral("ja"));
    signInAndRename();
    TouchKeyboard *keys = keyboard();
    QCOMPARE(keys->currentLayout(), Id::Kana);
    QCOMPARE(keys->key(QStringLiteral("key-enter"))->text(),   // the only field
             QCoreApplication::translate("Keepsake::TouchKeyboard", "OK"));
    // Kana as typed: OK keeps them.
    for (const char *kana : { "な", "つ", "や", "す", "み" })
        kiosk().tap(QString::fromUtf8(kana));
    QCOMPARE(field("entryField")->text(), QStringLiteral("なつやすみ"));   // the old name was selected: replaced
    QCOMPARE(composing(), QStringLiteral("なつやすみ"));
    QVERIFY2(keys->candidateBar()->candidates().contains(QStringLiteral("夏休み")),
             qPrintable(keys->candidateBar()->candidates().join(QLatin1Char(' '))));
    kiosk().tap(QStringLiteral("enter"));
    QTRY_COMPARE(Albums(m_lab.lab->catalog()).byId(m_albumId)->title, QStringLiteral("なつやすみ"));
    // Converted: a tap on the candidate puts the kanji in the field.
    auto *albums = m_window->findChild<QListWidget *>(QStringLiteral("albumList"));
    QTRY_VERIFY(albums->currentItem() && albums->currentItem()->text().startsWith(QStringLiteral("なつやすみ")));
    kiosk().press(QStringLiteral("renameButton"));
    QCOMPARE(field("entryField")->text(), QStringLiteral("なつやすみ"));
    for (const char *kana : { "な", "つ", "や", "す", "み" })
        kiosk().tap(QString::fromUtf8(kana));
    CandidateBar *bar = keys->candidateBar();
    const qsizetype at = bar->candidates().indexOf(QStringLiteral("夏休み"));
    QVERIFY(at >= 0);
    QCOMPARE(bar->button(int(at))->accessibleName(), QStringLiteral("夏休み"));
    QTest::mouseClick(bar->button(int(at)), Qt::LeftButton);
    QCOMPARE(field("entryField")->text(), QStringLiteral("夏休み"));
    QTRY_VERIFY(bar->candidates().isEmpty());   // committed
    kiosk().tap(QStringLiteral("enter"));
    QTRY_COMPARE(Albums(m_lab.lab->catalog()).byId(m_albumId)->title, QStringLiteral("夏休み"));
    // Latin letters are a tap away in Japanese.
    kiosk().press(QStringLiteral("renameButton"));
    kiosk().tap(QStringLiteral("layout"));
    QCOMPARE(keyboard()->currentLayout(), Id::English);
}

// Sharing asks for a customer code or an e-mail address: Latin keys even in a Japanese
// interface, while the album's name (the same field) gets kana again.
void TestTouchKeyboard::shareFieldTakesLatinLetters()
{
    chooseLanguage(QStringLiteral("ja"));
    signInAndRename();
    QCOMPARE(keyboard()->currentLayout(), Id::Kana);
    kiosk().press(QStringLiteral("entryCancel"));
    kiosk().press(QStringLiteral("shareButton"));
    QCOMPARE(kiosk().page(), QStringLiteral("entryPage"));
    QCOMPARE(keyboard()->currentLayout(), Id::English);
    for (const char *key : { "a", "n", "n", "a", "@" })
        kiosk().tap(QString::fromLatin1(key));
    QCOMPARE(field("entryField")->text(), QStringLiteral("anna@"));
    kiosk().press(QStringLiteral("entryCancel"));
    kiosk().press(QStringLiteral("renameButton"));
    QCOMPARE(keyboard()->currentLayout(), Id::Kana);
}

void TestTouchKeyboard::voicedAndSmallKana()
{
    chooseLanguage(QStringLiteral("ja"));
    signInAndRename();
    QLineEdit *title = field("entryField");
    const QList<QPair<QStringList, QString>> steps {
        { { QStringLiteral("か"), QStringLiteral("voiced") }, QStringLiteral("が") },
        { { QStringLiteral("は"), QStringLiteral("voiced") }, QStringLiteral("がば") },
        { { QStringLiteral("voiced") }, QStringLiteral("がぱ") },
        { { QStringLiteral("voiced") }, QStringLiteral("がは") },
        { { QStringLiteral("つ"), QStringLiteral("small") }, QStringLiteral("がはっ") },
        { { QStringLiteral("script"), QStringLiteral("と"), QStringLiteral("voiced") }, QStringLiteral("がはっド") },
        { { QStringLiteral("ー") }, QStringLiteral("がはっドー") },
    };
    for (const auto &[keys, expected] : steps) {
        for (const QString &key : keys)
            kiosk().tap(key);
        QCOMPARE(title->text(), expected);
    }
    // The composed kana, voiced as they went, are converted as a whole.
    QCOMPARE(composing(), QStringLiteral("がはっドー"));
    kiosk().tap(QStringLiteral("back"));
    QCOMPARE(title->text(), QStringLiteral("がはっド"));
    QCOMPARE(composing(), QStringLiteral("がはっド"));
}

// The page at 1280×800: the whole keyboard inside the window and clear of the fields,
// every key a finger's size with its label shown.
void TestTouchKeyboard::checkFits(const QString &shot)
{
    const QImage image = shoot(m_window.get(), QSize(1280, 800), shot);
    QVERIFY(distinctColours(image) > 20);
    TouchKeyboard *keys = keyboard();
    const QRect area(keys->mapTo(m_window.get(), QPoint(0, 0)), keys->size());
    QVERIFY2(m_window->rect().contains(area), qPrintable(shot));
    for (QLineEdit *edit : m_window->currentPage()->findChildren<QLineEdit *>()) {
        if (edit->isVisible())
            QVERIFY(!QRect(edit->mapTo(m_window.get(), QPoint(0, 0)), edit->size()).intersects(area));
    }
    for (QPushButton *key : keys->findChildren<QPushButton *>()) {
        if (!key->isVisible())
            continue;
        QVERIFY2(key->height() >= 48 && key->width() >= 40, qPrintable(key->objectName()));
        QVERIFY2(key->fontMetrics().horizontalAdvance(key->text()) < key->width(),
                 qPrintable(QStringLiteral("%1 \"%2\" needs %3 px, has %4 (%5)").arg(key->objectName(), key->text())
                                .arg(key->fontMetrics().horizontalAdvance(key->text())).arg(key->width()).arg(shot)));
        QVERIFY2(!key->accessibleName().isEmpty(), qPrintable(key->objectName()));
    }
}

void TestTouchKeyboard::fitsAt1280x800()
{
    chooseLanguage(QStringLiteral("de"));
    openRegistration();
    checkFits(QStringLiteral("keyboard-register-de"));
    QTest::mouseClick(field("registerContact"), Qt::LeftButton);
    QTRY_COMPARE(keyboard()->currentLayout(), Id::Phone);
    checkFits(QStringLiteral("keyboard-register-phone"));
    kiosk().press(QStringLiteral("registerBack"));
    chooseLanguage(QStringLiteral("ja"));
    openRegistration();
    QCOMPARE(keyboard()->currentLayout(), Id::Kana);
    checkFits(QStringLiteral("keyboard-register-ja"));
    kiosk().press(QStringLiteral("registerBack"));
    signInAndRename();
    for (const char *kana : { "な", "つ", "や", "す", "み" })
        kiosk().tap(QString::fromUtf8(kana));
    checkFits(QStringLiteral("keyboard-rename-ja"));
}

QTEST_MAIN(TestTouchKeyboard)
#include "tst_touchkeyboard.moc"
