// Keepsake — photo keeping for photo labs
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>
#include <QStringList>

class QTranslator;

namespace Keepsake {

// Every text the customers' page and the phone upload page show (resources/web), by
// key ("signin.title"), translated on the server from the context "Keepsake::WebPage"
// of Keepsake's .ts files. The pages fill in %1, %2... themselves.
class WebStrings
{
public:
    // {KEY: TEXT} for every key; the English source text where the translator has
    // none (or without a translator).
    static QJsonObject all(const QTranslator *translator);
    static QStringList keys();
};

} // namespace Keepsake
