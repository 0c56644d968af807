// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "DashboardPanel.h"

#include "base/Actor.h"
#include "catalog/Albums.h"
#include "catalog/AuditLog.h"
#include "catalog/Catalog.h"
#include "catalog/Settings.h"
#include "base/ByteSize.h"
#include "base/JobRunner.h"
#include "lab/Lab.h"
#include "notify/NoticeMails.h"

#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QScrollBar>
#include <QTreeWidget>
#include <QTreeWidgetItemIterator>
#include <QVBoxLayout>

namespace Keepsake {

namespace {

// A list read again keeps the clerk's place in it: the current row (by what it
// stands for, its customer and album) and how far it was scrolled.
class KeepPlace
{
public:
    explicit KeepPlace(QTreeWidget *tree) : m_tree(tree), m_scrolled(tree->verticalScrollBar()->value())
    {
        if (const QTreeWidgetItem *item = tree->currentItem())
            m_key = key(item);
    }
    ~KeepPlace()
    {
        if (m_key.first || m_key.second) {
            for (QTreeWidgetItemIterator it(m_tree); *it; ++it) {
                if (key(*it) == m_key) {
                    m_tree->setCurrentItem(*it);
                    break;
                }
            }
        }
        m_tree->doItemsLayout();
        m_tree->verticalScrollBar()->setValue(m_scrolled);
    }
    KeepPlace(const KeepPlace &) = delete;
    KeepPlace &operator=(const KeepPlace &) = delete;

private:
    static std::pair<qint64, qint64> key(const QTreeWidgetItem *item)
    {
        return { item->data(0, Qt::UserRole).toLongLong(), item->data(1, Qt::UserRole).toLongLong() };
    }

    QTreeWidget *m_tree;
    int m_scrolled;
    std::pair<qint64, qint64> m_key { 0, 0 };
};

} // namespace

DashboardPanel::DashboardPanel(const Lab &lab, QWidget *parent) : QWidget(parent), m_lab(lab)
{
    setObjectName(QStringLiteral("dashboardPanel"));
    m_summary = new QLabel;
    m_summary->setObjectName(QStringLiteral("dashboardSummary"));
    QFont big = m_summary->font();
    big.setPointSizeF(big.pointSizeF() * 1.3);
    m_summary->setFont(big);
    m_summary->setWordWrap(true);
    m_mailQueue = new QLabel;
    m_mailQueue->setObjectName(QStringLiteral("mailQueueLabel"));
    m_mailQueue->setWordWrap(true);
    m_mailQueue->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_mailQueue->setStyleSheet(QStringLiteral("color: #a00000;"));
    const QStringList albumHeaders { tr("Customer"), tr("Album"), tr("Expires"), tr("Photos"), tr("Size") };
    m_expiring = makeTree("expiringTree", albumHeaders);
    m_expired = makeTree("expiredTree", albumHeaders);
    m_grace = makeTree("graceTree", { tr("Customer"), tr("Album"), tr("Copy deleted on"), tr("Photos"), tr("Size") });
    m_notices = makeTree("failedNoticesTree", { tr("Customer"), tr("Album"), tr("To"), tr("Why") });
    m_registered = makeTree("registrationsTree", { tr("Customer"), tr("Registered"), tr("E-mail"), tr("Phone") });
    m_stopped = makeTree("stoppedHandinsTree", { tr("Customer"), tr("Started"), tr("What happened"), tr("Photos stored") });
    m_devices = makeTree("devicesTree", { tr("Device"), tr("Address"), tr("Answers"), tr("Photos waiting to go there") });
    m_chain = new JobRunner(this);
    m_record = new QPushButton(tr("Record to disc…"));
    m_record->setObjectName(QStringLiteral("dashboardRecordButton"));
    m_confirm = new QPushButton(tr("Confirm registration"));
    m_confirm->setObjectName(QStringLiteral("confirmRegistrationButton"));
    connect(m_record, &QPushButton::clicked, this, &DashboardPanel::recordChosen);
    connect(m_confirm, &QPushButton::clicked, this, &DashboardPanel::confirmChosen);

    auto box = [](const QString &title, QWidget *content) {
        auto *group = new QGroupBox(title);
        auto *layout = new QVBoxLayout(group);
        layout->addWidget(content);
        return group;
    };
    auto *grid = new QGridLayout;
    grid->addWidget(box(tr("Expiring soon"), m_expiring), 0, 0);
    grid->addWidget(box(tr("Expired, waiting for their disc"), withButton(m_expired, m_record)), 0, 1);
    grid->addWidget(box(tr("In their grace period after recording"), m_grace), 1, 0);
    grid->addWidget(box(tr("Notices that failed"), m_notices), 1, 1);
    grid->addWidget(box(tr("Registered at the kiosk, to confirm"), withButton(m_registered, m_confirm)), 2, 0);
    grid->addWidget(box(tr("Hand-ins that stopped: hand these cards in again"), m_stopped), 2, 1);
    auto *devices = box(tr("Devices of the chain"), m_devices);
    devices->setVisible(m_lab.device().has_value());
    grid->addWidget(devices, 3, 0, 1, 2);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_summary);
    layout->addWidget(m_mailQueue);
    layout->addLayout(grid, 1);

