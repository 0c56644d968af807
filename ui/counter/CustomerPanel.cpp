// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "CustomerPanel.h"

#include "AuditDialog.h"
#include "CustomerEditor.h"
#include "JobDialog.h"
#include "PhotoCaptions.h"
#include "PickupSearch.h"
#include "common/JobProgress.h"
#include "common/MessageBox.h"
#include "common/PrintPreview.h"
#include "catalog/PickupCode.h"
#include "common/PhotoGridModel.h"
#include "base/ByteSize.h"
#include "base/JobRunner.h"
#include "ingest/IngestJob.h"
#include "lab/Lab.h"
#include "catalog/Settings.h"
#include "retention/ExpiryReason.h"

#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QScrollBar>
#include <QSplitter>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Keepsake {

namespace {

constexpr int CounterIconEdge = 128;

enum AlbumColumn { ColTitle, ColState, ColExpires, ColReason, ColPhotos, ColSize, ColShares, ColNotices, ColDisc,
                   ColumnCount };

// Until when the album is kept: its expiry date, or for a recorded album the day its
// copy here is deleted (the grace period after recording), or when it was.
QString untilText(const AlbumSummary &album, int graceDays)
{
    const auto day = [](const QDate &date) { return QLocale().toString(date, QLocale::ShortFormat); };
    switch (album.state) {
    case AlbumState::Recorded:
        return CustomerPanel::tr("copy deleted on %1").arg(day(album.recordedAt.toLocalTime().date().addDays(graceDays)));
    case AlbumState::Purged:
        return CustomerPanel::tr("copy deleted on %1").arg(day(album.purgedAt.toLocalTime().date()));
    default:
        return day(album.expires);
    }
}

bool samePhotos(const QList<PhotoRecord> &a, const QList<PhotoRecord> &b)
{
    return std::equal(a.cbegin(), a.cend(), b.cbegin(), b.cend(), [](const PhotoRecord &x, const PhotoRecord &y) {
        return x.id == y.id && x.albumId == y.albumId && x.sha256 == y.sha256 && x.name == y.name
               && x.caption == y.caption;
    });
}

} // namespace

CustomerPanel::CustomerPanel(const Lab &lab, QWidget *parent)
    : QWidget(parent), m_lab(lab), m_clerk(Actor::clerk(Actor::sessionUser(), QStringLiteral("counter")))
{
    setObjectName(QStringLiteral("customerPanel"));
    m_loader = new CustomerLoader(lab, this);
    m_ingest = new JobRunner(this);
    m_ingest->setObjectName(QStringLiteral("counterIngest"));
    m_resending = new JobRunner(this);
    buildViews();
    buildCustomerParts();
    buildLayout();

    m_searchDelay.setSingleShot(true);
    m_searchDelay.setInterval(150);
    connect(&m_searchDelay, &QTimer::timeout, this, &CustomerPanel::search);
    connect(m_search, &QLineEdit::textChanged, &m_searchDelay, qOverload<>(&QTimer::start));
    connect(m_search, &QLineEdit::returnPressed, this, &CustomerPanel::openMatch);
    connect(m_search, &QLineEdit::textEdited, m_pickup, &PickupSearch::clear);
    connect(m_customers, &QListWidget::currentRowChanged, this, &CustomerPanel::customerChosen);
    connect(m_loader, &CustomerLoader::loaded, this, &CustomerPanel::applyData);
    connect(m_albums, &QTreeWidget::itemSelectionChanged, this, &CustomerPanel::albumSelectionChanged);
    search();
    if (m_customers->count() > 0)   // the first customer, so the window opens on real content
        m_customers->setCurrentRow(0);
    updateActions();
}

