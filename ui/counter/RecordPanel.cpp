// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "RecordPanel.h"

#include "StationDrives.h"
#include "StationQueueView.h"

#include "catalog/AuditLog.h"
#include "common/JobProgress.h"
#include "common/MessageBox.h"
#include "base/ByteSize.h"
#include "base/JobRunner.h"
#include "disc/DiscDrive.h"
#include "lab/Lab.h"

#include <QComboBox>
#include <QAbstractItemView>
#include <QCompleter>
#include <QStandardItemModel>
#include <QLineEdit>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

namespace Keepsake {

namespace {


QLabel *wrappingLabel(const char *name)
{
    auto *label = new QLabel;
    label->setObjectName(QLatin1String(name));
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    return label;
}

} // namespace

RecordPanel::RecordPanel(const Lab &lab, QWidget *parent) : QWidget(parent), m_lab(lab)
{
    setObjectName(QStringLiteral("recordPanel"));
    m_jobs = new JobRunner(this);
    m_jobs->setObjectName(QStringLiteral("discJobs"));
    m_stations = new StationDrives(lab, this);
    buildLayout();
    m_planDelay.setSingleShot(true);
    m_planDelay.setInterval(200);
    connect(&m_planDelay, &QTimer::timeout, this, &RecordPanel::runPlan);
    connect(m_albums, &QListWidget::itemChanged, this, &RecordPanel::inputsChanged);
    connect(m_media, &QComboBox::currentIndexChanged, this, &RecordPanel::inputsChanged);
    connect(m_drives, &QComboBox::currentIndexChanged, this, &RecordPanel::driveChosen);
    connect(m_stations, &StationDrives::stationsFound, this, &RecordPanel::showStations);
    connect(m_stations, &StationDrives::drivesListed, this, &RecordPanel::showStationDrives);
    connect(m_stations, &StationDrives::failed, this, &RecordPanel::message);
    connect(m_queue, &StationQueueView::settled, this, &RecordPanel::stationJobsSettled);
    connect(m_queue, &StationQueueView::message, this, &RecordPanel::message);
    connect(m_image, &QPushButton::clicked, this, &RecordPanel::chooseImageFile);
    connect(m_rescan, &QPushButton::clicked, this, &RecordPanel::refreshDrives);
    connect(m_burn, &QPushButton::clicked, this, &RecordPanel::burn);
    connect(m_progress, &JobProgress::cancelRequested, this, &RecordPanel::cancel);
    connect(m_printIndex, &QPushButton::clicked, this, &RecordPanel::previewIndex);
    connect(m_printReceipt, &QPushButton::clicked, this, &RecordPanel::previewReceipt);
    m_progress->hide();   // until a burn starts
    updateButtons();
    m_stations->refresh();   // a network call per station, off this thread: cheap to start
}

void RecordPanel::buildLayout()
{
    m_header = new QLabel(tr("Choose the customer whose albums go onto a disc."));
    m_header->setWordWrap(true);
    m_header->setObjectName(QStringLiteral("recordHeader"));
    QFont font = m_header->font();
    font.setPointSizeF(font.pointSizeF() * 1.5);
    font.setBold(true);
    m_header->setFont(font);
    m_albums = new QListWidget;
    m_albums->setObjectName(QStringLiteral("recordAlbums"));
    auto *albumsBox = new QGroupBox(tr("Albums to record"));
    auto *albumsLayout = new QVBoxLayout(albumsBox);
    albumsLayout->addWidget(m_albums);

    auto *columns = new QHBoxLayout;
    columns->addWidget(albumsBox, 2);
    auto *right = new QVBoxLayout;
    right->addWidget(buildChoices());
    right->addWidget(buildResult(), 1);
    columns->addLayout(right, 3);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(buildCustomerChooser());
    layout->addWidget(m_header);
    layout->addLayout(columns, 1);
    layout->addWidget(buildQueue());
}

QWidget *RecordPanel::buildCustomerChooser()
{
    m_customers = new QLineEdit;
    m_customers->setObjectName(QStringLiteral("recordCustomer"));
    m_customers->setPlaceholderText(tr("Find a customer by code, name, phone or e-mail"));
    m_customers->setClearButtonEnabled(true);
    m_customers->setMinimumWidth(360);
    m_matches = new QStandardItemModel(this);
    auto *completer = new QCompleter(m_matches, this);
    completer->setCompletionMode(QCompleter::UnfilteredPopupCompletion);   // core's search has filtered
    m_customers->setCompleter(completer);
    connect(m_customers, &QLineEdit::textEdited, this, &RecordPanel::findCustomers);
    connect(m_customers, &QLineEdit::returnPressed, this, &RecordPanel::pickFirstMatch);
    connect(completer, qOverload<const QModelIndex &>(&QCompleter::activated), this, &RecordPanel::customerPicked);
    auto *row = new QWidget;
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *label = new QLabel(tr("Customer:"));
    label->setBuddy(m_customers);
    layout->addWidget(label);
    layout->addWidget(m_customers, 1);
    layout->addStretch(1);
    return row;
}

void RecordPanel::findCustomers(const QString &text)
{
    m_matches->clear();
    if (text.trimmed().isEmpty())
        return;
    const Result<QList<Customer>> found = Customers(m_lab.catalog()).search(text.trimmed(), 50);
    if (!found) {
        Q_EMIT message(found.error().message());
        return;
    }
    for (const Customer &customer : *found) {
        auto *item = new QStandardItem(QStringLiteral("%1 — %2").arg(customer.code, customer.name));
        item->setData(customer.id, Qt::UserRole);
        m_matches->appendRow(item);
    }
    m_customers->completer()->complete();
}

void RecordPanel::pickFirstMatch()
{
    findCustomers(m_customers->text());
    if (m_matches->rowCount() > 0)
        customerPicked(m_matches->index(0, 0));
}

void RecordPanel::customerPicked(const QModelIndex &index)
{
    const qint64 id = index.data(Qt::UserRole).toLongLong();
    if (id && id != m_customer.id)
        start(id, {});
}

// An image file named for one customer's disc is not the next customer's.
void RecordPanel::forgetImageFiles()
{
    const QSignalBlocker blocker(m_drives);
    for (int i = m_drives->count() - 1; i >= 0; --i)
        if (m_drives->itemData(i).toString().startsWith(QLatin1String("stdio:")))
            m_drives->removeItem(i);
    keepUsableDrive();
}

QWidget *RecordPanel::buildChoices()
{
    m_media = new QComboBox;
    m_media->setObjectName(QStringLiteral("mediaCombo"));
    m_media->addItem(tr("As the drive says (image file: DVD)"), QString());
    for (const QString &name : MediaKind::names())
        m_media->addItem(name.toUpper(), name);
    m_drives = new QComboBox;
    m_drives->setObjectName(QStringLiteral("driveCombo"));
    m_image = new QPushButton(tr("Image file…"));
    m_image->setObjectName(QStringLiteral("imageButton"));
    m_drives->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);   // stations' entries are long
    m_drives->setMinimumContentsLength(24);
    m_drives->setPlaceholderText(tr("Look for drives, or choose an image file"));
    // Drives are looked for when the clerk asks: a scan takes seconds and grabs the bus.
    m_rescan = new QPushButton(tr("Look for drives"));
    m_rescan->setObjectName(QStringLiteral("rescanButton"));
    auto *driveRow = new QHBoxLayout;
    driveRow->addWidget(m_drives, 1);
    driveRow->addWidget(m_image);
    driveRow->addWidget(m_rescan);
    auto *box = new QGroupBox(tr("Disc"));
    auto *form = new QFormLayout(box);
    form->addRow(tr("Medium:"), m_media);
    form->addRow(tr("Drive:"), driveRow);
    return box;
}

