// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/CancelToken.h"
#include "base/Error.h"
#include "ingest/CardWalk.h"
#include "ingest/IngestTypes.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QHash>
#include <QJsonObject>
#include <QObject>

#include <atomic>

namespace Keepsake {

class DeviceClient;
class Sha256;

// A hand-in through a device over the network (claim 3; CLI.md, "Client mode"): the
// card is read here, the device decides. Each file is offered first by its camera
// identity, size and head/tail hash, then — when that does not settle it — by its
// SHA-256; only what the device has not received goes, in pieces, each file verified
// by SHA-256 there, and a cut connection resumes where the device stopped. Videos and
// what the card walk refuses are reported without being sent. The device runs the
// hand-in as a local one and its records come back as they are decided, with the
// same signals as IngestJob, so the front ends show both alike.
class RemoteIngest : public QObject
{
    Q_OBJECT

public:
    RemoteIngest(DeviceClient &client, IngestOptions options, QObject *parent = nullptr);
    ~RemoteIngest() override;

    Result<IngestSummary> run();
    CancelToken &cancelToken() { return m_cancel; }
    // Also stops when this token is cancelled: one that outlives the run, held by
    // whoever cancels from another thread (a window's job runner).
    void followCancel(const CancelToken *outer) { m_outer = outer; }
    qint64 bytesSent() const { return m_bytesSent; }

Q_SIGNALS:
    void started(int files, qint64 bytes);
    void fileDecided(const Keepsake::IngestRecord &record);
    void progress(int filesDone, int filesTotal, qint64 bytesDone, qint64 bytesTotal);
    // The device stored every file: the card may leave the reader (IngestJob's signal,
    // passed on); its thumbnails follow.
    void cardReleased(const Keepsake::IngestSummary &summary);
    void thumbnailProgress(int done, int total);

private:
    struct Local;
    struct Outgoing
    {
        CardEntry entry;
        QString sha256;   // empty: offered by identity and quick hash, hashed on the way
        qint64 offset = 0;
    };
    class SendQueue;
    QJsonObject describe(const CardEntry &entry, Local &local) const;
    Result<QList<QJsonObject>> offer(const QList<QJsonObject> &files);
    Status offerAndSend(const QList<CardEntry> &entries);
    Result<QList<Outgoing>> offerBatch(const QList<CardEntry> &entries);
    void settled(const CardEntry &entry);
    Status sendAll(SendQueue &queue);
    Status send(DeviceClient &client, const Outgoing &outgoing, QByteArray &piece);
    Status hashUpTo(QFile &file, Sha256 &hash, qint64 &hashedTo, qint64 offset, QByteArray &piece);
    Result<qint64> resumeAt(DeviceClient &client, const Outgoing &outgoing, qint64 size) const;
    QJsonObject describeForResume(const Outgoing &outgoing, qint64 size) const;
    Result<IngestSummary> finish();
    Result<IngestSummary> follow(bool cancelSent);
    void passOn(const QJsonObject &state);
    void cancelOnDevice();
    QString wirePath(const CardEntry &entry) const;
    bool isCancelled();

    DeviceClient &m_client;
    IngestOptions m_options;
    CancelToken m_cancel;
    const CancelToken *m_outer = nullptr;
    QString m_handin;
    std::atomic<qint64> m_bytesSent { 0 };
    std::atomic<qint64> m_bytesDone { 0 };
    qint64 m_bytesTotal = 0;
    std::atomic<int> m_filesDone { 0 };
    int m_filesTotal = 0;
    QHash<QString, QString> m_absolute;   // wire path → path on this machine
    QElapsedTimer m_timer;
    bool m_cardFreeSaid = false;
    double m_cardFreeSeconds = 0;
    int m_thumbnailsSaid = -1;
};

} // namespace Keepsake
