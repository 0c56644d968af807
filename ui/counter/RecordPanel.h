// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "catalog/Customers.h"
#include "disc/BurnJob.h"
#include "disc/DiscDrive.h"
#include "station/StationJob.h"
#include "station/StationRunner.h"

#include <QPointer>
#include <QTimer>
#include <QWidget>

#include <optional>

class QComboBox;
class QHBoxLayout;
class QLabel;
class QLineEdit;
class QListWidget;
class QModelIndex;
class QStandardItemModel;
class QPushButton;
class QVBoxLayout;

namespace Keepsake {

class JobProgress;
class JobRunner;
class Lab;
class RemoteBurn;
class StationDrives;
class StationQueueView;

// The counter's recording screen: the customer's albums to record, how they fit onto
// the chosen medium (a gauge per disc, split across discs when they do not fit), the
// drive (a real one or an image file), the customer check of a disc brought back —
// shown before anything is written —, the burn with progress and Cancel, its
// verification, and the index sheet and receipt in a print preview.
//
// On a device of a chain, the drive chooser also offers the chain's burn stations:
// their drives as they list them (asked over the network off the GUI thread; a station
// that is away says why), and an image file named by its path on the station. A burn
// there is a RemoteBurn, followed with the same progress and Cancel; the stations'
// queue is shown below.
//
// Every disc operation (listing drives, the plan as a dry run, the burn) runs off the
// GUI thread on one JobRunner, one at a time, so the disc libraries are never used by
// two threads.
class RecordPanel : public QWidget
{
    Q_OBJECT

public:
    explicit RecordPanel(const Lab &lab, QWidget *parent = nullptr);
    // A burn on a station goes on there: it is recorded when the queue is next read.
    ~RecordPanel() override;

    // The customer's albums that can go onto a disc; those named (else the expired
    // ones) are ticked.
    void start(qint64 customerId, const QList<qint64> &albumIds);
    qint64 customerId() const { return m_customer.id; }
    QList<qint64> chosenAlbums() const;
    void setChosenAlbums(const QList<qint64> &albumIds);
    // "stdio:/path/disc.iso" or a drive's address.
    void setDrive(const QString &address);
    QString drive() const;
    // The burn station the chosen drive belongs to; empty: a drive of this computer.
    QString station() const;
    // A drive of a station, or "stdio:/absolute/path" on the station's machine.
    void setStationDrive(const QString &station, const QString &address);
    // Asks for an image file's path on the station's machine.
    void chooseStationImage(const QString &station);
    StationQueueView *queue() const { return m_queue; }
    StationDrives *stations() const { return m_stations; }
    void setMedia(const QString &name);
    void chooseImageFile();
    void refreshDrives();
    // Finds customers as the clerk types in the chooser; the first match on Enter.
    void findCustomers(const QString &text);
    void pickFirstMatch();

    bool isBusy() const;
    bool isPlanReady() const;
    const std::optional<BurnSummary> &plan() const { return m_plan; }
    QString checkText() const;
    void burn();
    void cancel();
    const std::optional<BurnSummary> &lastBurn() const { return m_burned; }
    void previewIndex();
    void previewReceipt();
    JobProgress *progress() const { return m_progress; }

Q_SIGNALS:
    // A dry run finished: plan() and the check result are on screen.
    void planShown();
    void burnFinished(bool recorded);
    // The burn's progress as shown: which phase, how far.
    void burnProgress(Keepsake::BurnJob::Phase phase, qint64 done, qint64 total);
    // Albums were recorded: the customer's albums and the day's dashboard changed.
    void recorded();
    void message(const QString &text);

private:
    // What the drive chooser's items hold (Qt::UserRole: the address).
    enum DriveRole { AddressRole = Qt::UserRole, StationRole, EntryRole };
    enum class Entry { Drive, AskImage, Note };

    void buildLayout();
    QWidget *buildQueue();
    void driveChosen(int index);
    void showStations(const QStringList &stations);
    void showStationDrives(const QString &station, const QList<StationDrive> &drives, const QString &error);
    int removeStationEntries(const QString &station);
    int firstStationEntry() const;
    void keepUsableDrive();
    void addStationEntry(int index, const QString &station, const QString &text, const QString &address, Entry entry);
    void planOnStation();
    void burnOnStation();
    void showStationJob(const StationJob &job);
    void stationJobsSettled(const QList<StationJob> &jobs);
    QWidget *buildCustomerChooser();
    void customerPicked(const QModelIndex &index);
    void forgetImageFiles();
    QWidget *buildChoices();
    QWidget *buildResult();
    void fillAlbums(const QList<qint64> &ticked);
    void inputsChanged();
    void runPlan();
    void showPlan(const Result<BurnSummary> &result);
    void clearGauges();
    void addGauge(int number, const PlannedDisc &disc);
    void showDrives(const QList<DriveEntry> &drives, const QString &error);
    void burnDone(const Result<BurnSummary> &result);
    void burnSucceeded(const BurnSummary &summary);
    void showPickupQrs();
    void clearResult();
    void burnFailed(const QString &message, bool cancelled, bool refused);
    void showBurnProgress(BurnJob::Phase phase, qint64 done, qint64 total, double bytesPerSecond, int secondsLeft);
    void runAfterJob();
    void updateButtons();
    BurnOptions options(bool dryRun) const;

    const Lab &m_lab;
    Customer m_customer;
    JobRunner *m_jobs = nullptr;
    QTimer m_planDelay;
    bool m_planPending = false;
    bool m_drivesPending = false;
    std::optional<BurnSummary> m_plan;
    QString m_planError;
    std::optional<BurnSummary> m_burned;

    QLabel *m_header = nullptr;
    QLineEdit *m_customers = nullptr;
    QStandardItemModel *m_matches = nullptr;
    QListWidget *m_albums = nullptr;
    QComboBox *m_media = nullptr;
    QComboBox *m_drives = nullptr;
    QPushButton *m_image = nullptr;
    QPushButton *m_rescan = nullptr;
    QLabel *m_check = nullptr;
    QLabel *m_planSummary = nullptr;
    QVBoxLayout *m_gauges = nullptr;
    QPushButton *m_burn = nullptr;
    JobProgress *m_progress = nullptr;
    QLabel *m_result = nullptr;
    QHBoxLayout *m_pickupQrs = nullptr;   // a burn's discs: their pickup codes' QR codes, as on the receipts
    QPushButton *m_printIndex = nullptr;
    QPushButton *m_printReceipt = nullptr;
    StationDrives *m_stations = nullptr;
    StationQueueView *m_queue = nullptr;
    QPointer<RemoteBurn> m_remote;   // the burn on a station being followed
    int m_driveIndex = -1;   // the last drive chosen, to go back to when asking for a path is cancelled
};

} // namespace Keepsake
