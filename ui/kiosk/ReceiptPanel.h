// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QImage>
#include <QWidget>

class QLabel;
class QPushButton;

namespace Keepsake {

class MessageLabel;

// The receipt of a hand-in on the kiosk's screen when it ends: its pickup code large,
// as ABCD-EFGH, and a QR code holding exactly that text (what the counter scans), and
// — where the lab set up a receipt printer for the kiosk — "Print receipt". Without a
// printer the screen is the receipt: the customer notes the code or takes a photo.
class ReceiptPanel : public QWidget
{
    Q_OBJECT

public:
    explicit ReceiptPanel(QWidget *parent = nullptr);

    // The hand-in's receipt (pickupCode as stored, 8 characters); hidden again by clear().
    void showReceipt(qint64 handinId, const QString &pickupCode);
    void clear();
    // A receipt printer is there: the button is offered.
    void setPrintable(bool printable);
    // How the printing went, in words for the customer; success: a calm look, else a warning.
    void setPrintStatus(const QString &text, bool success);

    // The print button and how the printing went: a row of their own, for the page to
    // place beside its other buttons (shown and hidden with the panel).
    QWidget *actions() const { return m_actions; }

    qint64 handinId() const { return m_handinId; }
    QString codeText() const;
    QImage qrImage() const { return m_qr; }
    bool isPrintable() const { return m_printable; }

Q_SIGNALS:
    void printRequested(qint64 handinId);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();

    qint64 m_handinId = 0;
    bool m_printable = false;
    QImage m_qr;
    QLabel *m_title = nullptr;
    QLabel *m_code = nullptr;
    QLabel *m_qrLabel = nullptr;
    QLabel *m_hint = nullptr;
    QWidget *m_actions = nullptr;
    MessageLabel *m_status = nullptr;
    QPushButton *m_print = nullptr;
};

} // namespace Keepsake
