// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QDialog>

class QPushButton;

namespace Keepsake {

class JobProgress;

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

private:
    JobProgress *m_progress = nullptr;
    QPushButton *m_close = nullptr;
};

} // namespace Keepsake
