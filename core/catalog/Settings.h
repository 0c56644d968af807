// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "base/Error.h"

#include <QList>
#include <QString>

#include <functional>

namespace Keepsake {

class Catalog;

// The lab's settings, kept in the catalog so that every device of a chain and both
// programs see the same (`keepsakectl config`). One table of keys with their
// defaults and checks; a key not in it is refused.
class Settings
{
public:
    struct Spec
    {
        const char *key;
        const char *description;   // translated when shown
        std::function<QString()> defaultValue;
        std::function<QString(const QString &)> check;   // empty: fine; else why not
        bool secret = false;       // shown as "***"
    };
    struct Entry { QString key; QString value; bool isDefault = true; bool secret = false; QString description; };

    explicit Settings(const Catalog &catalog) : m_catalog(catalog) { }

    static const QList<Spec> &specs();
    static const Spec *spec(const QString &key);

    Result<QString> value(const QString &key) const;
    // The value as a number. A value that cannot be read, or a stored text that is
    // not a number the setting takes, is an error naming the setting: never the default.
    Result<int> intValue(const QString &key) const;
    Status set(const QString &key, const QString &value) const;
    Status unset(const QString &key) const;
    Result<QList<Entry>> all() const;

private:
    const Catalog &m_catalog;
};

} // namespace Keepsake
