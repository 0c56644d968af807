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
    int stagingThreads = 0;  // photos staged at once; 0: one per core
    // false on a burn station: a verified disc is reported (BurnedDisc::manifestJson)
    // for its requester to check and record; the catalog and the prints are left alone.
    bool recordHere = true;
};

// One disc of a run, written, verified and recorded.
struct BurnedDisc
{
    int number = 0;              // in the plan, from 1
    QString drive;               // the drive, or stdio:/path of this disc's image file
    QString discId;
    int session = 0;
    bool appended = false;
    QString pickupCode;
    QList<qint64> recordedAlbums;   // albums now recorded (whole, or the last part of a split one)
    QList<qint64> albumParts;       // albums of which a part (not the last) went onto this disc
    qint64 bytes = 0;
    int filesVerified = 0;
    double writeSeconds = 0;
    double verifySeconds = 0;
    QStringList printFiles;
    QString printError;
    // Station burns (BurnOptions::recordHere false): what the requester records.
    QByteArray manifestJson;     // the manifest as written onto the disc
    QString media;
    QString labKey;
};

// What a run did. For compatibility the single-disc fields describe the first disc
// written (discId, session, appended, pickupCode) or add up every disc of the run
// (recordedAlbums, bytes, filesVerified, seconds, printFiles, printError); `discs`
// has each disc on its own.
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
    int discsLeft = 0;       // planned discs not burned in this run (a real drive: one disc a run)
    QList<BurnedDisc> discs;
    QStringList images;      // stdio: the image file of each planned disc, in plan order

    // A disc of the run, verified (and recorded): its fields join the run's.
    void add(const BurnedDisc &disc);
};

// Records a customer's albums onto the disc in a drive (issue 4): plans the discs,
// checks a disc brought back (its signed manifest and its customer), lays out the
// session, writes it with MD5s, reads it back, and only then marks the albums recorded
// and produces the prints. A failure leaves the albums as they were and the drive's
// image file as it was.
//
// A plan of several discs: on an image file (stdio:) every disc is burned in one run,
// disc 1 into the file named and disc N into NAME-N.iso beside it (imageFor()); those
// files must not exist yet. On a real drive a run burns the first disc only and says
// how many are left (discsLeft): the clerk inserts a blank and runs again, and the plan
// starts over from the albums still expired. An album larger than a disc is split into
// parts ("Title (1 of 2)"); it becomes recorded only when its last part is verified,
// and a later run burns only the photos its verified parts do not hold. Each disc is
// verified and recorded on its own: a failure on disc 2 leaves disc 1 recorded.
//
// run() does the work in the calling thread and owns every library call while it
// runs. The windows hand the job to a JobRunner (base/JobRunner.h), which runs it on a
// thread of its own; its signals reach them queued.
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

    // The drive address of disc `number` (from 1) of a plan: for stdio:/d/NAME.iso,
    // disc 1 is that file and disc N is stdio:/d/NAME-N.iso; a real drive is itself.
    static QString imageFor(const QString &drive, int number);

Q_SIGNALS:
    void planned(const QList<Keepsake::PlannedDisc> &plan);
    void progress(Keepsake::BurnJob::Phase phase, qint64 done, qint64 total, double bytesPerSecond,
                  int secondsLeft);
    // About to write onto `drive`; for an image file, what it was before (existed,
    // size, the head libisoburn rewrites), so that a restarted station can undo it.
    void aboutToWrite(const QString &drive, const QString &imagePath, bool existed, qint64 size,
                      const QByteArray &head);
    // The session is on the medium and about to be read back.
    void written(const QString &drive);
    // A disc of the plan is verified and recorded (and its prints made or failed).
    void discRecorded(const Keepsake::BurnedDisc &disc);

private:
    struct Target;
    Result<QList<AlbumSummary>> chooseAlbums(const Customer &customer) const;
    Result<QList<PlannedAlbum>> sizes(const QList<AlbumSummary> &albums) const;
    Result<QList<PlannedDisc>> plan(Target &target, const Customer &customer, const LabKey &key,
                                    const QList<AlbumSummary> &albums, BurnSummary &summary);
    Status burnAll(Target &first, const Customer &customer, const LabKey &key,
                   const QList<AlbumSummary> &albums, BurnSummary &summary);
    Result<Target> openTarget(const QString &address) const;
    Status checkDisc(const Target &target, const Customer &customer, const LabKey &key,
                     std::optional<DiscManifest> &manifest) const;
    Result<MediaKind> mediaKind(const Target &target) const;
    Status burn(Target &target, const Customer &customer, const LabKey &key, const PlannedDisc &disc,
                const QList<AlbumSummary> &albums, BurnedDisc &burned);
    Status writeAndVerify(Target &target, const DiscManifest &manifest, BurnedDisc &burned);
    void restoreImage(const Target &target) const;
    bool report(Phase phase, qint64 done, qint64 total);

    const Lab &m_lab;
    BurnOptions m_options;
    CancelToken m_cancel;
    QElapsedTimer m_phaseClock;
    Phase m_phase = Phase::Preparing;
};

} // namespace Keepsake

Q_DECLARE_METATYPE(Keepsake::BurnedDisc)
Q_DECLARE_METATYPE(Keepsake::BurnSummary)
