// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
//
// CustomerPanel: the clerk's actions on albums — restore, extend, re-send the chosen
// albums' notices, record to disc, index print — and the album columns they feed.
#include "CustomerPanel.h"

#include "common/MessageBox.h"
#include "common/PrintPreview.h"
#include "base/JobRunner.h"
#include "lab/Lab.h"
#include "notify/NoticeDelivery.h"
#include "retention/AlbumStorage.h"

#include <QPushButton>
#include <QTreeWidget>

namespace Keepsake {

namespace {

enum ExtraColumn { ColShares = 6, ColNotices = 7 };

QString noticesText(const AlbumNotices &n)
{
    QStringList parts;
    if (n.sent)
        parts << CustomerPanel::tr("%n sent", nullptr, n.sent);
    if (n.failed)
        parts << CustomerPanel::tr("%n failed", nullptr, n.failed);
    if (n.waiting)
        parts << CustomerPanel::tr("%n waiting", nullptr, n.waiting);
    return parts.join(QStringLiteral(", "));
}

bool recordable(const AlbumSummary &album, qint64 customerId)
{
    return album.ownerId == customerId && album.photos > 0 && album.state != AlbumState::Recorded
           && album.state != AlbumState::Purged;
}

} // namespace

void CustomerPanel::fillAlbumExtras()
{
    for (int i = 0; i < m_albums->topLevelItemCount(); ++i) {
        QTreeWidgetItem *row = m_albums->topLevelItem(i);
        const qint64 id = row->data(0, Qt::UserRole).toLongLong();
        row->setText(ColShares, m_data.shares.value(id).join(QStringLiteral(", ")));
        const AlbumNotices notices = m_data.notices.value(id);
        row->setText(ColNotices, noticesText(notices));
        row->setToolTip(ColNotices, notices.failures.join(QLatin1Char('\n')));
        if (notices.failed > 0)
            row->setForeground(ColNotices, QColor(Qt::darkRed));
    }
}

QList<AlbumSummary> CustomerPanel::selectedSummaries() const
{
    const QList<qint64> ids = selectedAlbums();
    QList<AlbumSummary> albums;
    for (const AlbumSummary &album : std::as_const(m_data.albums))
        if (ids.contains(album.id))
            albums.append(album);
    return albums;
}

void CustomerPanel::updateActions()
{
    const qint64 customer = m_data.customer.id;
    const QList<AlbumSummary> selected = selectedSummaries();
    bool anyRecordable = false;
    for (const AlbumSummary &album : std::as_const(m_data.albums))
        anyRecordable = anyRecordable || recordable(album, customer);
    bool allRecorded = !selected.isEmpty();
    bool allLiving = !selected.isEmpty();
    bool allOwned = !selected.isEmpty();
    bool notices = false;
    for (const AlbumSummary &album : selected) {
        allRecorded = allRecorded && album.state == AlbumState::Recorded;
        allLiving = allLiving && album.state != AlbumState::Recorded && album.state != AlbumState::Purged;
        allOwned = allOwned && album.ownerId == customer;
        const AlbumNotices n = m_data.notices.value(album.id);
        notices = notices || n.failed > 0 || n.waiting > 0;
    }
    m_import->setEnabled(customer);
    m_audit->setEnabled(customer);
    m_record->setEnabled(customer && anyRecordable);
    m_print->setEnabled(allOwned);
    m_restore->setEnabled(allRecorded && allOwned);
    m_extend->setEnabled(allLiving && allOwned);
    m_resend->setEnabled(notices && !m_resending->isRunning());
}

Status CustomerPanel::showChange(const Status &status)
{
    if (!status)
        MessageBox::warning(this, tr("The albums were not changed"), status.error().message());
    refresh();
    Q_EMIT changed();
    return status;
}

void CustomerPanel::restoreAlbum()
{
    const QList<AlbumSummary> albums = selectedSummaries();
    if (albums.isEmpty())
        return;
    QStringList titles;
    QList<qint64> ids;
    for (const AlbumSummary &album : albums) {
        titles << album.title;
        ids << album.id;
    }
    if (MessageBox::question(this, tr("Restore"),
                             tr("Bring %1 back from the grace period? The album becomes active again and is dated by its "
                                "rule from today; its disc stays recorded.").arg(titles.join(QStringLiteral(", "))))
        != QMessageBox::Yes)
        return;
    if (showChange(AlbumStorage(m_lab.catalog(), m_lab.clock()).restore(m_clerk, ids)))
        Q_EMIT message(tr("Restored: %1.").arg(titles.join(QStringLiteral(", "))));
}

void CustomerPanel::extendAlbum()
{
    const QList<AlbumSummary> albums = selectedSummaries();
    if (albums.isEmpty())
        return;
    const std::optional<int> days = MessageBox::number(this, tr("Extend"),
                                                       tr("Keep the chosen album(s) how many days longer?"), 30, 1, 3650);
    if (!days)
        return;
    QList<qint64> ids;
    for (const AlbumSummary &album : albums)
        ids << album.id;
    if (showChange(AlbumStorage(m_lab.catalog(), m_lab.clock()).extendBy(m_clerk, ids, *days)))
        Q_EMIT message(tr("Extended by %n day(s).", nullptr, *days));
}

void CustomerPanel::resendNotice()
{
    QList<qint64> ids;
    QStringList titles;
    for (const AlbumSummary &album : selectedSummaries()) {
        const AlbumNotices n = m_data.notices.value(album.id);
        if (n.failed > 0 || n.waiting > 0) {
            ids << album.id;
            titles << album.title;
        }
    }
    if (ids.isEmpty())
        return;
    const Lab &lab = m_lab;
    const QString albums = titles.join(QStringLiteral(", "));
    const bool started = m_resending->start([&lab, ids, albums](JobControl &control) -> QString {
        const Result<NoticeDelivery::Report> report
            = NoticeDelivery(lab.catalog(), lab.clock()).deliverForAlbums(ids, control.cancelToken());
        if (!report)
            return report.error().message();
        QString text = tr("Notices about %1: %2 sent, %3 failed, %4 waiting.")
                           .arg(albums).arg(report->sent).arg(report->failed).arg(report->waiting);
        if (report->noServer)
            text += QLatin1Char(' ') + tr("No mail server is set up: enter one under Lab › Settings.");
        return text;
    }, [this](const QString &text) {
        Q_EMIT message(text);
        refresh();
        Q_EMIT changed();
    });
    if (started)
        updateActions();
}

void CustomerPanel::recordToDisc()
{
    QList<qint64> albums;
    for (const AlbumSummary &album : selectedSummaries())
        if (recordable(album, m_data.customer.id))
            albums.append(album.id);
    if (m_data.customer.id)
        Q_EMIT recordRequested(m_data.customer.id, albums);
}

void CustomerPanel::printIndex()
{
    const Result<PrintPreview::Document> document = PrintPreview::indexOfAlbums(m_lab, selectedAlbums());
    if (!document) {
        MessageBox::warning(this, tr("Index print"), document.error().message());
        return;
    }
    PrintPreview::show(this, *document);
}

} // namespace Keepsake
