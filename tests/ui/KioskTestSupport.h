// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// What the kiosk's window tests share: a driver that works the kiosk window as a
// customer does. It finds buttons by name and presses them only when they are shown
// and enabled, tells the page on screen, taps the touch keyboard's keys, signs a
// customer in (on the code and PIN fields, or key by key) and brings the window back
// to its welcome page.
//
// Its checks (QVERIFY, QCOMPARE, QTRY_*) end the helper, not the test that called it:
// a test that must not go on after a failed helper checks QTest::currentTestFailed().
#pragma once

#include "KeyboardTestSupport.h"
#include "common/PhotoGridModel.h"
#include "kiosk/AlbumsPage.h"
#include "kiosk/KioskBackend.h"
#include "kiosk/KioskWindow.h"
#include "kiosk/TouchKeyboard.h"

#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

#include <functional>
#include <optional>
#include <utility>

namespace Keepsake::Test {

class KioskDriver
{
public:
    // timeoutMs: how long the driver waits for an answer (sign-in, albums, a change);
    // a kiosk that is a device's client gives the network's time.
    explicit KioskDriver(KioskWindow *window, int timeoutMs = 20000) : m_window(window), m_timeout(timeoutMs) {}

    KioskWindow *window() const { return m_window; }

    // The button of that object name anywhere in the window; null (said on the test's
    // output) when there is none.
    QPushButton *button(const QString &name) const
    {
        auto *found = m_window->findChild<QPushButton *>(name);
        if (!found)
            qWarning("no button %s", qPrintable(name));
        return found;
    }

    // The object name of the page on screen ("welcomePage", "homePage", …).
    QString page() const { return m_window->currentPage()->objectName(); }

    // The touch keyboard of the page on screen; null when the page has none.
    TouchKeyboard *keyboard() const { return keyboardOf(m_window->currentPage()); }

    QString signInMessage() const { return m_window->findChild<QLabel *>(QStringLiteral("signInMessage"))->text(); }

    // Clicks the button as a finger would: it must be there, shown and enabled.
    void press(const QString &name)
    {
        QPushButton *found = button(name);
        QVERIFY2(found && found->isVisible() && found->isEnabled(), qPrintable(name));
        QTest::mouseClick(found, Qt::LeftButton);
    }

    // Taps a key of the page's touch keyboard by the name after "key-" ("5", "enter",
    // "shift"): shown, enabled, and taking no focus (the field keeps the cursor).
    void tap(const QString &key)
    {
        const QString name = QStringLiteral("key-") + key;
        TouchKeyboard *keys = keyboard();
        QVERIFY2(keys, qPrintable(name));
        QPushButton *found = keys->key(name);
        QVERIFY2(found && found->isVisible() && found->isEnabled(), qPrintable(name));
        QCOMPARE(found->focusPolicy(), Qt::NoFocus);
        QTest::mouseClick(found, Qt::LeftButton);
    }

    // On the sign-in page (opened from the welcome page when not on it): the code and
    // the PIN put into their fields, then Return.
    void enterCode(const QString &code, const QString &pin)
    {
        if (page() != QLatin1String("signInPage"))
            press(QStringLiteral("startButton"));
        QCOMPARE(page(), QStringLiteral("signInPage"));
        auto *pinField = m_window->findChild<QLineEdit *>(QStringLiteral("pinField"));
        m_window->findChild<QLineEdit *>(QStringLiteral("codeField"))->setText(code);
        pinField->setText(pin);
        QTest::keyClick(pinField, Qt::Key_Return);
    }

    // Enters a code and a PIN and gives the sign-in page's answer, once the customer is
    // signed in or the page says something other than "Checking…"; "(no answer)" when
    // neither came in time.
    QString tryCode(const QString &code, const QString &pin)
    {
        enterCode(code, pin);
        if (QTest::currentTestFailed())
            return QStringLiteral("(not entered)");
        const auto answered = [this] {
            return m_window->customerId() || !signInMessage().startsWith(QLatin1String("Checking"));
        };
        if (!QTest::qWaitFor(answered, m_timeout))
            return QStringLiteral("(no answer)");
        return signInMessage();
    }