    m_timer.setInterval(60 * 1000);
    connect(&m_timer, &QTimer::timeout, this, &DashboardPanel::refresh);
    m_timer.start();
    refresh();
}

QWidget *DashboardPanel::withButton(QTreeWidget *tree, QPushButton *button)
{
    auto *widget = new QWidget;
    auto *layout = new QVBoxLayout(widget);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(tree, 1);
    auto *row = new QHBoxLayout;
    row->addStretch();
    row->addWidget(button);
    layout->addLayout(row);
    return widget;
}

QTreeWidget *DashboardPanel::makeTree(const char *name, const QStringList &headers)
{
    auto *tree = new QTreeWidget;
    tree->setObjectName(QLatin1String(name));
    tree->setHeaderLabels(headers);
    tree->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    connect(tree, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        const qint64 customer = item->data(0, Qt::UserRole).toLongLong();
        if (customer)
            Q_EMIT customerChosen(customer);
    });
    return tree;
}

void DashboardPanel::refresh()
{
    const Result<int> noticeDays = Settings(m_lab.catalog()).intValue(QStringLiteral("notice.days_before"));
    if (!noticeDays) {
        m_summary->setText(noticeDays.error().message());
        return;
    }
    auto data = DayDashboard(m_lab.catalog()).read(m_lab.clock().today(), *noticeDays);
    if (!data) {
        m_summary->setText(data.error().message());
        return;
    }
    m_data = *data;
    const Result<int> graceDays = Settings(m_lab.catalog()).intValue(QStringLiteral("grace.days"));
    m_graceDays = graceDays ? *graceDays : 0;
    fill(m_expiring, m_data.expiringSoon, false);
    fill(m_expired, m_data.expired, true);
    fill(m_grace, m_data.inGrace, false);   // recorded: the day their copy here goes
    fillNotices();
    fillRegistrations();
    fillStoppedHandins();
    askDevices();
    fillMailQueue();
    m_summary->setText(summaryText());
    Q_EMIT refreshed();
}

QString DashboardPanel::summaryText() const
{
    const QStringList parts {
        tr("%n expiring soon", nullptr, int(m_data.expiringSoon.size())),
        tr("%n waiting for their disc", nullptr, int(m_data.expired.size())),
        tr("%n in their grace period", nullptr, int(m_data.inGrace.size())),
        tr("%n failed mail(s)", nullptr, m_mail.failed),
        tr("%n mail(s) waiting to go out", nullptr, m_mail.waiting),
        tr("%n kiosk registration(s) to confirm", nullptr, int(m_registrations.size())),
    };
    return tr("%1: %2.").arg(QLocale().toString(m_lab.clock().today(), QLocale::LongFormat),
                             parts.join(QStringLiteral(", ")));
}