void CustomerPanel::buildViews()
{
    m_search = new QLineEdit;
    m_search->setObjectName(QStringLiteral("customerSearch"));
    m_search->setPlaceholderText(tr("Find a customer by code, name, phone or e-mail, or an order by its pickup code"));
    m_search->setClearButtonEnabled(true);
    m_customers = new QListWidget;
    m_customers->setObjectName(QStringLiteral("customerList"));
    m_header = new QLabel(tr("Choose a customer on the left."));
    m_header->setObjectName(QStringLiteral("customerHeader"));
    QFont headerFont = m_header->font();
    headerFont.setPointSizeF(headerFont.pointSizeF() * 1.5);
    headerFont.setBold(true);
    m_header->setFont(headerFont);
    m_header->setWordWrap(true);
    m_details = new QLabel;
    m_details->setObjectName(QStringLiteral("customerDetails"));
    m_details->setWordWrap(true);
    m_albums = new QTreeWidget;
    m_albums->setObjectName(QStringLiteral("albumTree"));
    m_albums->setRootIsDecorated(false);
    m_albums->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_albums->setHeaderLabels({ tr("Album"), tr("State"), tr("Kept until"), tr("Why"), tr("Photos"), tr("Size"),
                                tr("Shared with"), tr("Notices"), tr("Disc") });
    m_albums->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_albums->header()->setSectionResizeMode(ColReason, QHeaderView::Stretch);
    m_albums->header()->setSectionResizeMode(ColDisc, QHeaderView::Interactive);   // long disc IDs elide (tooltip)
    m_albums->header()->resizeSection(ColDisc, 170);
    m_model = new PhotoGridModel(m_lab, CounterIconEdge, this);
    m_grid = new QListView;
    m_grid->setObjectName(QStringLiteral("photoGrid"));   // its model: PhotoCaptions
    PhotoGridModel::setUpView(m_grid, CounterIconEdge, false);
    m_photoCount = new QLabel;
    m_photoCount->setObjectName(QStringLiteral("photoCount"));
}

void CustomerPanel::buildLayout()
{
    auto *left = new QWidget;
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->addWidget(m_search);
    leftLayout->addWidget(m_pickup->label());
    leftLayout->addWidget(m_customers);
    auto *add = new QToolButton;
    add->setObjectName(QStringLiteral("newCustomerButton"));
    add->setDefaultAction(m_editor->newAction());
    add->setToolButtonStyle(Qt::ToolButtonTextOnly);
    leftLayout->addWidget(add);
    auto *bar = new QWidget;
    buildActions(bar);
    auto *top = new QWidget;
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    topLayout->addWidget(headerRow());
    topLayout->addWidget(m_details);
    topLayout->addWidget(m_albums, 1);
    topLayout->addWidget(bar);
    auto *bottom = new QWidget;
    auto *bottomLayout = new QVBoxLayout(bottom);
    bottomLayout->setContentsMargins(0, 0, 0, 0);
    auto *photoBar = new QHBoxLayout;
    photoBar->addWidget(m_photoCount, 1);
    photoBar->addWidget(m_captions->button());
    bottomLayout->addLayout(photoBar);
    bottomLayout->addWidget(m_grid, 1);
    auto *rightSplit = new QSplitter(Qt::Vertical);
    rightSplit->addWidget(top);
    rightSplit->addWidget(bottom);
    rightSplit->setStretchFactor(1, 2);
    auto *split = new QSplitter;
    split->addWidget(left);
    split->addWidget(rightSplit);
    split->setStretchFactor(1, 4);
    split->setSizes({ 340, 1260 });
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(split);
}

void CustomerPanel::buildActions(QWidget *bar)
{
    auto *layout = new QHBoxLayout(bar);
    layout->setContentsMargins(0, 0, 0, 0);
    auto button = [layout](const char *name, const QString &text) {
        auto *b = new QPushButton(text);
        b->setObjectName(QLatin1String(name));
        layout->addWidget(b);
        return b;
    };
    m_import = button("importButton", tr("Hand in photos…"));
    m_record = button("recordButton", tr("Record to disc…"));
    m_print = button("printButton", tr("Index print…"));
    m_restore = button("restoreButton", tr("Restore"));
    m_extend = button("extendButton", tr("Extend…"));
    m_resend = button("resendButton", tr("Re-send notice"));
    m_audit = button("auditButton", tr("Audit trail…"));
    layout->addStretch();
    connect(m_import, &QPushButton::clicked, this, &CustomerPanel::chooseImportFolder);
    connect(m_record, &QPushButton::clicked, this, &CustomerPanel::recordToDisc);
    connect(m_print, &QPushButton::clicked, this, &CustomerPanel::printIndex);
    connect(m_restore, &QPushButton::clicked, this, &CustomerPanel::restoreAlbum);
    connect(m_extend, &QPushButton::clicked, this, &CustomerPanel::extendAlbum);
    connect(m_resend, &QPushButton::clicked, this, &CustomerPanel::resendNotice);
    connect(m_audit, &QPushButton::clicked, this, &CustomerPanel::openAudit);
}

