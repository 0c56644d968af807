// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "AuditDialog.h"

#include "base/Actor.h"
#include "base/Clock.h"
#include "catalog/AuditLog.h"
#include "lab/Lab.h"

#include <QComboBox>
#include <QDateEdit>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Keepsake {

namespace {

enum Column { ColWhen, ColWho, ColWhat };
constexpr int EntryRole = Qt::UserRole;

} // namespace

AuditDialog::AuditDialog(const Lab &lab, const Customer &customer, qint64 albumId, QWidget *parent)
    : QDialog(parent), m_lab(lab), m_sentences(lab), m_albumId(albumId)
{
    setObjectName(QStringLiteral("auditDialog"));
    setWindowTitle(albumId ? tr("Audit trail of album '%1' of %2").arg(m_sentences.albumTitle(albumId), customer.code)
                   : customer.id ? tr("Audit trail of %1 — %2").arg(customer.code, customer.name)
                                 : tr("Audit trail of the lab"));
    resize(980, 600);
    m_list = new QTreeWidget;
    m_list->setObjectName(QStringLiteral("auditEntries"));
    m_list->setRootIsDecorated(false);
    m_list->setUniformRowHeights(true);
    m_list->setHeaderLabels({ tr("When"), tr("Who"), tr("What happened") });
    m_list->header()->setSectionResizeMode(ColWhen, QHeaderView::ResizeToContents);
    m_list->header()->setSectionResizeMode(ColWho, QHeaderView::Interactive);
    m_list->header()->setSectionResizeMode(ColWhat, QHeaderView::Stretch);
    m_list->header()->resizeSection(ColWho, 200);
    m_details = new QPlainTextEdit;
    m_details->setObjectName(QStringLiteral("auditDetails"));
    m_details->setReadOnly(true);
    m_details->setMaximumHeight(140);
    m_details->hide();
    m_detailsButton = new QPushButton(tr("Show details"));
    m_detailsButton->setObjectName(QStringLiteral("auditDetailsButton"));
    m_detailsButton->setCheckable(true);
    m_note = new QLabel;
    m_note->setObjectName(QStringLiteral("auditNote"));
    m_note->setWordWrap(true);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    buttons->addButton(m_detailsButton, QDialogButtonBox::ActionRole);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(buildFilters());
    layout->addWidget(m_list, 1);
    layout->addWidget(m_details);
    layout->addWidget(m_note);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_detailsButton, &QPushButton::toggled, this, &AuditDialog::showDetails);
    connect(m_list, &QTreeWidget::currentItemChanged, this, &AuditDialog::currentChanged);
    setCustomer(customer.id);
    connect(m_customer, &QComboBox::currentIndexChanged, this, &AuditDialog::read);
}

QWidget *AuditDialog::buildFilters()
{
    m_customer = new QComboBox;
    m_customer->setObjectName(QStringLiteral("auditCustomer"));
    m_customer->addItem(tr("All customers"), 0);
    if (const auto customers = Customers(m_lab.catalog()).search(QString(), 1000))
        for (const Customer &c : *customers)
            m_customer->addItem(QStringLiteral("%1 — %2").arg(c.code, c.name), c.id);
    m_customer->setMinimumContentsLength(18);
    m_customer->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_kind = new QComboBox;
    m_kind->setObjectName(QStringLiteral("auditKind"));
    m_kind->addItem(tr("Everything"), QString());
    for (const auto &[action, words] : AuditSentences::kinds())
        m_kind->addItem(words, action);
    const QDate today = m_lab.clock().today();
    m_from = new QDateEdit(today.addYears(-1));
    m_from->setObjectName(QStringLiteral("auditFrom"));
    m_until = new QDateEdit(today);
    m_until->setObjectName(QStringLiteral("auditUntil"));
    for (QDateEdit *edit : { m_from, m_until })
        edit->setCalendarPopup(true);
    m_search = new QLineEdit;
    m_search->setObjectName(QStringLiteral("auditSearch"));
    m_search->setPlaceholderText(tr("Search the entries"));
    m_search->setClearButtonEnabled(true);
    auto *bar = new QWidget;
    auto *row = new QHBoxLayout(bar);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_customer, 2);
    row->addWidget(m_kind, 1);
    row->addWidget(new QLabel(tr("from")));
    row->addWidget(m_from);
    row->addWidget(new QLabel(tr("to")));
    row->addWidget(m_until);
    row->addWidget(m_search, 2);
    connect(m_kind, &QComboBox::currentIndexChanged, this, &AuditDialog::applyFilters);
    connect(m_from, &QDateEdit::dateChanged, this, &AuditDialog::read);
    connect(m_until, &QDateEdit::dateChanged, this, &AuditDialog::applyFilters);
    connect(m_search, &QLineEdit::textChanged, this, &AuditDialog::applyFilters);
    return bar;
}

