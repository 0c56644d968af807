// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QTranslator>

namespace Keepsake {

// Every text the customers' page and the phone's upload page show, by key, in one
// language: the pages ask for them (GET /web/v1/strings) and write no text of their own.
class WebStrings
{
public:
    static QJsonObject all(const QTranslator *translator);
};

} // namespace Keepsake
