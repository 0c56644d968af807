// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "ImportPage.h"

#include "common/JobProgress.h"
#include "base/ByteSize.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QScroller>
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

} // namespace

ImportPage::ImportPage(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("importPage"));
    m_progress = new JobProgress;
    m_results = new QTreeWidget;
    m_results->setObjectName(QStringLiteral("importResults"));
    m_results->setColumnCount(2);
    m_results->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_results->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    QScroller::grabGesture(m_results->viewport(), QScroller::LeftMouseButtonGesture);
    m_summary = new QLabel;
    m_summary->setObjectName(QStringLiteral("importSummary"));
    m_summary->setWordWrap(true);
    m_summary->setProperty("role", QStringLiteral("title"));
    m_done = new QPushButton;
    m_done->setObjectName(QStringLiteral("importDone"));
    m_done->setProperty("role", QStringLiteral("primary"));

    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_done);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_progress);
    layout->addWidget(m_summary);
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
    m_progress->begin(tr("Reading your photos from %1").arg(source));
}

void ImportPage::setStarted(int files, qint64 bytes)
{
    m_progress->setProgress(0, files, tr("%n file(s), %1", nullptr, files).arg(formatBytes(bytes)));
}

void ImportPage::setProgress(int filesDone, int filesTotal, qint64 bytesDone, qint64 bytesTotal)
{
    m_progress->setProgress(bytesTotal > 0 ? bytesDone : filesDone, bytesTotal > 0 ? bytesTotal : filesTotal,
                            tr("%1 of %2 files").arg(filesDone).arg(filesTotal));
}

QTreeWidgetItem *ImportPage::group(IngestOutcome outcome)
{
    QTreeWidgetItem *&item = m_groups[int(outcome)];
    if (!item) {
        item = new QTreeWidgetItem(m_results, { outcomeTitle(outcome) });
        item->setData(0, Qt::UserRole, ingestOutcomeName(outcome));
        item->setExpanded(outcome != IngestOutcome::New);
        QFont bold = item->font(0);
        bold.setBold(true);
        item->setFont(0, bold);
    }
    return item;
}

void ImportPage::addRecord(const IngestRecord &record)
{
    QTreeWidgetItem *parent = group(record.outcome);
    auto *item = new QTreeWidgetItem(parent, { record.path, record.reason });
    if (record.outcome == IngestOutcome::AlreadyReceived && record.matched && record.reason.isEmpty()) {
        item->setText(1, record.matched->disc.isEmpty()
                             ? tr("same as %1").arg(record.matched->name)
                             : tr("same as %1, on disc %2").arg(record.matched->name, record.matched->disc));
    }
    parent->setText(1, tr("%n file(s)", nullptr, parent->childCount()));
}

void ImportPage::finish(const IngestSummary &summary, const QString &error)
{
    m_done->setEnabled(true);
    if (!error.isEmpty()) {
        m_progress->end(error);
        m_summary->setText(tr("The photos could not be handed in: %1").arg(error));
        return;
    }
    m_progress->end(summary.cancelled ? tr("Stopped. The photos read so far are kept.") : tr("Done."));
    m_summary->setText(tr("%1 new, %2 already handed in, %3 new versions, %4 not taken.")
                           .arg(summary.added).arg(summary.alreadyReceived)
                           .arg(summary.newVersions).arg(summary.rejected));
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
    m_done->setText(tr("Show my albums"));
}

} // namespace Keepsake