// The customer and the first day are asked of core; kind, last day and text narrow here.
void AuditDialog::read()
{
    AuditLog::Filter filter;
    if (const qint64 customer = m_customer->currentData().toLongLong())
        filter.customerId = customer;
    if (m_albumId)
        filter.albumId = m_albumId;
    filter.since = m_from->date().startOfDay();
    const auto entries = AuditTrail(m_lab.catalog()).read(Actor::clerk(Actor::sessionUser(), QStringLiteral("counter")), filter);
    m_list->clear();
    m_entries = entries ? *entries : QList<AuditEntry>();
    if (!entries)
        m_note->setText(entries.error().message());
    for (qsizetype i = m_entries.size() - 1; i >= 0; --i) {   // newest first
        const AuditEntry &entry = m_entries.at(i);
        auto *item = new QTreeWidgetItem(m_list);
        item->setText(ColWhen, QLocale().toString(entry.at.toLocalTime(), QLocale::ShortFormat));
        item->setText(ColWho, m_sentences.who(entry));
        item->setText(ColWhat, m_sentences.sentence(entry));
        item->setToolTip(ColWho, item->text(ColWho));
        item->setToolTip(ColWhat, item->text(ColWhat));
        item->setData(ColWhen, EntryRole, qlonglong(i));
    }
    applyFilters();
}

void AuditDialog::applyFilters()
{
    const QString kind = m_kind->currentData().toString();
    const QString text = m_search->text().trimmed();
    const QDate until = m_until->date();
    int shown = 0;
    for (int row = 0; row < m_list->topLevelItemCount(); ++row) {
        QTreeWidgetItem *item = m_list->topLevelItem(row);
        const AuditEntry &entry = m_entries.at(item->data(ColWhen, EntryRole).toLongLong());
        const bool visible = (kind.isEmpty() || entry.action == kind) && entry.at.toLocalTime().date() <= until
                             && (text.isEmpty() || item->text(ColWhat).contains(text, Qt::CaseInsensitive)
                                 || item->text(ColWho).contains(text, Qt::CaseInsensitive));
        item->setHidden(!visible);
        shown += visible ? 1 : 0;
    }
    if (!m_entries.isEmpty() || m_note->text().isEmpty())
        m_note->setText(tr("%1 of %n entry(s) shown", nullptr, int(m_entries.size())).arg(shown));
    currentChanged();
}

void AuditDialog::currentChanged()
{
    const QTreeWidgetItem *item = m_list->currentItem();
    if (!item || item->isHidden()) {
        m_details->setPlainText(tr("Choose an entry to see its details."));
        return;
    }
    const AuditEntry &entry = m_entries.at(item->data(ColWhen, EntryRole).toLongLong());
    m_details->setPlainText(AuditSentences::detailsText(entry.details));
}

void AuditDialog::showDetails(bool shown)
{
    const QSignalBlocker blocker(m_detailsButton);
    m_detailsButton->setChecked(shown);
    m_detailsButton->setText(shown ? tr("Hide details") : tr("Show details"));
    m_details->setVisible(shown);
}

int AuditDialog::entryCount() const
{
    return int(m_entries.size());
}

int AuditDialog::shownCount() const
{
    int shown = 0;
    for (int row = 0; row < m_list->topLevelItemCount(); ++row)
        shown += m_list->topLevelItem(row)->isHidden() ? 0 : 1;
    return shown;
}

void AuditDialog::setCustomer(qint64 customerId)
{
    int index = m_customer->findData(customerId);
    if (index < 0) {   // beyond the list's first thousand
        const Result<Customer> customer = Customers(m_lab.catalog()).byId(customerId);
        m_customer->addItem(customer ? QStringLiteral("%1 — %2").arg(customer->code, customer->name)
                                     : QString::number(customerId), customerId);
        index = m_customer->count() - 1;
    }
    const QSignalBlocker blocker(m_customer);
    m_customer->setCurrentIndex(index);
    read();
}

void AuditDialog::setKind(const QString &action)
{
    m_kind->setCurrentIndex(qMax(0, m_kind->findData(action)));
}

void AuditDialog::setDates(const QDate &from, const QDate &until)
{
    m_until->setDate(until);
    m_from->setDate(from);
}

void AuditDialog::setSearchText(const QString &text)
{
    m_search->setText(text);
}

} // namespace Keepsake