void CustomerPanel::search()
{
    m_searchDelay.stop();
    const qint64 current = m_wanted;
    const auto found = Customers(m_lab.catalog()).search(m_search->text().trimmed());
    const QSignalBlocker blocker(m_customers);
    const int scrolled = m_customers->verticalScrollBar()->value();
    m_customers->clear();
    if (!found) {
        Q_EMIT message(found.error().message());
        clearCustomer();
        return;
    }
    bool shown = false;
    for (const Customer &customer : *found) {
        QString text = QStringLiteral("%1 — %2").arg(customer.code, customer.name);
        if (!customer.phone.isEmpty() || !customer.email.isEmpty())
            text += QStringLiteral("\n") + QStringList({ customer.phone, customer.email }).join(QStringLiteral("  ")).trimmed();
        auto *item = new QListWidgetItem(text, m_customers);
        item->setData(Qt::UserRole, customer.id);
        item->setToolTip(text);
        if (customer.id == current) {
            m_customers->setCurrentItem(item);
            shown = true;
        }
    }
    m_customers->doItemsLayout();   // the scroll range of the new rows, to come back to where the clerk was
    m_customers->verticalScrollBar()->setValue(scrolled);
    // The panel acts on the customer the list shows, never on one the filter hid: the
    // single match is opened, else nothing is.
    if (shown)
        return;
    if (m_customers->count() == 1 && !m_search->text().trimmed().isEmpty())
        openRow(0);
    else if (current)
        clearCustomer();
}

void CustomerPanel::openMatch()
{
    search();
    if (m_pickup->lookUp(m_search->text(), m_customers->count() == 0))
        return;
    if (m_customers->count() == 0)
        return;
    const int row = m_customers->currentRow() >= 0 ? m_customers->currentRow() : 0;
    if (m_customers->item(row)->data(Qt::UserRole).toLongLong() != m_wanted)
        openRow(row);
}

void CustomerPanel::openRow(int row)
{
    const QSignalBlocker blocker(m_customers);
    m_customers->setCurrentRow(row);
    showCustomer(m_customers->item(row)->data(Qt::UserRole).toLongLong());
}

void CustomerPanel::clearCustomer()
{
    m_wanted = 0;
    m_data = CustomerData();
    m_customers->setCurrentRow(-1);
    m_header->setText(tr("Choose a customer on the left."));
    m_editor->setCustomer({});
    m_details->clear();
    {
        const QSignalBlocker blocker(m_albums);
        m_albums->clear();
    }
    albumSelectionChanged();
    m_photoCount->clear();
}

void CustomerPanel::customerChosen()
{
    const QListWidgetItem *item = m_customers->currentItem();
    if (item)
        showCustomer(item->data(Qt::UserRole).toLongLong());
}

void CustomerPanel::showCustomer(qint64 customerId)
{
    m_selectedAt.start();
    m_wanted = customerId;
    m_header->setText(tr("Loading…"));
    m_loader->load(m_clerk, customerId, true);
    for (int row = 0; row < m_customers->count(); ++row) {
        if (m_customers->item(row)->data(Qt::UserRole).toLongLong() == customerId) {
            const QSignalBlocker blocker(m_customers);
            m_customers->setCurrentRow(row);
        }
    }
}

void CustomerPanel::refresh()
{
    search();
    if (m_wanted)
        m_loader->load(m_clerk, m_wanted, true);
}

