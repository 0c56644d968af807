// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "DiscPlanner.h"
#include "base/CancelToken.h"
#include "base/Error.h"
#include "catalog/Albums.h"
#include "catalog/Customers.h"

#include <QElapsedTimer>
#include <QObject>
#include <QStringList>

#include <memory>

namespace Keepsake {

class DiscDrive;
class Lab;
class LabKey;
struct DiscManifest;

struct BurnOptions
{
    QString customerCode;
    QStringList albums;      // IDs or titles; empty: the customer's expired albums
    QString drive;           // libburn address, or stdio:/path/image.iso
    QString media;           // cd, dvd, dvd-dl, bd, bd-dl; empty: from the drive (image file: dvd)
    qint64 capacity = 0;     // overrides the medium's capacity when above zero
    bool dryRun = false;
    QString printer;         // empty: PDFs into DIR/prints/DISC/
    QString actor;
};

struct BurnSummary
{
    bool nothingToRecord = false;
    bool dryRun = false;
    QList<PlannedDisc> plan;
    QString media;
    QString discId;
    int session = 0;
    bool appended = false;
    QString pickupCode;
    QList<qint64> recordedAlbums;
    qint64 bytes = 0;
    int filesVerified = 0;
    double writeSeconds = 0;
    double verifySeconds = 0;
    QStringList printFiles;
    QString printError;      // the recording stands; the prints failed
    int discsLeft = 0;       // planned discs not burned in this run
};

// Records a customer's albums onto the disc in a drive (issue 4): plans the discs,
// checks a disc brought back (its signed manifest and its customer), lays out the
// session, writes it with MD5s, reads it back, and only then marks the albums recorded
// and produces the prints. A failure leaves the albums as they were and the drive's
// image file as it was.
//
// run() does the work in the calling thread and owns every library call while it
// runs: the windows move the job to a worker thread and connect to its signals.
class BurnJob : public QObject
{
    Q_OBJECT

public:
    enum class Phase { Preparing, Writing, Verifying };
    Q_ENUM(Phase)

    BurnJob(const Lab &lab, BurnOptions options, QObject *parent = nullptr);
    ~BurnJob() override;

    Result<BurnSummary> run();
    CancelToken &cancelToken() { return m_cancel; }

Q_SIGNALS:
    void planned(const QList<Keepsake::PlannedDisc> &plan);
    void progress(Keepsake::BurnJob::Phase phase, qint64 done, qint64 total, double bytesPerSecond,
                  int secondsLeft);
    // The session is on the medium and about to be read back.
    void written(const QString &drive);

private:
    struct Target;
    Result<QList<AlbumSummary>> chooseAlbums(const Customer &customer) const;
    Result<QList<PlannedAlbum>> sizes(const QList<AlbumSummary> &albums) const;
    Status checkDisc(const Target &target, const Customer &customer, const LabKey &key,
                     std::optional<DiscManifest> &manifest) const;
    Result<MediaKind> mediaKind(const Target &target) const;
    Status burn(Target &target, const Customer &customer, const LabKey &key,
                const QList<AlbumSummary> &albums, BurnSummary &summary);
    Status writeAndVerify(Target &target, BurnSummary &summary);
    void restoreImage(const Target &target) const;
    bool report(Phase phase, qint64 done, qint64 total);

    const Lab &m_lab;
    BurnOptions m_options;
    CancelToken m_cancel;
    QElapsedTimer m_phaseClock;
    Phase m_phase = Phase::Preparing;
};

} // namespace Keepsake
