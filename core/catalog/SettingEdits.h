// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Actor.h"
#include "base/Error.h"

#include <QCoreApplication>
#include <QString>

#include <optional>

namespace Keepsake {

class Catalog;
class Clock;

// Changing the lab's settings (Settings holds the table and its checks), as the
// front ends do it: the clerk and the system only (a customer, a viewer or a device
// is refused). Each change is one transaction with its "config" audit entry, a
// secret's value written as "***".
class SettingEdits
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::SettingEdits)

public:
    SettingEdits(const Catalog &catalog, const Clock &clock) : m_catalog(catalog), m_clock(clock) { }

    Status set(const Actor &actor, const QString &key, const QString &value) const;
    // Back to its default.
    Status unset(const Actor &actor, const QString &key) const;

private:
    Status change(const Actor &actor, const QString &key, const std::optional<QString> &value) const;

    const Catalog &m_catalog;
    const Clock &m_clock;
};

} // namespace Keepsake