bool CustomerPanel::isLoading() const
{
    return m_loader->isLoading();
}

void CustomerPanel::applyData(const CustomerData &data)
{
    if (data.customer.id != m_wanted) {   // read for a customer no longer chosen
        if (!data.error.isEmpty())
            Q_EMIT message(data.error);
        return;
    }
    QList<qint64> keep = selectedAlbums();
    if (m_selectFor == data.customer.id) {   // found by a pickup code: that order's albums
        keep = std::exchange(m_selectOnLoad, {});
        m_selectFor = 0;
    }
    m_data = data;
    if (!data.error.isEmpty())
        Q_EMIT message(data.error);
    const Customer &c = data.customer;
    m_editor->setCustomer(c);
    m_header->setText(QStringLiteral("%1 — %2").arg(c.code, c.name));
    QStringList details;
    if (!c.phone.isEmpty())
        details << tr("Phone: %1").arg(c.phone);
    if (!c.email.isEmpty())
        details << tr("E-mail: %1").arg(c.email);
    if (!c.planRule.isEmpty())
        details << tr("Plan: %1").arg(c.planRule);
    details << tr("Customer since %1").arg(QLocale().toString(c.createdAt.toLocalTime().date(), QLocale::ShortFormat));
    m_details->setText(details.join(QStringLiteral("   ·   ")));
    const int scrolled = m_albums->verticalScrollBar()->value();
    fillAlbums();
    selectAlbums(keep);
    m_albums->doItemsLayout();
    m_albums->verticalScrollBar()->setValue(scrolled);
    albumSelectionChanged();
    Q_EMIT loaded();
}

void CustomerPanel::fillAlbums()
{
    const QSignalBlocker blocker(m_albums);
    m_albums->clear();
    const Result<int> graceDays = Settings(m_lab.catalog()).intValue(QStringLiteral("grace.days"));
    for (const AlbumSummary &album : std::as_const(m_data.albums)) {
        auto *row = new QTreeWidgetItem(m_albums);
        row->setText(ColTitle, album.title);
        row->setText(ColState, albumStateText(album.state));
        row->setText(ColExpires, untilText(album, graceDays ? *graceDays : 0));
        row->setText(ColReason, expiryReasonText(album));
        row->setText(ColPhotos, QLocale().toString(album.photos));
        row->setText(ColSize, formatBytes(album.bytes));
        row->setText(ColDisc, album.disc);
        // The long columns elide in a narrow window: their full text on hover.
        for (const int column : { int(ColTitle), int(ColExpires), int(ColReason), int(ColDisc) })
            row->setToolTip(column, row->text(column));
        row->setTextAlignment(ColPhotos, Qt::AlignRight | Qt::AlignVCenter);
        row->setTextAlignment(ColSize, Qt::AlignRight | Qt::AlignVCenter);
        row->setData(ColTitle, Qt::UserRole, album.id);
        if (album.ownerId != m_data.customer.id) {
            row->setText(ColTitle, tr("%1 (shared by %2)").arg(album.title, album.ownerCode));
            row->setToolTip(ColTitle, row->text(ColTitle));
        }
    }
    fillAlbumExtras();
}

QList<qint64> CustomerPanel::selectedAlbums() const
{
    QList<qint64> ids;
    for (const QTreeWidgetItem *item : m_albums->selectedItems())
        ids.append(item->data(ColTitle, Qt::UserRole).toLongLong());
    return ids;
}

void CustomerPanel::selectAlbums(const QList<qint64> &albumIds)
{
    for (int i = 0; i < m_albums->topLevelItemCount(); ++i) {
        QTreeWidgetItem *item = m_albums->topLevelItem(i);
        item->setSelected(albumIds.contains(item->data(ColTitle, Qt::UserRole).toLongLong()));
    }
}

