// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// RecordPanel: the chain's burn stations beside the local drives (their drives, an
// image file on the station), a burn there followed with progress and Cancel, and the
// stations' queue.
#include "RecordPanel.h"

#include "StationDrives.h"
#include "StationQueueView.h"
#include "base/ByteSize.h"
#include "base/JobRunner.h"
#include "common/JobProgress.h"
#include "common/MessageBox.h"
#include "lab/Lab.h"
#include "net/RemoteBurn.h"

#include <QComboBox>
#include <QGroupBox>
#include <QLabel>
#include <QStandardItemModel>
#include <QTimer>
#include <QVBoxLayout>

namespace Keepsake {

RecordPanel::~RecordPanel()
{
    // Before the runner is destroyed (it cancels its job): leaving is not cancelling.
    if (m_remote)
        m_remote->leave();
}

QWidget *RecordPanel::buildQueue()
{
    m_queue = new StationQueueView(m_lab);
    auto *box = new QGroupBox(tr("Burn stations' queue"));
    box->setObjectName(QStringLiteral("stationQueueBox"));
    auto *layout = new QVBoxLayout(box);
    layout->addWidget(m_queue);
    box->setFixedHeight(box->fontMetrics().lineSpacing() * 11);
    box->setVisible(m_stations->isChainDevice());   // only a device of a chain has stations to ask
    return box;
}

QString RecordPanel::station() const
{
    if (m_drives->currentData(EntryRole).toInt() != int(Entry::Drive))
        return {};   // a note, or the entry that asks for an image file
    return m_drives->currentData(StationRole).toString();
}

int RecordPanel::firstStationEntry() const
{
    for (int i = 0; i < m_drives->count(); ++i)
        if (!m_drives->itemData(i, StationRole).isNull())
            return i;
    return m_drives->count();
}

// A note ("not reachable") or the entry that asks for a path is never the drive chosen
// on its own: the first drive is, or none (the placeholder says what to do).
void RecordPanel::keepUsableDrive()
{
    const auto usable = [this](int i) {
        return i >= 0 && m_drives->itemData(i, EntryRole).toInt() == int(Entry::Drive)
               && !m_drives->itemData(i, AddressRole).toString().isEmpty();
    };
    if (!usable(m_drives->currentIndex())) {
        int first = -1;
        for (int i = 0; i < m_drives->count() && first < 0; ++i)
            first = usable(i) ? i : -1;
        m_drives->setCurrentIndex(first);
    }
    m_driveIndex = m_drives->currentIndex();
}

// The clerk chose an entry: "image file on the station…" asks for its path first.
void RecordPanel::driveChosen(int index)
{
    if (m_drives->itemData(index, EntryRole).toInt() == int(Entry::AskImage)) {
        const QString station = m_drives->itemData(index, StationRole).toString();
        {
            const QSignalBlocker blocker(m_drives);
            m_drives->setCurrentIndex(m_driveIndex);
        }
        QTimer::singleShot(0, this, [this, station] { chooseStationImage(station); });   // after the popup closed
        return;
    }
    m_driveIndex = index;
    inputsChanged();
}

void RecordPanel::chooseStationImage(const QString &station)
{
    const std::optional<QString> typed = MessageBox::text(
        this, tr("Image file on station %1").arg(station),
        tr("The image file's absolute path on the machine of station %1 (not on this computer), e.g. "
           "/srv/discs/%2.iso:").arg(station, m_customer.code.isEmpty() ? QStringLiteral("disc") : m_customer.code));
    if (!typed)
        return;
    QString path = typed->trimmed();
    if (path.startsWith(QLatin1String("stdio:")))
        path = path.mid(6);
    if (!path.startsWith(QLatin1Char('/'))) {
        MessageBox::warning(this, tr("Image file on station %1").arg(station),
                            tr("'%1' is no absolute path: name the image file from the root of station %2's file "
                               "system, e.g. /srv/discs/disc.iso.").arg(path, station));
        return;
    }
    setStationDrive(station, QStringLiteral("stdio:") + path);
}

void RecordPanel::setStationDrive(const QString &station, const QString &address)
{
    int index = -1;
    int ask = -1;
    for (int i = 0; i < m_drives->count(); ++i) {
        if (m_drives->itemData(i, StationRole).toString() != station)
            continue;
        if (m_drives->itemData(i, AddressRole).toString() == address)
            index = i;
        if (m_drives->itemData(i, EntryRole).toInt() == int(Entry::AskImage))
            ask = i;
    }
    if (index < 0) {
        const bool image = address.startsWith(QLatin1String("stdio:"));
        index = ask >= 0 ? ask : m_drives->count();
        addStationEntry(index, station,
                        image ? tr("Station %1: image file %2").arg(station, address.mid(6))
                              : tr("Station %1: %2").arg(station, address),
                        address, Entry::Drive);
    }
    m_drives->setCurrentIndex(index);
}

void RecordPanel::addStationEntry(int index, const QString &station, const QString &text, const QString &address,
                                  Entry entry)
{
    m_drives->insertItem(index, text, address);
    m_drives->setItemData(index, station, StationRole);
    m_drives->setItemData(index, int(entry), EntryRole);
    m_drives->setItemData(index, text, Qt::ToolTipRole);
    if (entry == Entry::Note) {
        if (auto *model = qobject_cast<QStandardItemModel *>(m_drives->model()))
            model->item(index)->setEnabled(false);
    }
}

// Each station's entries are kept together, in the order the chain lists them; its
// image files named by the clerk stay until the customer changes.
int RecordPanel::removeStationEntries(const QString &station)
{
    int at = -1;
    for (int i = m_drives->count() - 1; i >= 0; --i) {
        if (m_drives->itemData(i, StationRole).toString() != station)
            continue;
        at = i;
        if (m_drives->itemData(i, EntryRole).toInt() != int(Entry::Drive)
            || !m_drives->itemData(i, AddressRole).toString().startsWith(QLatin1String("stdio:")))
            m_drives->removeItem(i);
    }
    return at >= 0 ? qMin(at, m_drives->count()) : m_drives->count();
}

void RecordPanel::showStations(const QStringList &stations)
{
    const QSignalBlocker blocker(m_drives);
    for (const QString &station : stations) {
        if (m_drives->findData(station, StationRole) >= 0)
            continue;   // shown with what it said last; its new answer replaces it
        const int at = m_drives->count();
        addStationEntry(at, station, tr("Station %1: asking for its drives…").arg(station), QString(), Entry::Note);
        addStationEntry(at + 1, station, tr("Station %1: image file on the station…").arg(station), QString(),
                        Entry::AskImage);
    }
    keepUsableDrive();
}

void RecordPanel::showStationDrives(const QString &station, const QList<StationDrive> &drives, const QString &error)
{
    const QString current = drive();
    const QString currentStation = this->station();
    const QSignalBlocker blocker(m_drives);
    int at = removeStationEntries(station);
    if (!error.isEmpty()) {
        addStationEntry(at++, station, tr("Station %1: not reachable: %2").arg(station, error), QString(), Entry::Note);
    } else if (drives.isEmpty()) {
        addStationEntry(at++, station, tr("Station %1: no drives of its own").arg(station), QString(), Entry::Note);
    }
    for (const StationDrive &entry : drives) {
        const DriveEntry &d = entry.drive;
        const QString media = entry.problem.isEmpty()
            ? tr("%1, %2, %3 free")
                  .arg(entry.media.profile, entry.media.statusText(), formatBytes(entry.media.freeBytes))
            : entry.problem;
        const QString name = QStringLiteral("%1 %2").arg(d.vendor, d.product).simplified();
        addStationEntry(at++, station, tr("Station %1: %2 (%3) — %4").arg(station, name, d.address, media), d.address,
                        Entry::Drive);
    }
    // The image files named for this customer stay; the entry that asks for one comes last.
    int last = at;
    while (last < m_drives->count() && m_drives->itemData(last, StationRole).toString() == station)
        ++last;
    addStationEntry(last, station, tr("Station %1: image file on the station…").arg(station), QString(),
                    Entry::AskImage);
    int keep = -1;
    for (int i = 0; i < m_drives->count() && keep < 0; ++i)
        if (m_drives->itemData(i, AddressRole).toString() == current
            && m_drives->itemData(i, StationRole).toString() == currentStation)
            keep = i;
    m_drives->setCurrentIndex(keep);
    keepUsableDrive();
    if (drive() != current || this->station() != currentStation)
        inputsChanged();
}

// The station plans the discs and checks the one in its drive itself, before it writes.
void RecordPanel::planOnStation()
{
    m_plan = BurnSummary();
    m_check->setText(tr("Station %1 checks the disc in its drive before it writes anything: the customer's own disc "
                        "gets a new session, another customer's disc is refused.").arg(station()));
    const QString where = drive().startsWith(QLatin1String("stdio:")) ? tr("image file %1").arg(drive().mid(6)) : drive();
    m_planSummary->setText(tr("The albums are recorded on station %1, %2: the station plans the discs, and an album "
                              "larger than a disc is split across discs.").arg(station(), where));
    Q_EMIT planShown();
    updateButtons();
}

void RecordPanel::burnOnStation()
{
    m_burned.reset();
    clearResult();
    m_progress->show();
    m_progress->begin(tr("Recording on station %1 for %2").arg(station(), m_customer.code));
    auto job = std::make_unique<RemoteBurn>(m_lab, RemoteBurnOptions { station(), options(false) });
    connect(job.get(), &RemoteBurn::submitted, this, &RecordPanel::showStationJob);
    connect(job.get(), &RemoteBurn::changed, this, &RecordPanel::showStationJob);
    m_remote = job.get();
    m_queue->setSettling(false);   // this burn records its own disc
    const bool started = m_jobs->start(std::move(job), [this](const Result<BurnSummary> &result) {
        m_queue->setSettling(true);
        burnDone(result);
        m_queue->refresh();
    });
    if (!started) {
        m_queue->setSettling(true);
        m_progress->end(tr("A burn is running already."));
    }
    updateButtons();
}

void RecordPanel::showStationJob(const StationJob &job)
{
    QString detail = tr("Job %1 on station %2: %3").arg(job.id).arg(job.station, StationQueueView::stateText(job));
    if (!job.message.isEmpty())
        detail += tr(" — %1").arg(job.message);
    m_progress->setProgress(job.progress, 100, detail);
    m_queue->refresh();
}

void RecordPanel::stationJobsSettled(const QList<StationJob> &jobs)
{
    bool anyRecorded = false;
    for (const StationJob &job : jobs) {
        anyRecorded = anyRecorded || job.state == StationJob::State::Done;
        Q_EMIT message(tr("Job %1 of station %2 ended while this counter was away: %3 — %4")
                           .arg(job.id).arg(job.station, StationQueueView::stateText(job), job.message));
    }
    if (anyRecorded) {
        if (m_customer.id)
            fillAlbums({});
        Q_EMIT recorded();
    }
}

} // namespace Keepsake
