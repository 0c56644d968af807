// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "StationQueueView.h"

#include "CounterLog.h"
#include "base/JobRunner.h"
#include "catalog/AuditLog.h"
#include "lab/Lab.h"
#include "net/RemoteBurn.h"
#include "net/StationClient.h"
#include "station/StationJobs.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QPushButton>
#include <QSet>
#include <QStandardItemModel>
#include <QTreeView>
#include <QVBoxLayout>

#include <algorithm>

namespace Keepsake {

namespace {

constexpr int JobIdRole = Qt::UserRole;
constexpr int EndedHours = 24;   // ended jobs stay on screen this long

} // namespace

StationQueueView::StationQueueView(const Lab &lab, QWidget *parent) : QWidget(parent), m_lab(lab)
{
    setObjectName(QStringLiteral("stationQueue"));
    m_reader = new JobRunner(this);
    m_reader->setObjectName(QStringLiteral("stationQueueReader"));
    m_canceller = new JobRunner(this);
    m_canceller->setObjectName(QStringLiteral("stationQueueCanceller"));
    m_model = new QStandardItemModel(0, ColumnCount, this);
    m_model->setHorizontalHeaderLabels({ tr("Job"), tr("Station"), tr("Drive"), tr("Customer"), tr("State"),
                                         tr("Progress"), tr("Message") });
    m_view = new QTreeView;
    m_view->setObjectName(QStringLiteral("stationJobs"));
    m_view->setModel(m_model);
    m_view->setRootIsDecorated(false);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->header()->setStretchLastSection(true);
    m_view->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    // Paths are long: elided, whole as tooltips.
    m_view->header()->setSectionResizeMode(DriveColumn, QHeaderView::Interactive);
    m_view->header()->resizeSection(DriveColumn, 280);
    m_view->header()->setSectionResizeMode(MessageColumn, QHeaderView::Stretch);
    m_cancel = new QPushButton(tr("Cancel job"));
    m_cancel->setObjectName(QStringLiteral("cancelStationJob"));
    m_status = new QLabel;
    m_status->setObjectName(QStringLiteral("stationQueueStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setFixedHeight(m_status->fontMetrics().lineSpacing() * 2 + 2);
    m_status->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_status, 1);
    buttons->addWidget(m_cancel, 0, Qt::AlignTop);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_view, 1);
    layout->addLayout(buttons);
    m_timer.setInterval(DefaultIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &StationQueueView::refresh);
    connect(m_cancel, &QPushButton::clicked, this, &StationQueueView::cancelSelected);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this, &StationQueueView::updateButtons);
    updateButtons();
    // Read while the window is open, shown or not: a disc verified for this counter is
    // recorded soon after it comes back, whatever screen the clerk is on.
    if (m_lab.device()) {
        m_timer.start();
        refresh();
    }
}

void StationQueueView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    refresh();
}

bool StationQueueView::isBusy() const
{
    return m_reader->isRunning() || m_canceller->isRunning();
}

void StationQueueView::refresh()
{
    if (!m_lab.device())
        return;
    if (m_reader->isRunning()) {
        m_pending = true;
        return;
    }
    m_pending = false;
    const Lab &lab = m_lab;
    const bool settle = m_settle;
    m_reader->start([&lab, settle](JobControl &) { return read(lab, settle); },
                    [this](const Reading &reading) {
                        show(reading);
                        if (m_pending)
                            refresh();
                    });
}

// On the reader's thread: the waiting discs of this device settled, then the queue.
StationQueueView::Reading StationQueueView::read(const Lab &lab, bool settle)
{
    Reading reading;
    if (settle) {
        const Result<QList<StationJob>> settled = RemoteBurn::settleWaiting(
            lab, tr("%1 (counter)").arg(lab.device()->name), AuditLog::currentActor(QStringLiteral("counter")));
        if (settled)
            reading.settled = *settled;
        else
            reading.settleError = settled.error().message();
    }
    reading.jobs = StationJobs(lab.catalog()).list(0, lab.clock().now().addSecs(-3600 * EndedHours));
    return reading;
}

