// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "PrintJobs.h"
#include "base/CancelToken.h"

#include <QFuture>
#include <QObject>

#include <functional>

namespace Keepsake {

// An index sheet or receipt made off the GUI thread (to a PDF or a CUPS queue), with
// progress signals and a cancel request, for a window's progress bar. Emits exactly
// one of finished() or failed(); cancelled work fails with a Cancelled error and
// leaves no file behind.
class PrintJob : public QObject
{
    Q_OBJECT

public:
    // 'work' runs on a worker thread with the job's cancel token and progress callback.
    using Work = std::function<Result<PrintJobs::Done>(const CancelToken &, const IndexSheet::Progress &)>;

    explicit PrintJob(Work work, QObject *parent = nullptr);
    ~PrintJob() override;

    // The index sheet of albums, as keepsakectl print index makes it.
    static PrintJob *indexOfAlbums(const Lab &lab, QList<qint64> albumIds, std::optional<QStringList> select,
                                   PaperFormat format, int columns, PrintJobs::Target target, QObject *parent = nullptr);

    void start();
    void cancel() { m_cancel.cancel(); }
    bool isRunning() const { return m_running; }

signals:
    void progress(int done, int total);
    void finished(const Keepsake::PrintJobs::Done &done);
    void failed(const QString &message, bool cancelled);

private:
    Work m_work;
    CancelToken m_cancel;
    QFuture<void> m_future;
    bool m_running = false;
};

} // namespace Keepsake

Q_DECLARE_METATYPE(Keepsake::PrintJobs::Done)
