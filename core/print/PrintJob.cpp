// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "PrintJob.h"

#include <QMetaObject>
#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

namespace Keepsake {

PrintJob::PrintJob(Work work, QObject *parent) : QObject(parent), m_work(std::move(work))
{
    qRegisterMetaType<Keepsake::PrintJobs::Done>();
}

PrintJob::~PrintJob()
{
    // The worker holds this object's token and work: stop it before they go away.
    m_cancel.cancel();
    m_future.waitForFinished();
}

PrintJob *PrintJob::indexOfAlbums(const Lab &lab, QList<qint64> albumIds, std::optional<QStringList> select,
                                  PaperFormat format, int columns, PrintJobs::Target target, QObject *parent)
{
    return new PrintJob(
        [&lab, albumIds, select, format, columns, target](const CancelToken &cancel, const IndexSheet::Progress &progress) {
            return PrintJobs(lab).indexOfAlbums(albumIds, select, format, columns, target, &cancel, progress);
        },
        parent);
}

void PrintJob::start()
{
    if (m_running)
        return;
    m_running = true;
    m_cancel.reset();
    QPointer<PrintJob> self(this);
    m_future = QtConcurrent::run([this, self] {
        const auto report = [self](int done, int total) {
            QMetaObject::invokeMethod(self, [self, done, total] {
                if (self)
                    emit self->progress(done, total);
            }, Qt::QueuedConnection);
        };
        Result<PrintJobs::Done> result = m_work(m_cancel, report);
        QMetaObject::invokeMethod(self, [self, result] {
            if (!self)
                return;
            self->m_running = false;
            if (result)
                emit self->finished(*result);
            else
                emit self->failed(result.error().message(), result.error().kind() == Error::Kind::Cancelled);
        }, Qt::QueuedConnection);
    });
}

} // namespace Keepsake
