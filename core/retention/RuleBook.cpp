// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "RuleBook.h"

#include "RetentionLog.h"
#include "RetentionRules.h"
#include "base/Clock.h"
#include "catalog/Catalog.h"

namespace Keepsake {

Result<QList<RetentionRule>> RuleBook::list() const
{
    return RetentionRules::list(m_catalog.db());
}

Result<RetentionRule> RuleBook::add(const Actor &actor, const RetentionRule &rule) const
{
    if (!actor.actsForLab()) {
        qCInfo(lcRetention).noquote() << "Refused adding the rule" << rule.name << "to" << actor.auditText();
        return Error::refused(tr("The retention rule \"%1\" was not added: only the lab's clerk adds retention "
                                 "rules, not %2. Ask at the counter.").arg(rule.name.trimmed(), actor.describe()));
    }
    const QDateTime now = m_clock.now();
    Result<RetentionRule> added = Error::failure(QString());
    const Status status = m_catalog.transaction([&](QSqlDatabase &db) -> Status {
        added = RetentionRules::add(db, rule, now, actor.auditText());
        return added ? Status::success() : Status(added.error());
    });
    if (!status)
        return status.error();
    qCInfo(lcRetention).noquote() << "Added the rule" << added->name << "by" << actor.auditText();
    return added;
}

} // namespace Keepsake