QString DashboardPanel::mailQueueText(const MailQueue &queue)
{
    if (queue.waiting == 0 && queue.failed == 0)
        return {};
    QStringList counts;
    if (queue.waiting > 0)
        counts << tr("%n mail(s) waiting", nullptr, queue.waiting);
    if (queue.failed > 0)
        counts << tr("%n mail(s) failed", nullptr, queue.failed);
    const QString what = counts.join(QStringLiteral(", "));
    if (queue.noServer)
        return tr("%1 — no mail server set").arg(what);
    if (!queue.lastError.isEmpty())
        return tr("%1 — the mail server said: %2").arg(what, queue.lastError);
    return what;
}

void DashboardPanel::fillMailQueue()
{
    const Actor clerk = Actor::clerk(Actor::sessionUser(), QStringLiteral("counter"));
    const Result<MailQueue> queue = NoticeMails(m_lab.catalog()).queue(clerk);
    if (!queue) {
        Q_EMIT message(queue.error().message());
        return;
    }
    m_mail = *queue;
    const QString text = mailQueueText(m_mail);
    m_mailQueue->setText(text.isEmpty() ? QString() : text + QStringLiteral(". ")
                             + (m_mail.noServer ? tr("Enter the lab's mail server under Lab › Settings.")
                                                : tr("Check the mail server under Lab › Settings, then Re-send notice.")));
    m_mailQueue->setVisible(!text.isEmpty());
    Q_EMIT mailQueueChanged();
}

void DashboardPanel::fill(QTreeWidget *tree, const QList<DashboardAlbum> &albums, bool groupByCustomer)
{
    const KeepPlace place(tree);
    tree->clear();
    QTreeWidgetItem *group = nullptr;
    for (const DashboardAlbum &album : albums) {
        const QString customer = QStringLiteral("%1 — %2").arg(album.customerCode, album.customerName);
        QTreeWidgetItem *parent = nullptr;
        if (groupByCustomer) {
            if (!group || group->data(0, Qt::UserRole).toLongLong() != album.customerId) {
                group = new QTreeWidgetItem(tree, { customer });
                group->setData(0, Qt::UserRole, album.customerId);
                group->setExpanded(true);
            }
            parent = group;
        }
        auto *item = parent ? new QTreeWidgetItem(parent) : new QTreeWidgetItem(tree);
        item->setText(0, parent ? QString() : customer);
        item->setText(1, album.title);
        item->setText(2, album.recordedAt.isValid()
                             ? QLocale().toString(album.recordedAt.toLocalTime().date().addDays(m_graceDays), QLocale::ShortFormat)
                             : QLocale().toString(album.expires, QLocale::ShortFormat));
        if (album.recordedAt.isValid())
            item->setToolTip(2, tr("Recorded on %1").arg(QLocale().toString(album.recordedAt.toLocalTime().date(),
                                                                               QLocale::ShortFormat)));
        item->setText(3, QLocale().toString(album.photos));
        item->setText(4, formatBytes(album.bytes));
        item->setData(0, Qt::UserRole, album.customerId);
        item->setData(1, Qt::UserRole, album.albumId);
    }
    if (groupByCustomer) {
        for (int i = 0; i < tree->topLevelItemCount(); ++i) {
            QTreeWidgetItem *top = tree->topLevelItem(i);
            top->setText(1, tr("%n album(s)", nullptr, top->childCount()));
        }
    }
}

void DashboardPanel::fillNotices()
{
    const KeepPlace place(m_notices);
    m_notices->clear();
    const Actor clerk = Actor::clerk(Actor::sessionUser(), QStringLiteral("counter"));
    const Result<QList<Notice>> failed = NoticeMails(m_lab.catalog()).failed(clerk);
    m_failed = failed ? *failed : QList<Notice>();
    if (!failed)
        Q_EMIT message(failed.error().message());
    const Albums albums(m_lab.catalog());
    for (const Notice &notice : std::as_const(m_failed)) {
        const Result<AlbumSummary> album = albums.byId(notice.albumId);
        auto *item = new QTreeWidgetItem(m_notices);
        item->setText(0, album ? album->ownerCode : QString());
        item->setText(1, album ? album->title : QString::number(notice.albumId));
        item->setText(2, notice.email);
        item->setText(3, notice.lastError);
        item->setToolTip(3, notice.lastError);
        item->setData(0, Qt::UserRole, album ? album->ownerId : 0);
    }
}

