// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ImportPage.h"

#include "KioskLanguages.h"
#include "KioskStyle.h"
#include "ReceiptPanel.h"
#include "common/JobProgress.h"
#include "common/MessageLabel.h"
#include "base/ByteSize.h"

#include <QEvent>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QScroller>
#include <QStyledItemDelegate>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Keepsake {

namespace {

QString outcomeTitle(IngestOutcome outcome)
{
    switch (outcome) {
    case IngestOutcome::New: return ImportPage::tr("New photos");
    case IngestOutcome::AlreadyReceived: return ImportPage::tr("Already handed in");
    case IngestOutcome::NewVersion: return ImportPage::tr("New versions of earlier photos");
    case IngestOutcome::Rejected: return ImportPage::tr("Not taken");
    }
    return {};
}

// The file's name on one line (elided in the middle, whole in its tooltip); the note
// wrapped to as many lines as it needs. QTreeView asks rows for their height without
// the column's width, so the note's width is given here.
class ResultDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QStyleOptionViewItem wrapped(option);
        if (const auto *tree = qobject_cast<const QTreeView *>(option.widget); tree && index.column() == 1)
            wrapped.rect = QRect(0, 0, tree->header()->sectionSize(1), qMax(1, option.rect.height()));
        return QStyledItemDelegate::sizeHint(wrapped, index);
    }

protected:
    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override
    {
        QStyledItemDelegate::initStyleOption(option, index);
        if (index.column() == 0)
            option->features &= ~QStyleOptionViewItem::WrapText;
    }
};

} // namespace

ImportPage::ImportPage(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("importPage"));
    m_progress = new JobProgress;
    m_results = new QTreeWidget;
    m_results->setObjectName(QStringLiteral("importResults"));
    m_results->setColumnCount(2);
    // The file names and the reasons wrap in their columns: nothing runs off to the right.
    m_results->setWordWrap(true);
    m_results->setTextElideMode(Qt::ElideMiddle);
    m_results->setUniformRowHeights(false);
    m_results->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_results->header()->setStretchLastSection(true);
    m_results->header()->setSectionResizeMode(0, QHeaderView::Interactive);
    m_results->header()->resizeSection(0, 420);
    m_results->setItemDelegate(new ResultDelegate(m_results));
    // A note wraps to the column's new width: the rows are measured again.
    connect(m_results->header(), &QHeaderView::sectionResized, m_results, &QTreeView::doItemsLayout);
    m_results->setIndentation(KioskTouchEdge);
    m_results->setRootIsDecorated(false);   // the groups show ▸/▾ in their title, a finger-sized target
    connect(m_results, &QTreeWidget::itemExpanded, this, &ImportPage::markGroup);
    connect(m_results, &QTreeWidget::itemCollapsed, this, &ImportPage::markGroup);
    m_results->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    QScroller::grabGesture(m_results->viewport(), QScroller::LeftMouseButtonGesture);
    // A group opens and closes with a tap anywhere on its row, not only on its arrow.
    connect(m_results, &QTreeWidget::itemClicked, this, [](QTreeWidgetItem *item) {
        if (item->childCount() > 0)
            item->setExpanded(!item->isExpanded());
    });
    m_summary = new MessageLabel(2);
    m_summary->setObjectName(QStringLiteral("importSummary"));
    m_summary->setProperty("role", QStringLiteral("title"));
    m_done = new QPushButton;
    m_done->setObjectName(QStringLiteral("importDone"));
    m_done->setProperty("role", QStringLiteral("primary"));
    m_receipt = new ReceiptPanel;

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_receipt->actions(), 1);
    buttons->addStretch();
    buttons->addWidget(m_done);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_progress);
    layout->addWidget(m_summary);
    layout->addWidget(m_receipt);
    layout->addWidget(m_results, 1);
    layout->addLayout(buttons);
    connect(m_progress, &JobProgress::cancelRequested, this, &ImportPage::cancelRequested);
    connect(m_done, &QPushButton::clicked, this, &ImportPage::doneRequested);
    retranslate();
}

