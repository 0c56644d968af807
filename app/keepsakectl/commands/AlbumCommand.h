// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "Command.h"

#include <functional>

namespace Keepsake {

// `keepsakectl album SUB ...`: each concern brings its own sub-commands.
struct AlbumSubcommand
{
    QString name;
    QString description;
    std::function<int(CtlContext &, const QStringList &)> run;   // args[0]: "keepsakectl album SUB"
};

QList<AlbumSubcommand> albumRetentionSubcommands();   // set-rule, extend, restore (AlbumRetentionSubcommands.cpp)
QList<AlbumSubcommand> albumPrintSubcommands();       // cover, select (AlbumPrintSubcommands.cpp)

} // namespace Keepsake