void StationQueueView::show(const Reading &reading)
{
    QStringList problems;
    if (!reading.settleError.isEmpty())
        problems << tr("A disc a station verified could not be recorded yet: %1").arg(reading.settleError);
    if (!reading.jobs) {
        problems << tr("The burn stations' queue could not be read from the catalog: %1. It is read again in a few "
                       "seconds.").arg(reading.jobs.error().message());
    } else {
        m_jobs = *reading.jobs;
        QSet<qint64> seen;
        int added = -1;
        for (const StationJob &job : std::as_const(m_jobs)) {
            seen.insert(job.id);
            int row = rowOf(job.id);
            if (row < 0) {
                row = m_model->rowCount();
                QList<QStandardItem *> items;
                for (int column = 0; column < ColumnCount; ++column)
                    items.append(new QStandardItem);
                m_model->appendRow(items);
                added = row;
            }
            showJob(row, job);
        }
        for (int row = m_model->rowCount() - 1; row >= 0; --row)
            if (!seen.contains(m_model->item(row, JobColumn)->data(JobIdRole).toLongLong()))
                m_model->removeRow(row);
        if (added >= 0 && selectedJob() == 0)   // the newest job in sight, unless the clerk chose one
            m_view->scrollTo(m_model->index(qMin(added, m_model->rowCount() - 1), JobColumn));
    }
    if (!problems.isEmpty() || m_readFailed)
        setStatus(problems.join(QLatin1Char('\n')));
    m_readFailed = !problems.isEmpty();
    if (!reading.settled.isEmpty())
        Q_EMIT settled(reading.settled);
    updateButtons();
    Q_EMIT refreshed();
}

void StationQueueView::showJob(int row, const StationJob &job)
{
    const QString drive = job.drive.startsWith(QLatin1String("stdio:")) ? tr("image file %1").arg(job.drive.mid(6))
                                                                        : job.drive;
    const QStringList texts { QString::number(job.id), job.station, drive, job.customer, stateText(job),
                              tr("%1 %").arg(job.progress), job.message };
    for (int column = 0; column < ColumnCount; ++column) {
        QStandardItem *item = m_model->item(row, column);
        if (item->text() != texts.at(column)) {
            item->setText(texts.at(column));
            item->setToolTip(texts.at(column));
        }
    }
    m_model->item(row, JobColumn)->setData(job.id, JobIdRole);
    m_model->item(row, ProgressColumn)->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
}

QString StationQueueView::stateText(const StationJob &job)
{
    switch (job.state) {
    case StationJob::State::Queued:
        return job.position > 0 ? tr("queued, %1 in line").arg(job.position) : tr("queued");
    case StationJob::State::Running:
        return tr("running");
    case StationJob::State::Verifying:
        return job.awaitsRequester() ? tr("verified, to be recorded by %1").arg(job.requester) : tr("verifying");
    case StationJob::State::Done:
        return tr("done");
    case StationJob::State::Failed:
        return tr("failed");
    case StationJob::State::Cancelled:
        return tr("cancelled");
    }
    return {};
}

int StationQueueView::rowOf(qint64 id) const
{
    for (int row = 0; row < m_model->rowCount(); ++row)
        if (m_model->item(row, JobColumn)->data(JobIdRole).toLongLong() == id)
            return row;
    return -1;
}

void StationQueueView::selectJob(qint64 id)
{
    const int row = rowOf(id);
    if (row >= 0)
        m_view->setCurrentIndex(m_model->index(row, JobColumn));
}

qint64 StationQueueView::selectedJob() const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows(JobColumn);
    return rows.isEmpty() ? 0 : rows.first().data(JobIdRole).toLongLong();
}

void StationQueueView::cancelSelected()
{
    const qint64 id = selectedJob();
    const auto job = std::find_if(m_jobs.cbegin(), m_jobs.cend(), [id](const StationJob &j) { return j.id == id; });
    if (job == m_jobs.cend() || job->isFinished() || m_canceller->isRunning())
        return;
    const Lab &lab = m_lab;
    const QString station = job->station;
    setStatus(tr("Asking station %1 to cancel job %2…").arg(station).arg(id));
    m_canceller->start(
        [&lab, station, id](JobControl &control) -> Result<StationJob> {
            Result<std::unique_ptr<StationClient>> client = StationClient::open(lab, station, &control.cancelToken());
            if (!client)
                return client.error();
            return (*client)->cancel(id);
        },
        [this, id](const Result<StationJob> &result) { cancelled(id, result); });
    updateButtons();
}

void StationQueueView::cancelled(qint64 id, const Result<StationJob> &job)
{
    if (!job) {
        setStatus(tr("Job %1 could not be cancelled: %2").arg(id).arg(job.error().message()));
        Q_EMIT message(m_status->text());
    } else {
        setStatus(job->isFinished() ? tr("Job %1 is %2.").arg(id).arg(stateText(*job))
                                            : tr("Job %1 is asked to stop; its station stops it at its next step.")
                                                  .arg(id));
    }
    updateButtons();
    refresh();
}

// Two lines are kept for it, so the queue does not jump; the whole text is its tooltip.
void StationQueueView::setStatus(const QString &text)
{
    m_status->setText(text);
    m_status->setToolTip(text);
}

void StationQueueView::updateButtons()
{
    const qint64 id = selectedJob();
    const auto job = std::find_if(m_jobs.cbegin(), m_jobs.cend(), [id](const StationJob &j) { return j.id == id; });
    m_cancel->setEnabled(job != m_jobs.cend() && !job->isFinished() && !job->awaitsRequester()
                         && !m_canceller->isRunning());
}

} // namespace Keepsake