void ImportPage::begin(const QString &source)
{
    m_source = source;
    m_results->clear();
    for (auto &groupItem : m_groups)
        groupItem = nullptr;
    m_summary->clear();
    m_done->setEnabled(false);
    m_cardReleased = false;
    m_camera = false;
    m_copied = 0;
    m_similar = 0;
    m_receipt->clear();
    m_progress->begin(tr("Reading your photos from %1").arg(source));
}

void ImportPage::beginCamera(const QString &camera)
{
    begin(camera);
    m_camera = true;
    m_progress->begin(tr("Copying your photos from %1").arg(camera));
}

void ImportPage::setCopyProgress(int filesDone, int filesTotal, qint64 bytesDone, qint64 bytesTotal)
{
    QString detail = tr("%1 of %n file(s) copied", nullptr, filesTotal).arg(filesDone);
    if (bytesTotal > 0)
        detail += QStringLiteral(" — ") + tr("%1 of %2").arg(formatBytes(bytesDone), formatBytes(bytesTotal));
    m_progress->setProgress(filesDone, 2 * qMax(filesTotal, 1), detail);
}

void ImportPage::setCameraReleased(int copied, int notCopied)
{
    m_copied = copied;
    QString text = tr("You may unplug your camera or phone now: %n file(s) copied.", nullptr, copied);
    if (notCopied > 0)
        text += QLatin1Char(' ') + tr("%n file(s) could not be copied: see below.", nullptr, notCopied);
    m_progress->setProgress(copied, 2 * qMax(copied, 1), text);
}

void ImportPage::setStarted(int files, qint64 bytes)
{
    const QString detail = tr("%n photo(s) to read (%1)", nullptr, files).arg(formatBytes(bytes));
    if (m_camera)   // the copy was the first half of the bar
        m_progress->setProgress(files, 2 * qMax(files, 1), detail);
    else
        m_progress->setProgress(0, files, detail);
}

// The bar and the words count the same thing: photos read of those on the card (the
// bytes only say how much that is). Counting bytes for the bar put it at 5 % beside
// "46 of 164" when the first photos were small.
void ImportPage::setProgress(int filesDone, int filesTotal, qint64 bytesDone, qint64 bytesTotal)
{
    QString detail = tr("%1 of %n photo(s) read", nullptr, filesTotal).arg(filesDone);
    if (bytesTotal > 0)
        detail += QStringLiteral(" — ") + tr("%1 of %2").arg(formatBytes(bytesDone), formatBytes(bytesTotal));
    if (m_camera)   // the second half of the bar: the copy was the first
        m_progress->setProgress(filesTotal + filesDone, 2 * qMax(filesTotal, 1), detail);
    else
        m_progress->setProgress(filesDone, filesTotal, detail);
}

QTreeWidgetItem *ImportPage::group(IngestOutcome outcome)
{
    QTreeWidgetItem *&item = m_groups[int(outcome)];
    if (!item) {
        item = new QTreeWidgetItem(m_results);
        item->setData(0, Qt::UserRole, ingestOutcomeName(outcome));
        item->setData(0, OutcomeRole, int(outcome));
        item->setExpanded(outcome != IngestOutcome::New);
        markGroup(item);
        QFont bold = item->font(0);
        bold.setBold(true);
        item->setFont(0, bold);
    }
    return item;
}

