// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#include "SettingEdits.h"

#include "AuditLog.h"
#include "Catalog.h"
#include "CatalogLog.h"
#include "Settings.h"
#include "base/Clock.h"

#include <QJsonObject>

namespace Keepsake {

Status SettingEdits::set(const Actor &actor, const QString &key, const QString &value) const
{
    return change(actor, key, value);
}

Status SettingEdits::unset(const Actor &actor, const QString &key) const
{
    return change(actor, key, std::nullopt);
}

// Without a value: back to the default.
Status SettingEdits::change(const Actor &actor, const QString &key, const std::optional<QString> &value) const
{
    if (!actor.actsForLab()) {
        qCInfo(lcCatalog).noquote() << "Refused changing the setting" << key << "to" << actor.auditText();
        return Error::refused(tr("The setting %1 was not changed: only the lab's clerk changes settings, not %2. "
                                 "Ask at the counter.").arg(key, actor.describe()));
    }
    const Settings settings(m_catalog);
    const Settings::Spec *spec = Settings::spec(key);
    const QDateTime now = m_clock.now();
    const Status status = m_catalog.transaction([&](QSqlDatabase &db) -> Status {
        if (Status changed = value ? settings.set(key, *value) : settings.unset(key); !changed)
            return changed;
        const QString shown = value ? (spec && spec->secret ? QStringLiteral("***") : *value) : QString();
        const QJsonObject details { { QStringLiteral("key"), key }, { QStringLiteral("value"), shown } };
        return AuditLog::record(db, { 0, now, actor.auditText(), QStringLiteral("config"), {}, {}, details });
    });
    if (status)
        qCInfo(lcCatalog).noquote() << "Setting" << key << (value ? "set" : "unset") << "by" << actor.auditText();
    return status;
}

} // namespace Keepsake
