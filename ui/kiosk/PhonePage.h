// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Error.h"
#include "web/PhoneAddresses.h"

#include <QImage>
#include <QTimer>
#include <QWidget>

class QLabel;
class QPushButton;

namespace Keepsake {

class KioskBackend;
class MessageLabel;

// "Hand in from your phone" (issue 16): a QR code holding a one-time upload address
// for the signed-in customer, the address as text below it and the minutes it still
// works; then the photos arriving ("3 photos received") and what became of them. The
// page asks the backend how the upload goes every pollInterval while it shows, and
// stops when it hides, when the upload is done or failed, or when the address expired
// unused (then "New code" makes another).
class PhonePage : public QWidget
{
    Q_OBJECT

public:
    explicit PhonePage(KioskBackend &backend, QWidget *parent = nullptr);

    void setPollInterval(int milliseconds) { m_poll.setInterval(milliseconds); }
    // Shows the customer's address: the one shown before while it still takes photos, else a new one.
    void open();
    // The customer signed out: their address is forgotten.
    void reset();

    // Photos are coming through the address, or being put into the albums.
    bool isReceiving() const;
    const PhoneUpload &upload() const { return m_upload; }
    QString url() const { return m_url; }
    QImage qrImage() const { return m_qr; }
    QString statusText() const;

    // A QR code for text, quiet zone included, at most side pixels wide: each module
    // a square of whole pixels, black or white, sharp (no smoothing). Null when the
    // text does not fit in a QR code.
    static QImage qrImage(const QString &text, int side);

Q_SIGNALS:
    void closed();
    // The hand-in is done: the customer's albums have the photos now.
    void handedIn(const Keepsake::PhoneUpload &upload);
    // Photos arrived or are being handed in: the customer is still busy.
    void activity();

protected:
    void changeEvent(QEvent *event) override;
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void newCode();
    void opened(const Result<PhoneAddresses::Address> &address);
    void poll();
    void polled(const Result<PhoneUpload> &upload);
    bool finished() const;
    bool expiredUnused() const;
    void showState();
    void showAddress(bool shown);
    QString stateText() const;
    QString summaryText() const;
    void retranslate();

    KioskBackend &m_backend;
    QTimer m_poll;
    PhoneUpload m_upload;       // id 0: none yet
    QString m_url;
    QString m_error;            // the address could not be made
    QImage m_qr;
    quint64 m_generation = 0;   // counts addresses and resets: a late answer about an earlier one is dropped
    bool m_asking = false;      // an address is being made
    bool m_polling = false;     // the upload's state is being asked for
    bool m_announced = false;   // handedIn() was sent for this upload
    QLabel *m_title = nullptr;
    QLabel *m_code = nullptr;
    QLabel *m_address = nullptr;
    QLabel *m_howTo = nullptr;
    QLabel *m_minutes = nullptr;
    MessageLabel *m_status = nullptr;
    QPushButton *m_newCode = nullptr;
    QPushButton *m_close = nullptr;
};

} // namespace Keepsake
