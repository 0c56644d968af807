// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "RetentionRule.h"

#include "catalog/SqlQuery.h"

#include <QCoreApplication>

namespace Keepsake {

QString RetentionRule::basisName(Basis basis)
{
    switch (basis) {
    case Basis::HandIn: return QStringLiteral("handin");
    case Basis::LastView: return QStringLiteral("last_view");
    case Basis::Plan: return QStringLiteral("plan");
    }
    return {};
}

std::optional<RetentionRule::Basis> RetentionRule::basisFromName(const QString &name)
{
    for (Basis basis : { Basis::HandIn, Basis::LastView, Basis::Plan }) {
        if (basisName(basis) == name)
            return basis;
    }
    return std::nullopt;
}

QDate RetentionRule::expiresOn(const QDate &from, const QDate &planEnds) const
{
    if (basis == Basis::Plan)
        return planEnds;
    return from.addDays(keepDays);
}

Result<RetentionRule> ruleForNewAlbums(const QSqlDatabase &db, qint64 customerId)
{
    SqlQuery query(db, QStringLiteral(R"(
        SELECT r.id, r.name, r.basis, r.keep_days, r.cap_bytes FROM retention_rules r
        WHERE r.id = (SELECT plan_rule_id FROM customers WHERE id = :customer)
           OR r.name = (SELECT value FROM settings WHERE key = 'retention.default')
           OR r.builtin = 1
        ORDER BY CASE WHEN r.id = (SELECT plan_rule_id FROM customers WHERE id = :customer2) THEN 0
                      WHEN r.builtin = 1 THEN 2 ELSE 1 END
        LIMIT 1)"));
    query.bind(QStringLiteral(":customer"), customerId).bind(QStringLiteral(":customer2"), customerId);
    if (Status status = query.exec(); !status)
        return status.error();
    if (!query.next())
        return Error::failure(QCoreApplication::translate("Keepsake::Retention",
            "The catalog has no retention rule for new albums. Add one with keepsakectl rule add."));
    RetentionRule rule;
    rule.id = query.integer(0);
    rule.name = query.text(1);
    rule.basis = RetentionRule::basisFromName(query.text(2)).value_or(RetentionRule::Basis::HandIn);
    rule.keepDays = query.value(3).isNull() ? 0 : query.value(3).toInt();
    if (!query.value(4).isNull())
        rule.capBytes = query.integer(4);
    return rule;
}

} // namespace Keepsake
