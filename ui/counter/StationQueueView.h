// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Error.h"
#include "station/StationJob.h"

#include <QTimer>
#include <QWidget>

class QLabel;
class QPushButton;
class QStandardItemModel;
class QTreeView;

namespace Keepsake {

class JobRunner;
class Lab;

// The burn stations' queue on the counter's recording screen (issue 15): every job
// of the chain's stations with its station, drive, customer, state, progress and
// message, read from the catalog off the GUI thread every few seconds (from the start,
// on any screen), when shown, and whenever refresh() is called (the window does when
// the catalog changed). Before each read,
// the discs a station verified while this counter was not waiting for them (it was
// closed or cut off mid-burn) are checked and recorded: the counter learns the
// outcome when it is back. A queued or running job can be cancelled: its station is
// asked, over the network, off the GUI thread.
class StationQueueView : public QWidget
{
    Q_OBJECT

public:
    enum Column { JobColumn, StationColumn, DriveColumn, CustomerColumn, StateColumn, ProgressColumn, MessageColumn,
                  ColumnCount };
    static constexpr int DefaultIntervalMs = 3000;

    explicit StationQueueView(const Lab &lab, QWidget *parent = nullptr);

    void refresh();
    void setInterval(int milliseconds) { m_timer.setInterval(milliseconds); }
    // While this counter follows a burn itself, its waiting disc is left to that burn.
    void setSettling(bool settle) { m_settle = settle; }
    QStandardItemModel *model() const { return m_model; }
    // The row of job `id`, or -1.
    int rowOf(qint64 id) const;
    void selectJob(qint64 id);
    void cancelSelected();
    bool isBusy() const;

    static QString stateText(const StationJob &job);

Q_SIGNALS:
    // The queue on screen was read again.
    void refreshed();
    // Jobs that ended while nobody waited for them, now settled here (recorded or failed).
    void settled(const QList<Keepsake::StationJob> &jobs);
    void message(const QString &text);

protected:
    void showEvent(QShowEvent *event) override;

private:
    struct Reading
    {
        QList<StationJob> settled;
        QString settleError;
        Result<QList<StationJob>> jobs = QList<StationJob>();
    };
    static Reading read(const Lab &lab, bool settle);
    void show(const Reading &reading);
    void showJob(int row, const StationJob &job);
    qint64 selectedJob() const;
    void updateButtons();
    void setStatus(const QString &text);
    void cancelled(qint64 id, const Result<StationJob> &job);

    const Lab &m_lab;
    JobRunner *m_reader = nullptr;
    JobRunner *m_canceller = nullptr;
    QTimer m_timer;
    bool m_settle = true;
    bool m_pending = false;
    bool m_readFailed = false;
    QList<StationJob> m_jobs;
    QStandardItemModel *m_model = nullptr;
    QTreeView *m_view = nullptr;
    QPushButton *m_cancel = nullptr;
    QLabel *m_status = nullptr;
};

} // namespace Keepsake