QWidget *RecordPanel::buildResult()
{
    m_check = wrappingLabel("checkResult");
    m_planSummary = wrappingLabel("planSummary");
    auto *gauges = new QWidget;
    gauges->setObjectName(QStringLiteral("discGauges"));
    m_gauges = new QVBoxLayout(gauges);
    m_gauges->setContentsMargins(0, 0, 0, 0);
    auto *scroll = new QScrollArea;
    scroll->setWidget(gauges);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    m_burn = new QPushButton(tr("Burn and verify"));
    m_burn->setObjectName(QStringLiteral("burnButton"));
    m_progress = new JobProgress;
    m_progress->setObjectName(QStringLiteral("burnProgress"));
    m_result = wrappingLabel("burnResult");
    m_printIndex = new QPushButton(tr("Index sheet…"));
    m_printIndex->setObjectName(QStringLiteral("printIndexButton"));
    m_printReceipt = new QPushButton(tr("Receipt…"));
    m_printReceipt->setObjectName(QStringLiteral("printReceiptButton"));
    auto *prints = new QHBoxLayout;
    prints->addWidget(m_burn);
    prints->addStretch();
    prints->addWidget(m_printIndex);
    prints->addWidget(m_printReceipt);

    auto *box = new QGroupBox(tr("How the albums fit"));
    auto *layout = new QVBoxLayout(box);
    layout->addWidget(m_check);
    layout->addWidget(m_planSummary);
    layout->addWidget(scroll, 1);
    layout->addLayout(prints);
    layout->addWidget(m_progress);
    m_pickupQrs = new QHBoxLayout;
    auto *results = new QHBoxLayout;
    m_result->setAlignment(Qt::AlignLeft | Qt::AlignTop);   // beside the QR codes, from their top
    results->addWidget(m_result, 1);
    results->addLayout(m_pickupQrs);
    layout->addLayout(results);
    return box;
}