void CustomerPanel::albumSelectionChanged()
{
    const QList<qint64> selected = selectedAlbums();
    QList<PhotoRecord> photos;
    if (selected.isEmpty()) {
        photos = m_data.photos;
    } else {
        for (const PhotoRecord &photo : std::as_const(m_data.photos)) {
            if (selected.contains(photo.albumId))
                photos.append(photo);
        }
    }
    if (!samePhotos(m_model->photos(), photos))   // a refresh with nothing new keeps the grid where it was
        m_model->setPhotos(photos);
    if (selected.size() == 1) {
        for (const AlbumSummary &album : std::as_const(m_data.albums)) {
            if (album.id == selected.first())
                m_model->setCover(album.cover);
        }
    } else {
        m_model->setCover(std::nullopt);
    }
    m_photoCount->setText(selected.isEmpty() ? tr("All %n photo(s) of the customer", nullptr, int(photos.size()))
                                             : tr("%n photo(s) in the chosen albums", nullptr, int(photos.size())));
    updateActions();
}

void CustomerPanel::openAudit()
{
    if (!m_data.customer.id)
        return;
    const QList<qint64> albums = selectedAlbums();
    auto *dialog = new AuditDialog(m_lab, m_data.customer, albums.size() == 1 ? albums.first() : 0, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
}

void CustomerPanel::chooseImportFolder()
{
    const QString folder = QFileDialog::getExistingDirectory(this, tr("Hand in photos from"));
    if (!folder.isEmpty())
        importFolder(folder);
}

void CustomerPanel::importFolder(const QString &folder)
{
    if (!m_data.customer.id || m_ingest->isRunning())
        return;
    if (!m_jobDialog) {
        m_jobDialog = new JobDialog(this);
        connect(m_jobDialog->progress(), &JobProgress::cancelRequested, m_ingest, &JobRunner::cancel);
    }
    IngestOptions options;
    options.customerCode = m_data.customer.code;
    options.sources = { folder };
    options.channel = QStringLiteral("counter");
    options.actor = m_clerk.auditText();
    auto job = std::make_unique<IngestJob>(m_lab, options);
    connect(job.get(), &IngestJob::progress, this, [this](int done, int total, qint64, qint64) {
        m_jobDialog->progress()->setProgress(done, total, tr("%1 of %2 files").arg(done).arg(total));
    });
    connect(job.get(), &IngestJob::cardReleased, this, [this](const IngestSummary &summary) {
        const int stored = summary.added + summary.newVersions;
        m_jobDialog->progress()->setProgress(0, std::max(stored, 1),
            tr("The card may be removed: %n photo(s) stored. Making thumbnails…", nullptr, stored));
    });
    connect(job.get(), &IngestJob::thumbnailProgress, this, [this](int done, int total) {
        m_jobDialog->progress()->setProgress(done, total,
            tr("The card may be removed. Thumbnails: %1 of %2.").arg(done).arg(total));
    }, Qt::QueuedConnection);
    m_jobDialog->begin(tr("Handing in photos for %1").arg(m_data.customer.code));
    m_ingest->start(std::move(job), [this, customer = m_data.customer.id](const Result<IngestSummary> &summary) {
        importDone(customer, summary);
    });
}

void CustomerPanel::importDone(qint64 customer, const Result<IngestSummary> &summary)
{
    m_jobDialog->end(summary ? tr("%1 new, %2 already handed in, %3 new versions, %4 rejected.")
                                   .arg(summary->added).arg(summary->alreadyReceived)
                                   .arg(summary->newVersions).arg(summary->rejected)
                             : summary.error().message());
    if (summary && summary->handinId && !summary->pickupCode.isEmpty()) {
        const qint64 handin = summary->handinId;
        m_jobDialog->offerReceipt(PickupCode::display(summary->pickupCode), [this, customer, handin] {
            const Result<PrintPreview::Document> receipt = PrintPreview::receiptOfHandin(m_lab, customer, handin);
            if (receipt)
                PrintPreview::show(m_jobDialog, *receipt);
            else
                MessageBox::warning(m_jobDialog, tr("Receipt"), receipt.error().message());
        });
    }
    refresh();
    Q_EMIT changed();
}

} // namespace Keepsake
