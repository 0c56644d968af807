// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "catalog/Settings.h"

#include <QCoreApplication>
#include <QString>
#include <QStringList>

#include <functional>

class QWidget;

namespace Keepsake {

// One of the lab's settings as the settings dialog shows it: a label in words, the
// control that fits its values (a number box, a list of choices, a password field),
// a sentence on what it does where that is not plain from the label, and the page it
// belongs on. A key the table does not know gets a text field named by its key.
struct SettingField
{
    enum class Page { Lab, Mail, Printing };

    QString key;
    Page page = Page::Lab;
    QString label;
    QString explanation;
    QWidget *widget = nullptr;
    std::function<QString()> value;                 // as Settings stores it
    std::function<void(const QString &)> setValue;
    bool emptyMeansDefault = false;                 // a text field left empty: back to the default
};

class SettingFields
{
    Q_DECLARE_TR_FUNCTIONS(Keepsake::SettingFields)

public:
    // ruleNames: the retention rules a new album may get.
    static SettingField make(const Settings::Entry &entry, const QStringList &ruleNames);
};

} // namespace Keepsake