void RecordPanel::start(qint64 customerId, const QList<qint64> &albumIds)
{
    const Result<Customer> customer = Customers(m_lab.catalog()).byId(customerId);
    if (!customer) {
        Q_EMIT message(customer.error().message());
        return;
    }
    if (customer->id != m_customer.id)
        forgetImageFiles();
    m_customer = *customer;
    m_customers->completer()->popup()->hide();
    m_customers->setText(QStringLiteral("%1 — %2").arg(m_customer.code, m_customer.name));
    m_burned.reset();
    clearResult();
    m_progress->hide();   // the last customer's burn is not this one's
    m_header->setText(tr("Record albums of %1 — %2 onto a disc").arg(m_customer.code, m_customer.name));
    fillAlbums(albumIds);
    inputsChanged();
}

void RecordPanel::fillAlbums(const QList<qint64> &ticked)
{
    const QSignalBlocker blocker(m_albums);
    m_albums->clear();
    const Result<QList<AlbumSummary>> albums = Albums(m_lab.catalog()).customerView(m_customer.id, true);
    if (!albums) {
        Q_EMIT message(albums.error().message());
        return;
    }
    for (const AlbumSummary &album : *albums) {
        if (album.ownerId != m_customer.id || album.photos == 0 || album.state == AlbumState::Recorded
            || album.state == AlbumState::Purged)
            continue;
        auto *item = new QListWidgetItem(tr("%1 — %2, %n photo(s), %3", nullptr, album.photos)
                                             .arg(album.title, albumStateText(album.state), formatBytes(album.bytes)),
                                         m_albums);
        item->setData(Qt::UserRole, album.id);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable | Qt::ItemIsSelectable);
        const bool tick = ticked.isEmpty() ? album.state == AlbumState::Expired : ticked.contains(album.id);
        item->setCheckState(tick ? Qt::Checked : Qt::Unchecked);
    }
}

QList<qint64> RecordPanel::chosenAlbums() const
{
    QList<qint64> ids;
    for (int row = 0; row < m_albums->count(); ++row)
        if (m_albums->item(row)->checkState() == Qt::Checked)
            ids.append(m_albums->item(row)->data(Qt::UserRole).toLongLong());
    return ids;
}

void RecordPanel::setChosenAlbums(const QList<qint64> &albumIds)
{
    for (int row = 0; row < m_albums->count(); ++row) {
        QListWidgetItem *item = m_albums->item(row);
        item->setCheckState(albumIds.contains(item->data(Qt::UserRole).toLongLong()) ? Qt::Checked : Qt::Unchecked);
    }
}

QString RecordPanel::drive() const
{
    return m_drives->currentData().toString();
}

