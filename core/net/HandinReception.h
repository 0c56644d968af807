// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Actor.h"
#include "base/CancelToken.h"
#include "base/Error.h"
#include "ingest/FileInspector.h"
#include "ingest/IngestTypes.h"
#include "store/FileBytes.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFuture>
#include <QJsonArray>
#include <QJsonObject>
#include <QMutex>
#include <QObject>
#include <QThreadPool>

#include <map>
#include <optional>
#include <memory>

namespace Keepsake {

class Lab;
class CustomerIndex;
class IngestJob;
class Sha256;

// The device's side of a hand-in over the network (claim 3): a client offers a card's
// files by identity, size and head/tail hash, then by SHA-256; the device answers
// which it already has and which to send; the bytes come in pieces into a spool
// folder (DIR/spool/handins/ID), each file verified by its SHA-256. From the first
// file on, the spooled files go through the same hand-in as a local card (IngestJob,
// on a worker thread), fed in the order they were offered as each arrives whole, so
// that little is left to do when the client says it is done; the client reads the
// records as they are decided. A cut connection loses nothing: the client asks again
// and sends from where the device stopped.
class HandinReception : public QObject
{
    Q_OBJECT

public:
    HandinReception(const Lab &lab, QObject *parent = nullptr);
    ~HandinReception() override;

    struct Opening
    {
        QString customerCode;
        QString albumTitle;
        bool again = false;
        bool thumbnails = true;
        QString source;       // what the client calls the card, for the hand-in's record
        Actor actor = Actor::system(QString());
        QString owner;        // who may go on with it: the caller's key
    };
    Result<QString> open(const Opening &opening);
    // Answers per file: {"path", "answer": "known"|"need_sha"|"send"|"received"|"refused", ...}.
    Result<QJsonArray> offer(const QString &id, const QString &owner, const QJsonArray &files);
    // A piece of a file at an offset; {"received": N, "complete": bool}. The piece that
    // completes a file offered without its SHA-256 carries it (claimedSha256).
    // Answered once the piece is written and hashed, on the reception's thread.
    QFuture<Result<QJsonObject>> receive(const QString &id, const QString &owner, const QString &path, qint64 offset,
                                         const QByteArray &bytes, const QString &claimedSha256);
    // The same, done before it returns (a phone's pieces, small and one at a time).
    Result<QJsonObject> receiveNow(const QString &id, const QString &owner, const QString &path, qint64 offset,
                                   const QByteArray &bytes, const QString &claimedSha256);
    Status finish(const QString &id, const QString &owner);
    // {"state", "records" (from index `after`), "done", "total", "summary"|null, "card_free"
    // (the counts once every file is stored)|null, "thumbnails" {"done", "total"}, "error"|null}
    Result<QJsonObject> state(const QString &id, const QString &owner, int after);
    Status cancel(const QString &id, const QString &owner);
    // Receptions whose client went away long ago are dropped with their spool.
    void dropStale(const QDateTime &now);

Q_SIGNALS:
    void handinFinished();

private:
    struct Incoming;
    struct Reception;
    struct PieceJob
    {
        QString id, path, target;
        qint64 offset = 0;
        bool last = false;
        Sha256 *hash = nullptr;   // the file's, left alone by others while the piece is busy
        const FileInspector *inspector = nullptr;   // looks at a file that comes in one piece
    };
    struct PieceDone
    {
        Status written;
        QString digest;   // the file's SHA-256, after its last piece
        std::optional<InspectedFile> inspected;   // a file of one piece, looked at from memory
    };
    struct Looker;
    // A piece checked against where its file stands; the file then busy until settled.
    Result<PieceJob> admit(const QString &id, const QString &owner, const QString &path, qint64 offset, qint64 size);
    PieceDone takeIn(const PieceJob &job, const QByteArray &bytes);
    Result<QJsonObject> settle(const PieceJob &job, qint64 size, const QString &claimedSha256, const PieceDone &done);
    Result<Reception *> find(const QString &id, const QString &owner);
    static QString stateOf(Reception &reception);
    static Status stillReceiving(Reception &reception);
    QJsonObject answer(Reception &reception, const QJsonObject &file);
    static std::optional<IngestRecord> knownOrRefused(Reception &reception, const QJsonObject &file,
                                                      const QString &path, qint64 size);
    static QJsonObject expect(Reception &reception, const QString &path, qint64 size, const QString &sha,
                              const QString &quick, QJsonObject reply);
    static void decide(Reception &reception, const IngestRecord &record);
    // Hands the hand-in what is ready, in the order offered; starts it with the first.
    void feedReady(Reception &reception);
    void run(Reception *reception);
    static void follow(IngestJob &job, Reception *reception);
    QString spoolRoot() const;

    const Lab &m_lab;
    std::map<QString, std::unique_ptr<Reception>> m_receptions;
    FileBytesPool m_buffers { 2 };   // the pieces' aligned copies for the spool's direct writes
    QThreadPool m_workers;
    QThreadPool m_pieces;    // pieces hashed off the service's thread
    QThreadPool m_writers;   // ... while they go to the spool
};

} // namespace Keepsake
