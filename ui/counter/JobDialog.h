// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

#include <functional>

class QLabel;
class QPushButton;

namespace Keepsake {

class JobProgress;
class QrLabel;

// A window-modal progress window for the counter's long jobs (hand-in, burn, verify,
// print): the bar, Cancel while it runs, Close when it is done.
class JobDialog : public QDialog
{
    Q_OBJECT

public:
    explicit JobDialog(QWidget *parent = nullptr);

    JobProgress *progress() const { return m_progress; }
    void begin(const QString &title);
    void end(const QString &result);
    // After a hand-in: its pickup code, large, its QR code as on the receipt (it holds
    // exactly the code shown), and a button that prints the receipt.
    void offerReceipt(const QString &pickupCode, std::function<void()> print);

private:
    JobProgress *m_progress = nullptr;
    QPushButton *m_close = nullptr;
    QLabel *m_pickup = nullptr;
    QrLabel *m_qr = nullptr;
    QPushButton *m_receipt = nullptr;
    std::function<void()> m_print;
};

} // namespace Keepsake