void RecordPanel::setDrive(const QString &address)
{
    int index = -1;
    for (int i = 0; i < m_drives->count() && index < 0; ++i)
        if (m_drives->itemData(i, AddressRole).toString() == address && m_drives->itemData(i, StationRole).isNull())
            index = i;
    if (index < 0) {
        const QString text = address.startsWith(QLatin1String("stdio:"))
                                 ? tr("Image file %1").arg(QFileInfo(address.mid(6)).fileName())
                                 : address;
        index = firstStationEntry();
        m_drives->insertItem(index, text, address);
        m_drives->setItemData(index, address.mid(address.startsWith(QLatin1String("stdio:")) ? 6 : 0), Qt::ToolTipRole);
    }
    m_drives->setCurrentIndex(index);
}

void RecordPanel::setMedia(const QString &name)
{
    m_media->setCurrentIndex(qMax(0, m_media->findData(name)));
}

void RecordPanel::chooseImageFile()
{
    const QString path = MessageBox::fileToWrite(this, tr("Record into an image file"),
                                                 tr("Disc images (*.iso);;All files (*)"));
    if (!path.isEmpty())
        setDrive(QStringLiteral("stdio:") + QFileInfo(path).absoluteFilePath());
}

void RecordPanel::refreshDrives()
{
    if (isBusy()) {
        m_drivesPending = true;
        return;
    }
    m_drivesPending = false;
    m_stations->refresh();
    m_jobs->start([](JobControl &) { return DiscDrive::list(); }, [this](const Result<QList<DriveEntry>> &found) {
        showDrives(found ? *found : QList<DriveEntry>(), found ? QString() : found.error().message());
        runAfterJob();
    });
    updateButtons();
}

void RecordPanel::showDrives(const QList<DriveEntry> &drives, const QString &error)
{
    const QString current = drive();
    const QSignalBlocker blocker(m_drives);
    for (int i = m_drives->count() - 1; i >= 0; --i)
        if (!m_drives->itemData(i).toString().startsWith(QLatin1String("stdio:"))
            && m_drives->itemData(i, StationRole).isNull())
            m_drives->removeItem(i);
    for (int i = 0; i < drives.size(); ++i) {
        const DriveEntry &entry = drives.at(i);
        m_drives->insertItem(i, QStringLiteral("%1 %2 (%3)").arg(entry.vendor, entry.product, entry.address).simplified(),
                             entry.address);
    }
    if (!error.isEmpty())
        Q_EMIT message(tr("No drives could be listed: %1").arg(error));
    const int keep = m_drives->findData(current);
    m_drives->setCurrentIndex(keep);
    keepUsableDrive();
    if (drive() != current)
        inputsChanged();
}

void RecordPanel::inputsChanged()
{
    m_plan.reset();
    m_planError.clear();
    m_planDelay.start();
    updateButtons();
}

BurnOptions RecordPanel::options(bool dryRun) const
{
    BurnOptions options;
    options.customerCode = m_customer.code;
    for (qint64 id : chosenAlbums())
        options.albums.append(QString::number(id));
    options.drive = drive();
    options.media = m_media->currentData().toString();
    options.dryRun = dryRun;
    options.actor = AuditLog::currentActor(QStringLiteral("counter"));
    return options;
}

void RecordPanel::runPlan()
{
    if (isBusy()) {
        m_planPending = true;
        return;
    }
    m_planPending = false;
    m_plan.reset();
    m_planError.clear();
    clearGauges();
    m_check->clear();
    if (!m_customer.id)
        return;
    if (chosenAlbums().isEmpty() || drive().isEmpty()) {
        m_planSummary->setText(chosenAlbums().isEmpty() ? tr("Tick the albums to record.")
                                                        : tr("Choose a drive, or an image file."));
        Q_EMIT planShown();
        return;
    }
    if (!station().isEmpty()) {
        planOnStation();
        return;
    }
    m_planSummary->setText(tr("Checking the disc in %1…").arg(m_drives->currentText()));
    m_jobs->start(std::make_unique<BurnJob>(m_lab, options(true)), [this](const Result<BurnSummary> &result) {
        if (!m_planPending && !m_planDelay.isActive())
            showPlan(result);
        runAfterJob();
    });
    updateButtons();
}

void RecordPanel::runAfterJob()
{
    if (m_drivesPending)
        refreshDrives();
    else if (m_planPending)
        runPlan();
    updateButtons();
}

} // namespace Keepsake