void DashboardPanel::fillRegistrations()
{
    const KeepPlace place(m_registered);
    m_registered->clear();
    const Result<QList<KioskRegistration>> pending = KioskRegistrations(m_lab.catalog()).pending();
    m_registrations = pending ? *pending : QList<KioskRegistration>();
    if (!pending)
        Q_EMIT message(pending.error().message());
    for (const KioskRegistration &r : std::as_const(m_registrations)) {
        auto *item = new QTreeWidgetItem(m_registered, { QStringLiteral("%1 — %2").arg(r.code, r.name),
                                                         QLocale().toString(r.registeredAt.toLocalTime(), QLocale::ShortFormat),
                                                         r.email, r.phone });
        item->setData(0, Qt::UserRole, r.customerId);
    }
    m_confirm->setEnabled(!m_registrations.isEmpty());
}

void DashboardPanel::fillStoppedHandins()
{
    const KeepPlace place(m_stopped);
    m_stopped->clear();
    for (const DashboardHandin &h : std::as_const(m_data.stoppedHandins)) {
        const QString what = h.state == QLatin1String("interrupted")
            ? tr("interrupted: the program ended before the hand-in did")
            : tr("stopped on an error");
        auto *item = new QTreeWidgetItem(m_stopped, { QStringLiteral("%1 — %2").arg(h.customerCode, h.customerName),
                                                      QLocale().toString(h.startedAt.toLocalTime(), QLocale::ShortFormat),
                                                      what, QLocale().toString(h.stored) });
        item->setToolTip(2, h.source);
        item->setData(0, Qt::UserRole, h.customerId);
    }
}

void DashboardPanel::recordChosen()
{
    const QTreeWidgetItem *item = m_expired->currentItem();
    if (!item && m_expired->topLevelItemCount() > 0)
        item = m_expired->topLevelItem(0);
    if (!item)
        return;
    const QTreeWidgetItem *group = item->parent() ? item->parent() : item;
    QList<qint64> albums;
    if (item->parent())
        albums.append(item->data(1, Qt::UserRole).toLongLong());
    Q_EMIT recordRequested(group->data(0, Qt::UserRole).toLongLong(), albums);
}

void DashboardPanel::confirmChosen()
{
    const QTreeWidgetItem *item = m_registered->currentItem();
    if (!item && m_registered->topLevelItemCount() > 0)
        item = m_registered->topLevelItem(0);
    if (!item)
        return;
    const Status confirmed = KioskRegistrations(m_lab.catalog())
                                 .confirm(item->data(0, Qt::UserRole).toLongLong(), m_lab.clock().now(),
                                          AuditLog::currentActor(QStringLiteral("counter")));
    Q_EMIT message(confirmed ? tr("Registration of %1 confirmed.").arg(item->text(0)) : confirmed.error().message());
    refresh();
}

} // namespace Keepsake

namespace Keepsake {

void DashboardPanel::askDevices()
{
    if (!m_lab.device() || m_chain->isRunning())
        return;
    const Lab *lab = &m_lab;
    m_chain->start([lab](JobControl &control) { return ChainStatus::read(*lab, control.cancelToken()); },
                   [this](const Result<QList<DeviceState>> &states) { fillDevices(states); });
}

void DashboardPanel::fillDevices(const Result<QList<DeviceState>> &states)
{
    m_devices->clear();
    if (!states) {
        new QTreeWidgetItem(m_devices, { states.error().message() });
        return;
    }
    for (const DeviceState &state : *states) {
        const QString name = state.self ? tr("%1 (this device)").arg(state.device.name) : state.device.name;
        auto *item = new QTreeWidgetItem(m_devices, { name, state.device.url, state.reachable ? tr("yes") : tr("no"),
                                                     QLocale().toString(state.owed) });
        if (!state.reachable) {
            item->setToolTip(2, state.problem);
            item->setForeground(2, palette().color(QPalette::Disabled, QPalette::Text));
        }
    }
}

} // namespace Keepsake
