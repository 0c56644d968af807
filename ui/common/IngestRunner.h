// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "ingest/IngestTypes.h"

#include <QObject>

namespace Keepsake {

class IngestJob;
class JobThread;
class Lab;

// A hand-in run off the window's thread: forwards the job's progress and per-file
// decisions, and takes the Cancel button to the job's CancelToken.
class IngestRunner : public QObject
{
    Q_OBJECT

public:
    explicit IngestRunner(const Lab &lab, QObject *parent = nullptr);
    ~IngestRunner() override;

    bool isRunning() const;
    void start(const IngestOptions &options);
    void cancel();

Q_SIGNALS:
    void started(int files, qint64 bytes);
    void progress(int filesDone, int filesTotal, qint64 bytesDone, qint64 bytesTotal);
    void fileDecided(const Keepsake::IngestRecord &record);
    // error is empty when the hand-in finished (cancelled or not).
    void finished(const Keepsake::IngestSummary &summary, const QString &error);

private:
    const Lab &m_lab;
    JobThread *m_thread = nullptr;
    IngestJob *m_job = nullptr;
};

} // namespace Keepsake