void ImportPage::addRecord(const IngestRecord &record)
{
    QTreeWidgetItem *parent = group(record.outcome);
    // The file's name; its folder on the card and the whole name on a long press.
    auto *item = new QTreeWidgetItem(parent, { QFileInfo(record.path).fileName(), record.reason });
    item->setToolTip(0, record.path);
    if (record.outcome == IngestOutcome::AlreadyReceived && record.matched && record.reason.isEmpty()) {
        item->setText(1, record.matched->disc.isEmpty()
                             ? tr("same as %1").arg(record.matched->name)
                             : tr("same as %1, on disc %2").arg(record.matched->name, record.matched->disc));
    }
    const bool kept = record.outcome == IngestOutcome::New || record.outcome == IngestOutcome::NewVersion;
    if (kept && record.similar) {
        ++m_similar;
        const QString note = similarNote(*record.similar);
        item->setText(1, item->text(1).isEmpty() ? note : tr("%1 — %2").arg(item->text(1), note));
        item->setData(1, Qt::UserRole, record.similar->photoId);
    }
    item->setToolTip(1, item->text(1));   // the whole reason also on a long press
    parent->setText(1, tr("%n file(s)", nullptr, parent->childCount()));
}

// "Kept: it looks like a photo you handed in on 3 May 2026 (IMG_0042.JPG)", the date in the kiosk's language.
QString ImportPage::similarNote(const SimilarPhoto &similar)
{
    const QString day = dateInWords(similar.handedInAt.toLocalTime().date());
    return similar.name.isEmpty() ? tr("Kept: it looks like a photo you handed in on %1.").arg(day)
                                  : tr("Kept: it looks like a photo you handed in on %1 (%2).").arg(day, similar.name);
}

QString ImportPage::countsText(const IngestSummary &summary) const
{
    QString text = tr("%1 new, %2 already handed in, %3 new versions, %4 not taken.")
                       .arg(summary.added).arg(summary.alreadyReceived).arg(summary.newVersions).arg(summary.rejected);
    if (m_similar > 0)
        text += QLatin1Char(' ') + tr("%n look(s) like photos you handed in before; they were kept.", nullptr, m_similar);
    return text;
}

void ImportPage::setCardReleased(const IngestSummary &summary)
{
    m_cardReleased = true;
    m_done->setEnabled(true);
    const int stored = summary.added + summary.newVersions;
    m_progress->setProgress(0, std::max(stored, 1),
                            m_camera ? tr("Every photo is stored. Previews are being made.")
                                     : tr("You may take your card now: every photo is stored. Previews are being made."));
    m_summary->setText(countsText(summary));
    Q_EMIT cardMayBeRemoved();
}

void ImportPage::setThumbnailProgress(int done, int total)
{
    if (m_cardReleased)
        m_progress->setProgress(done, total, m_camera ? tr("Previews: %1 of %2.").arg(done).arg(total)
                                                      : tr("You may take your card now. Previews: %1 of %2.")
                                                            .arg(done).arg(total));
}

void ImportPage::finish(const IngestSummary &summary, const QString &error)
{
    m_done->setEnabled(true);
    if (!error.isEmpty()) {
        m_progress->end(error);   // the reason under the bar; the heading stays short
        m_summary->setText(tr("Not all photos could be handed in."));
        return;
    }
    if (summary.cancelled)
        m_progress->end(tr("Stopped. The photos read so far are kept."));
    else
        m_progress->end(m_camera ? tr("Done. You may unplug your camera or phone.") : tr("Done. You may take your card."));
    m_summary->setText(countsText(summary));
    if (summary.handinId && !summary.pickupCode.isEmpty())
        m_receipt->showReceipt(summary.handinId, summary.pickupCode);
}

// A group's title with ▾ when open, ▸ when closed.
void ImportPage::markGroup(QTreeWidgetItem *item)
{
    if (item->parent())
        return;
    const auto outcome = IngestOutcome(item->data(0, OutcomeRole).toInt());
    item->setText(0, (item->isExpanded() ? QStringLiteral("▾ ") : QStringLiteral("▸ ")) + outcomeTitle(outcome));
}

QString ImportPage::summaryText() const
{
    return m_summary->text();
}

void ImportPage::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void ImportPage::retranslate()
{
    m_results->setHeaderLabels({ tr("File"), tr("Note") });
    for (int i = 0; i < m_results->topLevelItemCount(); ++i)
        markGroup(m_results->topLevelItem(i));
    m_done->setText(tr("Show my albums"));
}

} // namespace Keepsake
