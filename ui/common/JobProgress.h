// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;

namespace Keepsake {

// A long job in progress: what it does, a bar, a line of detail and a Cancel button.
class JobProgress : public QWidget
{
    Q_OBJECT

public:
    explicit JobProgress(QWidget *parent = nullptr);

    void begin(const QString &title);
    void setProgress(qint64 done, qint64 total, const QString &detail = {});
    void end(const QString &result);
    bool isBusy() const { return m_busy; }
    int percent() const;

Q_SIGNALS:
    void cancelRequested();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();

    QLabel *m_title = nullptr;
    QProgressBar *m_bar = nullptr;
    QLabel *m_detail = nullptr;
    QPushButton *m_cancel = nullptr;
    bool m_busy = false;
};

} // namespace Keepsake