    // Signs the customer in on the fields: signed in, the albums loaded, and the window
    // on `landing` (the albums, unless a card or camera waited for the customer).
    void signIn(const QString &code, const QString &pin, const QString &landing = QStringLiteral("homePage"))
    {
        QSignalSpy signedIn(m_window, &KioskWindow::signedIn);
        const QString answer = tryCode(code, pin);
        if (QTest::currentTestFailed())
            return;
        QTRY_VERIFY2_WITH_TIMEOUT(signedIn.count() == 1, qPrintable(answer), m_timeout);
        signedInOn(landing);
    }

    // The same, key by key on the sign-in page's digits pad: the code, Next, the PIN, OK.
    void signInOnKeys(const QString &code, const QString &pin, const QString &landing = QStringLiteral("homePage"))
    {
        QSignalSpy signedIn(m_window, &KioskWindow::signedIn);
        press(QStringLiteral("startButton"));
        QCOMPARE(page(), QStringLiteral("signInPage"));
        for (const QString &digits : { code, pin }) {
            QVERIFY(keyboard());
            QCOMPARE(keyboard()->currentLayout(), KeyboardLayout::Id::Digits);
            for (const QChar digit : digits)
                tap(QString(digit));
            tap(QStringLiteral("enter"));
            if (QTest::currentTestFailed())
                return;
        }
        QTRY_VERIFY2_WITH_TIMEOUT(signedIn.count() == 1, qPrintable(signInMessage()), m_timeout);
        signedInOn(landing);
    }

    // Opens the album and its first photo in the large view, tapped in the grid.
    void openFirstPhoto(qint64 albumId)
    {
        m_window->albumsPage()->selectAlbum(albumId);
        QCOMPARE(m_window->albumsPage()->currentAlbumId(), albumId);
        auto *grid = m_window->findChild<QListView *>(QStringLiteral("photoGrid"));
        const QModelIndex first = m_window->albumsPage()->grid()->index(0);
        QVERIFY(first.isValid());
        QTest::mouseClick(grid->viewport(), Qt::LeftButton, {}, grid->visualRect(first).center());
        QTRY_COMPARE(page(), QStringLiteral("photoViewPage"));
    }

    // Waits for the backend's answer to a change and gives it.
    Status waitFor(const std::function<void(KioskBackend::Done)> &change) const
    {
        std::optional<Status> answer;
        change([&answer](const Status &status) { answer = status; });
        if (!QTest::qWaitFor([&answer] { return answer.has_value(); }, m_timeout))
            return Error::failure(QStringLiteral("no answer from the device"));
        return *answer;
    }

    // Back on the welcome page from where a test left the window: a finished hand-in
    // and the pages over the albums closed, the customer signed out, sign-in or
    // registration left.
    void returnToWelcome()
    {
        if (page() == QLatin1String("importPage") && !m_window->isImporting())
            press(QStringLiteral("importDone"));
        const std::pair<const char *, const char *> closers[] = { { "photoViewPage", "photoViewClose" },
                                                                 { "entryPage", "entryCancel" },
                                                                 { "phonePage", "phoneClose" },
                                                                 { "noticesPage", "noticesClose" } };
        for (const auto &[onPage, close] : closers) {
            if (page() == QLatin1String(onPage))
                press(QLatin1String(close));
        }
        if (m_window->customerId())
            press(QStringLiteral("signOutButton"));
        else if (page() == QLatin1String("signInPage"))
            press(QStringLiteral("backButton"));
        else if (page() == QLatin1String("registerPage"))
            press(QStringLiteral("registerBack"));
        QTRY_COMPARE(page(), QStringLiteral("welcomePage"));
    }

private:
    void signedInOn(const QString &landing)
    {
        QTRY_VERIFY_WITH_TIMEOUT(m_window->albumsPage()->isLoaded(), m_timeout);
        QCOMPARE(page(), landing);
    }

    KioskWindow *m_window;
    int m_timeout;
};

} // namespace Keepsake::Test
