// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "PickupSearch.h"

#include "catalog/PickupCode.h"
#include "lab/Lab.h"

#include <QLabel>
#include <QLocale>

namespace Keepsake {

PickupSearch::PickupSearch(const Lab &lab, Actor clerk, QObject *parent)
    : QObject(parent), m_lab(lab), m_clerk(std::move(clerk))
{
    m_label = new QLabel;
    m_label->setObjectName(QStringLiteral("pickupResult"));
    m_label->setWordWrap(true);
    m_label->hide();
}

bool PickupSearch::lookUp(const QString &text, bool lastChance)
{
    if (!PickupLookup::looksLikeCode(text))
        return false;
    const Result<PickupOrder> order = PickupLookup(m_lab.catalog(), m_clerk).find(text);
    if (!order) {
        // A name that only looks like a code opens its customer instead.
        if (!lastChance && order.error().kind() == Error::Kind::NotFound)
            return false;
        show(order.error().message(), true);
        return true;
    }
    const QString description = describe(*order);
    show(tr("Pickup code %1: %2 — %3 (%4).").arg(PickupCode::display(order->code), description,
                                                  order->customerName, order->customerCode), false);
    Q_EMIT found(*order, description);
    return true;
}

void PickupSearch::clear()
{
    m_label->clear();
    m_label->hide();
}

QString PickupSearch::describe(const PickupOrder &order)
{
    const QString day = QLocale().toString(order.at.toLocalTime().date(), QLocale::ShortFormat);
    if (order.kind == PickupOrder::Kind::Disc)
        return tr("disc %1 session %2 of %3, %n photo(s)", nullptr, order.photos)
            .arg(order.discId).arg(order.session).arg(day);
    return tr("hand-in of %1, %n photo(s)", nullptr, order.photos).arg(day);
}

void PickupSearch::show(const QString &text, bool problem)
{
    QPalette palette = m_label->palette();
    palette.setColor(QPalette::WindowText, problem ? QColor(0xa0, 0, 0) : palette.color(QPalette::Text));
    m_label->setPalette(palette);
    m_label->setText(text);
    m_label->setToolTip(text);
    m_label->show();
}

} // namespace Keepsake
