// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Error.h"
#include "catalog/PinLockout.h"
#include "ingest/IngestTypes.h"

#include <QMainWindow>
#include <QStringList>

class QStackedWidget;

namespace Keepsake {

class AlbumsPage;
class CardWatcher;
class EntryPage;
class IdleGuard;
class ImportPage;
class JobRunner;
class Lab;
class RegisterPage;
class SignInPage;
class Translations;
class WelcomePage;

struct KioskOptions
{
    QStringList mountRoots;          // empty: CardWatcher::defaultRoots()
    int idleMilliseconds = 120 * 1000;
    int cardSettleMilliseconds = 1000;
    // This kiosk's name, for its sign-in lockout and the audit trail; empty: "kiosk@HOST".
    QString terminalName;
};

// The customers' touchscreen: welcome with the language choice, sign-in with code
// and PIN on an on-screen pad, registration, the customer's albums, and a card
// handed in as soon as it is inserted. A session ends after a while without touch.
class KioskWindow : public QMainWindow
{
    Q_OBJECT

public:
    KioskWindow(const Lab &lab, Translations &translations, const KioskOptions &options,
                QWidget *parent = nullptr);
    ~KioskWindow() override;

    qint64 customerId() const { return m_customerId; }
    QWidget *currentPage() const;
    AlbumsPage *albumsPage() const { return m_albums; }
    ImportPage *importPage() const { return m_import; }
    CardWatcher *cardWatcher() const { return m_cards; }
    IdleGuard *idleGuard() const { return m_idle; }
    bool isImporting() const;

Q_SIGNALS:
    void signedIn(qint64 customerId);
    void signedOut();
    void importFinished(const Keepsake::IngestSummary &summary);

protected:
    void changeEvent(QEvent *event) override;

private:
    void buildPages();
    void connectPages();
    void setLanguage(const QString &language);
    void signIn(const QString &code, const QString &pin);
    void pinChecked(const Result<PinLockout::Attempt> &attempt);
    void signedInAs(qint64 customerId);
    void signOut();
    void registerCustomer(const QString &name, const QString &contact, const QString &pin);
    void cardInserted(const QString &path);
    void cardRemoved(const QString &path);
    void startImport(const QString &path);
    void importDone(const Result<IngestSummary> &result);
    void showPage(QWidget *page);
    void retranslate();

    const Lab &m_lab;
    Translations &m_translations;
    QStackedWidget *m_pages = nullptr;
    WelcomePage *m_welcome = nullptr;
    SignInPage *m_signIn = nullptr;
    RegisterPage *m_register = nullptr;
    AlbumsPage *m_albums = nullptr;
    ImportPage *m_import = nullptr;
    EntryPage *m_entry = nullptr;
    QWidget *m_entryReturn = nullptr;
    CardWatcher *m_cards = nullptr;
    IdleGuard *m_idle = nullptr;
    JobRunner *m_ingest = nullptr;     // the hand-in of a card
    JobRunner *m_pinCheck = nullptr;   // the PIN's slow hash
    QString m_terminal;                // this kiosk, to the sign-in lockout
    qint64 m_customerId = 0;
    QString m_customerCode;
    QString m_pendingCard;
};

} // namespace Keepsake
