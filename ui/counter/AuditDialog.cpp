// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "AuditDialog.h"

#include "base/Actor.h"
#include "catalog/AuditLog.h"
#include "lab/Lab.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLocale>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Keepsake {

AuditDialog::AuditDialog(const Lab &lab, const Customer &customer, qint64 albumId, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("auditDialog"));
    setWindowTitle(albumId ? tr("Audit trail of album %1 of %2").arg(albumId).arg(customer.code)
                           : tr("Audit trail of %1 — %2").arg(customer.code, customer.name));
    resize(900, 560);
    m_entries = new QTreeWidget;
    m_entries->setObjectName(QStringLiteral("auditEntries"));
    m_entries->setRootIsDecorated(false);
    m_entries->setHeaderLabels({ tr("When"), tr("Who"), tr("What"), tr("Album"), tr("Details") });
    m_entries->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    auto *note = new QLabel;
    note->setObjectName(QStringLiteral("auditNote"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_entries, 1);
    layout->addWidget(note);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    AuditLog::Filter filter;
    filter.customerId = customer.id;
    if (albumId)
        filter.albumId = albumId;
    const auto entries = AuditTrail(lab.catalog()).read(Actor::clerk(Actor::sessionUser(), QStringLiteral("counter")), filter);
    if (!entries) {
        note->setText(entries.error().message());
        return;
    }
    for (const AuditEntry &entry : *entries) {
        auto *item = new QTreeWidgetItem(m_entries);
        item->setText(0, QLocale().toString(entry.at.toLocalTime(), QLocale::ShortFormat));
        item->setText(1, entry.actor);
        item->setText(2, entry.action);
        item->setText(3, entry.albumId ? QString::number(*entry.albumId) : QString());
        item->setText(4, QString::fromUtf8(QJsonDocument(entry.details).toJson(QJsonDocument::Compact)));
    }
    note->setText(tr("%n entry(s)", nullptr, int(entries->size())));
}

int AuditDialog::entryCount() const
{
    return m_entries->topLevelItemCount();
}

} // namespace Keepsake
